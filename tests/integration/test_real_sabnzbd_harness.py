"""The real-SABnzbd harness works: raw HTTP against sabnzbdplus fed by the loopback NNTP server."""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
import pytest_asyncio

from tests.support.fixtures import require_sabnzbdplus
from tests.support.nntp import NntpServer
from tests.support.nzb import PostedFile, build_nzb, post_file
from tests.support.sabnzbd_real import INSTALL_HINT, RealSabnzbd, poll_until

# Big enough to need several articles, small enough to cost nothing.
FILE_SIZE = 5000
ARTICLE_SIZE = 2000
FINAL_STATUSES = ("Completed", "Failed")


@pytest_asyncio.fixture
async def client() -> AsyncIterator[httpx2.AsyncClient]:
    """A plain HTTP client, closed after the test."""
    async with httpx2.AsyncClient(timeout=10.0) as http:
        yield http


async def call(client: httpx2.AsyncClient, sab: RealSabnzbd, mode: str, **params: str) -> Any:
    """GET one API mode with the full key and return the decoded JSON body."""
    reply = await client.get(sab.api_url, params={"mode": mode, "output": "json", "apikey": sab.api_key, **params})
    assert reply.status_code == 200, reply.text
    return reply.json()


async def add_nzb(client: httpx2.AsyncClient, sab: RealSabnzbd, name: str, nzb: bytes, *, key: str) -> str:
    """Upload an NZB as multipart field `name` (the job is called after the file name) and return its nzo_id."""
    reply = await client.post(
        sab.api_url,
        params={"mode": "addfile", "output": "json", "apikey": key},
        files={"name": (f"{name}.nzb", nzb, "application/x-nzb")},
    )
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["status"] is True
    (nzo_id,) = body["nzo_ids"]
    return str(nzo_id)


async def queue_ids(client: httpx2.AsyncClient, sab: RealSabnzbd) -> list[str]:
    """The nzo_ids in the queue, in queue order."""
    queue = (await call(client, sab, "queue"))["queue"]
    return [slot["nzo_id"] for slot in queue["slots"]]


async def finished(client: httpx2.AsyncClient, sab: RealSabnzbd, nzo_id: str) -> dict[str, Any]:
    """Wait until nzo_id has its stored Completed or Failed history row and return that row."""

    async def row() -> dict[str, Any] | None:
        history = (await call(client, sab, "history", nzo_ids=nzo_id))["history"]
        # A job still in post-processing can already say "Failed" but has no database "id" yet, and a retry in
        # that window answers "item does not exist": only the stored row is finished. For a few milliseconds
        # SABnzbd lists both (the row is stored before the job leaves post-processing): wait for one row.
        rows = [slot for slot in history["slots"] if slot["nzo_id"] == nzo_id]
        if len(rows) == 1 and rows[0]["status"] in FINAL_STATUSES and "id" in rows[0]:
            return dict(rows[0])
        return None

    return await poll_until(row, within=45, what=f"{nzo_id} finished")


def good_and_bad(nntp: NntpServer) -> tuple[PostedFile, PostedFile]:
    """A file whose articles the server has, and one it answers 430 for."""
    good = post_file("good.bin", os.urandom(FILE_SIZE), article_size=ARTICLE_SIZE)
    bad = post_file("missing.bin", os.urandom(FILE_SIZE), article_size=ARTICLE_SIZE)
    nntp.publish(good)
    return good, bad


@pytest.mark.real_sabnzbd
async def test_version_needs_no_key_and_wrong_or_missing_keys_get_403(
    client: httpx2.AsyncClient, real_sabnzbd: RealSabnzbd
) -> None:
    version = await client.get(real_sabnzbd.api_url, params={"mode": "version", "output": "json"})
    assert version.status_code == 200
    assert version.json() == {"version": "3.7.1"}

    wrong = await client.get(real_sabnzbd.api_url, params={"mode": "queue", "output": "json", "apikey": "nope"})
    assert (wrong.status_code, wrong.text) == (403, "API Key Incorrect")
    assert wrong.headers["content-type"].startswith("text/html")

    missing = await client.get(real_sabnzbd.api_url, params={"mode": "queue", "output": "json"})
    assert (missing.status_code, missing.text) == (403, "API Key Required")

    # The nzb_key is good for adding jobs only, not for the full API.
    nzb_key = await client.get(
        real_sabnzbd.api_url, params={"mode": "queue", "output": "json", "apikey": real_sabnzbd.nzb_key}
    )
    assert (nzb_key.status_code, nzb_key.text) == (403, "API Key Incorrect")


@pytest.mark.real_sabnzbd
async def test_good_nzb_completes_into_complete_dir_and_bad_nzb_fails_not_on_server(
    client: httpx2.AsyncClient, real_sabnzbd: RealSabnzbd, nntp_server: NntpServer
) -> None:
    sab = real_sabnzbd
    good, bad = good_and_bad(nntp_server)
    # Paused while adding, so the jobs are certainly seen in the queue before they download.
    assert await call(client, sab, "pause") == {"status": True}
    good_id = await add_nzb(client, sab, "Good.Job.2026", build_nzb([good]), key=sab.nzb_key)
    bad_id = await add_nzb(client, sab, "Bad.Job.2026", build_nzb([bad]), key=sab.api_key)
    assert await queue_ids(client, sab) == [good_id, bad_id]
    assert await call(client, sab, "resume") == {"status": True}

    done = await finished(client, sab, good_id)
    assert done["status"] == "Completed"
    assert done["name"] == "Good.Job.2026"
    assert done["fail_message"] == ""
    stored = sab.complete_dir / "Good.Job.2026" / "good.bin"
    assert Path(done["storage"]) == stored
    assert stored.read_bytes() == good.data

    failed = await finished(client, sab, bad_id)
    assert failed["status"] == "Failed"
    assert "Not on your server" in failed["fail_message"]
    assert {segment.message_id for segment in bad.segments} <= set(nntp_server.requested)
    assert await queue_ids(client, sab) == []


@pytest.mark.real_sabnzbd
async def test_retry_requeues_a_failed_job_under_a_new_id_that_completes_once_articles_exist(
    client: httpx2.AsyncClient, real_sabnzbd: RealSabnzbd, nntp_server: NntpServer
) -> None:
    sab = real_sabnzbd
    _, bad = good_and_bad(nntp_server)
    old_id = await add_nzb(client, sab, "Late.Job.2026", build_nzb([bad]), key=sab.api_key)
    assert (await finished(client, sab, old_id))["status"] == "Failed"

    nntp_server.publish(bad)  # the articles "propagate" after all
    retried = await call(client, sab, "retry", value=old_id)
    assert retried["status"] is True
    new_id = retried["nzo_id"]
    assert new_id != old_id

    assert (await finished(client, sab, new_id))["status"] == "Completed"
    history = (await call(client, sab, "history"))["history"]
    assert [slot["nzo_id"] for slot in history["slots"]] == [new_id]  # the old row is gone
    assert (sab.complete_dir / "Late.Job.2026" / "missing.bin").read_bytes() == bad.data


@pytest.mark.real_sabnzbd
async def test_global_pause_and_resume_show_in_queue_paused(
    client: httpx2.AsyncClient, real_sabnzbd: RealSabnzbd
) -> None:
    assert (await call(client, real_sabnzbd, "queue"))["queue"]["paused"] is False
    assert await call(client, real_sabnzbd, "pause") == {"status": True}
    queue = (await call(client, real_sabnzbd, "queue"))["queue"]
    assert (queue["paused"], queue["status"]) == (True, "Paused")
    assert await call(client, real_sabnzbd, "resume") == {"status": True}
    assert (await call(client, real_sabnzbd, "queue"))["queue"]["paused"] is False


@pytest.mark.real_sabnzbd
async def test_queue_delete_removes_the_job_and_reports_its_id(
    client: httpx2.AsyncClient, real_sabnzbd: RealSabnzbd, nntp_server: NntpServer
) -> None:
    sab = real_sabnzbd
    good, _ = good_and_bad(nntp_server)
    await call(client, sab, "pause")
    nzo_id = await add_nzb(client, sab, "Unwanted.Job.2026", build_nzb([good]), key=sab.api_key)
    assert await queue_ids(client, sab) == [nzo_id]

    deleted = await call(client, sab, "queue", name="delete", value=nzo_id)
    assert deleted == {"status": True, "nzo_ids": [nzo_id]}
    assert await queue_ids(client, sab) == []
    assert await call(client, sab, "queue", name="delete", value=nzo_id) == {"status": False, "nzo_ids": []}


@pytest.mark.real_sabnzbd
async def test_set_config_round_trips_and_refuses_out_of_range_silently(
    client: httpx2.AsyncClient, real_sabnzbd: RealSabnzbd
) -> None:
    sab = real_sabnzbd
    set_cache = await call(client, sab, "set_config", section="misc", keyword="cache_limit", value="64M")
    assert set_cache == {"config": {"misc": {"cache_limit": "64M"}}}
    read = await call(client, sab, "get_config", section="misc", keyword="cache_limit")
    assert read == {"config": {"misc": {"cache_limit": "64M"}}}
    assert "cache_limit = 64M" in (sab.home / "sabnzbd.ini").read_text()

    before = (await call(client, sab, "get_config", section="misc", keyword="bandwidth_perc"))["config"]["misc"]
    refused = await call(client, sab, "set_config", section="misc", keyword="bandwidth_perc", value="150")
    # No error: the reply simply echoes the value that was kept.
    assert refused == {"config": {"misc": before}}
    assert before == {"bandwidth_perc": 100}
    after = await call(client, sab, "get_config", section="misc", keyword="bandwidth_perc")
    assert after == {"config": {"misc": {"bandwidth_perc": 100}}}


def test_missing_sabnzbdplus_skips_with_the_install_hint_outside_ci(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=re.escape(INSTALL_HINT)):
        require_sabnzbdplus()


def test_missing_sabnzbdplus_fails_under_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=re.escape(INSTALL_HINT)):
        require_sabnzbdplus()
