"""AutoArr over the REAL SABnzbd: the Downloads endpoints and the download monitor, failures made honestly."""

from __future__ import annotations

import json
import os
from pathlib import Path

import httpx2
import pytest
from websockets.asyncio.client import connect

from autoarr.integrations.sabnzbd.client import SabnzbdClient
from tests import reference
from tests.live import API_KEY, LiveApp, serve_settings, settings_for
from tests.stack import QUIET, baseline_taken
from tests.support.fixtures import StartSabnzbd
from tests.support.nntp import NntpServer
from tests.support.nzb import build_nzb, post_file
from tests.support.sabnzbd_real import NewsServer, RealSabnzbd, poll_until, stored_as_final

pytestmark = pytest.mark.real_sabnzbd


def _settings(data: Path, sab: RealSabnzbd) -> dict[str, str]:
    return {"SABNZBD_URL": sab.url, "SABNZBD_API_KEY": sab.api_key, **QUIET}


def _client(live: LiveApp) -> SabnzbdClient:
    sabnzbd: SabnzbdClient = live.app.state.integrations.sabnzbd
    return sabnzbd


async def _final(live: LiveApp, nzo_id: str) -> dict[str, object]:
    async def finished() -> dict[str, object] | None:
        if not await stored_as_final(_client(live), nzo_id):
            return None
        rows = (await live.client.get("/api/v1/downloads/history", params={"limit": 20})).json()["history"]
        return next((r for r in rows if r["nzo_id"] == nzo_id and r["completed"]), None)

    return await poll_until(finished, within=60, what=f"{nzo_id} finished")


async def test_queue_pause_resume_delete_and_a_failed_job_retried(
    tmp_path: Path, real_sabnzbd: RealSabnzbd, nntp_server: NntpServer
) -> None:
    missing = post_file("missing.bin", os.urandom(4000), article_size=2000)  # never published: 430s
    async with serve_settings(settings_for(tmp_path, **_settings(tmp_path, real_sabnzbd))) as live:
        paused = (await live.client.post("/api/v1/downloads/pause")).json()
        assert paused == {"success": True, "paused": True, "queue_status": "Paused"}
        (nzo_id,) = await _client(live).add_file("bad.nzb", build_nzb([missing]), category="movies", name="Bad.2026")
        queue = (await live.client.get("/api/v1/downloads/queue")).json()
        reference.assert_shape(queue, reference.QUEUE)
        assert [item["nzo_id"] for item in queue["queue"]] == [nzo_id]
        assert queue["paused"] is True

        resumed = (await live.client.post("/api/v1/downloads/resume")).json()
        assert resumed["paused"] is False
        row = await _final(live, nzo_id)
        assert row["status"] == "Failed"
        assert "Not on your server" in str(row["fail_message"])

        # Paused, the retried job stays queued: it cannot fail again and move while the test deletes it.
        assert (await live.client.post("/api/v1/downloads/pause")).json()["paused"] is True
        retried = (await live.client.post(f"/api/v1/downloads/retry/{nzo_id}")).json()
        reference.assert_shape(retried, reference.RETRY)
        new_id = retried["new_nzo_id"]
        assert new_id != nzo_id
        assert await _client(live).find_job(nzo_id) is None

        await poll_until(lambda: _client(live).find_job(new_id), within=30, what="the retried job")
        deleted = await live.client.delete(f"/api/v1/downloads/{new_id}", params={"delete_files": "true"})
        assert deleted.status_code == 200
        assert await _client(live).find_job(new_id) is None
        assert (await live.client.delete(f"/api/v1/downloads/{new_id}")).status_code == 404


async def test_failed_job_reaches_the_downloads_room_once_within_two_polls_and_not_again_after_restart(
    tmp_path: Path, real_sabnzbd: RealSabnzbd, nntp_server: NntpServer
) -> None:
    data = tmp_path / "data"
    missing = post_file("gone.bin", os.urandom(4000), article_size=2000)
    async with serve_settings(settings_for(data, **_settings(data, real_sabnzbd))) as live:
        monitor = live.app.state.download_monitor
        await baseline_taken(live.app)
        ws_url = live.url.replace("http://", "ws://") + f"/ws/watcher?api_key={API_KEY}"
        async with connect(ws_url) as ws:
            await ws.send(json.dumps({"type": "join_room", "room": "downloads"}))
            assert json.loads(await ws.recv()) == {"type": "room_joined", "room": "downloads"}

            (nzo_id,) = await _client(live).add_file("gone.nzb", build_nzb([missing]), name="Gone.2026")
            await _final(live, nzo_id)  # SABnzbd has stored it as Failed
            announced = [*await monitor.poll_once(), *await monitor.poll_once()]
            assert announced == [nzo_id]
            event = json.loads(await ws.recv())
            assert event["type"] == "download.failed"
            assert event["data"]["download_id"] == nzo_id
            assert event["data"]["title"] == "Gone.2026"
            assert "Not on your server" in event["data"]["reason"]

    # A restart on the same store: the failure is not announced again.
    async with serve_settings(settings_for(data, **_settings(data, real_sabnzbd))) as live:
        monitor = live.app.state.download_monitor
        assert [*await monitor.poll_once(), *await monitor.poll_once()] == []


async def test_a_job_mid_post_processing_is_409_until_the_stage_ends_and_then_deleted(
    tmp_path: Path, real_sabnzbd_factory: StartSabnzbd, nntp_server: NntpServer
) -> None:
    # SABnzbd ignores a history delete while a post-processing stage runs, and still answers success.
    scripts, gate = tmp_path / "scripts", tmp_path / "gate"
    scripts.mkdir()
    script = scripts / "gate.sh"
    # The job's post-processing script: holds it in the Running stage until the test opens the gate (60 s at most).
    script.write_text(f"#!/bin/sh\nfor i in $(seq 600); do [ -e '{gate}' ] && exit 0; sleep 0.1; done\n")
    script.chmod(0o755)
    news = NewsServer(host=nntp_server.host, port=nntp_server.port)
    sab = await real_sabnzbd_factory(servers=(news,), misc={"script_dir": str(scripts)})
    held = post_file("held.bin", os.urandom(3000), article_size=1500)
    nntp_server.publish(held)
    async with serve_settings(settings_for(tmp_path, **_settings(tmp_path, sab))) as live:
        async with httpx2.AsyncClient(timeout=30) as raw:  # AutoArr adds no jobs: straight to SABnzbd, with a script
            added = await raw.post(
                sab.api_url,
                data={"mode": "addfile", "output": "json", "apikey": sab.api_key, "script": "gate.sh"},
                files={"name": ("Held.2026.nzb", build_nzb([held]), "application/x-nzb")},
            )
        (nzo_id,) = added.json()["nzo_ids"]

        async def running() -> bool | None:
            rows = (await _client(live).history(nzo_ids=[nzo_id])).slots
            return True if any(row.status == "Running" for row in rows) else None

        try:
            await poll_until(running, within=60, what=f"{nzo_id} running its script")
            refused = await live.client.delete(f"/api/v1/downloads/{nzo_id}")
            assert refused.status_code == 409, refused.text
            assert refused.json()["error"] == "conflict"
            assert refused.json()["details"] == {"nzo_id": nzo_id, "status": "Running"}
            assert await _client(live).find_job(nzo_id) == "history"  # nothing was deleted, nothing half-done
        finally:
            gate.touch()
        assert (await _final(live, nzo_id))["status"] == "Completed"
        deleted = await live.client.delete(f"/api/v1/downloads/{nzo_id}")
        assert deleted.status_code == 200, deleted.text
        assert await _client(live).find_job(nzo_id) is None
