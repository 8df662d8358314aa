"""A loop's rhythm that can be changed while it waits (settings applied live take effect at once)."""

from __future__ import annotations

import asyncio
import contextlib


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
