"""The client's health and downloads calls against AutoArr over the simulators: typed answers, the services' state."""

from __future__ import annotations

from datetime import UTC

import pytest

from autoarr.client import AutoArrClient, NotFoundError
from tests.stack import Wired

FAILED_MOVIE = "SABnzbd_nzo_f8x2z7hh"
DOWNLOADING = "SABnzbd_nzo_q7k2m1xa"


async def test_health_lists_every_service_with_its_breaker(client: AutoArrClient) -> None:
    health = await client.health()
    assert health.status == "healthy"
    assert set(health.services) == {"sabnzbd", "sonarr", "radarr", "plex"}
    sonarr = health.services["sonarr"]
    assert sonarr.healthy is True
    assert sonarr.circuit_breaker_state == "closed"
    assert sonarr.last_check is not None
    assert sonarr.last_check.tzinfo is not None
    assert health.timestamp.utcoffset() == UTC.utcoffset(None)
    assert health.to_wire()["timestamp"].endswith("Z")


async def test_one_service_and_its_circuit_breaker(wired: Wired, client: AutoArrClient) -> None:
    assert (await client.service_health("plex")).healthy is True
    breaker = await client.circuit_breaker("radarr")
    snapshot = wired.integrations.get("radarr").breaker.snapshot()
    assert (breaker.state, breaker.failure_count, breaker.threshold) == (
        snapshot.state,
        snapshot.failure_count,
        snapshot.threshold,
    )
    assert breaker.timeout == snapshot.timeout
    with pytest.raises(NotFoundError):
        await client.service_health("emby")


async def test_metrics_are_prometheus_text(client: AutoArrClient) -> None:
    await client.health()
    text = await client.metrics()
    assert "autoarr_http_requests" in text


async def test_the_queue_is_sabnzbds(wired: Wired, client: AutoArrClient) -> None:
    queue = await client.queue()
    assert [item.nzo_id for item in queue.queue] == [job.nzo_id for job in wired.stack.sabnzbd_state.queue]
    item = next(item for item in queue.queue if item.nzo_id == DOWNLOADING)
    assert 0 < item.percentage < 100
    assert item.mb_left <= item.mb
    assert queue.paused is False


async def test_history_is_typed_and_limited(client: AutoArrClient) -> None:
    everything = await client.history()
    assert everything.total == 5
    failed = next(item for item in everything.history if item.nzo_id == FAILED_MOVIE)
    assert failed.status == "Failed"
    assert "Not on your server" in failed.fail_message
    assert failed.completed is not None
    assert len((await client.history(limit=2)).history) == 2


async def test_pause_and_resume_change_sabnzbd(wired: Wired, client: AutoArrClient) -> None:
    paused = await client.pause_queue()
    assert (paused.success, paused.paused, paused.queue_status) == (True, True, "Paused")
    assert wired.stack.sabnzbd_state.paused
    assert (await client.queue()).paused is True
    resumed = await client.resume_queue()
    assert resumed.paused is False
    assert not wired.stack.sabnzbd_state.paused


async def test_retry_puts_the_failed_job_back_in_the_queue(wired: Wired, client: AutoArrClient) -> None:
    retried = await client.retry_download(FAILED_MOVIE)
    assert retried.success is True
    assert retried.nzo_id == FAILED_MOVIE
    assert retried.new_nzo_id in [job.nzo_id for job in wired.stack.sabnzbd_state.queue]
    assert FAILED_MOVIE not in [entry.nzo_id for entry in wired.stack.sabnzbd_state.history]


async def test_delete_removes_the_job_and_a_second_delete_is_not_found(wired: Wired, client: AutoArrClient) -> None:
    deleted = await client.delete_download(DOWNLOADING, delete_files=True)
    assert (deleted.success, deleted.nzo_id) == (True, DOWNLOADING)
    assert DOWNLOADING not in [job.nzo_id for job in wired.stack.sabnzbd_state.queue]
    with pytest.raises(NotFoundError):
        await client.delete_download(DOWNLOADING)


async def test_an_id_with_url_characters_stays_one_path_segment(client: AutoArrClient) -> None:
    with pytest.raises(NotFoundError):
        await client.retry_download("../queue?x=1")
