"""No tool answer carries a configured secret: every tool of every server is called and its output searched."""

from __future__ import annotations

import json
from contextlib import AsyncExitStack
from typing import Any

from mcp import Client

from autoarr.mcp import MCP_SERVERS
from tests.live import API_KEY
from tests.mcp_tools.support import server_of
from tests.stack import Wired

FAILED_MOVIE = "SABnzbd_nzo_f8x2z7hh"
NZB_KEY = "fedcba9876543210fedcba9876543210"


def _plant(wired: Wired) -> None:
    """Secrets where services really put them: SABnzbd's own keys in its config, keys in URLs of its messages."""
    stack = wired.stack
    sab = stack.sabnzbd_state
    sab.config.misc.update(api_key=stack.sabnzbd_key, nzb_key=NZB_KEY)
    sab.add_warning(f"Failed to notify http://sonarr:8989/api/v3/command?apikey={stack.sonarr_key}", origin="notifier")
    sab.add_warning(f"Radarr said no to X-Api-Key {stack.radarr_key}", origin="notifier")
    failed = next(entry for entry in sab.history if entry.nzo_id == FAILED_MOVIE)
    failed.fail_message = (
        f"Post-processing script called http://plex:32400/library/sections?X-Plex-Token={stack.plex_token}"
    )


# Arguments for every tool, in an order that leaves each write something to act on.
CALLS: list[tuple[str, str, dict[str, Any]]] = [
    ("sabnzbd", "get_queue", {}),
    ("sabnzbd", "get_history", {"limit": 100}),
    ("sabnzbd", "get_status", {}),
    ("sabnzbd", "get_config", {}),
    ("sabnzbd", "get_config", {"section": "misc"}),
    ("sabnzbd", "set_config", {"keyword": "cache_limit", "value": "1G"}),
    ("sabnzbd", "set_config", {"keyword": "api_key", "value": "0" * 32}),  # refused: the refusal is searched too
    ("sabnzbd", "pause_queue", {}),
    ("sabnzbd", "resume_queue", {}),
    ("sabnzbd", "retry_download", {"nzo_id": FAILED_MOVIE}),
    ("sabnzbd", "delete_download", {"nzo_id": "SABnzbd_nzo_q7k2m1xa"}),
    ("sonarr", "list_series", {"page_size": 1000}),
    ("sonarr", "get_series", {"series_id": 1}),
    ("sonarr", "lookup_series", {"term": "the", "limit": 50}),
    ("sonarr", "add_series", {"tvdb_id": 423625, "quality_profile_id": 1, "root_folder_path": "/tv"}),
    ("sonarr", "search_series", {"series_id": 1}),
    ("sonarr", "delete_series", {"series_id": 2}),
    ("sonarr", "get_queue", {"page_size": 100}),
    ("sonarr", "get_health", {}),
    ("sonarr", "get_calendar", {"start": "2000-01-01", "end": "2030-12-31"}),
    ("sonarr", "get_wanted_missing", {"page_size": 100}),
    ("radarr", "list_movies", {"page_size": 1000}),
    ("radarr", "get_movie", {"movie_id": 1}),
    ("radarr", "lookup_movie", {"term": "the", "limit": 50}),
    ("radarr", "add_movie", {"tmdb_id": 1233413, "quality_profile_id": 1, "root_folder_path": "/movies"}),
    ("radarr", "search_movie", {"movie_id": 1}),
    ("radarr", "delete_movie", {"movie_id": 2}),
    ("radarr", "get_queue", {"page_size": 100}),
    ("radarr", "get_health", {}),
    ("radarr", "get_calendar", {"start": "2000-01-01", "end": "2030-12-31"}),
    ("radarr", "get_wanted_missing", {"page_size": 100}),
    ("plex", "get_libraries", {}),
    ("plex", "get_recently_added", {"limit": 200}),
    ("plex", "scan_library", {"library_key": "1"}),
    ("plex", "search", {"query": "the", "limit": 50}),
    ("plex", "get_sessions", {}),
    ("plex", "get_on_deck", {"limit": 200}),
    ("autoarr", "audit", {}),
    ("autoarr", "list_recommendations", {"page_size": 100}),
]


async def test_no_tool_output_contains_a_configured_secret(wired: Wired) -> None:
    _plant(wired)
    secrets = {
        "AutoArr's key": API_KEY,
        "SABnzbd's key": wired.stack.sabnzbd_key,
        "SABnzbd's NZB key": NZB_KEY,
        "Sonarr's key": wired.stack.sonarr_key,
        "Radarr's key": wired.stack.radarr_key,
        "Plex's token": wired.stack.plex_token,
    }
    outputs: list[tuple[str, str, str]] = []
    called: dict[str, set[str]] = {name: set() for name in MCP_SERVERS}
    async with AsyncExitStack() as stack:
        clients = {name: await stack.enter_async_context(Client(await server_of(wired, name))) for name in MCP_SERVERS}
        for server, tool, arguments in CALLS:
            outputs.append((server, tool, await _answer(clients[server], tool, arguments)))
            called[server].add(tool)
        recommendations = json.loads(outputs[-1][2])["structuredContent"]["recommendations"]
        ids = [item["id"] for item in recommendations if item["service"] == "sabnzbd"][:3]
        autoarr = clients["autoarr"]
        detail = await _answer(autoarr, "explain_recommendation", {"recommendation_id": ids[0]})
        dry = await _answer(autoarr, "apply_recommendations", {"recommendation_ids": ids})
        token = json.loads(dry)["structuredContent"]["confirm_token"]
        real = {"recommendation_ids": ids, "dry_run": False, "confirm_token": token}
        applied = await _answer(autoarr, "apply_recommendations", real)
        back = await _answer(autoarr, "rollback_recommendations", {"recommendation_ids": ids})
        outputs += [("autoarr", name, text) for name, text in [("explain", detail), ("dry", dry), ("apply", applied)]]
        outputs.append(("autoarr", "rollback", back))
        called["autoarr"] |= {"explain_recommendation", "apply_recommendations", "rollback_recommendations"}

    for name in MCP_SERVERS:  # a new tool must be added here before it can pass
        listed = {tool.name for tool in await (await server_of(wired, name)).list_tools()}
        assert called[name] == listed, name
    assert '"api_key": "<redacted>"' in next(text for s, t, text in outputs if t == "get_config")
    for server, tool, text in outputs:
        for what, secret in secrets.items():
            assert secret not in text, f"{server}.{tool} answered {what}"


async def _answer(client: Client, tool: str, arguments: dict[str, Any]) -> str:
    """Everything the agent receives for one call (content, structured content, error flag) as JSON text."""
    result = await client.call_tool(tool, arguments)
    return json.dumps(result.model_dump(mode="json", by_alias=True, exclude_none=True))
