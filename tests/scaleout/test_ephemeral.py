"""Short-lived state: the in-memory store and the Redis one keep the same promises (TTL, one pop wins)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from autoarr.ephemeral import EphemeralStore, MemoryEphemeralStore, RedisEphemeralStore
from tests.scaleout.conftest import RedisFactory
from tests.stack import eventually
from tests.support.fixtures import SharedRedis


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["memory", "redis"])
async def stores(request: pytest.FixtureRequest) -> AsyncIterator[tuple[EphemeralStore, EphemeralStore]]:
    """Two handles on one store: the same object in memory, two replicas' clients with Redis."""
    if request.param == "memory":
        store = MemoryEphemeralStore()
        yield store, store
        return
    shared: SharedRedis = request.getfixturevalue("shared_redis")  # a plain fixture: fine from an async one
    one, other = Redis.from_url(shared.url, decode_responses=True), Redis.from_url(shared.url, decode_responses=True)
    yield RedisEphemeralStore(one, prefix=shared.prefix), RedisEphemeralStore(other, prefix=shared.prefix)
    await one.aclose()
    await other.aclose()


async def test_a_value_is_read_without_being_spent_and_popped_exactly_once(
    stores: tuple[EphemeralStore, EphemeralStore],
) -> None:
    one, other = stores
    await one.set("token-1", '{"ids": [1, 2]}', ttl=60)
    assert await other.get("token-1") == '{"ids": [1, 2]}'
    assert await other.get("token-1") == '{"ids": [1, 2]}'
    assert await other.pop("token-1") == '{"ids": [1, 2]}'
    assert await one.pop("token-1") is None
    assert await one.get("token-1") is None


async def test_of_many_concurrent_pops_exactly_one_gets_the_value(
    stores: tuple[EphemeralStore, EphemeralStore],
) -> None:
    one, other = stores
    await one.set("token-2", "grant", ttl=60)
    results = await asyncio.gather(*(store.pop("token-2") for store in [one, other] * 10))
    assert results.count("grant") == 1
    assert results.count(None) == 19


async def test_add_keeps_what_is_there_and_set_replaces_it(stores: tuple[EphemeralStore, EphemeralStore]) -> None:
    one, other = stores
    assert await one.add("key", "first", ttl=60) is True
    assert await other.add("key", "second", ttl=60) is False
    assert await other.get("key") == "first"
    await other.set("key", "third", ttl=60)
    assert await one.pop("key") == "third"
    assert await one.add("key", "fourth", ttl=60) is True  # popped: free again


async def test_redis_values_expire_on_their_own(shared_redis: SharedRedis, redis_clients: RedisFactory) -> None:
    store = RedisEphemeralStore(redis_clients(), prefix=shared_redis.prefix)
    await store.set("short", "lived", ttl=0.2)
    await store.set("long", "lived", ttl=60)
    await eventually(lambda: _absent(store, "short"), within=5)
    assert await store.get("long") == "lived"
    assert await store.add("short", "again", ttl=60) is True


async def _absent(store: EphemeralStore, key: str) -> bool:
    return await store.get(key) is None


async def test_replicas_with_other_prefixes_do_not_see_each_others_values(
    shared_redis: SharedRedis, redis_clients: RedisFactory
) -> None:
    ours = RedisEphemeralStore(redis_clients(), prefix=shared_redis.prefix)
    theirs = RedisEphemeralStore(redis_clients(), prefix=shared_redis.prefix + "-other")
    await ours.set("token", "ours", ttl=60)
    assert await theirs.pop("token") is None
    assert await ours.pop("token") == "ours"


async def test_memory_values_expire_by_the_clock() -> None:
    clock = Clock()
    store = MemoryEphemeralStore(clock=clock)
    await store.set("token", "grant", ttl=30)
    clock.now += 29.9
    assert await store.get("token") == "grant"
    clock.now += 0.1
    assert await store.get("token") is None
    assert await store.pop("token") is None
    assert await store.add("token", "new", ttl=30) is True


async def test_the_memory_store_is_bounded_and_drops_expired_entries_first() -> None:
    clock = Clock()
    store = MemoryEphemeralStore(max_entries=3, clock=clock)
    await store.set("stale", "x", ttl=1)
    await store.set("a", "1", ttl=60)
    await store.set("b", "2", ttl=60)
    clock.now += 2
    await store.set("c", "3", ttl=60)  # full: the expired entry goes, nothing live
    assert [await store.get(k) for k in ("a", "b", "c")] == ["1", "2", "3"]
    await store.set("d", "4", ttl=60)  # full of live entries: the oldest goes
    assert [await store.get(k) for k in ("a", "b", "c", "d")] == [None, "2", "3", "4"]
