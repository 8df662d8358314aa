"""The client's recovery and MCP proxy calls against AutoArr over the simulators."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from autoarr.client import AutoArrClient, InvalidRequestError, McpConnectionError, NotFoundError
from autoarr.client.events import DownloadRecovery
from autoarr.events.recovery import RecoveryService
from tests.live import API_KEY
from tests.stack import Wired, baseline_taken, eventually, serve_stack

RADARR_JOB = "SABnzbd_nzo_r4p9w3bd"  # Dune, queued, grabbed by Radarr (whose redownload is off)
NOBODYS_JOB = "SABnzbd_nzo_h3n8c5ee"  # Ubuntu, added to SABnzbd by hand
RECOVERY = {"AUTOARR_RECOVERY_ENABLED": "true", "AUTOARR_RECOVERY_BACKOFF_SECONDS": "60"}


@pytest.fixture
async def recovering(tmp_path: Path) -> AsyncIterator[tuple[Wired, AutoArrClient]]:
    async with serve_stack(tmp_path, **RECOVERY) as wired, AutoArrClient(wired.live.url, API_KEY) as client:
        await baseline_taken(wired.live.app)
        yield wired, client


async def _fail(wired: Wired, nzo_id: str) -> None:
    service: RecoveryService = wired.live.app.state.recovery_service
    handled = service.handled
    wired.stack.sabnzbd_state.finish(nzo_id, failed=True)
    assert await wired.download_monitor.poll_once() == [nzo_id]
    await eventually(lambda: service.handled > handled)


async def test_recovery_attempts_are_typed_and_announced(recovering: tuple[Wired, AutoArrClient]) -> None:
    wired, client = recovering
    async with client.events(["downloads"]) as stream:
        await _fail(wired, RADARR_JOB)
        events = [await asyncio.wait_for(stream.next_event(), 10) for _ in range(2)]
    payloads = {event.type: event.payload() for event in events}
    recovery = payloads["download.recovery"]
    assert isinstance(recovery, DownloadRecovery)
    assert (recovery.download_id, recovery.owner, recovery.action, recovery.result) == (
        RADARR_JOB,
        "radarr",
        "mark_failed",
        "done",
    )
    page = await client.recovery_attempts()
    (attempt,) = page.attempts
    assert (attempt.download_id, attempt.owner, attempt.action, attempt.result) == (
        RADARR_JOB,
        "radarr",
        "mark_failed",
        "done",
    )
    assert attempt.title.startswith("Dune")
    assert attempt.created_at.tzinfo is not None
    assert page.pagination.total_items == 1


async def test_recovery_attempts_page_newest_first(recovering: tuple[Wired, AutoArrClient]) -> None:
    wired, client = recovering
    await _fail(wired, RADARR_JOB)
    await _fail(wired, NOBODYS_JOB)
    first = await client.recovery_attempts(page=1, page_size=1)
    second = await client.recovery_attempts(page=2, page_size=1)
    assert [a.download_id for a in first.attempts + second.attempts] == [NOBODYS_JOB, RADARR_JOB]
    assert first.attempts[0].action == "retry"
    assert first.attempts[0].due_at is not None
    assert (first.pagination.total_items, first.pagination.total_pages) == (2, 2)
    with pytest.raises(InvalidRequestError):
        await client.recovery_attempts(page_size=101)


async def test_mcp_tools_are_listed_with_typed_parameters(client: AutoArrClient) -> None:
    listing = await client.mcp_tools("sabnzbd")
    assert listing.server == "sabnzbd"
    tools = {tool.name: tool for tool in listing.tools}
    assert {"get_queue", "get_history", "pause_queue", "retry_download"} <= set(tools)
    limit = tools["get_history"].parameters["limit"]
    assert (limit.type, limit.default) == ("integer", 50)
    assert limit.description
    assert tools["retry_download"].parameters["nzo_id"].type == "string"
    assert "audit" in {tool.name for tool in (await client.mcp_tools("autoarr")).tools}


async def test_an_mcp_call_answers_the_tools_output(wired: Wired, client: AutoArrClient) -> None:
    history = await client.call_mcp_tool("sabnzbd", "get_history", {"limit": 3})
    assert history.result == (await client.history(limit=3)).to_wire()
    assert history.execution_time_ms >= 0
    paused = await client.call_mcp_tool("sabnzbd", "pause_queue")
    assert paused.result == {"success": True, "paused": True, "queue_status": "Paused"}
    assert wired.stack.sabnzbd_state.paused is True


async def test_mcp_errors_are_typed(wired: Wired, client: AutoArrClient) -> None:
    with pytest.raises(NotFoundError):
        await client.mcp_tools("jellyfin")
    with pytest.raises(NotFoundError) as caught:
        await client.call_mcp_tool("sabnzbd", "format_disk")
    assert caught.value.details == {"tool": "format_disk"}
    with pytest.raises(InvalidRequestError) as invalid:
        await client.call_mcp_tool("sabnzbd", "get_history", {"limit": 0})
    assert set(invalid.value.details) == {"arguments.limit"}
    await wired.stack.servers["radarr"].stop()
    with pytest.raises(McpConnectionError) as down:
        await client.call_mcp_tool("radarr", "get_health")
    assert (down.value.status, down.value.error) == (503, "mcp_connection_error")
    assert down.value.details["reason"] == "unreachable"
