"""The event bus across replicas: shared events reach every replica's subscribers once, replica events stay home."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from datetime import UTC, datetime

import pytest

from autoarr.bus import (
    ConfigAuditCompleted,
    ContentAdded,
    DownloadCompleted,
    DownloadFailed,
    DownloadRecovery,
    DownloadRetried,
    Event,
    EventBus,
    EventData,
    RecommendationApplied,
    RecommendationRolledBack,
    ServiceHealthChanged,
)
from autoarr.bus_redis import RedisEventBus
from tests.scaleout.conftest import RedisFactory
from tests.stack import eventually
from tests.support.fixtures import SharedRedis

EVERY_TYPE: list[EventData] = [
    ConfigAuditCompleted(audit_id="audit_1", recommendation_count=3),
    RecommendationApplied(
        recommendation_id=7, service="sabnzbd", setting_name="cache", previous_value="0", new_value={"a": [1]}
    ),
    RecommendationRolledBack(recommendation_id=7, service="sabnzbd", setting_name="cache", restored_value=None),
    DownloadFailed(download_id="SABnzbd_nzo_1", title="A.Show.S01E01", reason="CRC error"),
    DownloadCompleted(download_id="SABnzbd_nzo_2", title="A.Movie", category="movies", size=123),
    DownloadRetried(download_id="SABnzbd_nzo_1", new_download_id="SABnzbd_nzo_3"),
    DownloadRecovery(
        download_id="SABnzbd_nzo_1", title="A.Show.S01E01", owner="sonarr", action="mark_failed", result="done"
    ),
    ContentAdded(request_id="req-1", content_id="12", title="A Show", type="series"),
    ServiceHealthChanged(service="plex", healthy=False, circuit_breaker_state="open", error="down"),
]

BusFactory = Callable[[str], RedisEventBus]


@pytest.fixture
async def buses(shared_redis: SharedRedis, redis_clients: RedisFactory) -> AsyncIterator[BusFactory]:
    """Starts one replica's bus per call (its own Redis connection, origin = the name given); stops them after."""
    async with AsyncExitStack() as stack:
        started: list[RedisEventBus] = []

        def make(origin: str) -> RedisEventBus:
            bus = RedisEventBus(redis_clients(), channel=f"{shared_redis.prefix}:events", origin=origin)
            started.append(bus)
            return bus

        yield make
        for bus in started:
            stack.push_async_callback(bus.stop)


def test_every_event_type_survives_the_wire() -> None:
    for data in EVERY_TYPE:
        event = Event(
            type=data.event_type, data=data, timestamp=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), request_id="r"
        )
        again = Event.from_wire(json.loads(json.dumps(event.wire())))
        assert again == event
        assert type(again.data) is type(data)


def test_an_unknown_event_type_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown event type"):
        Event.from_wire({"type": "nope", "data": {}, "timestamp": "2026-01-01T00:00:00Z", "request_id": None})


async def test_a_shared_event_reaches_every_replica_once_with_its_envelope(buses: BusFactory) -> None:
    a, b, c = buses("a"), buses("b"), buses("c")
    for bus in (a, b, c):
        await bus.start()
    heard = {name: bus.subscribe() for name, bus in (("a", a), ("b", b), ("c", c))}
    sent = await a.publish(DownloadFailed(download_id="SABnzbd_nzo_9", title="T", reason="R"), request_id="req-9")
    for name in ("b", "c"):
        received = await asyncio.wait_for(heard[name].get(), 5)
        assert received == sent
    await eventually(lambda: a.relayed_out == 1 and b.relayed_in == 1 and c.relayed_in == 1)
    assert heard["a"].pending() == 1  # the publisher's own subscribers got it once, at once
    assert heard["b"].pending() == heard["c"].pending() == 0


async def test_events_keep_their_order_across_replicas(buses: BusFactory) -> None:
    a, b = buses("a"), buses("b")
    await a.start()
    await b.start()
    heard = b.subscribe(types=[DownloadCompleted])
    for n in range(50):
        await a.publish(DownloadCompleted(download_id=f"id{n}", title="t", category="c", size=n))
    got = [await asyncio.wait_for(heard.get(), 5) for _ in range(50)]
    assert [event.data.size for event in got if isinstance(event.data, DownloadCompleted)] == list(range(50))


async def test_a_replica_event_stays_on_the_replica_that_saw_it(buses: BusFactory) -> None:
    a, b = buses("a"), buses("b")
    await a.start()
    await b.start()
    heard = b.subscribe()
    await a.publish(ServiceHealthChanged(service="plex", healthy=False, circuit_breaker_state="open", error="down"))
    marker = await a.publish(ConfigAuditCompleted(audit_id="audit_2", recommendation_count=0))
    assert await asyncio.wait_for(heard.get(), 5) == marker  # the health change, published first, never came
    await eventually(lambda: a.relayed_out == 1)  # counted once Redis answered a's PUBLISH, maybe a moment later


async def test_garbage_on_the_channel_is_ignored_and_relaying_goes_on(
    buses: BusFactory, redis_clients: RedisFactory, shared_redis: SharedRedis
) -> None:
    a, b = buses("a"), buses("b")
    await a.start()
    await b.start()
    heard = b.subscribe()
    outsider = redis_clients()
    for garbage in ("not json", json.dumps({"origin": "x", "event": {"type": "nope"}}), json.dumps([1, 2])):
        await outsider.publish(f"{shared_redis.prefix}:events", garbage)
    sent = await a.publish(ConfigAuditCompleted(audit_id="audit_3", recommendation_count=1))
    assert await asyncio.wait_for(heard.get(), 5) == sent
    assert b.relayed_in == 1


async def test_a_replica_whose_redis_connection_dropped_hears_events_again(
    buses: BusFactory, redis_clients: RedisFactory
) -> None:
    a, b = buses("a"), buses("b")
    await a.start()
    await b.start()
    heard = b.subscribe()
    admin = redis_clients()
    killed = await admin.client_kill_filter(_type="pubsub")  # every subscriber connection, as a Redis restart would
    assert killed >= 2
    sent: list[Event] = []

    async def relayed_again() -> bool:  # pub/sub keeps nothing: events said during the reconnection are lost
        sent.append(await a.publish(ConfigAuditCompleted(audit_id=f"audit_{len(sent)}", recommendation_count=0)))
        return heard.pending() > 0

    await eventually(relayed_again, within=15)
    assert (await heard.get()) in sent


async def test_a_signal_runs_the_other_replicas_handlers_and_not_the_senders(buses: BusFactory) -> None:
    a, b = buses("a"), buses("b")
    await a.start()
    await b.start()
    ran: list[str] = []

    def handler(name: str) -> Callable[[], Awaitable[None]]:
        async def handle() -> None:
            ran.append(name)
            if name == "b-broken":
                raise RuntimeError("a handler that fails")

        return handle

    a.on_signal("settings.changed", handler("a"))
    b.on_signal("settings.changed", handler("b-broken"))
    b.on_signal("settings.changed", handler("b"))
    heard = b.subscribe()
    await a.signal("settings.changed")
    await a.signal("something.else")
    await eventually(lambda: sorted(ran) == ["b", "b-broken"])
    await a.signal("settings.changed")
    await eventually(lambda: len(ran) == 4)  # the relay went on after a handler failed
    marker = await a.publish(ConfigAuditCompleted(audit_id="audit_after", recommendation_count=0))
    assert await asyncio.wait_for(heard.get(), 5) == marker  # signals are no events: subscribers never see them


async def test_alone_a_signal_reaches_nobody() -> None:
    bus = EventBus()
    ran: list[str] = []

    async def handle() -> None:
        ran.append("ran")

    bus.on_signal("settings.changed", handle)
    await bus.signal("settings.changed")
    assert ran == []
