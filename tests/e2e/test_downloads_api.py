"""`/api/v1/downloads` over the SABnzbd simulator: shapes as the reference, SABnzbd's state after each write."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from autoarr.bus import DownloadCompleted, DownloadFailed
from autoarr.errors import ServiceUnavailableError
from tests import reference
from tests.live import serve_settings, settings_for
from tests.stack import Wired, serve_stack

FAILED_MOVIE = "SABnzbd_nzo_f8x2z7hh"
DOWNLOADING = "SABnzbd_nzo_q7k2m1xa"


@pytest.fixture
async def wired(tmp_path: Path) -> AsyncIterator[Wired]:
    async with serve_stack(tmp_path) as wired:
        yield wired


async def test_queue_has_the_references_fields_and_types(wired: Wired) -> None:
    response = await wired.live.client.get("/api/v1/downloads/queue")
    assert response.status_code == 200
    body = response.json()
    reference.assert_shape(body, reference.QUEUE)
    assert [item["nzo_id"] for item in body["queue"]] == [job.nzo_id for job in wired.stack.sabnzbd_state.queue]
    item = next(i for i in body["queue"] if i["nzo_id"] == DOWNLOADING)
    assert re.fullmatch(r"\d{2,}:\d{2}:\d{2}", item["eta"])
    assert 0 < item["percentage"] < 100
    assert item["priority"] in {"Force", "High", "Normal", "Low"}
    assert re.fullmatch(r"\d+(\.\d)? (B|KB|MB|GB|TB)/s", body["speed"])
    assert re.fullmatch(r"\d+(\.\d)? (B|KB|MB|GB|TB)", body["disk_space"])


async def test_history_is_the_newest_first_with_iso_times_and_a_total(wired: Wired) -> None:
    body = (await wired.live.client.get("/api/v1/downloads/history", params={"limit": 2})).json()
    reference.assert_shape(body, reference.HISTORY)
    assert len(body["history"]) == 2
    assert body["total"] == 5
    assert all(item["completed"].endswith("Z") for item in body["history"])
    everything = (await wired.live.client.get("/api/v1/downloads/history")).json()
    failed = next(item for item in everything["history"] if item["nzo_id"] == FAILED_MOVIE)
    assert failed["status"] == "Failed"
    assert "Not on your server" in failed["fail_message"]


@pytest.mark.parametrize("limit", ["0", "1001", "-5", "many"])
async def test_invalid_history_limits_are_400(wired: Wired, limit: str) -> None:
    response = await wired.live.client.get("/api/v1/downloads/history", params={"limit": limit})
    assert response.status_code == 400
    assert list(response.json()["details"]) == ["limit"]


async def test_retry_gives_a_new_id_and_the_job_is_back_in_the_queue(wired: Wired) -> None:
    response = await wired.live.client.post(f"/api/v1/downloads/retry/{FAILED_MOVIE}")
    assert response.status_code == 200
    body = response.json()
    reference.assert_shape(body, reference.RETRY)
    assert body["nzo_id"] == FAILED_MOVIE
    assert body["new_nzo_id"] != FAILED_MOVIE
    queue = (await wired.live.client.get("/api/v1/downloads/queue")).json()
    assert body["new_nzo_id"] in [item["nzo_id"] for item in queue["queue"]]
    history = (await wired.live.client.get("/api/v1/downloads/history")).json()
    assert FAILED_MOVIE not in [item["nzo_id"] for item in history["history"]]


async def test_pause_and_resume_answer_the_state_sabnzbd_reports(wired: Wired) -> None:
    paused = (await wired.live.client.post("/api/v1/downloads/pause")).json()
    assert paused == {"success": True, "paused": True, "queue_status": "Paused"}
    assert wired.stack.sabnzbd_state.paused
    resumed = (await wired.live.client.post("/api/v1/downloads/resume")).json()
    reference.assert_shape(resumed, reference.PAUSE)
    assert resumed["paused"] is False
    assert resumed["queue_status"] in {"Downloading", "Idle", "Queued"}
    assert not wired.stack.sabnzbd_state.paused


async def test_delete_removes_a_queued_job_or_a_history_entry(wired: Wired) -> None:
    for nzo_id in (DOWNLOADING, FAILED_MOVIE):
        response = await wired.live.client.delete(f"/api/v1/downloads/{nzo_id}")
        assert response.status_code == 200
        reference.assert_shape(response.json(), reference.DELETE_DOWNLOAD)
        state = wired.stack.sabnzbd_state
        assert nzo_id not in [job.nzo_id for job in state.queue] + [entry.nzo_id for entry in state.history]
    again = await wired.live.client.delete(f"/api/v1/downloads/{DOWNLOADING}")
    assert again.status_code == 404


@pytest.mark.parametrize(("method", "path"), [("POST", "/retry/SABnzbd_nzo_nope1234"), ("DELETE", "/SABnzbd_nzo_x")])
async def test_unknown_ids_are_404_although_sabnzbd_would_say_yes(wired: Wired, method: str, path: str) -> None:
    response = await wired.live.client.request(method, "/api/v1/downloads" + path)
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


async def test_a_disabled_sabnzbd_is_503_and_other_routes_still_answer(tmp_path: Path) -> None:
    async with serve_settings(settings_for(tmp_path)) as live:
        response = await live.client.get("/api/v1/downloads/queue")
        assert response.status_code == 503
        assert response.json()["error"] == "service_unavailable"
        assert (await live.client.get("/health")).status_code == 200


async def test_sabnzbd_down_is_503(wired: Wired) -> None:
    await wired.stack.servers["sabnzbd"].stop()
    response = await wired.live.client.get("/api/v1/downloads/queue")
    assert response.status_code == 503
    assert response.json()["details"]["reason"] == "unreachable"


async def test_the_monitor_announces_each_finished_job_once(wired: Wired) -> None:
    events = wired.bus.subscribe(types=[DownloadFailed, DownloadCompleted])
    monitor = wired.download_monitor
    assert await monitor.poll_once() == []  # the baseline: jobs already in history say nothing
    wired.stack.sabnzbd_state.finish(DOWNLOADING, failed=True, message="Download failed - Not on your server(s)")
    assert await monitor.poll_once() == [DOWNLOADING]
    assert await monitor.poll_once() == []
    assert events.pending() == 1
    event = await events.get()
    assert event.type == "download.failed"
    assert event.data == DownloadFailed(
        download_id=DOWNLOADING,
        title="The.Expanse.S06E05.1080p.WEB.h264-GROUP",
        reason="Download failed - Not on your server(s)",
    )


async def test_a_job_counted_but_not_yet_listed_by_sabnzbd_is_still_announced(wired: Wired) -> None:
    # SABnzbd reads last_history_update after building the rows it answers with: a job stored in between
    # is counted by the answer's counter but missing from its rows. The monitor must not skip it next time.
    state, monitor = wired.stack.sabnzbd_state, wired.download_monitor
    assert await monitor.poll_once() == []  # the baseline
    assert await monitor.poll_once() == []  # the same counter twice: an unchanged history from now on
    state.history_counter += 1  # the counter moved for a job the rows below do not list yet
    assert await monitor.poll_once() == []
    state.finish(DOWNLOADING)  # ...which is the job stored at that counter
    state.history_counter -= 1
    assert await monitor.poll_once() == [DOWNLOADING]
    assert await monitor.poll_once() == []


async def test_an_unchanged_history_costs_a_tiny_reply_until_sabnzbd_fails_once(wired: Wired) -> None:
    # Observed through rows that change while the counter does not (SABnzbd itself never does that): a poll
    # that trusts the counter does not read rows; one that does not trust it finds the job.
    state, monitor, faults = wired.stack.sabnzbd_state, wired.download_monitor, wired.stack.faults["sabnzbd"]
    assert await monitor.poll_once() == []
    assert await monitor.poll_once() == []  # the counter is trusted from here on
    state.finish(DOWNLOADING)
    state.history_counter -= 1
    assert await monitor.poll_once() == []  # `{"history": false}`: the rows were not read
    faults.error_500 = True
    with pytest.raises(ServiceUnavailableError):
        await monitor.poll_once()
    faults.reset()
    assert await monitor.poll_once() == [DOWNLOADING]  # after a failure (a restarted SABnzbd?) it reads in full
