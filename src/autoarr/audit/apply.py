"""Applying recommendations and rolling them back: real writes, verified in the service, one writer per resource.

Every item succeeds or fails alone. A dry run reads but never writes. Writes to one config resource of
one service are serialised (a GET-then-PUT of a whole *arr resource must not lose a concurrent change),
and a recommendation's row is updated with an optimistic version check, so the same recommendation
applied twice at once changes the service once.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from autoarr.audit.rules.model import ApplyTarget, ArrTarget, PlexTarget, SabnzbdTarget
from autoarr.audit.writers import read_setting, resource_key, same_value, write_setting
from autoarr.bus import EventBus, RecommendationApplied, RecommendationRolledBack
from autoarr.errors import AutoArrError, ServiceUnavailableError
from autoarr.integrations.registry import Integrations
from autoarr.logs import get_logger
from autoarr.store.audit_repo import AuditRepository, ChangeRecord, ChangeRepository
from autoarr.store.tables import Recommendation

log = get_logger("autoarr.apply")

APPLICABLE = ("open", "rolled_back")


class _ItemError(Exception):
    """One item's failure: its error code and message, answered in its result."""

    def __init__(self, error: str, message: str) -> None:
        super().__init__(message)
        self.error = error
        self.message = message


@dataclass(frozen=True)
class _Plan:
    row: Recommendation
    target: ApplyTarget
    service: str


def _result(recommendation_id: int, *, success: bool, message: str, **fields: Any) -> dict[str, Any]:
    return {"recommendation_id": recommendation_id, "success": success, "message": message, **fields}


def _failure(recommendation_id: int, error: _ItemError) -> dict[str, Any]:
    return _result(recommendation_id, success=False, message=error.message, error=error.error)


def _summary(results: list[dict[str, Any]], *, dry_run: bool) -> dict[str, Any]:
    successful = sum(1 for r in results if r["success"])
    return {
        "results": results,
        "summary": {"total": len(results), "successful": successful, "failed": len(results) - successful},
        "dry_run": dry_run,
    }


def _new_value(row: Recommendation, target: ApplyTarget) -> Any:
    """The finding's recommended value when it has one, else the rule's default (in the service's own type)."""
    if row.recommended_value is not None:
        return row.recommended_value
    return target.value


class ApplyService:
    """`POST /config/apply` and `/config/rollback`, and the MCP tools that do the same."""

    def __init__(
        self,
        integrations: Integrations,
        audits: AuditRepository,
        changes: ChangeRepository,
        bus: EventBus,
    ) -> None:
        self._integrations = integrations
        self._audits = audits
        self._changes = changes
        self._bus = bus
        self._locks: defaultdict[tuple[str, str], asyncio.Lock] = defaultdict(asyncio.Lock)

    async def apply(self, ids: Sequence[int], *, dry_run: bool = False, actor: str) -> dict[str, Any]:
        """Apply each recommendation (or check that it would apply): the reference's per-item results."""
        results = [await self._apply_one(rid, dry_run=dry_run, actor=actor) for rid in ids]
        return _summary(results, dry_run=dry_run)

    async def rollback(
        self, ids: Sequence[int], *, dry_run: bool = False, force: bool = False, actor: str
    ) -> dict[str, Any]:
        """Restore each applied recommendation's previous value, in the apply's answer shape."""
        results = [await self._rollback_one(rid, dry_run=dry_run, force=force, actor=actor) for rid in ids]
        return _summary(results, dry_run=dry_run)

    # ---- apply ------------------------------------------------------------------------------------------

    async def _apply_one(self, recommendation_id: int, *, dry_run: bool, actor: str) -> dict[str, Any]:
        try:
            plan = await self._plan(recommendation_id)
            async with self._locks[resource_key(plan.service, plan.target)]:
                return await self._apply_locked(plan, dry_run=dry_run, actor=actor)
        except _ItemError as error:
            return _failure(recommendation_id, error)

    async def _apply_locked(self, plan: _Plan, *, dry_run: bool, actor: str) -> dict[str, Any]:
        row = await self._reload(plan.row.id)  # a concurrent apply may have finished while we waited
        if row.status not in APPLICABLE:
            raise _ItemError("conflict", f"Recommendation {row.id} is already {row.status.replace('_', ' ')}")
        new_value = _new_value(row, plan.target)
        from autoarr.audit.rules.catalogue import new_value_problem, rule_by_id  # loaded on first use

        rule = rule_by_id(row.rule_id)
        problem = new_value_problem(rule, new_value) if rule else None
        if problem:
            raise _ItemError("invalid_request", f"AutoArr refuses the new value {new_value!r}: {problem}")
        live = await self._read(plan)
        if not same_value(live, row.current_value):
            raise _ItemError(
                "conflict",
                f"{plan.service} now has {live!r} for {row.setting_name}, not the {row.current_value!r} the audit "
                "saw; audit again first",
            )
        if dry_run:
            return _result(
                row.id,
                success=True,
                message="Would be applied (dry run: nothing was changed)",
                previous_value=live,
                new_value=new_value,
                rollback_available=True,
            )
        stored = await self._write(plan, new_value)
        await self._log_change(row, "apply", actor=actor, before=live, after=stored)
        await self._bus.publish(
            RecommendationApplied(
                recommendation_id=row.id,
                service=row.service,
                setting_name=row.setting_name,
                previous_value=live,
                new_value=stored,
            )
        )
        log.info("recommendation applied", recommendation_id=row.id, service=row.service, actor=actor)
        return _result(
            row.id,
            success=True,
            message="Configuration applied successfully",
            previous_value=live,
            new_value=stored,
            rollback_available=True,
        )

    # ---- rollback ---------------------------------------------------------------------------------------

    async def _rollback_one(self, recommendation_id: int, *, dry_run: bool, force: bool, actor: str) -> dict[str, Any]:
        try:
            plan = await self._plan(recommendation_id)
            async with self._locks[resource_key(plan.service, plan.target)]:
                return await self._rollback_locked(plan, dry_run=dry_run, force=force, actor=actor)
        except _ItemError as error:
            return _failure(recommendation_id, error)

    async def _rollback_locked(self, plan: _Plan, *, dry_run: bool, force: bool, actor: str) -> dict[str, Any]:
        row = await self._reload(plan.row.id)
        if row.status != "applied":
            raise _ItemError("conflict", f"Recommendation {row.id} is {row.status.replace('_', ' ')}, not applied")
        live = await self._read(plan)
        if not force and not same_value(live, row.applied_value):
            raise _ItemError(
                "conflict",
                f"{row.setting_name} was changed outside AutoArr since it was applied (it is {live!r}, AutoArr wrote "
                f"{row.applied_value!r}); pass force to restore {row.previous_value!r} anyway",
            )
        if dry_run:
            return _result(
                row.id,
                success=True,
                message="Would be rolled back (dry run: nothing was changed)",
                previous_value=live,
                new_value=row.previous_value,
                rollback_available=False,
            )
        stored = await self._write(plan, row.previous_value)
        await self._log_change(row, "rollback", actor=actor, before=live, after=stored)
        await self._bus.publish(
            RecommendationRolledBack(
                recommendation_id=row.id, service=row.service, setting_name=row.setting_name, restored_value=stored
            )
        )
        log.info("recommendation rolled back", recommendation_id=row.id, service=row.service, actor=actor)
        return _result(
            row.id,
            success=True,
            message="Configuration rolled back successfully",
            previous_value=live,
            new_value=stored,
            rollback_available=False,
        )

    # ---- shared -----------------------------------------------------------------------------------------

    async def _plan(self, recommendation_id: int) -> _Plan:
        from autoarr.audit.rules.catalogue import rule_by_id  # loaded on first use

        row = await self._audits.recommendation(recommendation_id)
        if row is None:
            raise _ItemError("not_found", f"Recommendation with ID {recommendation_id} not found")
        rule = rule_by_id(row.rule_id)
        if rule is None or rule.applicable is None or row.service == "cross":
            note = (rule.apply_note if rule else None) or "AutoArr cannot change this setting through the API"
            raise _ItemError("invalid_request", f"manual action required: {note}")
        target = rule.applicable
        if not isinstance(target, SabnzbdTarget | ArrTarget | PlexTarget):  # pragma: no cover - the union is closed
            raise _ItemError("invalid_request", "manual action required")
        return _Plan(row=row, target=target, service=row.service)

    async def _log_change(self, row: Recommendation, action: str, *, actor: str, before: Any, after: Any) -> None:
        """Move the recommendation on and log the write, unless a concurrent request moved it first."""
        change = ChangeRecord(
            recommendation_id=row.id,
            action=action,
            actor=actor,
            service=row.service,
            setting_path=row.setting_path,
            before=before,
            after=after,
            at=datetime.now(UTC),
        )
        mark = self._changes.mark_applied if action == "apply" else self._changes.mark_rolled_back
        if not await mark(change, expected_version=row.version):
            raise _ItemError("conflict", f"Recommendation {row.id} was changed by a concurrent request")

    async def _reload(self, recommendation_id: int) -> Recommendation:
        row = await self._audits.recommendation(recommendation_id)
        if row is None:  # pragma: no cover - rows are never deleted
            raise _ItemError("not_found", f"Recommendation with ID {recommendation_id} not found")
        return row

    async def _read(self, plan: _Plan) -> Any:
        try:
            return await read_setting(self._integrations, plan.service, plan.target)
        except ServiceUnavailableError as exc:
            raise _ItemError("mcp_connection_error", f"Service connection failed: {exc.message}") from exc
        except AutoArrError as exc:
            raise _ItemError(exc.code, exc.message) from exc

    async def _write(self, plan: _Plan, value: Any) -> Any:
        try:
            return await write_setting(self._integrations, plan.service, plan.target, value)
        except ServiceUnavailableError as exc:
            raise _ItemError("mcp_connection_error", f"Service connection failed: {exc.message}") from exc
        except AutoArrError as exc:
            # A silent refusal (SABnzbd kept the old value) or a value the service rejected: never "applied".
            raise _ItemError(exc.code, f"{plan.service} did not apply the change: {exc.message}") from exc
