"""Leadership: one replica at a time does the background work, and another takes over when it stops or vanishes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack

import pytest
from redis.asyncio import Redis

from autoarr.leader import Duty, Leadership, RedisLease, SoleLeader
from tests.scaleout.conftest import RedisFactory
from tests.stack import eventually
from tests.support.fixtures import SharedRedis
from tests.support.tcp_relay import TcpRelay

# Renewals every two seconds, each with two seconds to answer, and a failed one retried: a loaded machine (parallel
# test workers) that stalls the loop or Redis for a second or two must not cost the leader its lease, or the
# timelines below would be wrong.
TTL = 6.0
SLACK = 3.0  # room to schedule the loops late; the bounds themselves are the lease's own


class Timeline:
    """Who began and ended which duty, in the order it happened (across every replica of the test)."""

    def __init__(self) -> None:
        self.entries: list[str] = []

    def duty(self, replica: str, name: str = "work") -> Duty:
        async def begin() -> None:
            self.entries.append(f"begin {replica} {name}")

        async def end() -> None:
            self.entries.append(f"end {replica} {name}")

        return Duty(name, begin=begin, end=end)

    def working(self) -> set[str]:
        """Replicas whose work has begun and not ended."""
        running: set[str] = set()
        for entry in self.entries:
            action, replica, _ = entry.split(" ", 2)
            (running.add if action == "begin" else running.discard)(replica)
        return running


LeaseFactory = Callable[..., RedisLease]


@pytest.fixture
async def leases(shared_redis: SharedRedis, redis_clients: RedisFactory) -> AsyncIterator[LeaseFactory]:
    """Makes one replica's lease (optionally on a given client); every lease is stopped afterwards."""
    async with AsyncExitStack() as stack:

        def make(holder: str, timeline: Timeline, *, client: Redis | None = None) -> RedisLease:
            lease = RedisLease(
                client or redis_clients(), key=f"{shared_redis.prefix}:leader", holder=holder, ttl_seconds=TTL
            )
            lease.add_duty(timeline.duty(holder))
            stack.push_async_callback(lease.stop)
            return lease

        yield make


async def test_a_sole_leader_begins_its_duties_in_order_and_ends_them_in_reverse() -> None:
    timeline = Timeline()
    leader: Leadership = SoleLeader()
    for name in ("recovery", "audits", "downloads"):
        leader.add_duty(timeline.duty("only", name))
    await leader.start()
    assert leader.is_leader
    await leader.stop()
    assert not leader.is_leader
    assert timeline.entries == [
        "begin only recovery",
        "begin only audits",
        "begin only downloads",
        "end only downloads",
        "end only audits",
        "end only recovery",
    ]


async def test_a_duty_that_fails_to_begin_does_not_keep_the_others_from_running() -> None:
    timeline = Timeline()
    leader = SoleLeader()

    async def broken() -> None:
        raise RuntimeError("cannot start")

    leader.add_duty(Duty("broken", begin=broken, end=broken))
    leader.add_duty(timeline.duty("only"))
    await leader.start()
    await leader.stop()
    assert timeline.entries == ["begin only work", "end only work"]


async def test_of_two_replicas_exactly_one_leads_and_the_key_names_it(
    leases: LeaseFactory, redis_clients: RedisFactory, shared_redis: SharedRedis
) -> None:
    timeline = Timeline()
    a, b = leases("a", timeline), leases("b", timeline)
    await a.start()
    await b.start()
    assert (a.is_leader, b.is_leader) == (True, False)
    assert timeline.working() == {"a"}
    probe = redis_clients()
    assert await probe.get(f"{shared_redis.prefix}:leader") == "a"
    assert 0 < await probe.pttl(f"{shared_redis.prefix}:leader") <= TTL * 1000


async def test_the_leader_keeps_its_lease_by_renewing_it(
    leases: LeaseFactory, redis_clients: RedisFactory, shared_redis: SharedRedis
) -> None:
    timeline = Timeline()
    a, b = leases("a", timeline), leases("b", timeline)
    await a.start()
    await b.start()
    probe, key = redis_clients(), f"{shared_redis.prefix}:leader"
    seen = {"last": await probe.pttl(key), "renewals": 0}

    async def renewed_twice() -> bool:  # the key's time to live jumps back up at each renewal
        assert a.is_leader
        assert not b.is_leader
        left = await probe.pttl(key)
        assert left > 0  # never lapsed
        seen["renewals"] += left > seen["last"]
        seen["last"] = left
        return seen["renewals"] >= 2

    await eventually(renewed_twice, within=TTL * 2 + SLACK)
    assert timeline.entries == ["begin a work"]


async def test_a_leader_that_stops_hands_over_without_waiting_for_its_lease_to_lapse(
    leases: LeaseFactory, redis_clients: RedisFactory, shared_redis: SharedRedis
) -> None:
    key = f"{shared_redis.prefix}:leader"
    timeline = Timeline()
    a, b = leases("a", timeline), leases("b", timeline)
    await a.start()
    await b.start()
    await a.stop()
    # Released, not left to lapse: the key is gone (or already b's) the moment a has stopped.
    assert await redis_clients().get(key) in (None, "b")
    await eventually(lambda: b.is_leader, within=b.renew_seconds + SLACK)
    assert timeline.entries == ["begin a work", "end a work", "begin b work"]


async def test_a_leader_cut_off_from_redis_stops_before_another_takes_over_within_the_lease(
    leases: LeaseFactory, redis_server_address: tuple[str, int], shared_redis: SharedRedis
) -> None:
    relay = TcpRelay(*redis_server_address)
    await relay.start()
    cut_off = Redis.from_url(f"redis://127.0.0.1:{relay.port}/0", decode_responses=True)
    timeline = Timeline()
    overlaps: list[set[str]] = []

    def no_overlap() -> bool:
        overlaps.append(timeline.working())
        return True

    try:
        a, b = leases("a", timeline, client=cut_off), leases("b", timeline)
        await a.start()
        await b.start()
        assert a.is_leader
        await relay.cut()  # a can neither renew nor release: to b it looks dead
        await eventually(lambda: no_overlap() and b.is_leader, within=TTL + SLACK)
        assert not a.is_leader
        assert timeline.entries == ["begin a work", "end a work", "begin b work"]
        assert all(len(working) <= 1 for working in overlaps)
    finally:
        await cut_off.aclose()


async def test_a_leader_whose_lease_was_taken_steps_down(
    leases: LeaseFactory, redis_clients: RedisFactory, shared_redis: SharedRedis
) -> None:
    timeline = Timeline()
    a = leases("a", timeline)
    await a.start()
    # As if a had paused longer than its lease and someone else had taken it meanwhile.
    await redis_clients().set(f"{shared_redis.prefix}:leader", "someone-else", px=60_000)
    await eventually(lambda: not a.is_leader, within=a.renew_seconds + SLACK)
    assert timeline.entries == ["begin a work", "end a work"]
