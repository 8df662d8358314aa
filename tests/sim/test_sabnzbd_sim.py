"""The SABnzbd simulator answers like the captured SABnzbd 3.7.1, key by key, and really keeps state."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx2
import pytest

from autoarr.sim.downloads import DOWNLOADS, NOT_ON_SERVER
from autoarr.sim.faults import Faults
from autoarr.sim.sabnzbd import SabnzbdState, create_sabnzbd_app
from autoarr.sim.sabnzbd_jobs import SabFile
from autoarr.sim.server import SimServer
from tests.sim import sabnzbd_samples as samples
from tests.sim.sabnzbd_samples import API_KEY, NZB_KEY

NOW = 1_795_812_000.0
QUEUED = "SABnzbd_nzo_q7k2m1xa"  # The Expanse, downloading
PAUSED = "SABnzbd_nzo_h3n8c5ee"  # Ubuntu, paused item
COMPLETED = "SABnzbd_nzo_c1m5t6fg"  # Breaking Bad
FAILED = "SABnzbd_nzo_f8x2z7hh"  # Oppenheimer
UNKNOWN = "SABnzbd_nzo_doesnotexist"
URL = "http://indexer.example/getnzb/Some.Movie.2024.nzb"


def nzb(name: str = "Queued.Example.S01E01", *, sizes: tuple[int, ...] = (700_000, 348_576)) -> bytes:
    """A small valid NZB: one file, one segment per size."""
    segments = "".join(
        f'<segment bytes="{size}" number="{n}">part{n}@example</segment>' for n, size in enumerate(sizes, 1)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<nzb xmlns="http://www.newzbin.com/DTD/2003/nzb">'
        f'<head><meta type="name">{name}</meta></head>'
        f'<file poster="p@example" date="1767225600" subject="{name} [1/1] - &quot;{name}.mkv&quot; yEnc">'
        f"<groups><group>alt.binaries.test</group></groups><segments>{segments}</segments></file></nzb>"
    ).encode()


@pytest.fixture
def state() -> SabnzbdState:
    return SabnzbdState.seeded(now=NOW)


@asynccontextmanager
async def client(state: SabnzbdState, faults: Faults | None = None) -> AsyncIterator[httpx2.AsyncClient]:
    app = create_sabnzbd_app(state, api_key=API_KEY, nzb_key=NZB_KEY, faults=faults)
    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app), base_url="http://sim") as http:
        yield http


async def api(http: httpx2.AsyncClient, **params: str) -> Any:
    response = await http.get("/api", params={"output": "json", "apikey": API_KEY, **params})
    assert response.status_code == 200, response.text
    return response.json()


# ---- replaying the captured calls ---------------------------------------------------------------

Prepare = Callable[[SabnzbdState], dict[str, str] | None]


def _url_job(state: SabnzbdState) -> str:
    job = state.add_job(
        name="Url.Added.Example",
        files=[SabFile("Url.Added.Example.mkv", 524_288, NOW)],
        category="movies",
        priority=-100,
        pp=None,
        nzb_name="Url.Added.Example.nzb",
        url=URL,
    )
    return job.nzo_id


def _only_grabbing(state: SabnzbdState) -> None:
    state.queue.clear()
    _url_job(state)


def _url_failed(state: SabnzbdState) -> dict[str, str]:
    nzo_id = _url_job(state)
    state.finish(nzo_id, failed=True)
    return {"value": nzo_id}


def _paused_with_force(state: SabnzbdState) -> None:
    state.paused = True
    state.set_priority(QUEUED, 2)


def _with_server(name: str) -> Prepare:
    def prepare(state: SabnzbdState) -> None:
        state.config.set_server(name, {"host": "127.0.0.1", "port": "11119", "username": "u", "password": "p"})

    return prepare


def _unchanged(state: SabnzbdState) -> dict[str, str]:
    return {"last_history_update": str(state.history_counter)}


def _warned(state: SabnzbdState) -> None:
    state.add_warning("API key incorrect, Use the API key from Config->General", origin="interface.py374")


def _no_servers(state: SabnzbdState) -> None:
    state.config.servers.clear()


def _empty_queue(state: SabnzbdState) -> None:
    state.queue.clear()


def _empty_history(state: SabnzbdState) -> None:
    state.history.clear()


# sample name → (how to prepare the state, parameters to change; None drops one)
CASES: dict[str, tuple[Prepare | None, dict[str, str | None]]] = {
    "version": (None, {}),
    "auth_nokey": (None, {}),
    "auth_badkey": (None, {}),
    "auth_apikey": (None, {}),
    "error_missing_apikey": (None, {}),
    "error_wrong_apikey": (None, {}),
    "error_nzbkey_on_queue": (None, {}),
    "error_unknown_mode": (None, {}),
    "queue_empty": (_empty_queue, {}),
    "queue_with_two_jobs": (None, {}),
    "queue_with_job_paused": (None, {}),
    "queue_two_jobs_before_resume": (None, {}),
    "queue_downloading": (None, {}),
    "queue_server_unreachable": (None, {}),
    "queue_after_delete": (None, {}),
    "queue_after_retry": (None, {}),
    "queue_unknown_name": (None, {}),
    "queue_speedlimited": (None, {}),
    "post_form_queue": (None, {}),
    "queue_url_grabbing": (_only_grabbing, {}),
    "queue_item_paused_and_force": (_paused_with_force, {}),
    "queue_filtered_by_nzo_ids": (None, {"nzo_ids": QUEUED}),
    "queue_delete": (None, {"value": QUEUED}),
    "queue_delete_multiple": (None, {"value": f"{QUEUED},{UNKNOWN}"}),
    "queue_delete_all": (None, {}),
    "queue_delete_unknown": (None, {}),
    "queue_delete_no_value": (None, {}),
    "queue_item_pause": (None, {"value": QUEUED}),
    "queue_item_resume": (None, {"value": PAUSED}),
    "queue_item_pause_unknown": (None, {}),
    "queue_priority": (None, {"value": QUEUED}),
    "queue_priority_unknown": (None, {}),
    "history_empty": (_empty_history, {}),
    "history_after_retry": (_empty_history, {}),
    "history_completed_and_failed": (None, {}),
    "history_with_failed_job": (None, {}),
    "history_after_delete": (None, {}),
    "history_after_retry_refailed": (None, {}),
    "history_limit_start": (None, {}),
    "history_search": (None, {"search": "Breaking"}),
    "history_category_filter": (None, {}),
    "history_failed_only": (None, {}),
    "history_with_url_404_failure": (_url_failed, {"value": None}),
    "history_url_after_retry": (None, {}),
    "history_unchanged_since": (_unchanged, {}),
    "history_delete_one": (None, {"value": COMPLETED}),
    "history_delete_unknown": (None, {}),
    "history_delete_failed": (None, {}),
    "history_delete_no_value": (None, {}),
    "retry": (None, {"value": FAILED}),
    "retry_failed_job": (None, {"value": FAILED}),
    "retry_url_failure": (_url_failed, {}),
    "retry_unknown": (None, {}),
    "get_files": (None, {"value": QUEUED}),
    "get_files_unknown": (None, {}),
    "change_cat": (None, {"value": QUEUED}),
    "get_cats": (None, {}),
    "get_scripts": (None, {}),
    "get_config_full_final": (None, {}),
    "get_config_misc": (None, {}),
    "get_config_misc_final": (None, {}),
    "get_config_misc_cache_limit": (None, {}),
    "get_config_misc_cache_limit_after_set": (None, {}),
    "get_config_cache_limit_after_garbage": (None, {}),
    "get_config_unknown_section": (None, {}),
    "get_config_unknown_keyword": (None, {}),
    "get_config_servers": (None, {}),
    "get_config_servers_empty": (_no_servers, {}),
    "get_config_categories": (None, {}),
    "set_config_cache_limit": (None, {}),
    "set_config_cache_limit_garbage": (None, {}),
    "set_config_cache_limit_restore": (None, {}),
    "set_config_unknown_keyword": (None, {}),
    "set_config_bool_direct_unpack": (None, {}),
    "set_config_bool_true_string": (None, {}),
    "set_config_bool_one": (None, {}),
    "set_config_list_unwanted_extensions": (None, {}),
    "set_config_bad_int": (None, {}),
    "set_config_out_of_range": (None, {}),
    "set_config_category": (None, {}),
    "set_config_add_server_closed_port": (None, {}),
    "set_config_add_server_fakenntp": (None, {}),
    "set_config_server_port": (_with_server("fakenntp"), {}),
    "set_config_default": (None, {}),
    "del_config_server": (_with_server("closedport"), {}),
    "config_speedlimit": (None, {}),
    "config_speedlimit_reset": (None, {}),
    "config_test_server": (None, {}),
    "config_test_server_closed": (None, {}),
    "status": (None, {}),
    "fullstatus": (None, {}),
    "fullstatus_perf": (None, {}),
    "warnings": (_warned, {}),
    "warnings_server_unreachable": (_warned, {}),
    "warnings_clear": (None, {}),
    "server_stats": (None, {}),
    "server_stats_after_failed": (None, {}),
    "pause": (None, {}),
    "pause_before_retry": (None, {}),
    "resume": (None, {}),
    "addfile": (None, {}),
    "addfile_good": (None, {}),
    "addfile_bad": (None, {}),
    "addfile_no_file": (None, {}),
    "addurl": (None, {}),
    "addurl_404": (None, {}),
    "addurl_unreachable": (None, {}),
}

# Captured states the simulator does not reproduce, and why.
NOT_REPLAYED = {
    "history_postprocessing": "the post-processing stage (status Queued, no id/meta/series keys) is not simulated",
    "fullstatus_server_unreachable": "serveractiveconn holding an error text needs a real connect failure",
    "get_config_full": "the seeded simulator always has servers and categories, like get_config_full_final",
    "get_config_categories_before_first_use": "categories exist from the start in the simulator",
    "status_initial": "a fresh install without servers; `status` covers the shape",
    "fullstatus_initial": "a fresh install without servers; `fullstatus` covers the shape",
    "warnings_initial": "an empty list; `warnings` covers the item shape",
    "server_stats_empty": "the seeded history has traffic; `server_stats` covers the shape",
}


async def replay(http: httpx2.AsyncClient, name: str, overrides: dict[str, str | None]) -> httpx2.Response:
    call = samples.call(name)
    params = samples.params(name)
    for key, value in overrides.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    if call["method"] == "GET":
        return await http.get("/api", params=params)
    fields = call.get("multipart_files") or []
    files = {field: (f"{params.get('nzbname', 'Upload.Example')}.nzb", nzb(), "application/x-nzb") for field in fields}
    return await http.post("/api", data=params, files=files or None)


def test_every_captured_sample_is_replayed_or_excused() -> None:
    captured = {path.stem for path in samples.SAMPLES_DIR.glob("*.json") if path.stem != "_index"}
    assert captured - set(CASES) - set(NOT_REPLAYED) == set()
    assert set(CASES) <= captured


@pytest.mark.parametrize("name", sorted(CASES))
async def test_replayed_call_matches_the_captured_response(name: str, state: SabnzbdState) -> None:
    prepare, overrides = CASES[name]
    extra = prepare(state) if prepare else None
    call = samples.call(name)
    async with client(state) as http:
        response = await replay(http, name, {**overrides, **(extra or {})})
    assert response.status_code == call["http_status"]
    assert response.headers["content-type"] == call["content_type"]
    expected = samples.load(name)
    if not call["json"]:
        assert response.text == expected["body"]
        return
    problems = samples.shape_mismatches(
        expected, response.json(), maps={"servers", "daily", "articles_tried", "articles_success"}
    )
    assert problems == []


async def test_the_shape_check_catches_a_wrong_type_in_a_slot(state: SabnzbdState) -> None:
    async with client(state) as http:
        queue = (await api(http, mode="queue"))["queue"]
        history = (await api(http, mode="history"))["history"]
    assert len(queue["slots"]) == 3
    assert len(history["slots"]) == 5
    broken = dict(queue["slots"][0], percentage=0)
    del broken["avg_age"]
    sample_queue = samples.load("queue_with_two_jobs")["queue"]
    assert samples.shape_mismatches(sample_queue, {**queue, "slots": [broken]}) == [
        "$.slots[0]: missing keys ['avg_age']",
        "$.slots[0].percentage: int where the sample has str",
    ]


# ---- state and behaviour --------------------------------------------------------------------------


async def test_seeded_queue_and_history_are_the_downloads_table(state: SabnzbdState) -> None:
    async with client(state) as http:
        queue = (await api(http, mode="queue"))["queue"]
        history = (await api(http, mode="history", limit="50"))["history"]
    expected_queue = [(row.nzo_id, row.status, row.category) for row in DOWNLOADS if row.place == "queue"]
    assert [(slot["nzo_id"], slot["status"], slot["cat"]) for slot in queue["slots"]] == expected_queue
    expected_history = {
        row.nzo_id: (row.status, row.fail_message, row.category) for row in DOWNLOADS if row.place == "history"
    }
    assert {slot["nzo_id"]: (slot["status"], slot["fail_message"], slot["category"]) for slot in history["slots"]} == (
        expected_history
    )
    assert all(slot["fail_message"] == NOT_ON_SERVER for slot in history["slots"] if slot["status"] == "Failed")
    assert {row.category for row in DOWNLOADS} <= set(state.config.category_names())


async def test_global_pause_makes_the_queue_paused_and_resume_downloads_again(state: SabnzbdState) -> None:
    async with client(state) as http:
        assert (await api(http, mode="queue"))["queue"]["status"] == "Downloading"
        assert await api(http, mode="pause") == {"status": True}
        paused = (await api(http, mode="queue"))["queue"]
        assert (paused["status"], paused["paused"], paused["kbpersec"]) == ("Paused", True, "0.00")
        before = state.find(QUEUED)
        assert before is not None
        left = before.bytes_left
        state.tick(30)
        assert before.bytes_left == left  # nothing moves while paused
        assert await api(http, mode="resume") == {"status": True}
        assert (await api(http, mode="queue"))["queue"]["status"] == "Downloading"


async def test_tick_downloads_the_active_job_and_completes_it_into_history(state: SabnzbdState) -> None:
    async with client(state) as http:
        first = (await api(http, mode="queue", nzo_ids=QUEUED))["queue"]["slots"][0]
        state.tick(10)
        second = (await api(http, mode="queue", nzo_ids=QUEUED))["queue"]["slots"][0]
        assert float(second["mbleft"]) == pytest.approx(float(first["mbleft"]) - 100, abs=0.01)
        assert int(second["percentage"]) > int(first["percentage"])
        state.tick(3600)
        assert state.find(QUEUED) is None
        done = (await api(http, mode="history", nzo_ids=QUEUED))["history"]["slots"]
    assert [(row["status"], row["bytes"]) for row in done] == [("Completed", 1_610_612_736)]


async def test_finish_failed_moves_a_job_to_history_with_the_message(state: SabnzbdState) -> None:
    state.finish(PAUSED, failed=True, message="Aborted, cannot be completed")
    async with client(state) as http:
        queue_ids = [slot["nzo_id"] for slot in (await api(http, mode="queue"))["queue"]["slots"]]
        failed = (await api(http, mode="history", failed_only="1", limit="50"))["history"]["slots"]
    assert PAUSED not in queue_ids
    assert ("Aborted, cannot be completed", 1) in [(row["fail_message"], row["retry"]) for row in failed]


async def test_addfile_parses_the_nzb_and_the_queue_shows_the_job(state: SabnzbdState) -> None:
    async with client(state) as http:
        response = await http.post(
            "/api",
            params={"mode": "addfile", "output": "json", "apikey": API_KEY, "cat": "tv", "priority": "1"},
            files={"name": ("whatever.nzb", nzb("My.Show.S01E01", sizes=(1_048_576, 524_288)), "application/x-nzb")},
        )
        body = response.json()
        assert body["status"] is True
        [nzo_id] = body["nzo_ids"]
        assert nzo_id.startswith("SABnzbd_nzo_")
        assert len(nzo_id) == 20
        assert nzo_id[12:].isalnum()
        assert nzo_id[12:] == nzo_id[12:].lower()
        slots = (await api(http, mode="queue"))["queue"]["slots"]
        files = (await api(http, mode="get_files", value=nzo_id))["files"]
    slot = next(slot for slot in slots if slot["nzo_id"] == nzo_id)
    assert (slot["filename"], slot["cat"], slot["priority"], slot["size"], slot["mb"]) == (
        "My.Show.S01E01",
        "tv",
        "High",
        "1.5 MB",
        "1.50",
    )
    assert slot["index"] == 0  # High goes ahead of the Normal jobs
    assert [(row["filename"], row["bytes"]) for row in files] == [("My.Show.S01E01.mkv", "1572864.00")]


async def test_addfile_accepts_the_nzbfile_field_and_rejects_garbage(state: SabnzbdState) -> None:
    async with client(state) as http:
        good = await http.post(
            "/api",
            data={"mode": "addfile", "output": "json", "apikey": API_KEY, "nzbname": "Renamed.Job"},
            files={"nzbfile": ("x.nzb", nzb(), "application/x-nzb")},
        )
        bad = await http.post(
            "/api",
            data={"mode": "addfile", "output": "json", "apikey": API_KEY},
            files={"nzbfile": ("x.nzb", b"<not-an-nzb", "application/x-nzb")},
        )
    assert good.json()["status"] is True
    assert state.queue[-1].name == "Renamed.Job"
    assert bad.json() == {"status": False, "nzo_ids": []}


async def test_addurl_grabs_then_becomes_a_normal_job_after_a_tick(state: SabnzbdState) -> None:
    async with client(state) as http:
        [nzo_id] = (await api(http, mode="addurl", name=URL, cat="movies"))["nzo_ids"]
        grabbing = (await api(http, mode="queue", nzo_ids=nzo_id))["queue"]["slots"][0]
        state.tick(1)
        fetched = (await api(http, mode="queue", nzo_ids=nzo_id))["queue"]["slots"][0]
    assert (grabbing["status"], grabbing["priority"], grabbing["cat"]) == ("Grabbing", 0, "None")
    assert grabbing["filename"] == f"Some.Movie.2024 - Trying to fetch NZB from {URL}"
    assert (fetched["status"], fetched["priority"], fetched["cat"], fetched["filename"]) == (
        "Queued",
        "Normal",
        "movies",
        "Some.Movie.2024",
    )


async def test_retry_requeues_under_a_new_id_and_removes_the_history_row(state: SabnzbdState) -> None:
    async with client(state) as http:
        counter = (await api(http, mode="history"))["history"]["last_history_update"]
        body = await api(http, mode="retry", value=FAILED)
        assert body["status"] is True
        new_id = body["nzo_id"]
        assert new_id != FAILED
        history = (await api(http, mode="history", limit="50"))["history"]
        queue = (await api(http, mode="queue"))["queue"]
        again = await api(http, mode="retry", value=FAILED)
    assert FAILED not in [row["nzo_id"] for row in history["slots"]]
    assert history["last_history_update"] == counter + 1
    requeued = next(slot for slot in queue["slots"] if slot["nzo_id"] == new_id)
    assert (requeued["filename"], requeued["cat"], requeued["percentage"]) == (
        "Oppenheimer.2023.1080p.BluRay.x264-GROUP",
        "movies",
        "0",
    )
    assert again == {"status": False, "error": "item does not exist"}


async def test_history_answers_false_until_something_changes(state: SabnzbdState) -> None:
    async with client(state) as http:
        counter = (await api(http, mode="history"))["history"]["last_history_update"]
        assert await api(http, mode="history", last_history_update=str(counter)) == {"history": False}
        assert await api(http, mode="history", name="delete", value=COMPLETED) == {"status": True}
        changed = await api(http, mode="history", last_history_update=str(counter))
        assert await api(http, mode="history", name="delete", value=UNKNOWN) == {"status": True}
        assert await api(http, mode="history", name="delete", value="failed") == {"status": True}
        left = (await api(http, mode="history", limit="50"))["history"]["slots"]
    assert changed["history"]["last_history_update"] == counter + 1
    assert COMPLETED not in [row["nzo_id"] for row in changed["history"]["slots"]]
    assert [row["status"] for row in left] == ["Completed"]  # only The Matrix is left


async def test_history_filters_and_paging(state: SabnzbdState) -> None:
    async with client(state) as http:
        movies = (await api(http, mode="history", cat="movies"))["history"]
        failed = (await api(http, mode="history", failed_only="1"))["history"]
        page = (await api(http, mode="history", start="1", limit="2"))["history"]
        search = (await api(http, mode="history", search="matrix"))["history"]
    assert {row["category"] for row in movies["slots"]} == {"movies"}
    assert movies["noofslots"] == 2
    assert {row["status"] for row in failed["slots"]} == {"Failed"}
    assert failed["noofslots"] == 3
    assert (len(page["slots"]), page["noofslots"]) == (2, 5)
    assert [row["nzo_id"] for row in search["slots"]] == ["SABnzbd_nzo_u2y7s1lm"]


async def test_queue_item_actions_and_their_quirks(state: SabnzbdState) -> None:
    async with client(state) as http:
        assert await api(http, mode="queue", name="pause", value=UNKNOWN) == {"status": True, "nzo_ids": [UNKNOWN]}
        assert await api(http, mode="queue", name="delete", value=UNKNOWN) == {"status": False, "nzo_ids": []}
        assert await api(http, mode="queue", name="priority", value=PAUSED, value2="2") == {"position": 0}
        assert await api(http, mode="queue", name="priority", value=UNKNOWN, value2="2") == {"position": -1}
        assert await api(http, mode="change_cat", value=PAUSED, value2="nosuchcat") == {"status": True}
        assert await api(http, mode="queue", name="resume", value=PAUSED) == {"status": True, "nzo_ids": [PAUSED]}
        slots = (await api(http, mode="queue"))["queue"]["slots"]
        assert (slots[0]["nzo_id"], slots[0]["priority"], slots[0]["cat"], slots[0]["status"]) == (
            PAUSED,
            "Force",
            "*",
            "Downloading",
        )
        assert await api(http, mode="queue", name="delete", value=QUEUED) == {"status": True, "nzo_ids": [QUEUED]}
        assert QUEUED not in [slot["nzo_id"] for slot in (await api(http, mode="queue"))["queue"]["slots"]]
        assert await api(http, mode="queue", name="delete") == {"status": False, "error": "expects one parameter"}


async def test_force_downloads_during_a_global_pause(state: SabnzbdState) -> None:
    state.paused = True
    state.set_priority(PAUSED, 2)
    async with client(state) as http:
        queue = (await api(http, mode="queue"))["queue"]
    assert queue["status"] == "Paused"
    assert [(slot["nzo_id"], slot["status"]) for slot in queue["slots"]][:2] == [
        (PAUSED, "Paused"),  # still item-paused: Force does not unpause it
        (QUEUED, "Queued"),
    ]
    state.queue[0].paused = False
    async with client(state) as http:
        assert (await api(http, mode="queue"))["queue"]["slots"][0]["status"] == "Downloading"


async def test_set_config_refuses_silently_and_get_config_shows_what_was_kept(state: SabnzbdState) -> None:
    async with client(state) as http:
        assert await api(http, mode="set_config", section="misc", keyword="queue_limit", value="abc") == {
            "config": {"misc": {"queue_limit": 20}}
        }
        assert await api(http, mode="set_config", section="misc", keyword="bandwidth_perc", value="150") == {
            "config": {"misc": {"bandwidth_perc": 100}}
        }
        assert await api(http, mode="set_config", section="misc", keyword="pause_on_pwrar", value="true") == {
            "config": {"misc": {"pause_on_pwrar": 0}}
        }
        assert await api(http, mode="set_config", section="misc", keyword="ignore_samples", value="true") == {
            "config": {"misc": {"ignore_samples": 0}}
        }
        assert await api(http, mode="set_config", section="misc", keyword="nosuch", value="1") == {
            "status": False,
            "error": "Config item does not exist",
        }
        await api(http, mode="set_config", section="misc", keyword="cache_limit", value="500M")
        await api(http, mode="set_config", section="misc", keyword="unwanted_extensions", value="exe, com, bat")
        misc = (await api(http, mode="get_config", section="misc"))["config"]["misc"]
        assert await api(http, mode="set_config_default", keyword="cache_limit") == {"status": True}
        reset = (await api(http, mode="get_config", section="misc", keyword="cache_limit"))["config"]
    assert (misc["queue_limit"], misc["bandwidth_perc"], misc["cache_limit"]) == (20, 100, "500M")
    assert misc["unwanted_extensions"] == ["exe", "com", "bat"]
    assert reset == {"misc": {"cache_limit": ""}}


async def test_servers_and_categories_are_created_updated_and_deleted(state: SabnzbdState) -> None:
    async with client(state) as http:
        created = await api(
            http, mode="set_config", section="servers", name="fakenntp", host="127.0.0.1", port="11119", password="p"
        )
        updated = await api(http, mode="set_config", section="servers", keyword="fakenntp", port="11219")
        category = await api(http, mode="set_config", section="categories", name="tv", priority="1", pp="3")
        servers = (await api(http, mode="get_config", section="servers", keyword="fakenntp"))["config"]["servers"]
        assert await api(http, mode="del_config", section="servers", keyword="fakenntp") == {"status": True}
        assert await api(http, mode="del_config", section="servers", keyword="fakenntp") == {
            "status": False,
            "error": "not implemented",
        }
        names = [row["name"] for row in (await api(http, mode="get_config", section="servers"))["config"]["servers"]]
    assert created["config"]["servers"][0]["password"] == "**********"
    assert (updated["config"]["servers"][0]["port"], updated["config"]["servers"][0]["host"]) == (11219, "127.0.0.1")
    assert (category["config"]["categories"][0]["priority"], category["config"]["categories"][0]["pp"]) == (1, "3")
    assert servers[0]["port"] == 11219
    assert "fakenntp" not in names


async def test_the_planted_settings_are_what_get_config_reports(state: SabnzbdState) -> None:
    async with client(state) as http:
        config = (await api(http, mode="get_config"))["config"]
    misc = config["misc"]
    planted = {
        "cache_limit": "",
        "direct_unpack": 0,
        "pause_on_pwrar": 0,
        "fail_hopeless_jobs": 0,
        "history_retention": "0",
        "host_whitelist": [],
        "unwanted_extensions": [],
        "action_on_unwanted_extensions": 0,
        "ignore_samples": 0,
        "no_dupes": 0,
        "username": "",
        "password": "",
        "api_key": API_KEY,
    }
    assert {key: misc[key] for key in planted} == planted
    assert [(row["ssl"], row["connections"]) for row in config["servers"]] == [(0, 50), (1, 8)]
    assert [row["name"] for row in config["categories"]] == ["*", "movies", "tv"]


async def test_speedlimit_shows_in_the_queue_and_slows_the_clock(state: SabnzbdState) -> None:
    async with client(state) as http:
        assert await api(http, mode="config", name="speedlimit", value="50") == {"status": True}
        queue = (await api(http, mode="queue"))["queue"]
        job = state.find(QUEUED)
        assert job is not None
        left = job.bytes_left
        state.tick(10)
        assert left - job.bytes_left == 5 * 1024 * 1024 * 10
        await api(http, mode="config", name="speedlimit", value="0")
        reset = (await api(http, mode="queue"))["queue"]
    assert (queue["speedlimit"], queue["speedlimit_abs"]) == ("50", "0")
    assert reset["speedlimit"] == "100"


async def test_keys_only_as_apikey_param_with_sabnzbd_403_bodies(state: SabnzbdState) -> None:
    async with client(state) as http:
        header_only = await http.get("/api", params={"mode": "queue", "output": "json"}, headers={"X-Api-Key": API_KEY})
        wrong = await http.get("/api", params={"mode": "queue", "output": "json", "apikey": "nope"})
        nzb_on_queue = await http.get("/api", params={"mode": "queue", "output": "json", "apikey": NZB_KEY})
        nzb_on_addurl = await http.get(
            "/api", params={"mode": "addurl", "output": "json", "apikey": NZB_KEY, "name": URL}
        )
        version = await http.get("/api", params={"mode": "version", "output": "json"})
        auth = [(await api(http, mode="auth", key=key))["auth"] for key in ("", "nope", NZB_KEY, API_KEY)]
        warnings = (await api(http, mode="warnings"))["warnings"]
    assert (header_only.status_code, header_only.text) == (403, "API Key Required")
    assert header_only.headers["content-type"] == "text/html;charset=utf-8"
    assert (wrong.status_code, wrong.text) == (403, "API Key Incorrect")
    assert (nzb_on_queue.status_code, nzb_on_queue.text) == (403, "API Key Incorrect")
    assert nzb_on_addurl.json()["status"] is True
    assert version.json() == {"version": "3.7.1"}
    assert auth == ["apikey", "badkey", "nzbkey", "apikey"]
    assert [row["text"].split(",")[0] for row in warnings] == [
        "API key missing",
        "API key incorrect",
        "API key incorrect",
    ]


async def test_reject_key_fault_denies_every_call(state: SabnzbdState) -> None:
    faults = Faults(reject_key=True)
    async with client(state, faults) as http:
        queue = await http.get("/api", params={"mode": "queue", "output": "json", "apikey": API_KEY})
        version = await http.get("/api", params={"mode": "version", "output": "json"})
        faults.reset()
        healed = await http.get("/api", params={"mode": "queue", "output": "json", "apikey": API_KEY})
    assert (queue.status_code, queue.text) == (403, "API Key Incorrect")
    assert (version.status_code, version.text) == (403, "API Key Required")
    assert healed.status_code == 200


async def test_generic_faults_apply(state: SabnzbdState) -> None:
    faults = Faults(error_500=True)
    async with client(state, faults) as http:
        broken = await http.get("/api", params={"mode": "version", "output": "json"})
        faults.reset()
        faults.malformed_json = True
        garbage = await http.get("/api", params={"mode": "version", "output": "json"})
    assert broken.status_code == 500
    assert garbage.status_code == 200
    with pytest.raises(ValueError, match="Expecting value"):
        garbage.json()


async def test_without_output_json_the_answers_are_plain_text(state: SabnzbdState) -> None:
    async with client(state) as http:
        ok = await http.get("/api", params={"mode": "pause", "apikey": API_KEY})
        failed = await http.get("/api", params={"mode": "frobnicate", "apikey": API_KEY})
        version = await http.get("/api", params={"mode": "version"})
    assert (ok.text, ok.headers["content-type"]) == ("ok\n", "text/plain;charset=utf-8")
    assert failed.text == "error: not implemented\n"
    assert version.text == "3.7.1\n"


async def test_sabnzbd_api_path_and_urlencoded_post_work_alike(state: SabnzbdState) -> None:
    async with client(state) as http:
        via_path = await http.get("/sabnzbd/api", params={"mode": "queue", "output": "json", "apikey": API_KEY})
        via_form = await http.post("/api", data={"mode": "queue", "output": "json", "apikey": API_KEY, "limit": "1"})
    assert via_path.json()["queue"]["noofslots_total"] == 3
    form_queue = via_form.json()["queue"]
    assert (len(form_queue["slots"]), form_queue["limit"], form_queue["finish"]) == (1, 1, 1)


async def test_over_a_real_socket(state: SabnzbdState) -> None:
    app = create_sabnzbd_app(state, api_key=API_KEY)
    async with SimServer(app) as server, httpx2.AsyncClient(base_url=server.url) as http:
        response = await http.get("/api", params={"mode": "queue", "output": "json", "apikey": API_KEY})
        denied = await http.get("/api", params={"mode": "queue", "output": "json"})
    assert response.json()["queue"]["slots"][0]["nzo_id"] == QUEUED
    assert (denied.status_code, denied.text) == (403, "API Key Required")
