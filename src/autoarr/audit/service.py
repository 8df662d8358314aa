"""Audits and recommendations: run the catalogue over live configuration, persist, answer the reference's shapes.

REST routes, MCP tools and the scheduler all call these functions.
"""

from __future__ import annotations

import asyncio
import math
import secrets
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from autoarr.audit.collect import collect
from autoarr.audit.rules.model import Outcome
from autoarr.audit.snapshot import ConfigSnapshot, StackSnapshot
from autoarr.bus import ConfigAuditCompleted, EventBus
from autoarr.errors import AutoArrError, InvalidRequestError, NotFoundError
from autoarr.formatting import iso_utc
from autoarr.integrations.registry import Integrations
from autoarr.logs import get_logger
from autoarr.settings import SERVICE_NAMES, ServiceName
from autoarr.store.audit_repo import AuditCounts, AuditRepository, FiredRule, RecommendationFilter
from autoarr.store.tables import Recommendation

log = get_logger("autoarr.audit")

PRIORITIES = ("critical", "high", "medium", "low")
CATEGORIES = ("performance", "security", "best_practices")
STATUSES = ("open", "applied", "rolled_back", "resolved")
RECOMMENDATION_SERVICES = (*SERVICE_NAMES, "cross")


def parse_services(requested: Sequence[str]) -> list[ServiceName]:
    """The services an audit asked for, each once; 400 for an empty list or a name that is none of the four."""
    if not requested:
        raise InvalidRequestError(
            "At least one service must be specified", details={"services": f"one or more of {', '.join(SERVICE_NAMES)}"}
        )
    unknown = {
        f"services.{i}": f"unknown service {name!r}" for i, name in enumerate(requested) if name not in SERVICE_NAMES
    }
    if unknown:
        raise InvalidRequestError(
            f"Unknown service in {list(requested)}; use {', '.join(SERVICE_NAMES)}", details=unknown
        )
    return [name for name in SERVICE_NAMES if name in requested]


class AuditService:
    """One audit at a time per process; recommendations kept in the store."""

    def __init__(
        self, integrations: Integrations, repository: AuditRepository, bus: EventBus, *, search_url: str | None
    ) -> None:
        self._integrations = integrations
        self._repository = repository
        self._bus = bus
        self._search_url = search_url
        self._running = asyncio.Lock()  # two audits at once would race to open the same recommendation

    async def run(self, services: Sequence[str], *, include_web_search: bool = True) -> dict[str, Any]:
        """Audit these services now: the reference's audit response (plus `web_search`, and `error` per failure)."""
        wanted = parse_services(services)
        async with self._running:
            return await self._run(wanted, include_web_search=include_web_search)

    async def _run(self, wanted: list[ServiceName], *, include_web_search: bool) -> dict[str, Any]:
        now = datetime.now(UTC)
        audit_id = f"audit_{secrets.token_hex(6)}"
        results = await asyncio.gather(*(self._snapshot(name) for name in wanted))
        snapshots = {name: snap for name, snap in zip(wanted, results, strict=True) if isinstance(snap, ConfigSnapshot)}
        errors = {name: err for name, err in zip(wanted, results, strict=True) if isinstance(err, AutoArrError)}

        from autoarr.audit.rules.catalogue import evaluate, evaluate_cross  # the catalogue loads on first use

        outcomes: dict[str, list[Outcome]] = {name: evaluate(snap) for name, snap in snapshots.items()}
        cross = [o for o in evaluate_cross(StackSnapshot(snapshots)) if set(o.rule.reads) <= set(snapshots)]  # type: ignore[union-attr]
        if cross:
            outcomes["cross"] = cross
        fired = [o for found in outcomes.values() for o in found if o.status == "fired"]
        passed = [(o.service, o.rule_id) for found in outcomes.values() for o in found if o.status == "passed"]
        by_priority: Counter[str] = Counter(o.priority for o in fired)

        web_search = self._web_search(include_web_search)
        summary = await self._repository.save_audit(
            AuditCounts(
                audit_id=audit_id,
                created_at=now,
                services=list(wanted),
                by_priority={p: by_priority[p] for p in PRIORITIES},
                issues_found={name: sum(1 for o in found if o.status == "fired") for name, found in outcomes.items()},
                errors={name: error.body() for name, error in errors.items()},
                web_search=web_search,
            ),
            fired=[_fired(o) for o in fired],
            passed=passed,
        )
        await self._bus.publish(ConfigAuditCompleted(audit_id=audit_id, recommendation_count=len(fired)))
        log.info("audit completed", audit_id=audit_id, services=list(wanted), fired=len(fired), failed=list(errors))
        answer: dict[str, Any] = {
            "audit_id": audit_id,
            "timestamp": iso_utc(now),
            "services_audited": [name for name in wanted if name in snapshots],
            "total_recommendations": len(fired),
            "recommendations_by_priority": {p: by_priority[p] for p in PRIORITIES},
            # The reference keys `summary` by audited service; rules across services get their own entry.
            "summary": {name: value for name, value in summary.items() if name != "cross"},
            "web_search": web_search,
        }
        if "cross" in summary:
            answer["cross_service"] = summary["cross"]
        return answer

    async def _snapshot(self, name: ServiceName) -> ConfigSnapshot | AutoArrError:
        try:
            return await collect(name, self._integrations)
        except AutoArrError as exc:  # disabled, down or refusing our key: reported in the summary
            return exc

    def _web_search(self, requested: bool) -> dict[str, Any]:
        if not requested:
            return {"used": False, "reason": "not requested (include_web_search is false)"}
        reason = (
            "AUTOARR_SEARCH_URL is set, but web search is not supported yet"
            if self._search_url
            else "no web search provider is configured (AUTOARR_SEARCH_URL); the built-in sourced rules were used"
        )
        return {"used": False, "reason": reason}

    async def recommendations(
        self, filters: RecommendationFilter, *, page: int = 1, page_size: int = 10
    ) -> dict[str, Any]:
        """The reference's paginated list, newest first, with the filters that were applied."""
        _check_filters(filters)
        rows, total = await self._repository.recommendations(filters, page=page, page_size=page_size)
        applied = {k: v for k, v in vars(filters).items() if v is not None}
        return {
            "recommendations": [recommendation_summary(row) for row in rows],
            "pagination": _pagination(page, page_size, total),
            "filters_applied": applied,
        }

    async def recommendation(self, recommendation_id: int) -> dict[str, Any]:
        """One recommendation with its explanation and sources; 404 when there is none with that id."""
        row = await self._repository.recommendation(recommendation_id)
        if row is None:
            raise NotFoundError(f"Recommendation with ID {recommendation_id} not found")
        return recommendation_detail(row)

    async def history(self, *, page: int = 1, page_size: int = 10) -> dict[str, Any]:
        """Audits newest first, each with its counts as they were and a live `applied_count`."""
        rows, total = await self._repository.audits(page=page, page_size=page_size)
        return {
            "audits": [
                {
                    "audit_id": run.audit_id,
                    "timestamp": iso_utc(run.created_at),
                    "services": run.services,
                    "total_recommendations": run.total_recommendations,
                    "critical_count": run.critical_count,
                    "high_count": run.high_count,
                    "medium_count": run.medium_count,
                    "low_count": run.low_count,
                    "applied_count": applied,
                }
                for run, applied in rows
            ],
            "pagination": _pagination(page, page_size, total),
        }


def _check_filters(filters: RecommendationFilter) -> None:
    allowed = {"service": RECOMMENDATION_SERVICES, "priority": PRIORITIES, "category": CATEGORIES, "status": STATUSES}
    bad = {
        name: f"one of {', '.join(choices)}"
        for name, choices in allowed.items()
        if getattr(filters, name) is not None and getattr(filters, name) not in choices
    }
    if bad:
        raise InvalidRequestError(f"Invalid filter: {', '.join(bad)}", details=bad)


def _pagination(page: int, page_size: int, total: int) -> dict[str, int]:
    return {"page": page, "page_size": page_size, "total_items": total, "total_pages": math.ceil(total / page_size)}


def _fired(outcome: Outcome) -> FiredRule:
    rule = outcome.rule
    return FiredRule(
        service=outcome.service,
        rule_id=rule.id,
        setting_name=rule.setting_name,
        setting_path=rule.setting_path,
        category=rule.category,
        priority=outcome.priority,
        current_value=outcome.current_value,
        recommended_value=outcome.recommended_value,
        detail=outcome.detail,
    )


def _rule(rule_id: str) -> Any:
    from autoarr.audit.rules.catalogue import rule_by_id  # the catalogue loads on first use, not at start-up

    return rule_by_id(rule_id)


def recommendation_summary(row: Recommendation) -> dict[str, Any]:
    """The list item of the reference."""
    rule = _rule(row.rule_id)
    return {
        "id": row.id,
        "service": row.service,
        "category": row.category,
        "setting_name": row.setting_name,
        "current_value": row.current_value,
        "recommended_value": row.recommended_value,
        "priority": row.priority,
        "rationale": rule.rationale if rule else "",
        "impact": rule.impact if rule else "",
        "applied": row.status == "applied",
        "created_at": iso_utc(row.created_at),
    }


def recommendation_detail(row: Recommendation) -> dict[str, Any]:
    """The detail of the reference, plus `status`, the exact `setting_path` and the finding's `detail`."""
    rule = _rule(row.rule_id)
    explanation = rule.explanation if rule else ""
    if row.detail:
        explanation = f"{explanation} {row.detail}".strip()
    return {
        **recommendation_summary(row),
        "explanation": explanation,
        "references": list(rule.references) if rule else [],
        "applied_at": iso_utc(row.applied_at) if row.status == "applied" else None,  # null once rolled back
        "status": row.status,
        "setting_path": row.setting_path,
        "rule_id": row.rule_id,
        "auto_apply": bool(rule and rule.applicable is not None),
    }
