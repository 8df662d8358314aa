"""AutoArr served on loopback and wired to the simulated stack (or to a real SABnzbd)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI

from autoarr.bus import EventBus
from autoarr.events.downloads import DownloadMonitor
from autoarr.integrations.health_checks import HealthMonitor
from autoarr.integrations.registry import Integrations
from autoarr.sim.stack import SimulatedStack
from autoarr.store.downloads_repo import SeenDownloadRepository
from tests.live import LiveApp, serve_settings, settings_for

# Background loops are driven by the tests (poll counts, not the clock): their intervals are an hour.
QUIET = {"AUTOARR_HEALTH_INTERVAL_SECONDS": "3600", "AUTOARR_DOWNLOAD_POLL_SECONDS": "3600"}


@dataclass
class Wired:
    live: LiveApp
    stack: SimulatedStack

    @property
    def health_monitor(self) -> HealthMonitor:
        monitor: HealthMonitor = self.live.app.state.health_monitor
        return monitor

    @property
    def download_monitor(self) -> DownloadMonitor:
        monitor: DownloadMonitor = self.live.app.state.download_monitor
        return monitor

    @property
    def integrations(self) -> Integrations:
        integrations: Integrations = self.live.app.state.integrations
        return integrations

    @property
    def bus(self) -> EventBus:
        bus: EventBus = self.live.app.state.kit.bus
        return bus


async def eventually(check: Callable[[], Awaitable[bool] | bool], *, within: float = 10) -> None:
    """Wait for a condition with a deadline (no fixed sleeps)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        result = check()
        if isinstance(result, Awaitable):
            result = await result
        if result:
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not met in time")


@asynccontextmanager
async def serve_stack(data_dir: Path, **overrides: str) -> AsyncIterator[Wired]:
    """The four simulators and AutoArr wired to them; background loops quiet unless overridden."""
    async with SimulatedStack() as stack:
        settings = settings_for(data_dir, **stack.environment(), **{**QUIET, **overrides})
        async with serve_settings(settings) as live:
            wired = Wired(live, stack)
            await eventually(lambda: wired.health_monitor.rounds >= 1)
            yield wired


async def baseline_taken(app: FastAPI) -> None:
    """Wait until the download monitor's first successful poll remembered what SABnzbd had already finished.

    Not `polls >= 1`: a poll that failed counts too, and the test's own poll would then take the baseline.
    """
    await eventually(SeenDownloadRepository(app.state.kit.database.sessions).baseline_taken)
