"""`/api/v1/mcp/{server}/tools` and `/call`: the reference's shapes and every error the contract names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from autoarr.mcp import MCP_SERVERS
from tests import reference
from tests.live import LiveApp
from tests.mcp_tools.support import server_of
from tests.stack import Wired, serve_stack

# The reference's example (autoarr-api.md, MCP Proxy).
TOOLS = {
    "server": "sabnzbd",
    "tools": [
        {"name": "get_queue", "description": "Get current download queue", "parameters": {}},
        {
            "name": "get_history",
            "description": "Get download history",
            "parameters": {"limit": {"type": "integer", "description": "Maximum items to return", "default": 50}},
        },
    ],
}
EXPECTED_TOOLS = {
    "sabnzbd": [
        "get_queue",
        "get_history",
        "pause_queue",
        "resume_queue",
        "retry_download",
        "delete_download",
        "get_status",
        "get_config",
        "set_config",
    ],
    "sonarr": [
        "list_series",
        "get_series",
        "lookup_series",
        "add_series",
        "search_series",
        "delete_series",
        "get_queue",
        "get_health",
        "get_calendar",
        "get_wanted_missing",
    ],
    "radarr": [
        "list_movies",
        "get_movie",
        "lookup_movie",
        "add_movie",
        "search_movie",
        "delete_movie",
        "get_queue",
        "get_health",
        "get_calendar",
        "get_wanted_missing",
    ],
    "plex": ["get_libraries", "get_recently_added", "scan_library", "search", "get_sessions", "get_on_deck"],
    "autoarr": [
        "audit",
        "list_recommendations",
        "explain_recommendation",
        "apply_recommendations",
        "rollback_recommendations",
    ],
}


async def _call(live: LiveApp, server: str, tool: str, **arguments: Any) -> Any:
    return await live.client.post(f"/api/v1/mcp/{server}/call", json={"tool": tool, "arguments": arguments})


async def test_the_tool_listing_has_the_references_shape_and_each_schemas_arguments(wired: Wired) -> None:
    for server in MCP_SERVERS:
        response = await wired.live.client.get(f"/api/v1/mcp/{server}/tools")
        assert response.status_code == 200
        body = response.json()
        assert body["server"] == server
        assert [tool["name"] for tool in body["tools"]] == EXPECTED_TOOLS[server]
        schemas = {tool.name: tool.input_schema for tool in await (await server_of(wired, server)).list_tools()}
        for tool in body["tools"]:
            assert set(tool) == {"name", "description", "parameters"}
            assert tool["description"]
            assert "\n" not in tool["description"]
            properties = schemas[tool["name"]].get("properties", {})
            assert list(tool["parameters"]) == list(properties)
            for name, parameter in tool["parameters"].items():
                assert parameter["description"], (tool["name"], name)  # language models read every one
                if "default" in properties[name]:
                    assert parameter == {**parameter, "default": properties[name]["default"]}
                else:
                    assert set(parameter) == {"type", "description"}, (tool["name"], name)


async def test_get_history_is_listed_as_the_reference_shows_it(wired: Wired) -> None:
    body = (await wired.live.client.get("/api/v1/mcp/sabnzbd/tools")).json()
    listed = {tool["name"]: tool for tool in body["tools"]}
    reference.assert_shape({**body, "tools": [listed["get_queue"]]}, TOOLS)
    history = listed["get_history"]
    limit_only = {**history, "parameters": {"limit": history["parameters"]["limit"]}}  # the reference omits one
    reference.assert_shape(limit_only, TOOLS["tools"][1])
    assert listed["get_history"]["parameters"]["limit"] == {
        "type": "integer",
        "description": "Maximum items to return, newest first (1-1000)",
        "default": 50,
    }
    assert listed["retry_download"]["parameters"]["nzo_id"]["type"] == "string"  # required: no default
    assert listed["get_config"]["parameters"]["section"] == {
        "type": "string",
        "description": "One section, e.g. misc, servers, categories; omit for the whole configuration",
        "default": None,
    }
    assert listed["set_config"]["parameters"]["value"]["type"] == "string | integer | number | boolean"


async def test_a_call_answers_the_tools_structured_output_and_its_duration(wired: Wired) -> None:
    response = await _call(wired.live, "sabnzbd", "get_history", limit=3)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"result", "execution_time_ms"}
    assert isinstance(body["execution_time_ms"], float)
    assert body["execution_time_ms"] >= 0
    assert body["result"] == (await wired.live.client.get("/api/v1/downloads/history", params={"limit": 3})).json()
    assert response.headers["x-ratelimit-limit"] == "100"  # a proxy call is `general`


async def test_a_write_through_the_proxy_reaches_the_service(wired: Wired) -> None:
    response = await _call(wired.live, "sabnzbd", "pause_queue")
    assert response.json()["result"] == reference.PAUSE
    assert wired.stack.sabnzbd_state.paused is True


async def test_an_unknown_server_is_404(wired: Wired) -> None:
    listed = await wired.live.client.get("/api/v1/mcp/jellyfin/tools")
    called = await _call(wired.live, "jellyfin", "get_queue")
    for response in (listed, called):
        assert response.status_code == 404
        assert response.json()["error"] == "not_found"
        assert "sabnzbd" in response.json()["details"]["server"]


async def test_an_unknown_tool_is_404(wired: Wired) -> None:
    response = await _call(wired.live, "sabnzbd", "format_disk")
    assert response.status_code == 404
    assert response.json() == {
        "error": "not_found",
        "message": "MCP server 'sabnzbd' has no tool 'format_disk'",
        "details": {"tool": "format_disk"},
    }


SCHEMA_FAILURES: list[tuple[str, str, dict[str, Any], set[str]]] = [
    ("sabnzbd", "get_history", {"limit": 0}, {"arguments.limit"}),
    ("sabnzbd", "get_history", {"limit": "many"}, {"arguments.limit"}),
    ("sabnzbd", "retry_download", {}, {"arguments.nzo_id"}),
    ("sonarr", "get_series", {"series_id": -1}, {"arguments.series_id"}),
    ("sonarr", "get_calendar", {"start": "yesterday"}, {"arguments.start"}),
    (
        "radarr",
        "add_movie",
        {"tmdb_id": 1, "minimum_availability": "soon"},
        {"arguments.quality_profile_id", "arguments.root_folder_path", "arguments.minimum_availability"},
    ),
    ("plex", "search", {"query": "x", "limit": 51}, {"arguments.limit"}),
    ("autoarr", "apply_recommendations", {"recommendation_ids": []}, {"arguments.recommendation_ids"}),
]


async def test_arguments_that_fail_the_schema_are_400_with_each_field_and_reach_no_service(wired: Wired) -> None:
    seen = {name: faults.requests_seen for name, faults in wired.stack.faults.items()}
    for server, tool, arguments, fields in SCHEMA_FAILURES:
        response = await _call(wired.live, server, tool, **arguments)
        assert response.status_code == 400, (server, tool)
        body = response.json()
        assert body["error"] == "invalid_request"
        assert set(body["details"]) == fields, (server, tool)
        assert body["message"].startswith(f"Invalid arguments for tool '{tool}': arguments.")
    assert {name: faults.requests_seen for name, faults in wired.stack.faults.items()} == seen


async def test_a_malformed_body_is_400_naming_the_field(wired: Wired) -> None:
    response = await wired.live.client.post("/api/v1/mcp/sabnzbd/call", json={"arguments": {}})
    assert response.status_code == 400
    assert set(response.json()["details"]) == {"tool"}


async def test_a_missing_item_is_404(wired: Wired) -> None:
    response = await _call(wired.live, "sonarr", "delete_series", series_id=999)
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert len(wired.stack.sonarr_state.series.values()) > 0


async def test_a_refusal_of_the_service_is_400_with_its_details(wired: Wired) -> None:
    response = await _call(wired.live, "sabnzbd", "set_config", keyword="download_dir", value="/")
    assert response.status_code == 400
    assert "cache_limit" in response.json()["details"]["keyword"]


async def test_a_disabled_service_is_503_mcp_connection_error(live: LiveApp) -> None:
    listed = await live.client.get("/api/v1/mcp/sabnzbd/tools")  # the tools exist while the service is off
    response = await _call(live, "sabnzbd", "get_queue")
    assert listed.status_code == 200
    assert response.status_code == 503
    assert response.json() == {
        "error": "mcp_connection_error",
        "message": "Service 'sabnzbd' is not connected",
        "details": {"service": "sabnzbd", "reason": "disabled"},
    }


async def test_a_service_that_is_down_then_behind_an_open_circuit_is_503_mcp_connection_error(tmp_path: Path) -> None:
    overrides = {"AUTOARR_CIRCUIT_FAILURE_THRESHOLD": "1", "AUTOARR_CIRCUIT_TIMEOUT_SECONDS": "3600"}
    async with serve_stack(tmp_path, **overrides) as wired:
        await wired.stack.servers["radarr"].stop()
        down = await _call(wired.live, "radarr", "get_health")
        circuit_open = await _call(wired.live, "radarr", "get_health")
        await wired.stack.servers["radarr"].start()
        still_open = await _call(wired.live, "radarr", "get_health")
        others = await _call(wired.live, "sonarr", "get_health")
    assert (down.status_code, down.json()["error"]) == (503, "mcp_connection_error")
    assert down.json()["details"]["reason"] == "unreachable"
    assert (circuit_open.status_code, circuit_open.json()["error"]) == (503, "mcp_connection_error")
    assert circuit_open.json()["details"]["reason"] == "circuit_open"
    assert still_open.json()["details"]["reason"] == "circuit_open"
    assert others.status_code == 200  # one service's trouble never takes the others down


async def test_a_service_refusing_autoarrs_key_is_503_mcp_connection_error(wired: Wired) -> None:
    wired.stack.faults["plex"].reject_key = True
    response = await _call(wired.live, "plex", "get_libraries")
    assert response.status_code == 503
    assert response.json()["error"] == "mcp_connection_error"
    assert response.json()["details"]["reason"] == "upstream_auth"


async def test_applies_beyond_the_apply_budget_are_429_with_retry_after(tmp_path: Path) -> None:
    async with serve_stack(tmp_path, AUTOARR_RATE_LIMITS="apply=1/hour") as wired:
        first = await _call(wired.live, "autoarr", "apply_recommendations", recommendation_ids=[1])
        second = await _call(wired.live, "autoarr", "rollback_recommendations", recommendation_ids=[1])
        rest = await wired.live.client.post("/api/v1/config/apply", json={"recommendation_ids": [1], "dry_run": True})
        reading = await _call(wired.live, "autoarr", "list_recommendations")
    assert first.status_code == 200
    assert second.status_code == 429
    body = second.json()
    assert (body["error"], body["details"]["category"]) == ("rate_limit_exceeded", "apply")
    assert 0 < body["retry_after"] == int(second.headers["retry-after"]) <= 3600
    # The headers describe the exhausted budget (apply), not the general one the gateway charged as well.
    assert (second.headers["x-ratelimit-limit"], second.headers["x-ratelimit-remaining"]) == ("1", "0")
    assert second.headers.get_list("x-ratelimit-limit") == ["1"]
    assert rest.status_code == 429  # one budget for REST and MCP
    assert reading.status_code == 200  # reading recommendations is another budget


@pytest.mark.parametrize(("ids", "dry_run"), [([True], True), (["1"], True), ([1], "false")])
async def test_apply_through_mcp_coerces_nothing_either(wired: Wired, ids: list[object], dry_run: object) -> None:
    response = await _call(wired.live, "autoarr", "apply_recommendations", recommendation_ids=ids, dry_run=dry_run)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


async def test_an_id_listed_twice_is_refused_before_anything_runs(wired: Wired) -> None:
    response = await _call(wired.live, "autoarr", "apply_recommendations", recommendation_ids=[2, 2])
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_request"
    assert "listed twice" in next(iter(body["details"].values()))


async def test_the_proxy_needs_the_key(wired: Wired) -> None:
    listed = await wired.live.anonymous.get("/api/v1/mcp/sabnzbd/tools")
    called = await wired.live.anonymous.post("/api/v1/mcp/sabnzbd/call", json={"tool": "pause_queue"})
    assert listed.status_code == called.status_code == 401
    assert wired.stack.sabnzbd_state.paused is False
