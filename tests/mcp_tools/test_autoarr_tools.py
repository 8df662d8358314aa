"""The `autoarr` tools: audit, recommendations, and writes that need the confirm token of their dry run."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from mcp import Client

from autoarr.audit.tools import build_server
from autoarr.ephemeral import MemoryEphemeralStore
from autoarr.mcp.confirm import ConfirmTokens
from autoarr.mcp.context import Budget, ToolContext
from tests.mcp_tools.support import call, call_error, tool_client
from tests.stack import Wired, serve_stack


def _settings_of(wired: Wired) -> Any:
    stack = wired.stack
    return copy.deepcopy(
        (
            stack.sabnzbd_state.config.misc,
            stack.sonarr_state.configs,
            stack.radarr_state.configs,
            {pref_id: pref.value for pref_id, pref in stack.plex_state.prefs.items()},
        )
    )


async def _recommendation(client: Client, service: str, setting_name: str) -> int:
    listed = await call(client, "list_recommendations", service=service, page_size=100)
    return next(int(item["id"]) for item in listed["recommendations"] if item["setting_name"] == setting_name)


async def test_audit_then_list_then_explain(wired: Wired) -> None:
    async with tool_client(wired, "autoarr") as client:
        audited = await call(client, "audit")
        listed = await call(client, "list_recommendations", priority="critical", page_size=5)
        detail = await call(client, "explain_recommendation", recommendation_id=listed["recommendations"][0]["id"])
        missing = await call_error(client, "explain_recommendation", recommendation_id=99_999)
        bad_filter = await call_error(client, "list_recommendations", priority="urgent")
    assert audited["services_audited"] == ["sabnzbd", "sonarr", "radarr", "plex"]  # every enabled one by default
    assert audited["total_recommendations"] > 0
    assert listed["filters_applied"] == {"priority": "critical"}
    assert {item["priority"] for item in listed["recommendations"]} == {"critical"}
    assert detail["explanation"]
    assert detail["references"]
    assert "not_found: Recommendation with ID 99999 not found" in missing
    assert "priority" in bad_filter


async def test_apply_needs_the_dry_runs_token_for_exactly_those_ids_once(wired: Wired) -> None:
    async with tool_client(wired, "autoarr") as client:
        await call(client, "audit", services=["sabnzbd", "plex"])
        unpack = await _recommendation(client, "sabnzbd", "direct_unpack")
        secure = await _recommendation(client, "plex", "secureConnections")
        before = _settings_of(wired)

        dry = await call(client, "apply_recommendations", recommendation_ids=[unpack, secure])
        assert (dry["dry_run"], dry["summary"]["successful"]) == (True, 2)
        assert dry["confirm_token"]
        assert dry["confirm_expires_in_seconds"] == 300
        assert _settings_of(wired) == before  # a dry run writes nothing

        missing = await call_error(client, "apply_recommendations", recommendation_ids=[unpack, secure], dry_run=False)
        wrong = await call_error(
            client, "apply_recommendations", recommendation_ids=[unpack, secure], dry_run=False, confirm_token="x" * 24
        )
        other_ids = await call_error(
            client,
            "apply_recommendations",
            recommendation_ids=[unpack],
            dry_run=False,
            confirm_token=dry["confirm_token"],
        )
        token_on_a_dry_run = await call_error(
            client, "apply_recommendations", recommendation_ids=[unpack, secure], confirm_token=dry["confirm_token"]
        )
        for refused in (missing, wrong, other_ids, token_on_a_dry_run):
            assert "invalid_request" in refused
        assert "run it first" in missing
        assert "unknown, expired or already used" in wrong
        assert f"issued for recommendation ids {sorted([unpack, secure])}" in other_ids
        assert "dry_run false" in token_on_a_dry_run
        assert _settings_of(wired) == before  # nothing refused wrote anything

        applied = await call(
            client,
            "apply_recommendations",
            recommendation_ids=[secure, unpack],  # the same ids, in another order
            dry_run=False,
            confirm_token=dry["confirm_token"],
        )
        reused = await call_error(
            client,
            "apply_recommendations",
            recommendation_ids=[unpack, secure],
            dry_run=False,
            confirm_token=dry["confirm_token"],
        )
    assert (applied["dry_run"], applied["summary"]["successful"], applied["confirm_token"]) == (False, 2, None)
    assert wired.stack.sabnzbd_state.config.misc["direct_unpack"] == 1
    assert "unknown, expired or already used" in reused


async def test_rollback_is_confirmed_the_same_way_and_an_apply_token_does_not_roll_back(wired: Wired) -> None:
    misc = wired.stack.sabnzbd_state.config.misc
    async with tool_client(wired, "autoarr") as client:
        await call(client, "audit", services=["sabnzbd"])
        unpack = await _recommendation(client, "sabnzbd", "direct_unpack")
        original = misc["direct_unpack"]
        dry = await call(client, "apply_recommendations", recommendation_ids=[unpack])
        await call(
            client,
            "apply_recommendations",
            recommendation_ids=[unpack],
            dry_run=False,
            confirm_token=dry["confirm_token"],
        )
        apply_token = (await call(client, "apply_recommendations", recommendation_ids=[unpack]))["confirm_token"]
        assert apply_token is None  # already applied: nothing would change, so nothing to confirm

        dry_back = await call(client, "rollback_recommendations", recommendation_ids=[unpack])
        forced = await call_error(
            client,
            "rollback_recommendations",
            recommendation_ids=[unpack],
            dry_run=False,
            force=True,
            confirm_token=dry_back["confirm_token"],
        )
        assert "issued for rollback, not rollback with force" in forced
        assert misc["direct_unpack"] != original
        back = await call(
            client,
            "rollback_recommendations",
            recommendation_ids=[unpack],
            dry_run=False,
            confirm_token=dry_back["confirm_token"],
        )
    assert back["summary"]["successful"] == 1
    assert misc["direct_unpack"] == original


async def test_an_expired_token_is_refused(wired: Wired) -> None:
    now = [1000.0]
    app = wired.live.app
    kit = app.state.kit
    context = ToolContext(
        integrations=app.state.integrations,
        bus=kit.bus,
        audits=app.state.audit_service,
        applier=app.state.apply_service,
        budget=Budget(kit.limiter, kit.keys.identity, per_call=None),
        tokens=ConfirmTokens(MemoryEphemeralStore(clock=lambda: now[0]), ttl_seconds=60),
        actor="test",
    )
    async with Client(build_server(context)) as client:
        await call(client, "audit", services=["sabnzbd"])
        unpack = await _recommendation(client, "sabnzbd", "direct_unpack")
        dry = await call(client, "apply_recommendations", recommendation_ids=[unpack])
        assert dry["confirm_expires_in_seconds"] == 60
        now[0] += 60
        expired = await call_error(
            client,
            "apply_recommendations",
            recommendation_ids=[unpack],
            dry_run=False,
            confirm_token=dry["confirm_token"],
        )
    assert "unknown, expired or already used" in expired
    assert wired.stack.sabnzbd_state.config.misc["direct_unpack"] == 0


async def test_tool_calls_spend_the_same_budgets_as_the_rest_endpoints(tmp_path: Path) -> None:
    async with serve_stack(tmp_path, AUTOARR_RATE_LIMITS="audit=1/hour,apply=2/hour,recommendations=2/hour") as wired:
        async with tool_client(wired, "autoarr") as client:
            await call(client, "audit", services=["sabnzbd"])
            second_audit = await call_error(client, "audit", services=["sabnzbd"])
            listed = await call(client, "list_recommendations", service="sabnzbd", page_size=100)
            ids = [int(listed["recommendations"][0]["id"])]
            await call(client, "apply_recommendations", recommendation_ids=ids)
            await call(client, "rollback_recommendations", recommendation_ids=ids)
            third_apply = await call_error(client, "apply_recommendations", recommendation_ids=ids)
        rest_audit = await wired.live.client.post("/api/v1/config/audit", json={"services": ["sabnzbd"]})
        rest_list = await wired.live.client.get("/api/v1/config/recommendations")  # the second of two
        rest_list_again = await wired.live.client.get("/api/v1/config/recommendations")
    assert second_audit.startswith("Error executing tool audit: rate_limit_exceeded: Rate limit exceeded.")
    assert '"category": "audit"' in second_audit
    assert '"category": "apply"' in third_apply
    assert rest_audit.status_code == 429  # the tool spent the REST endpoint's budget
    assert (rest_list.status_code, rest_list_again.status_code) == (200, 429)
