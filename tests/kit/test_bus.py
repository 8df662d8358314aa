"""The event bus delivers typed events to every subscriber and never lets a slow one pile up."""

from __future__ import annotations

import asyncio

import pytest
from pydantic import ValidationError

from autoarr.bus import ContentAdded, DownloadFailed, EventBus, ServiceHealthChanged
from autoarr.context import request_id_var


async def test_every_subscriber_receives_each_event_in_order() -> None:
    bus = EventBus()
    first, second = bus.subscribe(), bus.subscribe()
    for n in range(3):
        await bus.publish(DownloadFailed(download_id=f"nzo_{n}", title=f"Job {n}", reason="Incomplete"))
    for subscription in (first, second):
        ids = [(await subscription.get()).data for _ in range(3)]
        assert [d.download_id for d in ids] == ["nzo_0", "nzo_1", "nzo_2"]  # type: ignore[attr-defined]


async def test_a_slow_subscriber_is_bounded_and_keeps_the_newest() -> None:
    bus = EventBus()
    slow = bus.subscribe(maxsize=2)
    fast = bus.subscribe(maxsize=100)
    for n in range(5):
        await bus.publish(DownloadFailed(download_id=f"nzo_{n}", title="t", reason="r"))
    assert slow.pending() == 2
    assert slow.dropped == 3
    kept = [(await slow.get()).data.download_id for _ in range(2)]  # type: ignore[attr-defined]
    assert kept == ["nzo_3", "nzo_4"]
    assert fast.pending() == 5
    assert fast.dropped == 0


async def test_subscribers_can_filter_by_event_type() -> None:
    bus = EventBus()
    health_only = bus.subscribe(types=[ServiceHealthChanged])
    await bus.publish(DownloadFailed(download_id="x", title="t", reason="r"))
    await bus.publish(ServiceHealthChanged(service="sonarr", healthy=False, circuit_breaker_state="open", error="down"))
    event = await asyncio.wait_for(health_only.get(), timeout=1)
    assert event.type == "service.health_changed"
    assert event.room == "system"
    assert health_only.pending() == 0


async def test_envelope_carries_type_data_timestamp_and_the_request_id() -> None:
    bus = EventBus()
    subscription = bus.subscribe()
    token = request_id_var.set("req-42")
    try:
        await bus.publish(ContentAdded(request_id="req-42", content_id="7", title="The Matrix", type="movie"))
    finally:
        request_id_var.reset(token)
    wire = (await subscription.get()).wire()
    assert wire["type"] == "content.added"
    assert wire["data"] == {"request_id": "req-42", "content_id": "7", "title": "The Matrix", "type": "movie"}
    assert wire["timestamp"].endswith("Z")
    assert wire["request_id"] == "req-42"


async def test_closed_subscription_receives_nothing_more() -> None:
    bus = EventBus()
    with bus.subscribe() as subscription:
        assert bus.subscriber_count == 1
    assert bus.subscriber_count == 0
    await bus.publish(DownloadFailed(download_id="x", title="t", reason="r"))
    assert subscription.pending() == 0


def test_each_event_type_has_a_strict_schema() -> None:
    with pytest.raises(ValidationError):
        DownloadFailed(download_id="x", title="t")  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        ContentAdded(request_id=None, content_id="1", title="t", type="album")  # type: ignore[arg-type]
