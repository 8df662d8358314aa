"""`/api/v1/config`: audits over the simulated stack, the recommendation lifecycle, history, and no secret leaking."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from autoarr.bus import ConfigAuditCompleted
from tests import reference
from tests.live import LiveApp, serve_settings, settings_for, stored_bytes
from tests.stack import QUIET, Wired, serve_stack

ALL = ["sabnzbd", "sonarr", "radarr", "plex"]


@pytest.fixture
async def wired(tmp_path: Path) -> AsyncIterator[Wired]:
    async with serve_stack(tmp_path) as wired:
        yield wired


async def audit(live: LiveApp, services: list[str] = ALL, **extra: Any) -> dict[str, Any]:
    response = await live.client.post("/api/v1/config/audit", json={"services": services, **extra})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def all_recommendations(live: LiveApp, **filters: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    page = 1
    while True:
        body = (
            await live.client.get("/api/v1/config/recommendations", params={**filters, "page": page, "page_size": 100})
        ).json()
        found += body["recommendations"]
        if page >= body["pagination"]["total_pages"]:
            return found
        page += 1


async def test_an_audit_of_all_four_answers_the_references_shape(wired: Wired) -> None:
    events = wired.bus.subscribe(types=[ConfigAuditCompleted])
    body = await audit(wired.live)
    reference.assert_shape(
        {k: v for k, v in body.items() if k not in ("web_search", "cross_service")},
        {**reference.AUDIT, "summary": dict.fromkeys(ALL, reference.AUDIT["summary"]["sabnzbd"])},
    )
    assert body["audit_id"].startswith("audit_")
    assert body["services_audited"] == ALL
    assert body["total_recommendations"] == sum(body["recommendations_by_priority"].values())
    assert (
        body["total_recommendations"]
        == sum(s["issues_found"] for s in body["summary"].values()) + body["cross_service"]["issues_found"]
    )
    assert all(summary["issues_found"] >= 5 for summary in body["summary"].values())
    # As in the reference's example: every issue found is a recommendation of this audit.
    assert all(summary["recommendations"] == summary["issues_found"] for summary in body["summary"].values())
    assert body["web_search"]["used"] is False
    assert "AUTOARR_SEARCH_URL" in body["web_search"]["reason"]
    event = await events.get()
    assert event.data == ConfigAuditCompleted(
        audit_id=body["audit_id"], recommendation_count=body["total_recommendations"]
    )


async def test_planted_settings_are_found_with_their_sources(wired: Wired) -> None:
    await audit(wired.live)
    found = {(r["service"], r["setting_name"]) for r in await all_recommendations(wired.live)}
    for expected in [
        ("sabnzbd", "direct_unpack"),
        ("sonarr", "authenticationMethod"),
        ("radarr", "copyUsingHardlinks"),
        ("plex", "secureConnections"),
    ]:
        assert expected in found, expected
    items = await all_recommendations(wired.live, service="sonarr", category="security")
    auth = next(item for item in items if item["setting_name"] == "authenticationMethod")
    reference.assert_shape(auth, reference.RECOMMENDATION)
    assert auth["priority"] == "critical"
    detail = (await wired.live.client.get(f"/api/v1/config/recommendations/{auth['id']}")).json()
    assert detail["status"] == "open"
    assert detail["applied_at"] is None
    assert detail["references"]
    assert any(ref.startswith("https://") for ref in detail["references"])
    assert detail["explanation"].count(". ") >= 2


async def test_a_second_audit_updates_instead_of_duplicating_and_resolves_what_was_fixed(wired: Wired) -> None:
    first = await audit(wired.live)
    before = await all_recommendations(wired.live)
    second = await audit(wired.live)
    after = await all_recommendations(wired.live)
    assert sorted(r["id"] for r in after) == sorted(r["id"] for r in before)
    assert second["total_recommendations"] == first["total_recommendations"]

    # Fixed in the service itself, outside AutoArr:
    wired.stack.radarr_state.configs["mediamanagement"]["copyUsingHardlinks"] = True
    await audit(wired.live, ["radarr"])
    hardlinks = next(r for r in after if r["setting_name"] == "copyUsingHardlinks" and r["service"] == "radarr")
    detail = (await wired.live.client.get(f"/api/v1/config/recommendations/{hardlinks['id']}")).json()
    assert detail["status"] == "resolved"
    open_ids = {r["id"] for r in await all_recommendations(wired.live, status="open")}
    assert hardlinks["id"] not in open_ids


async def test_a_service_that_is_down_gets_an_error_while_the_others_are_audited(wired: Wired) -> None:
    await wired.stack.servers["plex"].stop()
    body = await audit(wired.live)
    assert body["services_audited"] == ["sabnzbd", "sonarr", "radarr"]
    assert body["summary"]["plex"]["error"]["error"] == "service_unavailable"
    assert (body["summary"]["plex"]["issues_found"], body["summary"]["plex"]["recommendations"]) == (0, 0)
    assert body["summary"]["sonarr"]["issues_found"] > 0


async def test_a_re_audit_counts_what_it_found_whatever_earlier_audits_left_open(wired: Wired) -> None:
    first = await audit(wired.live, ["sabnzbd", "sonarr"])
    # An audit of one service alone, with a rule of the other applied and rolled back meanwhile.
    rid = next(r["id"] for r in await all_recommendations(wired.live, service="sabnzbd") if r["applied"] is False)
    for path in ("/api/v1/config/apply", "/api/v1/config/rollback"):
        answer = await wired.live.client.post(path, json={"recommendation_ids": [rid]})
        assert answer.status_code == 200, answer.text
    second = await audit(wired.live, ["sabnzbd"])
    assert second["summary"]["sabnzbd"]["recommendations"] == second["summary"]["sabnzbd"]["issues_found"]
    assert second["summary"]["sabnzbd"]["issues_found"] == first["summary"]["sabnzbd"]["issues_found"]
    assert second["total_recommendations"] == second["summary"]["sabnzbd"]["recommendations"] + second.get(
        "cross_service", {}
    ).get("issues_found", 0)


@pytest.mark.parametrize(
    ("services", "detail_key"), [([], "services"), (["sabnzbd", "emby"], "services.1"), (["SONARR"], "services.0")]
)
async def test_bad_service_lists_are_400(wired: Wired, services: list[str], detail_key: str) -> None:
    response = await wired.live.client.post("/api/v1/config/audit", json={"services": services})
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_request"
    assert detail_key in body["details"]
    if not services:
        assert body["message"] == "At least one service must be specified"


async def test_recommendations_filter_page_and_say_which_filters_applied(wired: Wired) -> None:
    await audit(wired.live)
    body = (
        await wired.live.client.get(
            "/api/v1/config/recommendations", params={"service": "sabnzbd", "priority": "high", "page_size": 2}
        )
    ).json()
    reference.assert_shape(body["pagination"], reference.PAGINATION)
    assert body["filters_applied"] == {"service": "sabnzbd", "priority": "high"}
    assert len(body["recommendations"]) <= 2
    assert all(r["service"] == "sabnzbd" and r["priority"] == "high" for r in body["recommendations"])
    everything = await all_recommendations(wired.live, service="sabnzbd", priority="high")
    assert body["pagination"]["total_items"] == len(everything)
    stamps = [r["created_at"] for r in await all_recommendations(wired.live)]
    assert stamps == sorted(stamps, reverse=True)


@pytest.mark.parametrize(
    ("params", "key"),
    [
        ({"priority": "urgent"}, "priority"),
        ({"service": "emby"}, "service"),
        ({"category": "speed"}, "category"),
        ({"status": "done"}, "status"),
        ({"page": "0"}, "page"),
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page": str(2**63)}, "page"),  # more than the store can offset by: a bad request, not a crash
    ],
)
async def test_invalid_filters_and_paging_are_400(wired: Wired, params: dict[str, str], key: str) -> None:
    response = await wired.live.client.get("/api/v1/config/recommendations", params=params)
    assert response.status_code == 400
    assert key in response.json()["details"]


@pytest.mark.parametrize("path", ["/audit/history", "/recommendations"])
async def test_a_page_beyond_any_store_is_400_on_every_list(wired: Wired, path: str) -> None:
    response = await wired.live.client.get("/api/v1/config" + path, params={"page": "99999999999999999999"})
    assert response.status_code == 400
    assert "page" in response.json()["details"]


async def test_an_id_beyond_any_store_is_400(wired: Wired) -> None:
    response = await wired.live.client.get("/api/v1/config/recommendations/99999999999999999999")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


async def test_unknown_recommendation_is_404(wired: Wired) -> None:
    response = await wired.live.client.get("/api/v1/config/recommendations/999999")
    assert response.status_code == 404
    assert response.json()["message"] == "Recommendation with ID 999999 not found"


async def test_history_keeps_each_audits_counts(wired: Wired) -> None:
    first = await audit(wired.live, ["sabnzbd"])
    second = await audit(wired.live)
    body = (await wired.live.client.get("/api/v1/config/audit/history")).json()
    assert [a["audit_id"] for a in body["audits"]] == [second["audit_id"], first["audit_id"]]
    for item in body["audits"]:
        reference.assert_shape(item, reference.AUDIT_HISTORY_ITEM)
    newest = body["audits"][0]
    assert newest["total_recommendations"] == second["total_recommendations"]
    assert newest["critical_count"] == second["recommendations_by_priority"]["critical"]
    assert newest["applied_count"] == 0
    assert body["pagination"]["total_items"] == 2


async def test_rate_limit_categories_of_the_config_routes(wired: Wired) -> None:
    posted = await wired.live.client.post("/api/v1/config/audit", json={"services": ["sabnzbd"]})
    assert posted.headers["x-ratelimit-limit"] == "10"
    listed = await wired.live.client.get("/api/v1/config/recommendations")
    assert listed.headers["x-ratelimit-limit"] == "50"


async def test_no_secret_reaches_a_response_or_the_database(wired: Wired, tmp_path: Path) -> None:
    stack = wired.stack
    secrets = [stack.sabnzbd_key, stack.sonarr_key, stack.radarr_key, stack.plex_token]
    bodies = [await audit(wired.live)]
    bodies += [
        (await wired.live.client.get(f"/api/v1/config/recommendations/{item['id']}")).json()
        for item in await all_recommendations(wired.live)
    ]
    bodies.append((await wired.live.client.get("/api/v1/config/audit/history")).json())
    text = repr(bodies)
    for secret in secrets:
        assert secret not in text
    database = stored_bytes(tmp_path)
    assert database
    for secret in secrets:
        assert secret.encode() not in database


async def test_recommendations_survive_a_restart(tmp_path: Path) -> None:
    async with serve_stack(tmp_path) as wired:
        await audit(wired.live, ["sonarr"])
        before = await all_recommendations(wired.live)
        env = wired.stack.environment()
        async with serve_settings(settings_for(tmp_path, **env, **QUIET)) as again:
            after = await all_recommendations(again)
    assert after == before
    assert before
