"""`/api/v1/settings`: round trips, live reconfiguration, write-only secrets, validation, scheduled audits."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from autoarr.audit.scheduler import AuditScheduler
from autoarr.bus import ConfigAuditCompleted
from autoarr.sim.faults import Faults
from autoarr.sim.server import SimServer
from autoarr.sim.sonarr import create_sonarr_app, seed_sonarr
from tests.live import LiveApp, serve_settings, settings_for, stored_bytes
from tests.stack import QUIET, Wired, serve_stack

SETTINGS = "/api/v1/settings"


@pytest.fixture
async def wired(tmp_path: Path) -> AsyncIterator[Wired]:
    async with serve_stack(tmp_path) as wired:
        yield wired


async def put(live: LiveApp, body: dict[str, Any]) -> dict[str, Any]:
    response = await live.client.put(SETTINGS, json=body)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


async def read(live: LiveApp) -> dict[str, Any]:
    answer: dict[str, Any] = (await live.client.get(SETTINGS)).json()
    return answer


async def test_get_has_the_references_shape_and_no_secret(wired: Wired) -> None:
    body = await read(wired.live)
    assert set(body) >= {"mcp_servers", "llm", "audit"}
    for name in ("sabnzbd", "sonarr", "radarr", "plex"):
        server = body["mcp_servers"][name]
        assert server["enabled"] is True
        assert server["url"] == wired.stack.servers[name].url
        assert server["connected"] is True
        assert server["token_set" if name == "plex" else "api_key_set"] is True
    assert body["llm"] == {"provider": "none", "model": None, "base_url": None, "api_key_set": False}
    assert body["audit"] == {"auto_audit_enabled": False, "auto_audit_interval_hours": 24}
    text = repr(body)
    for secret in (wired.stack.sabnzbd_key, wired.stack.sonarr_key, wired.stack.radarr_key, wired.stack.plex_token):
        assert secret not in text


async def test_put_answers_as_the_reference_and_survives_a_restart(tmp_path: Path) -> None:
    async with serve_settings(settings_for(tmp_path, **QUIET)) as live:
        answer = await put(live, {"audit": {"auto_audit_enabled": True, "auto_audit_interval_hours": 12}})
        assert answer == {
            "success": True,
            "message": "Settings updated successfully",
            "updated_settings": {"audit": {"auto_audit_enabled": True, "auto_audit_interval_hours": 12}},
        }
        assert (await read(live))["audit"] == {"auto_audit_enabled": True, "auto_audit_interval_hours": 12}
    async with serve_settings(settings_for(tmp_path, **QUIET)) as again:
        assert (await read(again))["audit"] == {"auto_audit_enabled": True, "auto_audit_interval_hours": 12}


async def test_secrets_are_write_only(wired: Wired) -> None:
    new_key = "brand-new-secret-key-0123456789"
    answer = await put(
        wired.live, {"mcp_servers": {"radarr": {"api_key": new_key}}, "llm": {"api_key": "llm-secret-42"}}
    )
    assert answer["updated_settings"] == {
        "mcp_servers": {"radarr": {"api_key_set": True}},
        "llm": {"api_key_set": True},
    }
    body = await read(wired.live)
    assert body["llm"]["api_key_set"] is True
    assert new_key not in repr(body)
    assert "llm-secret-42" not in repr(body)
    # The new key really is used: the Radarr simulator refuses it (its key is another one).
    response = await wired.live.client.get("/api/v1/movies")
    assert response.status_code == 503
    assert response.json()["details"]["reason"] == "upstream_auth"


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"audit": {"colour": "blue"}}, "audit.colour"),
        ({"nonsense": 1}, "nonsense"),
        ({"audit": {"auto_audit_interval_hours": 0}}, "audit.auto_audit_interval_hours"),
        ({"audit": {"auto_audit_interval_hours": 169}}, "audit.auto_audit_interval_hours"),
        ({"audit": {"auto_audit_interval_hours": "12"}}, "audit.auto_audit_interval_hours"),
        ({"audit": {"auto_audit_enabled": "yes"}}, "audit.auto_audit_enabled"),
        ({"mcp_servers": {"sonarr": {"url": "ftp://sonarr:8989"}}}, "mcp_servers.sonarr.url"),
        ({"mcp_servers": {"sonarr": {"url": "not a url"}}}, "mcp_servers.sonarr.url"),
        ({"mcp_servers": {"emby": {"url": "http://emby"}}}, "mcp_servers.emby"),
        ({"llm": {"provider": "skynet"}}, "llm.provider"),
        ({"rate_limits": {"general": "lots"}}, "rate_limits.general"),
    ],
)
async def test_invalid_settings_are_400_and_nothing_is_saved(wired: Wired, body: dict[str, Any], path: str) -> None:
    before = await read(wired.live)
    mixed = {**body, "monitoring": {"health_interval_seconds": 77}}  # a valid change in the same request
    response = await wired.live.client.put(SETTINGS, json=mixed)
    assert response.status_code == 400
    answer = response.json()
    assert answer["error"] == "invalid_request"
    assert path in answer["details"]
    assert await read(wired.live) == before


async def test_null_reverts_to_the_environments_value(wired: Wired) -> None:
    await put(wired.live, {"monitoring": {"download_poll_seconds": 99}})
    assert (await read(wired.live))["monitoring"]["download_poll_seconds"] == 99
    answer = await put(wired.live, {"monitoring": {"download_poll_seconds": None}})
    assert answer["updated_settings"] == {"monitoring": {"download_poll_seconds": 3600}}  # QUIET's environment
    assert (await read(wired.live))["monitoring"]["download_poll_seconds"] == 3600


async def test_a_secret_reverted_with_null_is_answered_as_the_environments_again(wired: Wired) -> None:
    await put(wired.live, {"mcp_servers": {"sonarr": {"api_key": "a-key-sonarr-will-refuse-0123"}}})
    answer = await put(wired.live, {"mcp_servers": {"sonarr": {"api_key": None}}})
    assert answer["updated_settings"] == {"mcp_servers": {"sonarr": {"api_key_set": True}}}  # SONARR_API_KEY
    assert (await read(wired.live))["mcp_servers"]["sonarr"]["api_key_set"] is True
    assert (await wired.live.client.get("/api/v1/shows")).status_code == 200  # the environment's key works


async def test_a_new_sonarr_url_takes_the_next_request(wired: Wired) -> None:
    faults = Faults()
    second = SimServer(create_sonarr_app(seed_sonarr(3), api_key=wired.stack.sonarr_key, faults=faults))
    async with second:
        assert len((await wired.live.client.get("/api/v1/shows")).json()["series"]) == 30
        await put(wired.live, {"mcp_servers": {"sonarr": {"url": second.url}}})
        first_seen = wired.stack.faults["sonarr"].requests_seen
        shows = (await wired.live.client.get("/api/v1/shows")).json()
        assert len(shows["series"]) == 3
        assert faults.requests_seen >= 1
        assert wired.stack.faults["sonarr"].requests_seen == first_seen


async def test_disabling_a_service_takes_it_out_at_once(wired: Wired) -> None:
    await put(wired.live, {"mcp_servers": {"plex": {"enabled": False}}})
    assert (await wired.live.client.get("/api/v1/media/libraries")).status_code == 503
    assert "plex" not in (await wired.live.client.get("/health")).json()["services"]
    await put(wired.live, {"mcp_servers": {"plex": {"enabled": True}}})
    assert (await wired.live.client.get("/api/v1/media/libraries")).status_code == 200


async def test_a_changed_rate_limit_shows_in_the_next_headers(wired: Wired) -> None:
    assert (await wired.live.client.get("/health")).headers["x-ratelimit-limit"] == "60"
    await put(wired.live, {"rate_limits": {"health": "5/second"}})
    assert (await wired.live.client.get("/health")).headers["x-ratelimit-limit"] == "5"


async def test_scheduled_audits_follow_the_clock_and_the_store(tmp_path: Path) -> None:
    async with serve_stack(tmp_path) as wired:
        scheduler: AuditScheduler = wired.live.app.state.audit_scheduler
        events = wired.bus.subscribe(types=[ConfigAuditCompleted])
        assert await scheduler.next_run() is None  # off by default
        await put(wired.live, {"audit": {"auto_audit_enabled": True, "auto_audit_interval_hours": 12}})
        due = await scheduler.next_run()
        assert due is not None
        assert await scheduler.run_due(due - timedelta(seconds=1)) is None
        first = await scheduler.run_due(due)  # no audit yet: due one interval after it was turned on
        assert first is not None
        assert (await events.get()).data.audit_id == first  # type: ignore[attr-defined]
        last = (await scheduler.next_run()) - timedelta(hours=12)  # type: ignore[operator]
        assert await scheduler.run_due(last + timedelta(hours=11, minutes=59)) is None
        await put(wired.live, {"audit": {"auto_audit_interval_hours": 1}})  # takes effect at once
        second = await scheduler.run_due(last + timedelta(hours=1, seconds=1))
        assert second is not None
        history = (await wired.live.client.get("/api/v1/config/audit/history")).json()["audits"]
        assert [a["audit_id"] for a in history] == [second, first]
        expected_next = await scheduler.next_run()
        env = wired.stack.environment()
        async with serve_settings(settings_for(tmp_path, **env, **QUIET)) as again:
            restarted: AuditScheduler = again.app.state.audit_scheduler
            assert await restarted.next_run() == expected_next  # computed from the last audit in the store
            await put(again, {"audit": {"auto_audit_enabled": False}})
            assert await restarted.next_run() is None


async def test_secrets_set_through_the_api_are_sealed_in_the_store_and_survive_a_restart(tmp_path: Path) -> None:
    async with serve_stack(tmp_path) as wired:
        sonarr_key = wired.stack.sonarr_key
        env = {k: v for k, v in wired.stack.environment().items() if k != "SONARR_API_KEY"}
        async with serve_settings(settings_for(tmp_path / "own", **env, **QUIET)) as live:
            assert (await live.client.get("/api/v1/shows")).status_code == 503  # no key for Sonarr yet
            await put(live, {"mcp_servers": {"sonarr": {"api_key": sonarr_key}}})
            assert (await live.client.get("/api/v1/shows")).status_code == 200
        stored = stored_bytes(tmp_path / "own")
        assert b"sealed:" in stored
        assert sonarr_key.encode() not in stored
        async with serve_settings(settings_for(tmp_path / "own", **env, **QUIET)) as again:
            assert (await again.client.get("/api/v1/shows")).status_code == 200  # opened from the store
            assert (await read(again))["mcp_servers"]["sonarr"]["api_key_set"] is True
