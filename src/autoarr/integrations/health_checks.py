"""Background health checks: one cheap authenticated call per service every interval.

Each check goes through the service's breaker like any other call (so a down service's circuit opens,
and once its timeout passes the check is the single probe), records healthy/latency/error/last_check
for `/health`, and publishes `service.health_changed` when a service's verdict changes. A circuit that
ordinary calls open (or a probe closes) is checked again at once, so `/health` never calls a service healthy
while its endpoints answer 503 until the next round.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from contextvars import Context, ContextVar
from datetime import datetime

from autoarr.bus import EventBus, ServiceHealthChanged, utc_now
from autoarr.errors import AutoArrError
from autoarr.integrations.breaker import BreakerState
from autoarr.integrations.registry import Integrations, ServiceHealth, ServiceSlot
from autoarr.logs import get_logger, scrub
from autoarr.pacing import Pacer, stop_tasks
from autoarr.settings import ServiceName, Settings

log = get_logger("autoarr.health")

_IN_CHECK: ContextVar[bool] = ContextVar("autoarr_in_health_check", default=False)


class HealthMonitor:
    """Runs the checks on a schedule; `check_all()` is also callable directly (tests, start-up)."""

    def __init__(
        self,
        integrations: Integrations,
        bus: EventBus,
        *,
        interval_seconds: float,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self._integrations = integrations
        self._bus = bus
        self.pacer = Pacer(interval_seconds)
        self._now = now
        self._task: asyncio.Task[None] | None = None
        # One check per service at a time: each reads the verdict the one before it recorded, so a change
        # is announced once however a round and a re-check overlap.
        self._locks: dict[str, asyncio.Lock] = {}
        self._recheck_due: set[str] = set()  # services with a re-check waiting to run
        # What the last check of each service found: the next one announces a change against this, not
        # against the live breaker, which ordinary calls may have moved already.
        self._verdicts: dict[str, tuple[bool, BreakerState]] = {}
        self._rechecks: set[asyncio.Task[None]] = set()
        self.rounds = 0

    async def check(self, slot: ServiceSlot) -> ServiceHealth:
        """Check one service now and record (and announce) the verdict."""
        async with self._locks.setdefault(slot.name, asyncio.Lock()):
            return await self._check(slot)

    async def _check(self, slot: ServiceSlot) -> ServiceHealth:
        before = self._verdicts.get(slot.name)
        started = time.perf_counter()
        error: str | None = None
        checking = _IN_CHECK.set(True)
        try:
            await slot.client.ping()
        except AutoArrError as exc:
            error = scrub(exc.message)
        finally:
            _IN_CHECK.reset(checking)
        latency_ms = round((time.perf_counter() - started) * 1000, 1)
        slot.health = ServiceHealth(
            healthy=error is None,
            latency_ms=latency_ms if error is None else None,
            error=error,
            last_check=self._now(),
        )
        after = self._verdicts[slot.name] = (slot.health.healthy, slot.breaker.state)
        if after != before:
            log.info("service health changed", service=slot.name, healthy=slot.health.healthy, error=error)
            await self._bus.publish(
                ServiceHealthChanged(
                    service=slot.name,
                    healthy=slot.health.healthy,
                    circuit_breaker_state=slot.breaker.state,
                    error=error,
                )
            )
        return slot.health

    async def apply_settings(self, settings: Settings) -> None:
        """A new interval applies at once, and services whose settings changed are checked right away."""
        self.pacer.change(settings.health_interval_seconds)
        self.pacer.wake()

    async def check_all(self) -> None:
        await asyncio.gather(*(self.check(slot) for slot in self._integrations))
        self.rounds += 1

    def start(self) -> None:
        if self._task is None and len(self._integrations):
            self._task = asyncio.create_task(self._run(), name="autoarr-health-checks")
        self._integrations.on_breaker_change = self._breaker_moved

    async def stop(self) -> None:
        self._integrations.on_breaker_change = None
        task, self._task = self._task, None
        await stop_tasks(task, *self._rechecks)

    def _breaker_moved(self, name: ServiceName, state: BreakerState) -> None:
        """Check a service whose circuit ordinary calls opened, or a probe closed, now rather than next round."""
        if state == "half_open" or _IN_CHECK.get() or name in self._recheck_due:
            return  # a check moved it (its verdict is on the way), or a re-check is already waiting
        self._recheck_due.add(name)
        # A fresh context: the re-check belongs to no request (its event and logs carry no request id).
        recheck = asyncio.create_task(self._recheck(name), name=f"autoarr-health-recheck-{name}", context=Context())
        self._rechecks.add(recheck)
        recheck.add_done_callback(self._recheck_done)

    async def _recheck(self, name: str) -> None:
        try:
            async with self._locks.setdefault(name, asyncio.Lock()):
                self._recheck_due.discard(name)
                slot = next((slot for slot in self._integrations if slot.name == name), None)
                if slot is not None:  # still enabled
                    await self._check(slot)
        finally:
            self._recheck_due.discard(name)  # also when cancelled while waiting

    def _recheck_done(self, task: asyncio.Task[None]) -> None:
        self._rechecks.discard(task)
        if not task.cancelled() and (exc := task.exception()) is not None:
            log.error("health re-check failed", error=repr(exc))

    async def _run(self) -> None:
        while True:
            try:
                await self.check_all()
            except Exception:  # a bug in one round must not end health checking for good
                log.exception("health check round failed")
            await self.pacer.wait()
