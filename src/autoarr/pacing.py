"""Background loops: a rhythm that can be changed while it waits, and stopping their tasks."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any


class Pacer:
    """Waits `interval` seconds between rounds; `change()` sets a new interval and ends the current wait."""

    def __init__(self, interval_seconds: float) -> None:
        self.interval = interval_seconds
        self._wake = asyncio.Event()

    async def wait(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), self.interval)
        self._wake.clear()

    def wake(self) -> None:
        """End the current wait now (the next round runs at once)."""
        self._wake.set()

    def change(self, interval_seconds: float) -> None:
        if interval_seconds != self.interval:
            self.interval = interval_seconds
            self._wake.set()


async def stop_tasks(*tasks: asyncio.Task[Any] | None) -> None:
    """Cancel these background tasks (None: there is none) and wait until each has stopped."""
    running = [task for task in tasks if task is not None]
    for task in running:
        task.cancel()
    for task in running:
        with contextlib.suppress(asyncio.CancelledError):
            await task
