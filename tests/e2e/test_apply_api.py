"""Apply and roll back recommendations against the simulators: the change is read back from the service itself."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from autoarr.bus import RecommendationApplied, RecommendationRolledBack
from tests.e2e.test_audit_api import all_recommendations, audit
from tests.live import LiveApp, serve_settings, settings_for
from tests.stack import QUIET, Wired, serve_stack

APPLY = "/api/v1/config/apply"
ROLLBACK = "/api/v1/config/rollback"


@pytest.fixture
async def wired(tmp_path: Path) -> AsyncIterator[Wired]:
    async with serve_stack(tmp_path) as wired:
        await audit(wired.live)
        yield wired


async def rec_id(live: LiveApp, service: str, setting_name: str) -> int:
    for item in await all_recommendations(live, service=service):
        if item["setting_name"] == setting_name:
            return int(item["id"])
    raise AssertionError(f"no recommendation for {service} {setting_name}")


async def post(live: LiveApp, path: str, ids: list[int], **extra: Any) -> dict[str, Any]:
    response = await live.client.post(path, json={"recommendation_ids": ids, **extra})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def service_states(wired: Wired) -> Any:
    stack = wired.stack
    return copy.deepcopy(
        (
            stack.sabnzbd_state.config.misc,
            stack.sabnzbd_state.config.sections,
            stack.sonarr_state.configs,
            stack.radarr_state.configs,
            {pref_id: pref.value for pref_id, pref in stack.plex_state.prefs.items()},
        )
    )


async def test_dry_run_changes_nothing_anywhere_and_says_what_would_happen(wired: Wired) -> None:
    ids = [
        await rec_id(wired.live, "sabnzbd", "direct_unpack"),
        await rec_id(wired.live, "radarr", "copyUsingHardlinks"),
        await rec_id(wired.live, "plex", "secureConnections"),
    ]
    before = service_states(wired)
    body = await post(wired.live, APPLY, ids, dry_run=True)
    assert body["dry_run"] is True
    assert body["summary"] == {"total": 3, "successful": 3, "failed": 0}
    for item in body["results"]:
        assert item["rollback_available"] is True
        assert "dry run" in item["message"]
    assert service_states(wired) == before
    for rid in ids:
        detail = (await wired.live.client.get(f"/api/v1/config/recommendations/{rid}")).json()
        assert detail["status"] == "open"


async def test_apply_writes_each_service_and_reads_it_back(wired: Wired) -> None:
    events = wired.bus.subscribe(types=[RecommendationApplied])
    stack = wired.stack
    stack.radarr_state.configs["mediamanagement"]["someFutureField"] = {"kept": True}  # unknown to AutoArr
    ids = {
        "sab": await rec_id(wired.live, "sabnzbd", "direct_unpack"),
        "radarr": await rec_id(wired.live, "radarr", "copyUsingHardlinks"),
        "plex": await rec_id(wired.live, "plex", "secureConnections"),
    }
    body = await post(wired.live, APPLY, list(ids.values()))
    assert body["summary"] == {"total": 3, "successful": 3, "failed": 0}, body
    by_id = {item["recommendation_id"]: item for item in body["results"]}
    assert set(by_id[ids["sab"]]) == {
        "recommendation_id",
        "success",
        "message",
        "previous_value",
        "new_value",
        "rollback_available",
    }
    assert stack.sabnzbd_state.config.misc["direct_unpack"] == 1
    assert stack.radarr_state.configs["mediamanagement"]["copyUsingHardlinks"] is True
    assert stack.radarr_state.configs["mediamanagement"]["someFutureField"] == {"kept": True}
    assert str(stack.plex_state.prefs["secureConnections"].value) in {"1", "0"}
    detail = (await wired.live.client.get(f"/api/v1/config/recommendations/{ids['radarr']}")).json()
    assert detail["status"] == "applied"
    assert detail["applied"] is True
    assert detail["applied_at"].endswith("Z")
    applied = [(await events.get()).data for _ in range(3)]
    assert {e.recommendation_id for e in applied} == set(ids.values())  # type: ignore[attr-defined]

    # A re-audit sees the settings fixed: the applied recommendations stay applied, none is re-opened.
    await audit(wired.live)
    open_names = {(r["service"], r["setting_name"]) for r in await all_recommendations(wired.live, status="open")}
    assert ("radarr", "copyUsingHardlinks") not in open_names
    history = (await wired.live.client.get("/api/v1/config/audit/history")).json()
    assert history["audits"][-1]["applied_count"] >= 3


async def test_each_item_fails_alone_with_a_clear_error(wired: Wired) -> None:
    good = await rec_id(wired.live, "sonarr", "rssSyncInterval")
    advice = await rec_id(wired.live, "sonarr", "authenticationMethod")
    body = await post(wired.live, APPLY, [999_999, advice, good])
    results = {item["recommendation_id"]: item for item in body["results"]}
    assert results[999_999] == {
        "recommendation_id": 999_999,
        "success": False,
        "message": "Recommendation with ID 999999 not found",
        "error": "not_found",
    }
    assert results[advice]["success"] is False
    assert results[advice]["message"].startswith("manual action required: ")
    assert results[good]["success"] is True
    assert body["summary"] == {"total": 3, "successful": 1, "failed": 2}
    again = await post(wired.live, APPLY, [good])
    assert again["results"][0]["success"] is False
    assert again["results"][0]["error"] == "conflict"
    assert "already applied" in again["results"][0]["message"]


async def test_a_service_that_is_down_is_an_mcp_connection_error(wired: Wired) -> None:
    rid = await rec_id(wired.live, "plex", "secureConnections")
    await wired.stack.servers["plex"].stop()
    body = await post(wired.live, APPLY, [rid])
    assert body["results"][0]["error"] == "mcp_connection_error"
    assert body["results"][0]["message"].startswith("Service connection failed")


async def test_two_changes_to_one_arr_resource_at_once_both_land(wired: Wired) -> None:
    first = await rec_id(wired.live, "radarr", "copyUsingHardlinks")
    second = await rec_id(wired.live, "radarr", "minimumFreeSpaceWhenImporting")
    answers = await asyncio.gather(post(wired.live, APPLY, [first]), post(wired.live, APPLY, [second]))
    assert all(a["results"][0]["success"] for a in answers), answers
    stored = wired.stack.radarr_state.configs["mediamanagement"]
    assert stored["copyUsingHardlinks"] is True
    assert stored["minimumFreeSpaceWhenImporting"] > 100


async def test_the_same_recommendation_applied_twice_at_once_changes_the_service_once(wired: Wired) -> None:
    rid = await rec_id(wired.live, "sonarr", "rssSyncInterval")
    answers = await asyncio.gather(*(post(wired.live, APPLY, [rid]) for _ in range(3)))
    outcomes = sorted(a["results"][0]["success"] for a in answers)
    assert outcomes == [False, False, True]
    changes = await wired.live.app.state.apply_service._changes.changes(rid)
    assert [c.action for c in changes] == ["apply"]
    assert changes[0].actor.startswith("key:")


async def test_rollback_restores_the_previous_value_and_can_be_applied_again(wired: Wired) -> None:
    events = wired.bus.subscribe(types=[RecommendationRolledBack])
    rid = await rec_id(wired.live, "sabnzbd", "direct_unpack")
    await post(wired.live, APPLY, [rid])
    assert wired.stack.sabnzbd_state.config.misc["direct_unpack"] == 1
    body = await post(wired.live, ROLLBACK, [rid])
    assert body["results"][0]["success"] is True
    assert body["results"][0]["new_value"] == 0
    assert wired.stack.sabnzbd_state.config.misc["direct_unpack"] == 0
    assert (await events.get()).data.recommendation_id == rid  # type: ignore[attr-defined]
    detail = (await wired.live.client.get(f"/api/v1/config/recommendations/{rid}")).json()
    assert detail["status"] == "rolled_back"
    assert (detail["applied"], detail["applied_at"]) == (False, None)  # as the reference shows an unapplied one
    # The next audit finds it again (the same recommendation), and it can be applied again.
    await audit(wired.live, ["sabnzbd"])
    assert await rec_id(wired.live, "sabnzbd", "direct_unpack") == rid
    assert (await post(wired.live, APPLY, [rid]))["results"][0]["success"] is True


async def test_rollback_is_refused_after_an_outside_change_unless_forced(wired: Wired) -> None:
    rid = await rec_id(wired.live, "sonarr", "rssSyncInterval")
    await post(wired.live, APPLY, [rid])
    indexer = wired.stack.sonarr_state.configs["indexer"]
    indexer["rssSyncInterval"] = 45  # someone changed it in Sonarr's UI afterwards
    refused = await post(wired.live, ROLLBACK, [rid])
    assert refused["results"][0]["error"] == "conflict"
    assert "force" in refused["results"][0]["message"]
    assert wired.stack.sonarr_state.configs["indexer"]["rssSyncInterval"] == 45
    forced = await post(wired.live, ROLLBACK, [rid], force=True)
    assert forced["results"][0]["success"] is True
    assert wired.stack.sonarr_state.configs["indexer"]["rssSyncInterval"] == 0


async def test_dry_run_rollback_changes_nothing(wired: Wired) -> None:
    rid = await rec_id(wired.live, "plex", "secureConnections")
    await post(wired.live, APPLY, [rid])
    before = service_states(wired)
    body = await post(wired.live, ROLLBACK, [rid], dry_run=True)
    assert body["results"][0]["success"] is True
    assert service_states(wired) == before


async def test_a_restart_between_apply_and_rollback(tmp_path: Path) -> None:
    async with serve_stack(tmp_path) as wired:
        await audit(wired.live, ["sonarr"])
        rid = await rec_id(wired.live, "sonarr", "rssSyncInterval")
        await post(wired.live, APPLY, [rid])
        applied = wired.stack.sonarr_state.configs["indexer"]["rssSyncInterval"]
        assert applied != 0
        async with serve_settings(settings_for(tmp_path, **wired.stack.environment(), **QUIET)) as again:
            body = await post(again, ROLLBACK, [rid])
        assert body["results"][0]["success"] is True
        assert wired.stack.sonarr_state.configs["indexer"]["rssSyncInterval"] == 0


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "recommendation_ids"),
        ({"recommendation_ids": []}, "recommendation_ids"),
        ({"recommendation_ids": [1, "x"]}, "recommendation_ids.1"),
        # Nothing is coerced where a request writes to services: `true` is not id 1, "1" is not a number,
        # "false" is not a real apply, and an id no store can hold is not a crash.
        ({"recommendation_ids": [True]}, "recommendation_ids.0"),
        ({"recommendation_ids": ["1"]}, "recommendation_ids.0"),
        ({"recommendation_ids": [1.0]}, "recommendation_ids.0"),
        ({"recommendation_ids": [2**40]}, "recommendation_ids.0"),
        ({"recommendation_ids": [1], "dry_run": "false"}, "dry_run"),
        ({"recommendation_ids": [1], "dry_run": 0}, "dry_run"),
        ({"recommendation_ids": [3, 1, 3], "dry_run": True}, "recommendation_ids"),  # each once
    ],
)
async def test_bad_bodies_are_400(wired: Wired, payload: dict[str, Any], field: str) -> None:
    response = await wired.live.client.post(APPLY, json=payload)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
    assert field in response.json()["details"]


async def test_rollback_takes_no_coerced_force(wired: Wired) -> None:
    response = await wired.live.client.post(ROLLBACK, json={"recommendation_ids": [1], "force": "yes"})
    assert response.status_code == 400
    assert "force" in response.json()["details"]


async def test_apply_and_rollback_share_the_apply_budget(wired: Wired) -> None:
    first = await wired.live.client.post(APPLY, json={"recommendation_ids": [1], "dry_run": True})
    second = await wired.live.client.post(ROLLBACK, json={"recommendation_ids": [1], "dry_run": True})
    assert first.headers["x-ratelimit-limit"] == "20"
    assert int(second.headers["x-ratelimit-remaining"]) == int(first.headers["x-ratelimit-remaining"]) - 1
