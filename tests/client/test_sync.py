"""SyncAutoArrClient: the same typed calls and events, blocking (run in a worker thread: the server is on this loop)."""

from __future__ import annotations

import asyncio

import pytest

from autoarr.client import NotFoundError, SyncAutoArrClient
from autoarr.client.events import ConfigAuditCompleted
from tests.live import API_KEY
from tests.stack import Wired


async def test_blocking_calls_answer_typed_models(wired: Wired) -> None:
    def work() -> tuple[str, int, str, str]:
        with SyncAutoArrClient(wired.live.url, API_KEY) as client:
            health = client.health()
            paused = client.pause_queue()
            with pytest.raises(NotFoundError):
                client.recommendation(999)
            return health.status, client.shows(page=1, page_size=2).total, client.movie(1).title, paused.queue_status

    status, shows, movie, queue_status = await asyncio.to_thread(work)
    assert (status, movie, queue_status) == ("healthy", "The Matrix", "Paused")
    assert shows == len(wired.stack.sonarr_state.series.values())
    assert wired.stack.sabnzbd_state.paused


async def test_blocking_event_stream(wired: Wired) -> None:
    def work() -> tuple[str, object]:
        with SyncAutoArrClient(wired.live.url, API_KEY) as client, client.events(["config_audit"]) as stream:
            stream.ping()
            audit = client.audit(["sonarr"])
            event = stream.next_event(timeout=10)
            return audit.audit_id, event.payload()

    audit_id, payload = await asyncio.to_thread(work)
    assert isinstance(payload, ConfigAuditCompleted)
    assert payload.audit_id == audit_id


async def test_iterating_a_blocking_stream_ends_when_it_is_closed(wired: Wired) -> None:
    def work() -> list[object]:
        with SyncAutoArrClient(wired.live.url, API_KEY) as client:
            stream = client.events(["system"])
            with stream:
                stream.join("downloads")
            return list(stream)

    assert await asyncio.to_thread(work) == []
