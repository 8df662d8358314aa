"""What the scale-out tests share: Redis clients on the session's real redis-server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest
from redis.asyncio import Redis

from tests.support.fixtures import SharedRedis
from tests.support.redis_real import RealRedis

RedisFactory = Callable[[], Redis]


@pytest.fixture
async def redis_clients(shared_redis: SharedRedis) -> AsyncIterator[RedisFactory]:
    """Makes Redis clients as a replica would (text replies), each a separate connection pool; closed afterwards."""
    made: list[Redis] = []

    def make() -> Redis:
        client = Redis.from_url(shared_redis.url, decode_responses=True)
        made.append(client)
        return client

    yield make
    for client in made:
        await client.aclose()


@pytest.fixture
def redis_server_address(redis_server: RealRedis) -> tuple[str, int]:
    """Host and port of the session's redis-server (to put a relay in front of it)."""
    return redis_server.host, redis_server.port
