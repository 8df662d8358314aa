"""Which replica runs the background work that must run exactly once: the download monitor, schedules, recovery.

A single process simply leads (`SoleLeader`). Several replicas share a lease in Redis (`RedisLease`): one
key holding the leader's id with a time to live; the leader renews it every third of its lifetime, the
others try to take it as soon as it lapses. A leader that dies stops renewing, so another replica leads
within one lease time; one that cannot reach Redis stops its duties before its lease can lapse, so two
never work at once. Duties begin when this replica is elected and end when it is not leader any more.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from autoarr.logs import get_logger
from autoarr.pacing import stop_tasks

if TYPE_CHECKING:
    from redis.asyncio import Redis

log = get_logger("autoarr.leader")

# Take the key when it is free or already ours (then extend it); otherwise say how long it has left.
_TAKE_OR_KEEP = """
local holder = redis.call('get', KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return -1
end
return math.max(redis.call('pttl', KEYS[1]), 0)
"""
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('del', KEYS[1])
end
return 0
"""


@dataclass(frozen=True)
class Duty:
    """Background work that runs only while this replica leads."""

    name: str
    begin: Callable[[], Awaitable[None]]
    end: Callable[[], Awaitable[None]]


class Leadership:
    """Begins the duties when this replica is elected, ends them when it stops leading."""

    _announce = True  # log elections (a lone process leads from start to stop: nothing worth a line)

    def __init__(self) -> None:
        self._duties: list[Duty] = []
        self.is_leader = False
        self.elections = 0  # how many times this replica became leader

    def add_duty(self, duty: Duty) -> None:
        """Register work to begin on election (in the order added) and end on deposition (in reverse)."""
        self._duties.append(duty)

    async def start(self) -> None:
        raise NotImplementedError

    async def stop(self) -> None:
        raise NotImplementedError

    async def _elect(self) -> None:
        self.is_leader = True
        self.elections += 1
        if self._announce:
            log.info("leading: background work runs here", duties=[duty.name for duty in self._duties])
        for duty in self._duties:
            try:
                await duty.begin()
            except Exception:  # one duty failing to start must not keep the others from running
                log.exception("duty failed to begin", duty=duty.name)

    async def _depose(self, reason: str) -> None:
        if not self.is_leader:
            return
        self.is_leader = False
        if self._announce:
            log.info("not leading any more: background work stops here", reason=reason)
        for duty in reversed(self._duties):
            try:
                await duty.end()
            except Exception:
                log.exception("duty failed to end", duty=duty.name)


class SoleLeader(Leadership):
    """The only replica there is: it leads from start to stop."""

    _announce = False

    async def start(self) -> None:
        await self._elect()

    async def stop(self) -> None:
        await self._depose("stopping")


class RedisLease(Leadership):
    """Leadership through one Redis key holding the leader's id, with a time to live of `ttl_seconds`."""

    def __init__(self, client: Redis, *, key: str, holder: str, ttl_seconds: float) -> None:
        super().__init__()
        self._client = client
        self.key = key
        self.holder = holder
        self.ttl_seconds = ttl_seconds
        self.renew_seconds = ttl_seconds / 3
        # Without a renewal for this long the leader stops its duties, a sixth of the lease before it lapses.
        self._trust_seconds = ttl_seconds * 5 / 6
        self._confirmed_at = 0.0
        self._take_or_keep = client.register_script(_TAKE_OR_KEEP)
        self._release = client.register_script(_RELEASE)
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Try once at once (a lone replica leads before it answers its first request), then keep trying."""
        wait = await self._round()
        self._task = asyncio.create_task(self._run(wait), name="autoarr-leader-lease")

    async def stop(self) -> None:
        """Stop the duties and hand the lease back, so another replica takes over without waiting for it to lapse."""
        task, self._task = self._task, None
        await stop_tasks(task)
        leading = self.is_leader
        await self._depose("stopping")
        if leading:
            try:
                async with asyncio.timeout(self.renew_seconds):
                    await self._release(keys=[self.key], args=[self.holder])
            except Exception as exc:  # Redis away: the lease lapses on its own
                log.warning("leader lease not released", error=str(exc))

    async def _run(self, wait: float) -> None:
        while True:
            await asyncio.sleep(wait)
            wait = await self._round()

    async def _round(self) -> float:
        """One attempt to take or keep the lease; the seconds until the next."""
        started = time.monotonic()
        deadline = self._confirmed_at + self._trust_seconds
        budget = min(self.renew_seconds, deadline - started) if self.is_leader else self.renew_seconds
        try:
            async with asyncio.timeout(max(budget, 0.05)):
                remaining_ms = int(await self._take_or_keep(keys=[self.key], args=[self.holder, self._ttl_ms]))
        except Exception as exc:  # Redis unreachable or too slow: keep leading only while the lease surely holds
            if self.is_leader and time.monotonic() >= deadline - 0.05:
                await self._depose(f"lease not renewed: {exc}")
            elif self.is_leader:
                log.warning("leader lease renewal failed; retrying", error=str(exc))
                return max(0.05, min(self.renew_seconds / 4, deadline - time.monotonic()))
            return self.renew_seconds
        if remaining_ms < 0:
            self._confirmed_at = started
            if not self.is_leader:
                await self._elect()
            return self.renew_seconds
        if self.is_leader:  # another replica holds it: ours lapsed (a long pause) and was taken
            await self._depose("lease taken by another replica")
        # Try again right after the holder's lease would lapse, and at least every renewal period.
        return min(self.renew_seconds, remaining_ms / 1000 + 0.01)

    @property
    def _ttl_ms(self) -> int:
        return max(1, round(self.ttl_seconds * 1000))
