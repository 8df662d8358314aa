"""The WebSocket API over a real socket: auth, rooms, acknowledgements, errors, replacement, slow clients."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from autoarr.bus import (
    ConfigAuditCompleted,
    ContentAdded,
    DownloadCompleted,
    DownloadFailed,
    DownloadRetried,
    EventBus,
    EventData,
    RecommendationApplied,
    RecommendationRolledBack,
    ServiceHealthChanged,
)
from tests.live import API_KEY, LiveApp


def ws_url(live: LiveApp, client_id: str, *, key: str | None = API_KEY) -> str:
    url = live.url.replace("http://", "ws://") + f"/ws/{client_id}"
    return f"{url}?api_key={key}" if key else url


async def receive(ws: ClientConnection, *, within: float = 5) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(await asyncio.wait_for(ws.recv(), within))
    return message


async def send(ws: ClientConnection, message: dict[str, Any] | str) -> None:
    await ws.send(message if isinstance(message, str) else json.dumps(message))


async def read_until_closed(ws: ClientConnection) -> list[dict[str, Any]]:
    messages = []
    try:
        while True:
            messages.append(json.loads(await asyncio.wait_for(ws.recv(), 10)))
    except ConnectionClosed:
        return messages


@pytest.fixture
async def client(live: LiveApp) -> AsyncIterator[ClientConnection]:
    async with connect(ws_url(live, "client-1")) as ws:
        yield ws


def bus_of(live: LiveApp) -> EventBus:
    bus: EventBus = live.app.state.kit.bus
    return bus


async def test_a_bad_key_is_accepted_then_closed_with_4401(live: LiveApp) -> None:
    for key in (None, "wrong-key"):
        async with connect(ws_url(live, "intruder", key=key)) as ws:
            with pytest.raises(ConnectionClosed) as closed:
                await ws.recv()
        assert closed.value.rcvd is not None
        assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (4401, "unauthorized")


async def test_the_key_in_the_header_works_too(live: LiveApp) -> None:
    async with connect(ws_url(live, "h", key=None), additional_headers={"X-API-Key": API_KEY}) as ws:
        await send(ws, {"type": "ping"})
        assert await receive(ws) == {"type": "pong"}


async def test_join_and_leave_are_acknowledged_and_ping_answered(client: ClientConnection) -> None:
    await send(client, {"type": "join_room", "room": "downloads"})
    assert await receive(client) == {"type": "room_joined", "room": "downloads"}
    await send(client, {"type": "ping"})
    assert await receive(client) == {"type": "pong"}
    await send(client, {"type": "leave_room", "room": "downloads"})
    assert await receive(client) == {"type": "room_left", "room": "downloads"}


@pytest.mark.parametrize(
    "message",
    ["not json", '{"type": "dance"}', '{"type": "join_room", "room": "kitchen"}', "[1, 2]", '{"no_type": 1}'],
)
async def test_bad_messages_get_an_error_and_the_socket_stays_open(client: ClientConnection, message: str) -> None:
    await send(client, message)
    error = await receive(client)
    assert error["type"] == "error"
    assert error["error"] == "invalid_request"
    assert error["message"]
    await send(client, {"type": "ping"})
    assert await receive(client) == {"type": "pong"}


async def test_nothing_arrives_before_joining_a_room(live: LiveApp, client: ClientConnection) -> None:
    await bus_of(live).publish(DownloadFailed(download_id="nzo_1", title="t", reason="r"))
    await send(client, {"type": "ping"})
    assert await receive(client) == {"type": "pong"}  # the event was not delivered ahead of the pong


async def test_a_second_connection_with_the_same_client_id_replaces_the_first(live: LiveApp) -> None:
    async with connect(ws_url(live, "same")) as first:
        await send(first, {"type": "join_room", "room": "system"})
        await receive(first)
        async with connect(ws_url(live, "same")) as second:
            with pytest.raises(ConnectionClosed) as closed:
                await receive(first)
            assert closed.value.rcvd is not None
            assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (4409, "replaced")
            await send(second, {"type": "join_room", "room": "system"})
            assert await receive(second) == {"type": "room_joined", "room": "system"}
            await bus_of(live).publish(
                ServiceHealthChanged(service="plex", healthy=True, circuit_breaker_state="closed", error=None)
            )
            assert (await receive(second))["type"] == "service.health_changed"


EVENTS: list[tuple[EventData, str]] = [
    (ConfigAuditCompleted(audit_id="audit_1", recommendation_count=3), "config_audit"),
    (RecommendationApplied(recommendation_id=1, service="sabnzbd", setting_name="x"), "config_audit"),
    (RecommendationRolledBack(recommendation_id=1, service="sabnzbd", setting_name="x"), "config_audit"),
    (DownloadFailed(download_id="nzo_1", title="Movie", reason="Incomplete"), "downloads"),
    (DownloadCompleted(download_id="nzo_2", title="Show", category="tv", size=1024), "downloads"),
    (DownloadRetried(download_id="nzo_1", new_download_id="nzo_3"), "downloads"),
    (ContentAdded(request_id="req_1", content_id="603", title="The Matrix", type="movie"), "content_requests"),
    (ServiceHealthChanged(service="sonarr", healthy=False, circuit_breaker_state="open", error="down"), "system"),
]


async def test_each_event_type_reaches_its_room_and_no_other(live: LiveApp) -> None:
    rooms = ("config_audit", "downloads", "content_requests", "system")
    sockets = {room: await connect(ws_url(live, f"room-{room}")) for room in rooms}
    try:
        for room, ws in sockets.items():
            await send(ws, {"type": "join_room", "room": room})
            assert await receive(ws) == {"type": "room_joined", "room": room}
        for data, _room in EVENTS:
            await bus_of(live).publish(data)
        for room, ws in sockets.items():
            expected = [data for data, target in EVENTS if target == room]
            for data in expected:
                message = await receive(ws)
                assert set(message) == {"type", "data", "timestamp"}
                assert message["type"] == data.event_type
                assert message["data"] == data.model_dump(mode="json")
                assert message["timestamp"].endswith("Z")
            await send(ws, {"type": "ping"})
            assert await receive(ws) == {"type": "pong"}, room  # nothing else was queued for this room
    finally:
        for ws in sockets.values():
            await ws.close()


async def test_a_slow_client_is_told_and_closed_while_a_fast_one_keeps_receiving(live: LiveApp) -> None:
    bus = bus_of(live)
    big_title = "x" * 64_000  # big events fill the socket buffers of a client that stops reading
    async with connect(ws_url(live, "fast")) as fast, connect(ws_url(live, "slow"), max_queue=1) as slow:
        for ws in (fast, slow):
            await send(ws, {"type": "join_room", "room": "content_requests"})
            assert (await receive(ws))["type"] == "room_joined"
        hub = live.app.state.ws_hub
        slow_connection = next(c for c in hub._connections.values() if c.client_id == "slow")
        sent = 0
        while slow_connection.close_code is None:
            assert sent < 5_000, "the slow client was never dropped"
            await bus.publish(ContentAdded(request_id=None, content_id=str(sent), title=big_title, type="series"))
            sent += 1
            assert (await receive(fast))["data"]["content_id"] == str(sent - 1)
        assert slow_connection.close_code == (4408, "too_slow")
        # The slow one finally reads: whatever was already in flight, then the error, then the close.
        messages = await read_until_closed(slow)
        closed = slow.close_code, slow.close_reason
        assert messages[-1] == {"type": "error", "error": "too_slow", "message": messages[-1]["message"]}
        assert closed == (4408, "too_slow")
        # The fast one is unaffected.
        await bus.publish(ContentAdded(request_id=None, content_id="after", title="t", type="movie"))
        assert (await receive(fast))["data"]["content_id"] == "after"


async def test_a_websocket_is_counted_at_its_handshake_not_at_its_end(live: LiveApp) -> None:
    async with connect(ws_url(live, "metered")) as ws:
        await send(ws, {"type": "ping"})
        assert await receive(ws) == {"type": "pong"}
        text = (await live.client.get("/metrics")).text
        assert 'autoarr_http_requests_total{method="GET",route="/ws/{client_id}",status="101"} 1.0' in text
    async with connect(ws_url(live, "intruder", key="wrong")) as refused:
        with pytest.raises(ConnectionClosed):
            await refused.recv()
    text = (await live.client.get("/metrics")).text
    assert 'autoarr_http_requests_total{method="GET",route="-",status="401"} 1.0' in text
