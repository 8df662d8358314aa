"""Automatic recovery over the simulators: each ownership case takes its action, and only that one, once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from autoarr.bus import DownloadRecovery, DownloadRetried, utc_now
from autoarr.events.recovery import RecoveryService
from autoarr.sim._arr_state import ArrState
from tests.live import serve_settings, settings_for
from tests.stack import QUIET, Wired, baseline_taken, eventually, serve_stack

SONARR_JOB = "SABnzbd_nzo_q7k2m1xa"  # The Expanse, downloading, grabbed by Sonarr
RADARR_JOB = "SABnzbd_nzo_r4p9w3bd"  # Dune, queued, grabbed by Radarr (whose redownload is off)
NOBODYS_JOB = "SABnzbd_nzo_h3n8c5ee"  # Ubuntu, added to SABnzbd by hand
RECOVERY = {"AUTOARR_RECOVERY_ENABLED": "true", "AUTOARR_RECOVERY_BACKOFF_SECONDS": "60"}


@pytest.fixture
async def wired(tmp_path: Path) -> AsyncIterator[Wired]:
    async with serve_stack(tmp_path, **RECOVERY) as wired:
        await baseline_taken(wired.live.app)
        yield wired


def recovery(wired: Wired) -> RecoveryService:
    service: RecoveryService = wired.live.app.state.recovery_service
    return service


async def fail(wired: Wired, nzo_id: str) -> None:
    """SABnzbd fails the job; the monitor announces it; recovery takes it up."""
    handled = recovery(wired).handled
    wired.stack.sabnzbd_state.finish(nzo_id, failed=True)
    assert await wired.download_monitor.poll_once() == [nzo_id]
    await eventually(lambda: recovery(wired).handled > handled)


def failed_records(state: ArrState, download_id: str) -> list[dict[str, Any]]:
    return [r for r in state.history.values() if r["downloadId"] == download_id and r["eventType"] == "downloadFailed"]


async def attempts(wired: Wired) -> list[dict[str, Any]]:
    body = (await wired.live.client.get("/api/v1/downloads/recovery")).json()
    found: list[dict[str, Any]] = body["attempts"]
    return found


async def test_a_job_the_owner_will_handle_is_left_to_it(wired: Wired) -> None:
    events = wired.bus.subscribe(types=[DownloadRecovery])
    await fail(wired, SONARR_JOB)
    (attempt,) = await attempts(wired)
    assert (attempt["download_id"], attempt["owner"], attempt["action"], attempt["result"]) == (
        SONARR_JOB,
        "sonarr",
        "left_to_owner",
        "done",
    )
    assert failed_records(wired.stack.sonarr_state, SONARR_JOB) == []  # AutoArr did not mark it
    event = (await events.get()).data
    assert (event.owner, event.action) == ("sonarr", "left_to_owner")  # type: ignore[attr-defined]


async def test_a_job_the_owner_will_not_handle_is_marked_failed_there(wired: Wired) -> None:
    await fail(wired, RADARR_JOB)
    (attempt,) = await attempts(wired)
    assert (attempt["owner"], attempt["action"], attempt["result"]) == ("radarr", "mark_failed", "done")
    (marked,) = failed_records(wired.stack.radarr_state, RADARR_JOB)
    assert marked["downloadId"] == RADARR_JOB
    assert any(item["sourceTitle"].startswith("Dune") for item in wired.stack.radarr_state.blocklist.values())
    # Nothing in SABnzbd was retried for it.
    assert not any(job.nzo_id != RADARR_JOB and "Dune" in job.name for job in wired.stack.sabnzbd_state.queue)


async def test_a_job_stuck_in_the_owners_queue_is_marked_failed_too(wired: Wired) -> None:
    for item in wired.stack.sonarr_state.queue.values():
        if item["downloadId"] == SONARR_JOB:
            item["trackedDownloadState"] = "importBlocked"
    await fail(wired, SONARR_JOB)
    (attempt,) = await attempts(wired)
    assert (attempt["owner"], attempt["action"], attempt["result"]) == ("sonarr", "mark_failed", "done")
    assert len(failed_records(wired.stack.sonarr_state, SONARR_JOB)) == 1


async def test_marking_turned_off_for_a_service_only_reports(wired: Wired) -> None:
    response = await wired.live.client.put("/api/v1/settings", json={"recovery": {"mark_failed": {"radarr": False}}})
    assert response.status_code == 200
    await fail(wired, RADARR_JOB)
    (attempt,) = await attempts(wired)
    assert (attempt["action"], attempt["result"]) == ("report", "done")
    assert failed_records(wired.stack.radarr_state, RADARR_JOB) == []


async def test_a_job_nobody_owns_is_retried_with_backoff_up_to_the_limit(wired: Wired) -> None:
    await wired.live.client.put("/api/v1/settings", json={"recovery": {"retry_limit": 2}})
    retried = wired.bus.subscribe(types=[DownloadRetried])
    service = recovery(wired)
    current = NOBODYS_JOB
    for round_number, backoff in ((1, 60), (2, 120)):
        started = utc_now()
        await fail(wired, current)
        pending = (await attempts(wired))[0]
        assert (pending["owner"], pending["action"], pending["result"]) == ("none", "retry", "pending")
        assert pending["attempt"] == round_number
        assert await service.run_due(started + timedelta(seconds=backoff - 5)) == []  # backing off
        (new_id,) = await service.run_due(utc_now() + timedelta(seconds=backoff + 1))
        assert (await retried.get()).data == DownloadRetried(download_id=current, new_download_id=new_id)
        assert new_id in [job.nzo_id for job in wired.stack.sabnzbd_state.queue]
        assert await service.run_due(utc_now() + timedelta(days=1)) == []  # never twice
        current = new_id
    await fail(wired, current)  # the third failure of the same job: the limit was two retries
    assert (await attempts(wired))[0]["action"] == "give_up"
    assert await service.run_due(utc_now() + timedelta(days=1)) == []


async def test_recovery_is_off_by_default(tmp_path: Path) -> None:
    async with serve_stack(tmp_path) as wired:
        await baseline_taken(wired.live.app)
        await fail(wired, RADARR_JOB)
        assert await attempts(wired) == []
        assert failed_records(wired.stack.radarr_state, RADARR_JOB) == []


async def test_a_restart_mid_recovery_neither_loses_nor_repeats(tmp_path: Path) -> None:
    async with serve_stack(tmp_path, **RECOVERY) as wired:
        await baseline_taken(wired.live.app)
        await fail(wired, NOBODYS_JOB)
        env = {**wired.stack.environment(), **QUIET, **RECOVERY}
        async with serve_settings(settings_for(tmp_path, **env)) as again:
            service: RecoveryService = again.app.state.recovery_service
            assert await service.handle_failure(NOBODYS_JOB, "Ubuntu.24.04.Desktop.amd64") is None  # known already
            (new_id,) = await service.run_due(utc_now() + timedelta(minutes=2))  # the pending retry survived
            assert await service.run_due(utc_now() + timedelta(days=1)) == []
        assert new_id in [job.nzo_id for job in wired.stack.sabnzbd_state.queue]
        retries = [job for job in wired.stack.sabnzbd_state.queue if job.name.startswith("Ubuntu")]
        assert len(retries) == 1


async def test_an_attempt_interrupted_while_running_is_finished_once(tmp_path: Path) -> None:
    async with serve_stack(tmp_path, **RECOVERY) as wired:
        await baseline_taken(wired.live.app)
        await fail(wired, NOBODYS_JOB)
        service = recovery(wired)
        (row,) = await service._repository.due(utc_now() + timedelta(minutes=5))
        assert await service._repository.move(row.id, from_result="pending", now=utc_now(), result="running")
        # AutoArr stopped here, before calling SABnzbd. After the restart the attempt is resumed, not lost:
        await service.resume_interrupted()
        assert (await attempts(wired))[0]["result"] == "pending"
        (new_id,) = await service.run_due(utc_now() + timedelta(minutes=5))
        assert new_id
        # Had SABnzbd already retried it, the resumed attempt is just closed: the old id is gone from SABnzbd.
        assert await service._repository.move(row.id, from_result="done", now=utc_now(), result="running")
        await service.resume_interrupted()
        assert (await attempts(wired))[0]["result"] == "done"
        assert len([job for job in wired.stack.sabnzbd_state.queue if job.name.startswith("Ubuntu")]) == 1


async def test_a_failure_announced_but_never_handled_is_taken_up_after_a_restart(tmp_path: Path) -> None:
    # Recovery off while the job fails: the monitor records and announces it, and nobody handles it,
    # which is also what a crash between the announcement and recovery's record leaves behind.
    async with serve_stack(tmp_path, AUTOARR_RECOVERY_BACKOFF_SECONDS="60") as wired:
        await baseline_taken(wired.live.app)
        wired.stack.sabnzbd_state.finish(NOBODYS_JOB, failed=True)
        assert await wired.download_monitor.poll_once() == [NOBODYS_JOB]
        assert await attempts(wired) == []
        env = {**wired.stack.environment(), **QUIET, **RECOVERY}
        async with serve_settings(settings_for(tmp_path, **env)) as again:
            service: RecoveryService = again.app.state.recovery_service
            await service.resume_interrupted()  # what the leader runs first when it starts
            (row,) = await service._repository.due(utc_now() + timedelta(minutes=2))
            assert (row.download_id, row.action, row.result) == (NOBODYS_JOB, "retry", "pending")
            await service.resume_interrupted()  # a second start finds it handled: nothing is added
            assert len(await service._repository.due(utc_now() + timedelta(days=1))) == 1
