"""The event iterator against a live AutoArr: rooms joined and left, typed payloads, and every way a stream ends."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from autoarr.client import (
    AutoArrClient,
    AutoArrConnectionError,
    EventStreamClosedError,
    InvalidRequestError,
    RateLimitedError,
    UnauthorizedError,
)
from autoarr.client.events import ConfigAuditCompleted, ContentAdded, DownloadFailed, Event, EventData, EventStream
from tests.live import API_KEY, serve_settings, settings_for
from tests.stack import Wired
from tests.support.ports import free_port

SINNERS = 1233413  # in Radarr's lookup catalogue, not in its library
DOWNLOADING = "SABnzbd_nzo_q7k2m1xa"


async def _next(stream: EventStream) -> Event:
    return await asyncio.wait_for(stream.next_event(), 10)


async def _add_a_movie(client: AutoArrClient) -> int:
    added = await client.add_movie(tmdb_id=SINNERS, quality_profile_id=1, root_folder_path="/movies")
    return added.id


async def test_an_audit_arrives_as_a_typed_event(client: AutoArrClient) -> None:
    async with client.events(["config_audit"]) as stream:
        assert stream.rooms == {"config_audit"}
        audit = await client.audit(["sabnzbd"])
        event = await _next(stream)
    assert event.type == "config.audit.completed"
    assert event.timestamp is not None
    payload = event.payload()
    assert isinstance(payload, ConfigAuditCompleted)
    assert (payload.audit_id, payload.recommendation_count) == (audit.audit_id, audit.total_recommendations)
    assert event.to_wire()["timestamp"].endswith("Z")


async def test_only_joined_rooms_are_heard_and_a_left_room_goes_quiet(client: AutoArrClient) -> None:
    async with client.events(["config_audit", "content_requests"]) as stream:
        await stream.leave("config_audit")
        assert stream.rooms == {"content_requests"}
        await client.audit(["sabnzbd"])  # published first, to a room no longer joined
        movie_id = await _add_a_movie(client)
        event = await _next(stream)
    assert event.type == "content.added"
    payload = event.payload()
    assert isinstance(payload, ContentAdded)
    assert (payload.content_id, payload.title, payload.type) == (str(movie_id), "Sinners", "movie")


async def test_a_failed_download_reaches_the_downloads_room(wired: Wired, client: AutoArrClient) -> None:
    async with client.events(["downloads"]) as stream:
        assert await wired.download_monitor.poll_once() == []  # the baseline
        wired.stack.sabnzbd_state.finish(DOWNLOADING, failed=True, message="Download failed - Not on your server(s)")
        assert await wired.download_monitor.poll_once() == [DOWNLOADING]
        event = await _next(stream)
    assert event.payload() == DownloadFailed(
        download_id=DOWNLOADING,
        title="The.Expanse.S06E05.1080p.WEB.h264-GROUP",
        reason="Download failed - Not on your server(s)",
    )


async def test_an_unknown_event_type_keeps_its_fields() -> None:
    event = Event.model_validate({"type": "download.recovered", "data": {"download_id": "x", "attempt": 2}})
    payload = event.payload()
    assert type(payload) is EventData
    assert payload.model_dump() == {"download_id": "x", "attempt": 2}


async def test_ping_is_answered_and_an_unknown_room_is_refused_without_closing(client: AutoArrClient) -> None:
    async with client.events() as stream:
        await stream.ping()
        with pytest.raises(InvalidRequestError) as caught:
            await stream.join("cinema")  # type: ignore[arg-type]
        assert "cinema" in caught.value.message
        assert stream.rooms == set()
        await stream.ping()
        await stream.join("system")
        assert stream.rooms == {"system"}


async def test_one_task_reads_while_another_joins(client: AutoArrClient) -> None:
    async with client.events() as stream:
        reading = asyncio.create_task(_next(stream))
        await stream.join("content_requests")
        await _add_a_movie(client)
        assert (await reading).type == "content.added"


async def test_closing_ends_the_iteration(client: AutoArrClient) -> None:
    stream = client.events(["system"])
    await stream.open()
    await stream.close()
    assert [event async for event in stream] == []
    with pytest.raises(AutoArrConnectionError):
        await stream.ping()


async def test_a_wrong_key_is_unauthorized_when_joining_or_reading(wired: Wired) -> None:
    async with AutoArrClient(wired.live.url, "wrong-key") as client:
        with pytest.raises(UnauthorizedError):
            async with client.events(["system"]):
                pass
        async with client.events() as stream:
            with pytest.raises(UnauthorizedError) as caught:
                await _next(stream)
    assert (caught.value.status, caught.value.error) == (401, "unauthorized")


async def test_a_second_stream_with_the_same_client_id_replaces_the_first(client: AutoArrClient) -> None:
    async with (
        client.events(["system"], client_id="same") as first,
        client.events(["system"], client_id="same") as second,
    ):
        with pytest.raises(EventStreamClosedError) as caught:
            await _next(first)
        await second.ping()
    assert (caught.value.status, caught.value.error) == (4409, "replaced")


async def test_a_spent_handshake_budget_is_rate_limited(tmp_path: Path) -> None:
    async with (
        serve_settings(settings_for(tmp_path, AUTOARR_RATE_LIMITS="general=1/minute")) as live,
        AutoArrClient(live.url, API_KEY) as client,
    ):
        async with client.events(["system"]):
            pass
        with pytest.raises(RateLimitedError):
            async with client.events(["system"]):
                pass


async def test_nothing_listening_is_a_connection_error() -> None:
    async with AutoArrClient(f"http://127.0.0.1:{free_port()}", API_KEY) as client:
        with pytest.raises(AutoArrConnectionError):
            async with client.events(["system"]):
                pass
