"""What one replica shares with the others when `AUTOARR_REDIS_URL` is set, or the in-process versions when it is not.

With Redis: the event bus relays shared events over pub/sub, short-lived state lives in Redis keys, the
rate-limit budgets are limits' Redis storage, and a lease decides which replica does the background work.
Without it everything stays in the process (and nothing from redis-py is imported: start time and memory
of a lone replica are unchanged).
"""

from __future__ import annotations

import os
import secrets
import socket
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import TYPE_CHECKING

from autoarr.bus import EventBus
from autoarr.ephemeral import EphemeralStore, MemoryEphemeralStore
from autoarr.leader import Leadership, SoleLeader
from autoarr.logs import get_logger
from autoarr.settings import Settings

if TYPE_CHECKING:
    from limits.aio.storage import Storage

log = get_logger("autoarr.replicas")

# Seconds any single Redis command may take before it counts as failed.
REDIS_TIMEOUT_S = 5.0


@dataclass
class SharedBackends:
    """The pieces whose state every replica must see alike."""

    replica_id: str
    bus: EventBus
    ephemeral: EphemeralStore
    leadership: Leadership
    rate_storage: Storage | None  # None: the limiter's own in-memory storage

    @property
    def distributed(self) -> bool:
        return self.rate_storage is not None


def new_replica_id() -> str:
    """This process's name among the replicas: host, PID and a random part (a restarted PID is a new replica)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


async def open_backends(settings: Settings, stack: AsyncExitStack) -> SharedBackends:
    """Connect to Redis when configured (closing everything through `stack`), else the in-process backends."""
    replica_id = new_replica_id()
    if not settings.redis_url:
        return SharedBackends(
            replica_id=replica_id,
            bus=EventBus(),
            ephemeral=MemoryEphemeralStore(),
            leadership=SoleLeader(),
            rate_storage=None,
        )

    from redis.asyncio import Redis

    from autoarr.bus_redis import RedisEventBus
    from autoarr.ephemeral import RedisEphemeralStore
    from autoarr.leader import RedisLease
    from autoarr.web.ratelimit_storage import redis_rate_storage

    prefix = settings.redis_prefix
    client = Redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=REDIS_TIMEOUT_S,
        socket_connect_timeout=REDIS_TIMEOUT_S,
        health_check_interval=30,
    )
    stack.push_async_callback(client.aclose)
    bus = RedisEventBus(client, channel=f"{prefix}:events", origin=replica_id)
    try:
        await bus.start()
    except Exception as exc:  # configured but unreachable: refusing to start beats running alone unnoticed
        # uvicorn prints the traceback; this is the one line that says why.
        log.error("cannot start: AUTOARR_REDIS_URL is set but Redis does not answer", error=str(exc))  # noqa: TRY400
        raise
    stack.push_async_callback(bus.stop)
    rate = redis_rate_storage(settings.redis_url, prefix=prefix)
    stack.push_async_callback(rate.aclose)
    log.info("sharing state through Redis", replica=replica_id, prefix=prefix)
    return SharedBackends(
        replica_id=replica_id,
        bus=bus,
        ephemeral=RedisEphemeralStore(client, prefix=prefix),
        leadership=RedisLease(
            client, key=f"{prefix}:leader", holder=replica_id, ttl_seconds=settings.leader_lease_seconds
        ),
        rate_storage=rate.storage,
    )
