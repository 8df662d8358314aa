"""`autoarr status`, `queue`, `history` and `api` as a child process against a live AutoArr; exit codes and --json."""

from __future__ import annotations

import json
from pathlib import Path

from tests.client.cli import autoarr
from tests.live import API_KEY, serve_settings, settings_for
from tests.stack import Wired
from tests.support.ports import free_port

FAILED_MOVIE = "SABnzbd_nzo_f8x2z7hh"


async def test_status_shows_each_service_and_its_breaker(wired: Wired, tmp_path: Path) -> None:
    ran = await autoarr(wired.live.url, "status", cwd=tmp_path)
    assert ran.code == 0, ran.err
    assert "AutoArr is healthy" in ran.out
    for name in ("sabnzbd", "sonarr", "radarr", "plex"):
        assert name in ran.out
    assert "closed" in ran.out
    assert "0/5" in ran.out  # failures of the threshold


async def test_status_json_is_the_health_answer_plus_the_breakers(wired: Wired, tmp_path: Path) -> None:
    ran = await autoarr(wired.live.url, "status", "--json", cwd=tmp_path)
    assert ran.code == 0, ran.err
    body = ran.json()
    assert body["status"] == "healthy"
    assert set(body["services"]) == set(body["circuit_breakers"]) == {"sabnzbd", "sonarr", "radarr", "plex"}
    assert body["circuit_breakers"]["sonarr"] == {
        "state": "closed",
        "failure_count": 0,
        "success_count": body["circuit_breakers"]["sonarr"]["success_count"],
        "threshold": 5,
        "timeout": 60.0,
    }


async def test_status_exits_1_when_a_service_is_down(wired: Wired, tmp_path: Path) -> None:
    await wired.stack.servers["plex"].stop()
    await wired.health_monitor.check_all()
    ran = await autoarr(wired.live.url, "status", "--json", cwd=tmp_path)
    assert ran.code == 1
    body = ran.json()
    assert body["status"] == "degraded"
    assert body["services"]["plex"]["healthy"] is False


async def test_nothing_listening_exits_3_with_a_hint(tmp_path: Path) -> None:
    ran = await autoarr(f"http://127.0.0.1:{free_port()}", "status", cwd=tmp_path)
    assert ran.code == 3
    assert ran.out == ""
    assert "Cannot connect to AutoArr" in ran.err
    assert "autoarr serve" in ran.err


async def test_a_wrong_key_exits_4_and_json_mode_prints_the_envelope_on_stderr(wired: Wired, tmp_path: Path) -> None:
    ran = await autoarr(wired.live.url, "queue", cwd=tmp_path, key="wrong-key")
    assert ran.code == 4
    assert "AUTOARR_API_KEY" in ran.err
    as_json = await autoarr(wired.live.url, "queue", "--json", cwd=tmp_path, key="wrong-key")
    assert as_json.code == 4
    assert as_json.out == ""
    envelope = json.loads(as_json.err)
    assert (envelope["status"], envelope["error"]) == (401, "unauthorized")


async def test_the_key_may_come_from_the_option(wired: Wired, tmp_path: Path) -> None:
    ran = await autoarr(wired.live.url, "status", "--api-key", API_KEY, cwd=tmp_path, key=None)
    assert ran.code == 0, ran.err


async def test_a_spent_budget_exits_5_and_says_when_to_retry(tmp_path: Path) -> None:
    settings = settings_for(tmp_path / "data", AUTOARR_RATE_LIMITS="health=1/minute")
    async with serve_settings(settings) as live:
        assert (await autoarr(live.url, "status", cwd=tmp_path)).code == 0  # no service: healthy
        ran = await autoarr(live.url, "status", cwd=tmp_path)
    assert ran.code == 5
    assert "429 rate_limit_exceeded" in ran.err
    assert "Try again in" in ran.err


async def test_a_disabled_service_exits_1_with_the_error(tmp_path: Path) -> None:
    async with serve_settings(settings_for(tmp_path / "data")) as live:
        ran = await autoarr(live.url, "queue", cwd=tmp_path)
    assert ran.code == 1
    assert "503 service_unavailable" in ran.err


async def test_queue_table_and_json(wired: Wired, tmp_path: Path) -> None:
    table = await autoarr(wired.live.url, "queue", cwd=tmp_path)
    assert table.code == 0, table.err
    for job in wired.stack.sabnzbd_state.queue:
        assert job.nzo_id in table.out
    assert "running" in table.out
    as_json = await autoarr(wired.live.url, "queue", "--json", cwd=tmp_path)
    assert as_json.json() == (await wired.live.client.get("/api/v1/downloads/queue")).json()


async def test_history_only_the_failed_ones(wired: Wired, tmp_path: Path) -> None:
    ran = await autoarr(wired.live.url, "history", "--failed", "--json", cwd=tmp_path)
    assert ran.code == 0, ran.err
    body = ran.json()
    assert body["total"] == 5
    assert body["history"]
    assert {item["status"] for item in body["history"]} == {"Failed"}
    assert FAILED_MOVIE in [item["nzo_id"] for item in body["history"]]
    table = await autoarr(wired.live.url, "history", "--limit", "2", cwd=tmp_path)
    assert "History (5 in all)" in table.out


async def test_a_bad_option_is_a_usage_error(wired: Wired, tmp_path: Path) -> None:
    assert (await autoarr(wired.live.url, "history", "--limit", "0", cwd=tmp_path)).code == 2
    assert (await autoarr("127.0.0.1:8000", "status", cwd=tmp_path)).code == 2


async def test_api_reaches_any_endpoint(wired: Wired, tmp_path: Path) -> None:
    show = await autoarr(wired.live.url, "api", "GET", "/api/v1/shows/1", cwd=tmp_path)
    assert show.code == 0, show.err
    assert show.json()["title"] == "Breaking Bad"
    page = await autoarr(
        wired.live.url, "api", "get", "api/v1/movies", "-q", "page=1", "-q", "page_size=2", cwd=tmp_path
    )
    assert len(page.json()["movies"]) == 2
    scan = await autoarr(
        wired.live.url, "api", "POST", "/api/v1/media/scan", "-d", '{"library_key": "2"}', cwd=tmp_path
    )
    assert scan.json() == {"success": True, "message": "Library scan triggered", "library": "TV Shows"}
    missing = await autoarr(wired.live.url, "api", "GET", "/api/v1/shows/999", cwd=tmp_path)
    assert missing.code == 1
    assert json.loads(missing.err)["error"] == "not_found"
    assert (await autoarr(wired.live.url, "api", "POST", "/x", "-d", "{nope", cwd=tmp_path)).code == 2
