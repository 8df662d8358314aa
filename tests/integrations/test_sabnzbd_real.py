"""SabnzbdClient against the real SABnzbd 3.7.1 (Debian's sabnzbdplus) fed by the loopback NNTP server."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from autoarr.errors import InvalidRequestError, NotFoundError, UpstreamAuthError
from autoarr.integrations._http import ServiceHttp, build_http_client
from autoarr.integrations.breaker import CircuitBreaker
from autoarr.integrations.sabnzbd.client import SabnzbdClient
from autoarr.integrations.sabnzbd.models import HistorySlot
from tests.support.fixtures import StartSabnzbd
from tests.support.nntp import NntpServer
from tests.support.nzb import build_nzb, post_file
from tests.support.sabnzbd_real import RealSabnzbd, poll_until

pytestmark = pytest.mark.real_sabnzbd

FILE_SIZE = 5000
ARTICLE_SIZE = 2000


@asynccontextmanager
async def connect(sab: RealSabnzbd, *, api_key: str | None = None) -> AsyncIterator[SabnzbdClient]:
    """A SabnzbdClient of this SABnzbd as the lifespan builds one (its own key unless told otherwise)."""
    http_client = build_http_client(base_url=sab.url, timeout_seconds=10, connect_timeout_seconds=5, verify_tls=True)
    breaker = CircuitBreaker("sabnzbd", threshold=5, timeout=30)
    async with http_client:
        yield SabnzbdClient(ServiceHttp("sabnzbd", http_client, breaker), api_key=api_key or sab.api_key)


async def final_row(client: SabnzbdClient, nzo_id: str) -> HistorySlot:
    """The job's stored history row, once there is one (a failed job in post-processing has no id yet)."""

    async def row() -> HistorySlot | None:
        slots = (await client.history(nzo_ids=[nzo_id])).slots
        return next((slot for slot in slots if slot.nzo_id == nzo_id and slot.is_final), None)

    return await poll_until(row, within=45, what=f"{nzo_id} finished")


async def test_jobs_are_added_paused_resumed_and_deleted(real_sabnzbd: RealSabnzbd, nntp_server: NntpServer) -> None:
    good = post_file("episode.bin", os.urandom(FILE_SIZE), article_size=ARTICLE_SIZE)
    nntp_server.publish(good)
    async with connect(real_sabnzbd) as client:
        await client.ping()
        assert await client.version() == "3.7.1"
        # Globally paused first, so the job certainly waits in the queue.
        await client.pause()
        queue = await client.queue()
        assert (queue.paused, queue.status) == (True, "Paused")

        (nzo_id,) = await client.add_file("episode.nzb", build_nzb([good]), category="tv", name="Show.S01E01.2026")
        (slot,) = (await client.queue()).slots
        assert (slot.nzo_id, slot.filename, slot.cat, slot.priority) == (nzo_id, "Show.S01E01.2026", "tv", "Normal")
        assert slot.mb > 0
        assert slot.mb == pytest.approx(slot.mbleft)
        assert (slot.percentage, slot.eta) == (0, "00:00:00")
        assert await client.find_job(nzo_id) == "queue"

        assert await client.pause_jobs([nzo_id]) == [nzo_id]
        assert (await client.queue(nzo_ids=[nzo_id])).slots[0].status == "Paused"
        assert await client.resume_jobs([nzo_id]) == [nzo_id]
        assert (await client.queue(nzo_ids=[nzo_id])).slots[0].status == "Queued"

        assert await client.delete_jobs([nzo_id], delete_files=True) == [nzo_id]
        assert (await client.queue()).slots == []
        assert await client.find_job(nzo_id) is None
        assert await client.delete_jobs([nzo_id]) == []  # gone: SABnzbd removes nothing

        await client.resume()
        assert (await client.queue()).paused is False
        status = await client.status()
        assert 0 < status.diskspace1 <= status.diskspacetotal1
        assert [server.servername for server in status.servers] == ["testnntp"]


async def test_a_job_failing_on_missing_articles_is_retried_under_a_new_id(
    real_sabnzbd: RealSabnzbd, nntp_server: NntpServer
) -> None:
    late = post_file("late.bin", os.urandom(FILE_SIZE), article_size=ARTICLE_SIZE)  # not published yet: 430s
    async with connect(real_sabnzbd) as client:
        (old_id,) = await client.add_file("Late.Movie.2026.nzb", build_nzb([late]), category="movies")
        failed = await final_row(client, old_id)
        assert (failed.status, failed.category, failed.retry) == ("Failed", "movies", True)
        assert "Not on your server" in failed.fail_message
        assert failed.completed is not None
        assert failed.completed.tzinfo is not None
        assert await client.find_job(old_id) == "history"
        assert [slot.nzo_id for slot in (await client.history(failed_only=True)).slots] == [old_id]

        nntp_server.publish(late)  # the articles "propagate" after all
        new_id = await client.retry(old_id)
        assert new_id != old_id
        assert (await client.history(nzo_ids=[old_id])).slots == []
        assert await client.find_job(old_id) is None

        done = await final_row(client, new_id)
        assert (done.status, done.fail_message, done.name) == ("Completed", "", "Late.Movie.2026")
        stored = Path(done.storage)
        assert stored.is_relative_to(real_sabnzbd.complete_dir)
        assert await asyncio.to_thread(stored.read_bytes) == late.data

        with pytest.raises(NotFoundError):
            await client.retry(old_id)  # its row went with the first retry


async def test_config_round_trips_silent_refusals_are_errors_and_wrong_keys_are_rejected(
    real_sabnzbd_factory: StartSabnzbd,
) -> None:
    sab = await real_sabnzbd_factory()
    async with connect(sab) as client:
        assert await client.set_config_verified("misc", "cache_limit", value="64M") == "64M"
        assert await client.get_config("misc", "cache_limit") == {"misc": {"cache_limit": "64M"}}
        assert "cache_limit = 64M" in (sab.home / "sabnzbd.ini").read_text()

        refusals: list[tuple[str, str | int, int]] = [("bandwidth_perc", 150, 100), ("queue_limit", "abc", 20)]
        for keyword, value, kept in refusals:
            with pytest.raises(InvalidRequestError) as caught:
                await client.set_config_verified("misc", keyword, value=value)
            assert caught.value.details[f"misc.{keyword}"].startswith(f"SABnzbd kept {kept}")
            assert await client.get_config("misc", keyword) == {"misc": {keyword: kept}}

        with pytest.raises(InvalidRequestError) as unknown:
            await client.set_config("misc", "no_such_option", value="1")
        assert unknown.value.details["sabnzbd_error"] == "Config item does not exist"

        # Writes by name are checked too: SABnzbd raises a server timeout under 20 s to 20, silently.
        with pytest.raises(InvalidRequestError) as server:
            await client.set_server("spare", {"host": "127.0.0.1", "port": 9, "timeout": 10, "enable": False})
        assert list(server.value.details) == ["servers.spare.timeout"]
        assert (await client.get_config("servers", "spare"))["servers"][0]["timeout"] == 20

    wrong_keys: list[Callable[[RealSabnzbd], str]] = [lambda _: "not-the-key", lambda s: s.nzb_key]
    for key_of in wrong_keys:
        async with connect(sab, api_key=key_of(sab)) as stranger:
            with pytest.raises(UpstreamAuthError):
                await stranger.ping()
