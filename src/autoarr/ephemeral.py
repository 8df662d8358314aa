"""Short-lived state (confirm tokens and the like): in memory for one process, in Redis shared by every replica.

Both stores keep the same promise: a value lives at most `ttl` seconds, and `pop` hands it out exactly once
even when several callers (or replicas) race for it. Values are text; callers encode their own JSON.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from redis.asyncio import Redis


class EphemeralStore(Protocol):
    """Keys that expire on their own; `pop` is the one way to spend a value."""

    async def set(self, key: str, value: str, *, ttl: float) -> None:
        """Store the value under the key for `ttl` seconds (replacing what was there)."""

    async def add(self, key: str, value: str, *, ttl: float) -> bool:
        """Store the value only if the key holds nothing yet; whether it was stored."""

    async def get(self, key: str) -> str | None:
        """The value, without spending it (None when absent or expired)."""

    async def pop(self, key: str) -> str | None:
        """Take the value out atomically: of several callers racing for one key, one gets it, the rest None."""

    async def close(self) -> None:
        """Release what the store holds open."""


class MemoryEphemeralStore:
    """One process's store: a dict with deadlines, bounded (beyond `max_entries` the oldest entries go first)."""

    def __init__(self, *, max_entries: int = 10_000, clock: Callable[[], float] = time.monotonic) -> None:
        self._entries: dict[str, tuple[str, float]] = {}
        self._max_entries = max_entries
        self._clock = clock

    def _live(self, key: str) -> str | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry[1] <= self._clock():
            del self._entries[key]
            return None
        return entry[0]

    def _put(self, key: str, value: str, ttl: float) -> None:
        now = self._clock()
        if len(self._entries) >= self._max_entries:
            self._entries = {k: entry for k, entry in self._entries.items() if entry[1] > now}
            while len(self._entries) >= self._max_entries:
                del self._entries[next(iter(self._entries))]
        self._entries.pop(key, None)  # a replaced key counts as the newest
        self._entries[key] = (value, now + ttl)

    async def set(self, key: str, value: str, *, ttl: float) -> None:
        """Store the value under the key for `ttl` seconds."""
        self._put(key, value, ttl)

    async def add(self, key: str, value: str, *, ttl: float) -> bool:
        """Store only if absent; whether it was stored."""
        if self._live(key) is not None:
            return False
        self._put(key, value, ttl)
        return True

    async def get(self, key: str) -> str | None:
        """The value, unspent."""
        return self._live(key)

    async def pop(self, key: str) -> str | None:
        """Take the value out (no await between the read and the removal: atomic within the event loop)."""
        value = self._live(key)
        if value is not None:
            del self._entries[key]
        return value

    async def close(self) -> None:
        """Forget everything."""
        self._entries.clear()


class RedisEphemeralStore:
    """The store shared by replicas: one Redis key per entry under `prefix`, expiring by Redis's own PX."""

    def __init__(self, client: Redis, *, prefix: str) -> None:
        self._client = client
        self._prefix = f"{prefix}:ephemeral:"

    @staticmethod
    def _ms(ttl: float) -> int:
        return max(1, round(ttl * 1000))

    async def set(self, key: str, value: str, *, ttl: float) -> None:
        """SET with PX."""
        await self._client.set(self._prefix + key, value, px=self._ms(ttl))

    async def add(self, key: str, value: str, *, ttl: float) -> bool:
        """SET NX with PX."""
        return bool(await self._client.set(self._prefix + key, value, px=self._ms(ttl), nx=True))

    async def get(self, key: str) -> str | None:
        """GET."""
        return _text(await self._client.get(self._prefix + key))

    async def pop(self, key: str) -> str | None:
        """GETDEL: Redis runs it as one command, so only one caller ever sees the value."""
        return _text(await self._client.getdel(self._prefix + key))

    async def close(self) -> None:
        """The client belongs to whoever made it (it is shared with the bus and the lease)."""


def _text(value: bytes | str | None) -> str | None:
    return value.decode() if isinstance(value, bytes) else value
