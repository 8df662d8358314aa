"""Annotations tell the truth: read-only tools change nothing anywhere, destructive ones are marked so."""

from __future__ import annotations

import copy
from typing import Any

from mcp import Client

from autoarr.mcp import MCP_SERVERS
from tests.mcp_tools.support import call, server_of
from tests.mcp_tools.test_secrets import CALLS
from tests.stack import Wired

DESTRUCTIVE = {
    ("sabnzbd", "delete_download"),
    ("sabnzbd", "set_config"),
    ("sonarr", "delete_series"),
    ("radarr", "delete_movie"),
    ("autoarr", "apply_recommendations"),
    ("autoarr", "rollback_recommendations"),
}
WRITES = DESTRUCTIVE | {
    ("sabnzbd", "pause_queue"),
    ("sabnzbd", "resume_queue"),
    ("sabnzbd", "retry_download"),
    ("sonarr", "add_series"),
    ("sonarr", "search_series"),
    ("radarr", "add_movie"),
    ("radarr", "search_movie"),
    ("plex", "scan_library"),
    ("autoarr", "audit"),  # reads the services, but stores an audit and its recommendations
}
OPEN_WORLD = {  # reach beyond the user's stack: metadata providers, indexers
    ("sonarr", "lookup_series"),
    ("sonarr", "search_series"),
    ("radarr", "lookup_movie"),
    ("radarr", "search_movie"),
}


async def test_every_tool_states_every_hint_as_the_tables_say(wired: Wired) -> None:
    for name in MCP_SERVERS:
        for tool in await (await server_of(wired, name)).list_tools():
            hints, key = tool.annotations, (name, tool.name)
            assert hints is not None, key
            assert hints.title, key
            assert hints.read_only_hint is (key not in WRITES), key
            assert hints.destructive_hint is (key in DESTRUCTIVE), key
            assert hints.open_world_hint is (key in OPEN_WORLD), key
            assert isinstance(hints.idempotent_hint, bool), key
            assert tool.output_schema is not None, key  # structured output, with its schema
            assert tool.output_schema["type"] == "object", key


def _fingerprint(wired: Wired) -> Any:
    stack = wired.stack
    sab = stack.sabnzbd_state
    return copy.deepcopy(
        (
            sab.paused,
            [job.nzo_id for job in sab.queue],
            [(entry.nzo_id, entry.status) for entry in sab.history],
            sab.config.get(None, None),
            [
                (
                    arr.library.values(),
                    arr.configs,
                    len(arr.commands.named("SeriesSearch") + arr.commands.named("MoviesSearch")),
                )
                for arr in (stack.sonarr_state, stack.radarr_state)
            ],
            [(section.key, section.refreshing) for section in stack.plex_state.sections],
            {pref_id: pref.value for pref_id, pref in stack.plex_state.prefs.items()},
        )
    )


async def test_read_only_tools_change_nothing_in_any_service(wired: Wired) -> None:
    async with Client(await server_of(wired, "autoarr")) as autoarr:
        await call(autoarr, "audit")  # something for the recommendation tools to read
        recommendations = (await call(autoarr, "list_recommendations"))["recommendations"]
        before = _fingerprint(wired)
        await call(autoarr, "explain_recommendation", recommendation_id=recommendations[0]["id"])
        assert (await call(autoarr, "list_recommendations"))["recommendations"] == recommendations
    read_only = [(server, tool, arguments) for server, tool, arguments in CALLS if (server, tool) not in WRITES]
    assert {server for server, _, _ in read_only} == set(MCP_SERVERS)
    for server, tool, arguments in read_only:
        async with Client(await server_of(wired, server)) as client:
            result = await client.call_tool(tool, arguments)
            assert not result.is_error, (server, tool)
        assert _fingerprint(wired) == before, (server, tool)
