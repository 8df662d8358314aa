"""SabnzbdClient against the SABnzbd simulator (state after each call, every failure) and the captured replies."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx2
import pytest
import pytest_asyncio
from starlette.types import Receive, Scope, Send

from autoarr.errors import ConflictError, InvalidRequestError, NotFoundError, ServiceUnavailableError, UpstreamAuthError
from autoarr.integrations._http import ServiceHttp, build_http_client
from autoarr.integrations.breaker import CircuitBreaker
from autoarr.integrations.sabnzbd.client import SabnzbdClient
from autoarr.integrations.sabnzbd.models import (
    ErrorReply,
    HistoryReply,
    Priority,
    QueueReply,
    QueueSlot,
    StatusReply,
    decode_queue,
    refusal,
)
from autoarr.integrations.sabnzbd.service import delete_download
from autoarr.sim.downloads import NOT_ON_SERVER
from autoarr.sim.faults import Faults
from autoarr.sim.sabnzbd import SabnzbdState, create_sabnzbd_app
from autoarr.sim.sabnzbd_format import GIBI
from autoarr.sim.server import SimServer
from tests.sim import sabnzbd_samples as samples

API_KEY = "0123456789abcdef0123456789abcdef"
NOW = 1_795_812_000.0
DOWNLOADING = "SABnzbd_nzo_q7k2m1xa"  # The Expanse
QUEUED = "SABnzbd_nzo_r4p9w3bd"  # Dune
PAUSED = "SABnzbd_nzo_h3n8c5ee"  # Ubuntu
COMPLETED = "SABnzbd_nzo_c1m5t6fg"  # Breaking Bad
FAILED = "SABnzbd_nzo_f8x2z7hh"  # Oppenheimer
UNKNOWN = "SABnzbd_nzo_doesnotexist"


async def _no_sleep(_seconds: float) -> None:
    """Retry backoff that does not wait (the tests count attempts, not seconds)."""


def nzb(name: str, *, sizes: tuple[int, ...] = (700_000, 348_576)) -> bytes:
    """A small valid NZB naming its job in its meta head."""
    segments = "".join(
        f'<segment bytes="{size}" number="{n}">p{n}.{name}@example</segment>' for n, size in enumerate(sizes, 1)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<nzb xmlns="http://www.newzbin.com/DTD/2003/nzb">'
        f'<head><meta type="name">{name}</meta></head>'
        f'<file poster="p@example" date="1767225600" subject="{name} - &quot;{name}.mkv&quot; yEnc">'
        f"<groups><group>alt.binaries.test</group></groups><segments>{segments}</segments></file></nzb>"
    ).encode()


@dataclass
class Sim:
    """A simulator, its fault switches, and a client (with its breaker) talking to it."""

    state: SabnzbdState
    faults: Faults
    breaker: CircuitBreaker
    client: SabnzbdClient


def make_client(
    transport: httpx2.AsyncBaseTransport | None, *, base_url: str, api_key: str = API_KEY
) -> tuple[SabnzbdClient, CircuitBreaker, httpx2.AsyncClient]:
    """A SabnzbdClient as the lifespan builds one, over the given transport."""
    http_client = build_http_client(
        base_url=base_url, timeout_seconds=5, connect_timeout_seconds=2, verify_tls=True, transport=transport
    )
    breaker = CircuitBreaker("sabnzbd", threshold=5, timeout=30)
    http = ServiceHttp("sabnzbd", http_client, breaker, sleep=_no_sleep)
    return SabnzbdClient(http, api_key=api_key), breaker, http_client


@pytest.fixture
def state() -> SabnzbdState:
    return SabnzbdState.seeded(now=NOW)


@pytest.fixture
def faults() -> Faults:
    return Faults()


@pytest_asyncio.fixture
async def sim(state: SabnzbdState, faults: Faults) -> AsyncIterator[Sim]:
    """The simulator in-process (ASGITransport) and a client of it."""
    app = create_sabnzbd_app(state, api_key=API_KEY, faults=faults)
    client, breaker, http_client = make_client(httpx2.ASGITransport(app), base_url="http://sabnzbd.sim")
    async with http_client:
        yield Sim(state=state, faults=faults, breaker=breaker, client=client)


# ---- queue -----------------------------------------------------------------------------------------


async def test_queue_reads_numbers_priorities_and_eta_from_sabnzbds_strings(sim: Sim) -> None:
    queue = await sim.client.queue()

    assert [slot.nzo_id for slot in queue.slots] == [job.nzo_id for job in sim.state.queue]
    assert queue.noofslots_total == 3
    assert queue.paused is False
    assert queue.diskspace1 == pytest.approx(sim.state.disk_free / GIBI, abs=0.01)
    assert queue.kbpersec > 0  # The Expanse is downloading
    expanse = queue.slots[0]
    job = sim.state.queue[0]
    assert (expanse.nzo_id, expanse.filename, expanse.cat) == (DOWNLOADING, job.name, "tv")
    assert expanse.mb == pytest.approx(job.size_bytes / 1024**2, abs=0.01)
    assert expanse.mbleft == pytest.approx(job.bytes_left / 1024**2, abs=0.01)
    assert expanse.percentage == int(100 * job.downloaded / job.size_bytes) > 0
    assert expanse.priority == "Normal"
    assert expanse.status == "Downloading"
    hours, minutes, seconds = (int(part) for part in expanse.eta.split(":"))
    assert len(expanse.eta) >= 8
    assert hours * 3600 + minutes * 60 + seconds == pytest.approx(job.bytes_left / sim.state.speed(), abs=1)


async def test_queue_filters_by_nzo_ids_and_pages_with_start_and_limit(sim: Sim) -> None:
    only = await sim.client.queue(nzo_ids=[PAUSED])
    assert [slot.nzo_id for slot in only.slots] == [PAUSED]
    assert only.slots[0].status == "Paused"

    page = await sim.client.queue(start=1, limit=1)
    assert [slot.nzo_id for slot in page.slots] == [QUEUED]
    assert page.noofslots_total == 3


async def test_global_pause_and_resume_show_in_the_queue(sim: Sim) -> None:
    await sim.client.pause()
    assert sim.state.paused is True
    queue = await sim.client.queue()
    assert (queue.paused, queue.status) == (True, "Paused")

    await sim.client.resume()
    assert sim.state.paused is False
    assert (await sim.client.queue()).status == "Downloading"


async def test_pausing_and_resuming_one_job_leaves_the_others_alone(sim: Sim) -> None:
    assert await sim.client.pause_jobs([QUEUED]) == [QUEUED]
    statuses = {slot.nzo_id: slot.status for slot in (await sim.client.queue()).slots}
    assert statuses == {DOWNLOADING: "Downloading", QUEUED: "Paused", PAUSED: "Paused"}

    assert await sim.client.resume_jobs([QUEUED, PAUSED]) == [QUEUED, PAUSED]
    assert not any(job.paused for job in sim.state.queue)
    # SABnzbd echoes unknown ids as if it had paused them: the echo proves nothing.
    assert await sim.client.pause_jobs([UNKNOWN]) == [UNKNOWN]
    assert await sim.client.pause_jobs([]) == []


async def test_delete_jobs_removes_them_and_returns_only_the_ids_really_removed(sim: Sim) -> None:
    assert await sim.client.delete_jobs([QUEUED, UNKNOWN]) == [QUEUED]
    assert [job.nzo_id for job in sim.state.queue] == [DOWNLOADING, PAUSED]
    assert await sim.client.delete_jobs([UNKNOWN]) == []


@pytest.mark.parametrize("bad_id", ["all", "ALL", "failed", "completed", "a,b", " "])
async def test_ids_sabnzbd_would_read_as_whole_list_operations_are_refused(sim: Sim, bad_id: str) -> None:
    with pytest.raises(InvalidRequestError):
        await sim.client.delete_jobs([bad_id])
    with pytest.raises(InvalidRequestError):
        await sim.client.delete_history([bad_id])
    assert len(sim.state.queue) == 3
    assert len(sim.state.history) == 5


async def test_add_file_queues_the_nzb_with_category_priority_and_name(sim: Sim) -> None:
    (nzo_id,) = await sim.client.add_file(
        "Some.Show.S01E01.nzb", nzb("Some.Show.S01E01"), category="tv", priority=Priority.HIGH, name="Renamed.Show"
    )

    job = sim.state.find(nzo_id)
    assert job is not None
    assert (job.name, job.category, job.priority, job.size_bytes) == ("Renamed.Show", "tv", 1, 1_048_576)
    slot = (await sim.client.queue(nzo_ids=[nzo_id])).slots[0]
    assert (slot.filename, slot.priority, slot.mb) == ("Renamed.Show", "High", 1.0)


async def test_add_file_that_is_no_nzb_is_an_invalid_request(sim: Sim) -> None:
    with pytest.raises(InvalidRequestError, match="could not read the NZB"):
        await sim.client.add_file("garbage.nzb", b"not xml at all")
    assert len(sim.state.queue) == 3


async def test_add_url_queues_a_grabbing_job_whose_int_priority_reads_as_a_name(sim: Sim) -> None:
    (nzo_id,) = await sim.client.add_url("http://indexer.example/getnzb/Film.2024.nzb", category="movies")

    slot = (await sim.client.queue(nzo_ids=[nzo_id])).slots[0]
    assert slot.status == "Grabbing"
    assert slot.priority == "Normal"  # SABnzbd sends the int 0 while it fetches the NZB
    assert slot.filename.startswith("Film.2024 - Trying to fetch NZB from")


async def test_a_missing_parameter_becomes_an_invalid_request(sim: Sim) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        await sim.client.add_url("")
    assert caught.value.details == {"sabnzbd_error": "expects one parameter"}


# ---- history ---------------------------------------------------------------------------------------


async def test_history_reads_rows_with_completed_as_utc_datetimes(sim: Sim) -> None:
    history = await sim.client.history()

    assert history.noofslots == 5
    assert [slot.nzo_id for slot in history.slots] == [row.nzo_id for row in sim.state.history]
    first, row = history.slots[0], sim.state.history[0]
    assert first.completed == datetime.fromtimestamp(row.completed, tz=UTC)
    assert first.bytes == row.bytes
    assert all(slot.is_final for slot in history.slots)
    failed = next(slot for slot in history.slots if slot.nzo_id == FAILED)
    assert (failed.status, failed.fail_message, failed.retry, failed.failed) == ("Failed", NOT_ON_SERVER, True, True)


async def test_history_filters_failed_only_category_and_ids_and_pages(sim: Sim) -> None:
    failed = await sim.client.history(failed_only=True)
    assert {slot.status for slot in failed.slots} == {"Failed"}
    assert failed.noofslots == 3
    movies = await sim.client.history(category="movies")
    assert {slot.category for slot in movies.slots} == {"movies"}
    assert [slot.nzo_id for slot in (await sim.client.history(nzo_ids=[COMPLETED])).slots] == [COMPLETED]
    assert len((await sim.client.history(start=1, limit=2)).slots) == 2


async def test_delete_history_removes_the_row(sim: Sim) -> None:
    await sim.client.delete_history([COMPLETED])
    assert COMPLETED not in [row.nzo_id for row in sim.state.history]
    await sim.client.delete_history([UNKNOWN])  # SABnzbd says yes to unknown ids too
    assert len(sim.state.history) == 4


async def test_find_job_says_queue_history_or_none(sim: Sim) -> None:
    assert await sim.client.find_job(PAUSED) == "queue"
    assert await sim.client.find_job(FAILED) == "history"
    assert await sim.client.find_job(UNKNOWN) is None


async def test_a_job_that_finishes_moves_from_queue_to_history_for_find_job(sim: Sim) -> None:
    (nzo_id,) = await sim.client.add_file("Tiny.nzb", nzb("Tiny", sizes=(1000,)))
    assert await sim.client.find_job(nzo_id) == "queue"
    sim.state.finish(nzo_id, failed=True)
    assert await sim.client.find_job(nzo_id) == "history"
    (row,) = (await sim.client.history(nzo_ids=[nzo_id])).slots
    assert (row.status, row.fail_message) == ("Failed", NOT_ON_SERVER)


async def test_a_download_that_finishes_while_it_is_deleted_is_deleted_from_history(
    state: SabnzbdState, faults: Faults
) -> None:
    app = create_sabnzbd_app(state, api_key=API_KEY, faults=faults)

    async def finishing_first(scope: Scope, receive: Receive, send: Send) -> None:
        # The job leaves the queue between AutoArr's look (GETs) and its delete (the POST): SABnzbd then
        # removes nothing from the queue.
        if scope["type"] == "http" and scope["method"] == "POST" and state.find(PAUSED) is not None:
            state.finish(PAUSED)
        await app(scope, receive, send)

    client, _, http_client = make_client(httpx2.ASGITransport(finishing_first), base_url="http://sabnzbd.sim")
    async with http_client:
        answer = await delete_download(client, PAUSED)
        assert answer == {"success": True, "message": "Download deleted successfully", "nzo_id": PAUSED}
        assert await client.find_job(PAUSED) is None
    assert PAUSED not in [row.nzo_id for row in state.history]


async def test_a_queued_download_sabnzbd_does_not_remove_is_a_conflict_not_a_success(
    state: SabnzbdState, faults: Faults
) -> None:
    app = create_sabnzbd_app(state, api_key=API_KEY, faults=faults)

    async def removing_nothing(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST":  # every delete: "done", nothing removed
            body = b'{"status": true, "nzo_ids": []}'
            headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        await app(scope, receive, send)

    client, _, http_client = make_client(httpx2.ASGITransport(removing_nothing), base_url="http://sabnzbd.sim")
    async with http_client:
        with pytest.raises(ConflictError) as caught:
            await delete_download(client, PAUSED)
    assert caught.value.details == {"nzo_id": PAUSED}
    assert state.find(PAUSED) is not None


async def test_retry_requeues_under_a_new_id_and_drops_the_old_row(sim: Sim) -> None:
    new_id = await sim.client.retry(FAILED)

    assert new_id != FAILED
    assert sim.state.find(new_id) is not None
    assert FAILED not in [row.nzo_id for row in sim.state.history]
    assert await sim.client.find_job(new_id) == "queue"
    assert await sim.client.find_job(FAILED) is None


async def test_retry_of_an_unknown_job_is_not_found(sim: Sim) -> None:
    with pytest.raises(NotFoundError) as caught:
        await sim.client.retry(UNKNOWN)
    assert caught.value.details == {"nzo_id": UNKNOWN, "sabnzbd_error": "item does not exist"}


# ---- status, categories, warnings ----------------------------------------------------------------


async def test_status_reports_disk_space_of_the_incomplete_folder(sim: Sim) -> None:
    status = await sim.client.status()
    assert status.diskspace1 == pytest.approx(sim.state.disk_free / GIBI, abs=0.01)
    assert status.diskspacetotal1 == pytest.approx(sim.state.disk_total / GIBI, abs=0.01)
    assert status.version == await sim.client.version() == "3.7.1"
    assert [server.servername for server in status.servers] == [row["name"] for row in sim.state.config.servers]


async def test_categories_and_warnings_come_from_sabnzbd(sim: Sim) -> None:
    assert await sim.client.get_cats() == ["*", "movies", "tv"]
    sim.state.add_warning("Disk full", origin="misc.py1")
    (warning,) = await sim.client.warnings()
    assert (warning.type, warning.text, warning.origin) == ("WARNING", "Disk full", "misc.py1")
    assert warning.time == datetime.fromtimestamp(int(NOW), tz=UTC)


# ---- config ----------------------------------------------------------------------------------------


async def test_get_config_returns_the_raw_sections(sim: Sim) -> None:
    assert await sim.client.get_config("misc", "bandwidth_perc") == {"misc": {"bandwidth_perc": 100}}
    assert await sim.client.get_config("misc", "no_such_key") == {}
    everything = await sim.client.get_config()
    assert {"misc", "servers", "categories"} <= set(everything)


async def test_set_config_returns_the_echo_and_the_value_is_stored(sim: Sim) -> None:
    assert await sim.client.set_config("misc", "cache_limit", value="500M") == "500M"
    assert sim.state.config.misc["cache_limit"] == "500M"
    assert await sim.client.set_config_verified("misc", "history_limit", value=25) == 25
    assert await sim.client.set_config_verified("misc", "direct_unpack", value=True) == 1  # bools go as 1, never "true"
    assert await sim.client.set_config_verified("misc", "unwanted_extensions", value=["exe", "com"]) == ["exe", "com"]
    assert await sim.client.get_config("misc", "unwanted_extensions") == {
        "misc": {"unwanted_extensions": ["exe", "com"]}
    }


@pytest.mark.parametrize(
    ("keyword", "value", "kept"),
    [("bandwidth_perc", 150, 100), ("queue_limit", "abc", 20), ("ignore_samples", "true", 0)],
)
async def test_set_config_verified_detects_sabnzbds_silent_refusals(
    sim: Sim, keyword: str, value: Any, kept: Any
) -> None:
    assert await sim.client.set_config("misc", keyword, value=value) == kept  # no error from SABnzbd itself

    with pytest.raises(InvalidRequestError) as caught:
        await sim.client.set_config_verified("misc", keyword, value=value)
    assert list(caught.value.details) == [f"misc.{keyword}"]
    assert caught.value.details[f"misc.{keyword}"].startswith(f"SABnzbd kept {kept!r}")
    assert sim.state.config.misc[keyword] == kept


async def test_set_config_of_an_unknown_keyword_is_an_invalid_request(sim: Sim) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        await sim.client.set_config("misc", "no_such_key", value="1")
    assert caught.value.details == {
        "section": "misc",
        "keyword": "no_such_key",
        "sabnzbd_error": "Config item does not exist",
    }


async def test_set_config_refuses_list_sections_which_are_written_by_name(sim: Sim) -> None:
    with pytest.raises(InvalidRequestError):
        await sim.client.set_config("servers", "host", value="x")


async def test_set_server_creates_and_updates_a_server_and_checks_every_field(sim: Sim) -> None:
    row = await sim.client.set_server(
        "news.new", {"host": "news.new.example", "port": 563, "ssl": True, "password": "secret", "connections": 10}
    )
    assert (row["host"], row["port"], row["ssl"], row["password"]) == ("news.new.example", 563, 1, "**********")
    stored = next(server for server in sim.state.config.servers if server["name"] == "news.new")
    assert (stored["password"], stored["connections"]) == ("secret", 10)

    with pytest.raises(InvalidRequestError) as caught:
        await sim.client.set_server("news.new", {"port": "many", "colour": "blue"})
    assert set(caught.value.details) == {"servers.news.new.port", "servers.news.new.colour"}
    assert stored["port"] == 563


async def test_set_category_writes_a_category_by_name(sim: Sim) -> None:
    row = await sim.client.set_category("anime", {"dir": "anime", "priority": 1, "pp": 3})
    assert (row["name"], row["dir"], row["priority"]) == ("anime", "anime", 1)
    assert "anime" in await sim.client.get_cats()


# ---- failures ----------------------------------------------------------------------------------------


async def test_a_wrong_key_is_an_upstream_auth_error_that_does_not_trip_the_breaker(state: SabnzbdState) -> None:
    app = create_sabnzbd_app(state, api_key=API_KEY)
    client, breaker, http_client = make_client(httpx2.ASGITransport(app), base_url="http://sim", api_key="wrong")
    async with http_client:
        with pytest.raises(UpstreamAuthError):
            await client.ping()
        with pytest.raises(UpstreamAuthError):
            await client.pause()
    assert state.paused is False
    assert (breaker.state, breaker.failure_count) == ("closed", 0)
    assert "API key incorrect" in state.warnings[-1]["text"]


async def test_a_rejected_key_switch_is_an_upstream_auth_error(sim: Sim) -> None:
    sim.faults.reject_key = True
    with pytest.raises(UpstreamAuthError) as caught:
        await sim.client.queue()
    assert caught.value.details["reason"] == "upstream_auth"


async def test_http_500_is_service_unavailable_and_counts_against_the_breaker(sim: Sim) -> None:
    sim.faults.error_500 = True
    with pytest.raises(ServiceUnavailableError) as caught:
        await sim.client.ping()
    assert caught.value.reason == "upstream_error"
    assert sim.breaker.failure_count == 1


async def test_malformed_json_is_a_bad_response(sim: Sim) -> None:
    sim.faults.malformed_json = True
    with pytest.raises(ServiceUnavailableError) as caught:
        await sim.client.history()
    assert caught.value.reason == "bad_response"
    assert sim.breaker.failure_count == 1


async def test_a_url_that_is_not_sabnzbds_api_is_service_unavailable(state: SabnzbdState) -> None:
    app = create_sabnzbd_app(state, api_key=API_KEY)
    client, _, http_client = make_client(httpx2.ASGITransport(app), base_url="http://sim/not-sabnzbd")
    async with http_client:
        with pytest.raises(ServiceUnavailableError) as caught:
            await client.ping()
    assert (caught.value.reason, caught.value.details["status"]) == ("upstream_error", 404)


async def test_over_a_real_socket_it_works_and_a_stopped_server_is_unreachable(state: SabnzbdState) -> None:
    server = SimServer(create_sabnzbd_app(state, api_key=API_KEY))
    client, breaker, http_client = make_client(None, base_url=server.url)
    async with http_client:
        async with server:
            await client.ping()
            (nzo_id,) = await client.add_file("Socket.Job.nzb", nzb("Socket.Job"))
            assert state.find(nzo_id) is not None
            await client.pause()
            assert state.paused is True

        with pytest.raises(ServiceUnavailableError) as caught:
            await client.queue()
        assert caught.value.reason == "unreachable"
        assert breaker.failure_count == 1  # three attempts, one logical call, one failure

        async with server:  # the same port again
            assert (await client.queue()).paused is True
        assert breaker.failure_count == 0


# ---- the models against every captured SABnzbd 3.7.1 reply -------------------------------------------

needs_samples = pytest.mark.skipif(not samples.available(), reason="../shared/services/sabnzbd-samples is not present")


@needs_samples
def test_every_captured_queue_and_history_reply_parses() -> None:
    names = sorted(path.stem for path in samples.SAMPLES_DIR.glob("*.json"))
    queues = [name for name in names if name.startswith("queue_") and "queue" in samples.load(name)]
    histories = [name for name in names if name.startswith("history_") and samples.load(name).get("history")]
    assert len(queues) > 10
    assert len(histories) > 10
    for name in queues:
        reply = decode_queue(json.dumps(samples.load(name)).encode())
        assert isinstance(reply, QueueReply), name
    for name in histories:
        HistoryReply.model_validate(samples.load(name))
    for name in ("status", "fullstatus", "fullstatus_initial", "fullstatus_perf"):
        assert StatusReply.model_validate(samples.load(name)).status.diskspacetotal1 == 251.97
    unreachable = StatusReply.model_validate(samples.load("fullstatus_server_unreachable")).status.servers[0]
    assert unreachable.connection_warning.startswith("Failed to connect: [Errno 111]")


@needs_samples
def test_a_job_listed_twice_while_it_leaves_postprocessing_is_one_stored_row() -> None:
    # SABnzbd stores the row before dropping the job from post-processing; for a moment history lists both.
    body = samples.load("history_postprocessing")
    history = body["history"]
    leaving, stored_before = history["slots"][0], history["slots"][1]
    assert "id" not in leaving
    stored = {**stored_before, "nzo_id": leaving["nzo_id"], "name": leaving["name"], "id": 999}
    both = {**body, "history": {**history, "slots": [leaving, stored, stored_before], "noofslots": 3}}
    parsed = HistoryReply.model_validate(both).history
    assert [(slot.nzo_id, slot.id) for slot in parsed.slots] == [
        (leaving["nzo_id"], 999),
        (stored_before["nzo_id"], stored_before["id"]),
    ]
    assert parsed.noofslots == 2
    untouched = HistoryReply.model_validate(body).history  # a job only post-processing keeps its row
    assert [slot.nzo_id for slot in untouched.slots] == [s["nzo_id"] for s in history["slots"]]


@needs_samples
def test_a_postprocessing_row_is_not_final_and_a_url_failure_offers_retry() -> None:
    post = HistoryReply.model_validate(samples.load("history_postprocessing")).history
    assert (post.slots[0].status, post.slots[0].id, post.slots[0].is_final) == ("Queued", None, False)
    assert post.slots[1].is_final is True

    url_failure = HistoryReply.model_validate(samples.load("history_with_url_404_failure")).history.slots[0]
    assert (url_failure.retry, url_failure.storage, url_failure.completed) == (
        True,
        "",
        datetime.fromtimestamp(1_795_812_214, tz=UTC),
    )

    grabbing = _queue(samples.load("queue_url_grabbing")).queue.slots[0]
    assert (grabbing.priority, grabbing.status, grabbing.labels) == ("Normal", "Grabbing", ["WAIT 60 sec"])


@needs_samples
@pytest.mark.parametrize(
    ("sample", "sent", "refused"),
    [
        ("set_config_bad_int", "abc", True),
        ("set_config_out_of_range", "150", True),
        ("set_config_bool_true_string", "true", True),
        ("set_config_bool_one", "1", False),
        ("set_config_list_unwanted_extensions", "exe, com, bat", False),
        ("set_config_cache_limit", "500M", False),
        ("set_config_cache_limit_garbage", "lots", False),  # garbage in a string key is stored as it is
    ],
)
def test_refusal_compares_the_captured_echo_with_what_sabnzbd_would_store(
    sample: str, sent: str, refused: bool
) -> None:
    (echoed,) = samples.load(sample)["config"]["misc"].values()
    assert (refusal(sent, echoed) is not None) is refused


def test_nulls_and_numbers_as_strings_do_not_make_a_page_unreadable() -> None:
    row = {"nzo_id": "x", "name": None, "category": None, "bytes": "1440", "id": "", "completed": 0, "retry": "1"}
    (slot,) = HistoryReply.model_validate({"history": {"noofslots": "1", "slots": [row]}}).history.slots
    assert (slot.name, slot.category, slot.bytes, slot.id, slot.completed, slot.retry) == (
        "",
        "",
        1440,
        None,
        None,
        True,
    )
    assert slot.is_final is False
    job = {"nzo_id": "y", "filename": "y", "mb": None, "percentage": "12.0", "priority": None, "cat": None}
    (queued,) = _queue({"queue": {"paused": 0, "slots": [job]}}).queue.slots
    assert (queued.mb, queued.percentage, queued.priority, queued.cat) == (0.0, 12, "Normal", "")


def test_a_queue_reply_is_the_queue_an_error_envelope_or_a_value_error() -> None:
    # SABnzbd writes with Python's json module, which spells a float it cannot show as NaN.
    odd = decode_queue(b'{"queue": {"kbpersec": NaN, "slots": [{"nzo_id": "a", "filename": "f", "mb": "1.5"}]}}')
    assert isinstance(odd, QueueReply)
    assert odd.queue.slots[0].mb == 1.5
    refused = decode_queue(b'{"status": false, "error": "API Key Incorrect"}')
    assert isinstance(refused, ErrorReply)
    assert refused.error == "API Key Incorrect"
    for body in (b'{"queue": ', b"[1, 2]", b'{"queue": {"slots": [{"filename": "no id"}]}}'):
        with pytest.raises(ValueError):  # noqa: PT011  # ServiceHttp books any ValueError as a bad body
            decode_queue(body)


def _queue(body: dict[str, Any]) -> QueueReply:
    reply = decode_queue(json.dumps(body).encode())
    assert isinstance(reply, QueueReply)
    return reply


@pytest.mark.parametrize(
    ("timeleft", "eta"),
    [("0:00:00", "00:00:00"), ("0:15:30", "00:15:30"), ("12:03:07", "12:03:07"), ("1:02:03:04", "26:03:04")],
)
def test_eta_is_hh_mm_ss_even_past_a_day(timeleft: str, eta: str) -> None:
    assert QueueSlot(nzo_id="x", filename="x", timeleft=timeleft).eta == eta


async def test_history_if_changed_is_none_until_the_counter_moves(sim: Sim) -> None:
    first = await sim.client.history_if_changed(since=None, limit=20)
    assert first is not None
    assert len(first.slots) == 5
    assert await sim.client.history_if_changed(since=first.last_history_update, limit=20) is None
    sim.state.finish("SABnzbd_nzo_q7k2m1xa", failed=True, message="Download failed - Not on your server(s)")
    changed = await sim.client.history_if_changed(since=first.last_history_update, limit=20)
    assert changed is not None
    assert changed.slots[0].nzo_id == "SABnzbd_nzo_q7k2m1xa"
    assert changed.slots[0].failed
