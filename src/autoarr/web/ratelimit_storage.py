"""The rate limiter's Redis storage (the `limits` library's own, on redis-py): one budget for every replica."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from limits.aio.storage import Storage
    from redis.asyncio import ConnectionPool

# Seconds a rate-limit call may wait on Redis before the request goes on without it.
REDIS_TIMEOUT_S = 2.0


@dataclass
class SharedRateStorage:
    """limits' storage and the connection pool it runs on (ours to close)."""

    storage: Storage
    pool: ConnectionPool

    async def aclose(self) -> None:
        await self.pool.aclose()


def limits_uri(redis_url: str) -> str:
    """`redis://…` as `limits` spells it for its asyncio storages (`async+redis://…`)."""
    scheme, sep, rest = redis_url.partition("://")
    if not sep or scheme not in ("redis", "rediss", "unix"):
        raise ValueError(f"AUTOARR_REDIS_URL must be redis://, rediss:// or unix://, not {scheme!r}")
    return f"async+{'redis+unix' if scheme == 'unix' else scheme}://{rest}"


def redis_rate_storage(redis_url: str, *, prefix: str) -> SharedRateStorage:
    """limits' moving-window Redis storage under `prefix`; Redis failures surface as `limits.errors.StorageError`."""
    from limits.aio.storage import RedisStorage  # redis-py is imported only when Redis is configured
    from redis.asyncio import ConnectionPool

    pool = ConnectionPool.from_url(redis_url, socket_timeout=REDIS_TIMEOUT_S, socket_connect_timeout=REDIS_TIMEOUT_S)
    options: dict[str, Any] = {"connection_pool": pool}  # limits types its options as scalars; a pool is allowed
    storage = RedisStorage(
        limits_uri(redis_url), implementation="redispy", key_prefix=f"{prefix}:limits", wrap_exceptions=True, **options
    )
    return SharedRateStorage(storage=storage, pool=pool)
