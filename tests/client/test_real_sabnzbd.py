"""The client against AutoArr over the REAL SABnzbd: health, queue, history, retry, delete, events and an audit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from autoarr.client import AutoArrClient, NotFoundError
from autoarr.client.events import DownloadCompleted, DownloadFailed
from autoarr.client.models import HistoryItem
from autoarr.integrations.sabnzbd.client import SabnzbdClient
from tests.live import API_KEY, LiveApp, serve_settings, settings_for
from tests.stack import QUIET, baseline_taken, eventually
from tests.support.nntp import NntpServer
from tests.support.nzb import build_nzb, post_file
from tests.support.sabnzbd_real import RealSabnzbd, poll_until, stored_as_final

pytestmark = pytest.mark.real_sabnzbd


def _sabnzbd(live: LiveApp) -> SabnzbdClient:
    sabnzbd: SabnzbdClient = live.app.state.integrations.sabnzbd
    return sabnzbd


async def _finished(live: LiveApp, client: AutoArrClient, nzo_id: str) -> HistoryItem:
    async def final() -> HistoryItem | None:
        if not await stored_as_final(_sabnzbd(live), nzo_id):
            return None
        rows = (await client.history(limit=20)).history
        return next((r for r in rows if r.nzo_id == nzo_id and r.completed is not None), None)

    return await poll_until(final, within=60, what=f"{nzo_id} finished")


async def test_the_whole_downloads_api_on_the_real_sabnzbd(
    tmp_path: Path, real_sabnzbd: RealSabnzbd, nntp_server: NntpServer
) -> None:
    missing = post_file("missing.bin", os.urandom(4000), article_size=2000)  # never published: it fails
    env = {"SABNZBD_URL": real_sabnzbd.url, "SABNZBD_API_KEY": real_sabnzbd.api_key, **QUIET}
    async with serve_settings(settings_for(tmp_path, **env)) as live, AutoArrClient(live.url, API_KEY) as client:
        await eventually(lambda: live.app.state.health_monitor.rounds >= 1)
        assert (await client.service_health("sabnzbd")).healthy is True
        assert (await client.circuit_breaker("sabnzbd")).state == "closed"

        paused = await client.pause_queue()
        assert (paused.paused, paused.queue_status) == (True, "Paused")
        (nzo_id,) = await _sabnzbd(live).add_file("bad.nzb", build_nzb([missing]), category="movies", name="Bad.2026")
        queue = await client.queue()
        assert [item.nzo_id for item in queue.queue] == [nzo_id]
        assert queue.paused is True

        assert (await client.resume_queue()).paused is False
        failed = await _finished(live, client, nzo_id)
        assert failed.status == "Failed"
        assert "Not on your server" in failed.fail_message

        # Paused, the retried job stays queued: it cannot fail again and move while the test deletes it.
        assert (await client.pause_queue()).paused is True
        retried = await client.retry_download(nzo_id)
        assert retried.new_nzo_id != nzo_id
        await poll_until(lambda: _sabnzbd(live).find_job(retried.new_nzo_id), within=30, what="the retried job")
        deleted = await client.delete_download(retried.new_nzo_id, delete_files=True)
        assert deleted.success is True
        assert await _sabnzbd(live).find_job(retried.new_nzo_id) is None
        with pytest.raises(NotFoundError):
            await client.delete_download(retried.new_nzo_id)


async def test_download_events_from_the_real_sabnzbd_reach_the_iterator(
    tmp_path: Path, real_sabnzbd: RealSabnzbd, nntp_server: NntpServer
) -> None:
    good = post_file("good.bin", os.urandom(3000), article_size=1500)
    nntp_server.publish(good)
    bad = post_file("gone.bin", os.urandom(3000), article_size=1500)
    env = {"SABNZBD_URL": real_sabnzbd.url, "SABNZBD_API_KEY": real_sabnzbd.api_key, **QUIET}
    async with serve_settings(settings_for(tmp_path, **env)) as live, AutoArrClient(live.url, API_KEY) as client:
        monitor = live.app.state.download_monitor
        await baseline_taken(live.app)
        async with client.events(["downloads"]) as stream:
            (good_id,) = await _sabnzbd(live).add_file("good.nzb", build_nzb([good]), name="Good.2026")
            (bad_id,) = await _sabnzbd(live).add_file("gone.nzb", build_nzb([bad]), name="Gone.2026")
            assert (await _finished(live, client, good_id)).status == "Completed"
            assert (await _finished(live, client, bad_id)).status == "Failed"
            announced = [*await monitor.poll_once(), *await monitor.poll_once()]
            assert sorted(announced) == sorted([good_id, bad_id])
            payloads = {}
            for _ in range(2):
                event = await stream.next_event()
                payloads[event.type] = event.payload()
    completed, failed = payloads["download.completed"], payloads["download.failed"]
    assert isinstance(completed, DownloadCompleted)
    assert (completed.download_id, completed.title) == (good_id, "Good.2026")
    assert isinstance(failed, DownloadFailed)
    assert (failed.download_id, failed.title) == (bad_id, "Gone.2026")


async def test_an_audit_of_the_real_sabnzbd_through_the_client(tmp_path: Path, real_sabnzbd: RealSabnzbd) -> None:
    env = {"SABNZBD_URL": real_sabnzbd.url, "SABNZBD_API_KEY": real_sabnzbd.api_key, **QUIET}
    async with serve_settings(settings_for(tmp_path, **env)) as live, AutoArrClient(live.url, API_KEY) as client:
        audit = await client.audit(["sabnzbd"], include_web_search=False)
        assert audit.failed_services == []
        assert audit.summary["sabnzbd"].issues_found > 0
        direct_unpack = [
            r for r in await client.all_recommendations(service="sabnzbd") if r.setting_name == "direct_unpack"
        ]
        assert len(direct_unpack) == 1
        applied = await client.apply([direct_unpack[0].id])
        assert applied.summary.successful == 1
        assert (await _sabnzbd(live).get_config("misc", "direct_unpack"))["misc"]["direct_unpack"] in (1, "1")
        rolled = await client.rollback([direct_unpack[0].id])
        assert rolled.summary.successful == 1
        assert (await _sabnzbd(live).get_config("misc", "direct_unpack"))["misc"]["direct_unpack"] in (0, "0")
