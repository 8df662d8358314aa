"""Recovery against the REAL SABnzbd (failures from our NNTP server) and the *arr simulators."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from autoarr.bus import utc_now
from autoarr.events.recovery import RecoveryService
from autoarr.integrations.sabnzbd.client import SabnzbdClient
from autoarr.sim.downloads import SimDownload
from autoarr.sim.stack import SimulatedStack
from tests.live import LiveApp, serve_settings, settings_for
from tests.stack import QUIET, baseline_taken, eventually
from tests.support.nntp import NntpServer
from tests.support.nzb import build_nzb, post_file
from tests.support.sabnzbd_real import RealSabnzbd, poll_until

pytestmark = pytest.mark.real_sabnzbd


async def failed_in_sabnzbd(live: LiveApp, name: str) -> str:
    """Add a job whose articles our NNTP server does not have, and wait until SABnzbd stores it as Failed."""
    sabnzbd: SabnzbdClient = live.app.state.integrations.sabnzbd
    missing = post_file(f"{name}.bin", os.urandom(4000), article_size=2000)
    (nzo_id,) = await sabnzbd.add_file(f"{name}.nzb", build_nzb([missing]), name=name)

    async def final() -> str | None:
        slots = (await sabnzbd.history(nzo_ids=[nzo_id])).slots
        return nzo_id if any(slot.is_final and slot.failed for slot in slots) else None

    return await poll_until(final, within=60, what=f"{name} failed")


async def test_owned_failures_are_marked_in_the_owner_and_unowned_ones_retried_in_sabnzbd(
    tmp_path: Path, real_sabnzbd: RealSabnzbd, nntp_server: NntpServer
) -> None:
    async with SimulatedStack() as stack:
        env = {
            **{k: v for k, v in stack.environment().items() if not k.startswith("SABNZBD")},
            "SABNZBD_URL": real_sabnzbd.url,
            "SABNZBD_API_KEY": real_sabnzbd.api_key,
            "AUTOARR_RECOVERY_ENABLED": "true",
            "AUTOARR_RECOVERY_BACKOFF_SECONDS": "30",
            **QUIET,
        }
        async with serve_settings(settings_for(tmp_path, **env)) as live:
            monitor = live.app.state.download_monitor
            recovery: RecoveryService = live.app.state.recovery_service
            await baseline_taken(live.app)

            owned = await failed_in_sabnzbd(live, "Owned.Movie.2026")
            stack.radarr_state.track(  # Radarr grabbed it (its redownload-failed is off in the simulator)
                SimDownload(owned, "Owned.Movie.2026", "movies", "radarr", "queue", "Downloading", 4000, media_index=3)
            )
            unowned = await failed_in_sabnzbd(live, "Nobodys.File.2026")

            announced = [*await monitor.poll_once(), *await monitor.poll_once()]
            assert sorted(announced) == sorted([owned, unowned])
            await eventually(lambda: recovery.handled >= 2)

            marked = [
                r
                for r in stack.radarr_state.history.values()
                if r["downloadId"] == owned and r["eventType"] == "downloadFailed"
            ]
            assert len(marked) == 1
            (new_id,) = await recovery.run_due(utc_now() + timedelta(seconds=31))
            sabnzbd: SabnzbdClient = live.app.state.integrations.sabnzbd
            assert await sabnzbd.find_job(unowned) is None  # SABnzbd replaced it
            assert await sabnzbd.find_job(new_id) in ("queue", "history")
            assert await sabnzbd.find_job(owned) == "history"  # the owned one was not retried by AutoArr
            rows = (await live.client.get("/api/v1/downloads/recovery")).json()["attempts"]
            assert {(r["download_id"], r["action"], r["result"]) for r in rows} == {
                (owned, "mark_failed", "done"),
                (unowned, "retry", "done"),
            }
