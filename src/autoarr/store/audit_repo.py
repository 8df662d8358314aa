"""SQL for audits and recommendations: saving an audit's verdicts, and the lists the API pages through."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from autoarr.store.dialects import serialize_transaction
from autoarr.store.tables import AuditFinding, AuditRun, ConfigChange, Recommendation

# A rule firing again while its recommendation is in one of these updates it instead of opening another.
_LIVE = ("open", "rolled_back")


@dataclass(frozen=True)
class FiredRule:
    """What the engine hands over for a rule that fired (values already redacted)."""

    service: str
    rule_id: str
    setting_name: str
    setting_path: str
    category: str
    priority: str
    current_value: Any
    recommended_value: Any
    detail: str | None


@dataclass(frozen=True)
class AuditCounts:
    audit_id: str
    created_at: datetime
    services: list[str]
    by_priority: Mapping[str, int]
    issues_found: Mapping[str, int]  # rules fired, per audited service ("cross" included)
    errors: Mapping[str, Any]  # the error envelope of each service that could not be audited
    web_search: Mapping[str, Any]


@dataclass(frozen=True)
class RecommendationFilter:
    service: str | None = None
    priority: str | None = None
    category: str | None = None
    status: str | None = None


class AuditRepository:
    """Audits and the lifecycle of recommendations (open -> applied/rolled_back -> resolved)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def save_audit(
        self, counts: AuditCounts, *, fired: Iterable[FiredRule], passed: Iterable[tuple[str, str]]
    ) -> dict[str, int]:
        """Store the audit, update or open a recommendation per fired rule, resolve the ones now passing.

        Returns the per-service summary (`issues_found`; `recommendations`, the ones this audit made, each
        fired rule being one, as the reference's example shows; `error`). One transaction: a failure leaves
        no half-saved audit.
        """
        now = counts.created_at
        async with self._sessions() as session, session.begin():
            # Replicas auditing at once would each open the same recommendation: their saves take turns.
            await serialize_transaction(session, "autoarr.audit.save")
            run = AuditRun(
                audit_id=counts.audit_id,
                created_at=now,
                services=counts.services,
                total_recommendations=sum(counts.by_priority.values()),
                critical_count=counts.by_priority.get("critical", 0),
                high_count=counts.by_priority.get("high", 0),
                medium_count=counts.by_priority.get("medium", 0),
                low_count=counts.by_priority.get("low", 0),
                summary={},
                web_search=dict(counts.web_search),
            )
            session.add(run)
            fired = list(fired)
            passed_by_service: dict[str, set[str]] = {}
            for service, rule_id in passed:
                passed_by_service.setdefault(service, set()).add(rule_id)
            services = {rule.service for rule in fired} | set(passed_by_service)
            # One read of every live recommendation of the audited services, instead of one per rule.
            live: dict[tuple[str, str], Recommendation] = {}
            if services:
                rows_live = await session.scalars(
                    select(Recommendation)
                    .where(Recommendation.service.in_(services), Recommendation.status.in_(_LIVE))
                    .order_by(Recommendation.id)
                )
                live = {(row.service, row.rule_id): row for row in rows_live}  # the newest wins
            found = [
                self._upsert(session, live.get((rule.service, rule.rule_id)), rule, counts.audit_id, now)
                for rule in fired
            ]
            await session.flush()  # assigns the ids of new recommendations
            session.add_all(AuditFinding(audit_id=counts.audit_id, recommendation_id=row.id) for row in found)
            for service, rule_ids in passed_by_service.items():
                await session.execute(
                    update(Recommendation)
                    .where(
                        Recommendation.service == service,
                        Recommendation.rule_id.in_(rule_ids),
                        Recommendation.status.in_(_LIVE),
                    )
                    .values(status="resolved", resolved_at=now, updated_at=now, last_audit_id=counts.audit_id)
                )
            made = Counter(row.service for row in found)
            summary: dict[str, Any] = {
                name: {"issues_found": issues, "recommendations": made[name]}
                for name, issues in counts.issues_found.items()
            }
            for name, error in counts.errors.items():  # not audited: it made none
                summary[name] = {"issues_found": 0, "recommendations": 0, "error": error}
            run.summary = summary
            return summary

    @staticmethod
    def _upsert(
        session: AsyncSession, existing: Recommendation | None, rule: FiredRule, audit_id: str, now: datetime
    ) -> Recommendation:
        if existing is None:
            existing = Recommendation(
                service=rule.service,
                rule_id=rule.rule_id,
                setting_name=rule.setting_name,
                setting_path=rule.setting_path,
                status="open",
                first_audit_id=audit_id,
                created_at=now,
                version=1,
            )
            session.add(existing)
        existing.category = rule.category
        existing.priority = rule.priority
        existing.current_value = rule.current_value
        existing.recommended_value = rule.recommended_value
        existing.detail = rule.detail[:2000] if rule.detail else rule.detail  # PostgreSQL enforces the size
        existing.last_audit_id = audit_id
        existing.updated_at = now
        return existing

    async def recommendations(
        self, filters: RecommendationFilter, *, page: int, page_size: int
    ) -> tuple[list[Recommendation], int]:
        """One page, newest first, and the total matching."""
        query: Select[Recommendation] = select(Recommendation)
        for column, value in (
            (Recommendation.service, filters.service),
            (Recommendation.priority, filters.priority),
            (Recommendation.category, filters.category),
            (Recommendation.status, filters.status),
        ):
            if value is not None:
                query = query.where(column == value)
        async with self._sessions() as session:
            total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
            rows = await session.scalars(
                query.order_by(Recommendation.created_at.desc(), Recommendation.id.desc())
                .offset((page - 1) * page_size)
                .limit(page_size)
            )
            return list(rows), total

    async def recommendation(self, recommendation_id: int) -> Recommendation | None:
        async with self._sessions() as session:
            return await session.get(Recommendation, recommendation_id)

    async def audits(self, *, page: int, page_size: int) -> tuple[list[tuple[AuditRun, int]], int]:
        """One page of audits, newest first, each with the live number of its recommendations now applied."""
        applied = (
            select(AuditFinding.audit_id, func.count().label("applied"))
            .join(Recommendation, Recommendation.id == AuditFinding.recommendation_id)
            .where(Recommendation.status == "applied")
            .group_by(AuditFinding.audit_id)
            .subquery()
        )
        async with self._sessions() as session:
            total = await session.scalar(select(func.count()).select_from(AuditRun)) or 0
            rows = await session.execute(
                select(AuditRun, func.coalesce(applied.c.applied, 0))
                .outerjoin(applied, applied.c.audit_id == AuditRun.audit_id)
                .order_by(AuditRun.created_at.desc(), AuditRun.audit_id.desc())
                .offset((page - 1) * page_size)
                .limit(page_size)
            )
            return [(run, int(count)) for run, count in rows], total

    async def latest_audit_at(self) -> datetime | None:
        """When the newest audit ran (scheduled audits count their interval from it)."""
        async with self._sessions() as session:
            moment: datetime | None = await session.scalar(select(func.max(AuditRun.created_at)))
        if moment is None:
            return None
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


@dataclass(frozen=True)
class ChangeRecord:
    """One write to a service's settings, for the change log."""

    recommendation_id: int
    action: str
    actor: str
    service: str
    setting_path: str
    before: Any
    after: Any
    at: datetime


class ChangeRepository:
    """Marks recommendations applied or rolled back, with the change log row, in one transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def mark_applied(self, change: ChangeRecord, *, expected_version: int) -> bool:
        """Applied, if nobody changed the recommendation meanwhile (False: a concurrent write won)."""
        return await self._transition(
            change,
            expected_version=expected_version,
            allowed=("open", "rolled_back"),
            values={
                "status": "applied",
                "applied_at": change.at,
                "previous_value": change.before,
                "applied_value": change.after,
            },
        )

    async def mark_rolled_back(self, change: ChangeRecord, *, expected_version: int) -> bool:
        """Rolled back (it may be applied again later), if still applied as read."""
        return await self._transition(
            change,
            expected_version=expected_version,
            allowed=("applied",),
            values={"status": "rolled_back", "rolled_back_at": change.at, "current_value": change.after},
        )

    async def _transition(
        self, change: ChangeRecord, *, expected_version: int, allowed: tuple[str, ...], values: dict[str, Any]
    ) -> bool:
        async with self._sessions() as session, session.begin():
            result = await session.execute(
                update(Recommendation)
                .where(
                    Recommendation.id == change.recommendation_id,
                    Recommendation.version == expected_version,
                    Recommendation.status.in_(allowed),
                )
                .values(**values, updated_at=change.at, version=expected_version + 1)
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                return False
            session.add(
                ConfigChange(
                    recommendation_id=change.recommendation_id,
                    action=change.action,
                    actor=change.actor,
                    service=change.service,
                    setting_path=change.setting_path,
                    before=change.before,
                    after=change.after,
                    at=change.at,
                )
            )
            return True

    async def changes(self, recommendation_id: int) -> list[ConfigChange]:
        async with self._sessions() as session:
            rows = await session.scalars(
                select(ConfigChange)
                .where(ConfigChange.recommendation_id == recommendation_id)
                .order_by(ConfigChange.id)
            )
            return list(rows)
