"""Rate-limit budgets in Redis: every replica spends from, and reports, the same budget."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest

from autoarr.settings import RateCategory
from autoarr.web.ratelimit import RateLimiter
from autoarr.web.ratelimit_storage import SharedRateStorage, limits_uri, redis_rate_storage
from tests.support.fixtures import SharedRedis
from tests.support.ports import free_port

LIMITS: dict[RateCategory, str] = {"general": "5/minute", "audit": "2/hour"}
LimiterFactory = Callable[..., RateLimiter]


@pytest.fixture
async def limiters(shared_redis: SharedRedis) -> AsyncIterator[LimiterFactory]:
    """One replica's limiter per call, on its own connection pool (prefix and URL may be overridden)."""
    opened: list[SharedRateStorage] = []

    def make(*, prefix: str = shared_redis.prefix, url: str = shared_redis.url) -> RateLimiter:
        storage = redis_rate_storage(url, prefix=prefix)
        opened.append(storage)
        return RateLimiter(LIMITS, storage=storage.storage)

    yield make
    for storage in opened:
        await storage.aclose()


async def test_the_second_replica_sees_the_first_ones_hits(limiters: LimiterFactory) -> None:
    a, b = limiters(), limiters()
    assert [(await a.hit("general", "key-1")).remaining for _ in range(3)] == [4, 3, 2]
    second = await b.hit("general", "key-1")
    assert (second.allowed, second.remaining, second.limit) == (True, 1, 5)
    assert (await a.hit("general", "key-1")).remaining == 0
    refused = await b.hit("general", "key-1")
    assert (refused.allowed, refused.remaining) == (False, 0)
    assert refused.reset_at > 0


async def test_budgets_stay_apart_by_category_identity_and_deployment(
    limiters: LimiterFactory, shared_redis: SharedRedis
) -> None:
    a, b = limiters(), limiters()
    other_deployment = limiters(prefix=shared_redis.prefix + "-other")
    await a.hit("audit", "key-1")
    assert (await b.hit("audit", "key-1")).remaining == 0
    assert (await b.hit("audit", "key-2")).remaining == 1
    assert (await b.hit("general", "key-1")).remaining == 4
    assert (await other_deployment.hit("audit", "key-1")).remaining == 1


async def test_an_unreachable_redis_lets_requests_through_unmetered(limiters: LimiterFactory) -> None:
    nowhere = limiters(url=f"redis://127.0.0.1:{free_port()}/0")
    verdicts = [await nowhere.hit("audit", "key-1") for _ in range(3)]
    assert [(v.allowed, v.remaining, v.limit) for v in verdicts] == [(True, 2, 2)] * 3


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("redis://127.0.0.1:6379/0", "async+redis://127.0.0.1:6379/0"),
        ("rediss://:secret@cache:6380", "async+rediss://:secret@cache:6380"),
        ("unix:///run/redis.sock?db=1", "async+redis+unix:///run/redis.sock?db=1"),
    ],
)
def test_redis_urls_are_spelled_as_limits_wants_them(url: str, expected: str) -> None:
    assert limits_uri(url) == expected


def test_a_url_that_is_not_redis_is_refused() -> None:
    with pytest.raises(ValueError, match="redis://"):
        limits_uri("http://127.0.0.1:6379")
