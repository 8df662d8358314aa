"""Scheduled audits: every enabled service audited every `auto_audit_interval_hours`.

The next run is computed from the newest audit in the store (manual ones included), so a restart keeps
the schedule; with no audit at all, the first one is due one interval after the schedule was turned on.
`run_due` takes the time as an argument, so tests drive the schedule without waiting.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from datetime import datetime, timedelta

from autoarr.audit.service import AuditService
from autoarr.bus import utc_now
from autoarr.errors import AutoArrError
from autoarr.integrations.registry import Integrations
from autoarr.logs import get_logger
from autoarr.pacing import stop_tasks
from autoarr.settings import Settings
from autoarr.store.audit_repo import AuditRepository

log = get_logger("autoarr.audit.schedule")

RETRY_SECONDS = 300.0


class AuditScheduler:
    """Runs due audits; reconfigured live through `apply_settings`."""

    def __init__(
        self,
        audits: AuditService,
        repository: AuditRepository,
        integrations: Integrations,
        settings: Settings,
        *,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self._audits = audits
        self._repository = repository
        self._integrations = integrations
        self._now = now
        self.enabled = settings.auto_audit_enabled
        self.interval = timedelta(hours=settings.auto_audit_interval_hours)
        self._enabled_at = now()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def next_run(self) -> datetime | None:
        """When the next scheduled audit is due (None while the schedule is off)."""
        if not self.enabled:
            return None
        last = await self._repository.latest_audit_at()
        return (last or self._enabled_at) + self.interval

    async def run_due(self, now: datetime | None = None) -> str | None:
        """Run the audit if one is due at `now`; its audit id, or None when nothing was due."""
        due = await self.next_run()
        moment = now or self._now()
        services = [slot.name for slot in self._integrations]
        if due is None or moment < due or not services:
            return None
        try:
            answer = await self._audits.run(services)
        except AutoArrError as exc:
            log.warning("scheduled audit failed", error=exc.message)
            return None
        log.info("scheduled audit ran", audit_id=answer["audit_id"])
        return str(answer["audit_id"])

    async def apply_settings(self, settings: Settings) -> None:
        if settings.auto_audit_enabled and not self.enabled:
            self._enabled_at = self._now()
        self.enabled = settings.auto_audit_enabled
        self.interval = timedelta(hours=settings.auto_audit_interval_hours)
        self._wake.set()  # recompute the next run at once

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="autoarr-audit-schedule")

    async def stop(self) -> None:
        task, self._task = self._task, None
        await stop_tasks(task)

    async def _run(self) -> None:
        while True:
            due = await self.next_run()
            wait = None if due is None else max(0.0, (due - self._now()).total_seconds())
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), wait)
            if self._wake.is_set():
                continue
            try:
                ran = await self.run_due()
            except Exception:  # one failed round must not end the schedule
                log.exception("scheduled audit round failed")
                ran = None
            if ran is None:  # due but nothing ran (services down): retry later, not in a tight loop
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), RETRY_SECONDS)
