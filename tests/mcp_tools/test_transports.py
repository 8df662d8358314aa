"""Outside agents' ways in: `autoarr mcp <server>` over stdio, and streamable HTTP at `/mcp/<server>/`."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx2
from mcp import Client, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.client.streamable_http import streamable_http_client

from tests.live import API_KEY, serve_settings, settings_for
from tests.mcp_tools.support import call, call_error
from tests.stack import QUIET, Wired, serve_stack

PASSED_ON = ("PATH", "HOME", "LANG", "PYTHONPATH")


def _environment(**values: str) -> dict[str, str]:
    return {**{k: v for k, v in os.environ.items() if k in PASSED_ON}, "AUTOARR_LOG_LEVEL": "debug", **values}


@asynccontextmanager
async def stdio(workdir: Path, server: str, **env: str) -> AsyncIterator[Client]:
    """The SDK's client over stdio to `python -m autoarr mcp <server>`, its stderr kept in workdir/stderr.log."""
    params = StdioServerParameters(
        command=sys.executable, args=["-m", "autoarr", "mcp", server], env=_environment(**env), cwd=workdir
    )
    with (workdir / "stderr.log").open("w") as errlog:
        async with Client(stdio_client(params, errlog=errlog), read_timeout_seconds=60) as client:
            yield client


def _stack_env(wired: Wired, data: Path) -> dict[str, str]:
    return {**wired.stack.environment(), "AUTOARR_DATA_DIR": str(data), "AUTOARR_API_KEY": API_KEY}


async def test_an_agent_lists_and_calls_tools_over_stdio(wired: Wired, tmp_path: Path) -> None:
    async with stdio(tmp_path, "sonarr", **_stack_env(wired, tmp_path / "data")) as client:
        names = [tool.name for tool in (await client.list_tools()).tools]
        series = await call(client, "list_series", page_size=2)
        found = await call(client, "lookup_series", term="Penguin")
        missing = await call_error(client, "get_series", series_id=999)
        assert client.server_info.name == "sonarr"
    assert names[:3] == ["list_series", "get_series", "lookup_series"]
    assert len(names) == 10
    assert series["total"] == len(wired.stack.sonarr_state.series.values())
    assert found["results"][0]["title"]
    assert "not_found" in missing
    assert '"level": "debug"' in (tmp_path / "stderr.log").read_text()  # the logs went to stderr


async def test_the_autoarr_server_over_stdio_applies_only_with_its_confirm_token(wired: Wired, tmp_path: Path) -> None:
    misc = wired.stack.sabnzbd_state.config.misc
    async with stdio(tmp_path, "autoarr", **_stack_env(wired, tmp_path / "data")) as client:
        await call(client, "audit", services=["sabnzbd"])
        listed = await call(client, "list_recommendations", service="sabnzbd", page_size=100)
        unpack = next(item["id"] for item in listed["recommendations"] if item["setting_name"] == "direct_unpack")
        dry = await call(client, "apply_recommendations", recommendation_ids=[unpack])
        refused = await call_error(client, "apply_recommendations", recommendation_ids=[unpack], dry_run=False)
        assert misc["direct_unpack"] == 0
        applied = await call(
            client,
            "apply_recommendations",
            recommendation_ids=[unpack],
            dry_run=False,
            confirm_token=dry["confirm_token"],
        )
    assert "Not confirmed" in refused
    assert applied["summary"]["successful"] == 1
    assert misc["direct_unpack"] == 1


async def test_stdout_carries_nothing_but_the_protocol(wired: Wired, tmp_path: Path) -> None:
    env = {**wired.stack.environment(), "AUTOARR_DATA_DIR": str(tmp_path / "fresh")}  # no key: one is generated
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "autoarr",
        "mcp",
        "sabnzbd",
        cwd=tmp_path,
        env=_environment(**env),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    messages: list[dict[str, Any]] = [
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {
                "protocolVersion": "2025-11-25",
                "capabilities": {},
                "clientInfo": {"name": "t", "version": "1"},
            },
        },
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/list"},
        {"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "get_queue", "arguments": {}}},
        {"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": {"name": "get_config", "arguments": {}}},
    ]
    stdin = process.stdin
    assert stdin is not None
    assert process.stdout is not None
    answers: dict[int, dict[str, Any]] = {}
    for message in messages:
        stdin.write(json.dumps(message).encode() + b"\n")
        await stdin.drain()
        if "id" in message:
            line = await asyncio.wait_for(process.stdout.readline(), timeout=60)
            answer = json.loads(line)
            answers[answer["id"]] = answer
    stdin.close()
    rest, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 0
    assert rest == b""  # nothing more after the answers: no log line, no banner, no key
    assert all(answer["jsonrpc"] == "2.0" and "result" in answer for answer in answers.values())
    assert len(answers[2]["result"]["tools"]) == 9
    assert answers[3]["result"]["structuredContent"]["queue"]
    assert "AutoArr generated an API key" in stderr.decode()  # printed, on stderr only
    key = (tmp_path / "fresh" / "api_key").read_text().strip()
    assert key not in json.dumps(answers)
    assert wired.stack.sabnzbd_key not in json.dumps(answers)


async def test_stdio_uses_the_settings_stored_in_the_data_dir(wired: Wired, tmp_path: Path) -> None:
    data = tmp_path / "data"
    sonarr = {"url": wired.stack.environment()["SONARR_URL"], "api_key": wired.stack.sonarr_key}
    settings = settings_for(data, **QUIET)
    async with serve_settings(settings) as live:  # no Sonarr in the environment
        response = await live.client.put("/api/v1/settings", json={"mcp_servers": {"sonarr": sonarr}})
        assert response.status_code == 200, response.text
    store = {"AUTOARR_DATABASE_URL": settings.database_url} if settings.database_url else {}  # PostgreSQL runs
    async with stdio(tmp_path, "sonarr", AUTOARR_DATA_DIR=str(data), AUTOARR_API_KEY=API_KEY, **store) as client:
        health = await call(client, "get_health")
    assert health["healthy"] is True


async def test_stdio_charges_every_call_to_the_general_budget(wired: Wired, tmp_path: Path) -> None:
    env = {**_stack_env(wired, tmp_path / "data"), "AUTOARR_RATE_LIMITS": "general=2/minute"}
    async with stdio(tmp_path, "plex", **env) as client:
        await call(client, "get_libraries")
        await call(client, "get_sessions")
        refused = await call_error(client, "get_libraries")
    assert "rate_limit_exceeded" in refused
    assert '"category": "general"' in refused


async def test_an_unknown_server_name_is_a_usage_error(tmp_path: Path) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "autoarr",
        "mcp",
        "jellyfin",
        cwd=tmp_path,
        env=_environment(AUTOARR_DATA_DIR=str(tmp_path)),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 2
    assert stdout == b""
    assert b"sabnzbd, sonarr, radarr, plex, autoarr" in stderr


@asynccontextmanager
async def over_http(wired: Wired, server: str, *, mode: str = "auto") -> AsyncIterator[Client]:
    async with httpx2.AsyncClient(headers={"X-API-Key": API_KEY}, timeout=httpx2.Timeout(30, read=60)) as http:
        transport = streamable_http_client(f"{wired.live.url}/mcp/{server}/", http_client=http)
        async with Client(transport, mode=mode) as client:
            yield client


async def test_an_agent_lists_and_calls_tools_over_http_in_both_protocol_eras(wired: Wired) -> None:
    async with over_http(wired, "plex") as modern:
        libraries = await call(modern, "get_libraries")
        assert modern.protocol_version == "2026-07-28"
    async with over_http(wired, "sabnzbd", mode="legacy") as legacy:
        tools = (await legacy.list_tools()).tools
        paused = await call(legacy, "pause_queue")
        unknown = await call_error(legacy, "delete_download", nzo_id="SABnzbd_nzo_unknown")
        assert legacy.protocol_version == "2025-11-25"
    assert libraries == (await wired.live.client.get("/api/v1/media/libraries")).json()
    assert len(tools) == 9
    assert paused["paused"] is True
    assert wired.stack.sabnzbd_state.paused is True
    assert "not_found" in unknown


async def test_the_http_transport_is_behind_the_key(wired: Wired) -> None:
    initialize = {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}
    anonymous = await wired.live.anonymous.post("/mcp/sabnzbd/", json=initialize)
    wrong = await wired.live.anonymous.post("/mcp/sabnzbd/", json=initialize, headers={"X-API-Key": "nope"})
    unknown = await wired.live.client.post("/mcp/jellyfin/", json=initialize)
    bare = await wired.live.client.post("/mcp/", json=initialize)
    assert anonymous.status_code == wrong.status_code == 401
    assert anonymous.json()["error"] == "unauthorized"
    assert (unknown.status_code, unknown.json()["error"]) == (404, "not_found")
    assert bare.status_code == 404
    assert wired.stack.sabnzbd_state.paused is False


async def test_http_apply_calls_spend_the_apply_budget(tmp_path: Path) -> None:
    async with (
        serve_stack(tmp_path, AUTOARR_RATE_LIMITS="apply=1/hour") as wired,
        over_http(wired, "autoarr") as client,
    ):
        await call(client, "apply_recommendations", recommendation_ids=[1])
        refused = await call_error(client, "apply_recommendations", recommendation_ids=[1])
    assert "rate_limit_exceeded" in refused
    assert '"category": "apply"' in refused
