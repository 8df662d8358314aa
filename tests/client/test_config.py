"""The client's configuration calls over the simulators: audit, recommendations, history, apply and rollback."""

from __future__ import annotations

import pytest

from autoarr.client import AutoArrClient, InvalidRequestError, NotFoundError
from tests.stack import Wired

ALL = ["sabnzbd", "sonarr", "radarr", "plex"]


async def _rec_id(client: AutoArrClient, service: str, setting_name: str) -> int:
    found = [r.id for r in await client.all_recommendations(service=service) if r.setting_name == setting_name]
    assert len(found) == 1, f"{service} {setting_name}: {found}"
    return found[0]


async def test_an_audit_of_all_four_is_typed_and_adds_up(client: AutoArrClient) -> None:
    audit = await client.audit()
    assert audit.audit_id.startswith("audit_")
    assert audit.services_audited == ALL
    assert audit.total_recommendations == sum(audit.recommendations_by_priority.values())
    assert audit.cross_service is not None
    found = sum(s.issues_found for s in audit.summary.values()) + audit.cross_service.issues_found
    assert audit.total_recommendations == found
    assert audit.failed_services == []
    assert audit.web_search is not None
    assert audit.web_search.used is False
    assert audit.to_wire()["audit_id"] == audit.audit_id


async def test_a_service_that_is_down_is_listed_as_failed(wired: Wired, client: AutoArrClient) -> None:
    await wired.stack.servers["plex"].stop()
    audit = await client.audit(["sabnzbd", "plex"], include_web_search=False)
    assert audit.failed_services == ["plex"]
    assert audit.summary["sabnzbd"].issues_found > 0


async def test_an_empty_service_list_is_an_invalid_request(client: AutoArrClient) -> None:
    with pytest.raises(InvalidRequestError):
        await client.audit([])


async def test_recommendations_filter_page_and_read_all_pages(client: AutoArrClient) -> None:
    await client.audit(["sabnzbd", "radarr"])
    page = await client.recommendations(service="sabnzbd", page=1, page_size=3)
    assert len(page.recommendations) == 3
    assert all(r.service == "sabnzbd" for r in page.recommendations)
    assert page.filters_applied == {"service": "sabnzbd"}
    assert page.pagination.page_size == 3
    assert page.pagination.total_pages == -(-page.pagination.total_items // 3)
    everything = await client.all_recommendations(service="sabnzbd")
    assert len(everything) == page.pagination.total_items
    assert len({r.id for r in everything}) == len(everything)
    high = await client.recommendations(priority="high", page_size=100)
    assert high.recommendations
    assert {r.priority for r in high.recommendations} == {"high"}
    assert (await client.recommendations(status="applied")).pagination.total_items == 0


async def test_one_recommendation_in_full(client: AutoArrClient) -> None:
    await client.audit(["sabnzbd"])
    rid = await _rec_id(client, "sabnzbd", "direct_unpack")
    detail = await client.recommendation(rid)
    assert (detail.id, detail.service, detail.setting_name, detail.status) == (rid, "sabnzbd", "direct_unpack", "open")
    assert detail.explanation
    assert all(reference.startswith("https://") for reference in detail.references)
    assert detail.applied_at is None


async def test_audit_history_keeps_each_audit(client: AutoArrClient) -> None:
    first = await client.audit(["sabnzbd"])
    second = await client.audit(["sonarr", "radarr"])
    history = await client.audit_history(page_size=10)
    assert {a.audit_id for a in history.audits} == {first.audit_id, second.audit_id}
    assert history.pagination.total_items == 2
    by_id = {a.audit_id: a for a in history.audits}
    assert by_id[second.audit_id].services == ["sonarr", "radarr"]
    assert by_id[first.audit_id].total_recommendations == first.total_recommendations


async def test_a_dry_run_changes_nothing_and_apply_does(wired: Wired, client: AutoArrClient) -> None:
    await client.audit(["sabnzbd"])
    rid = await _rec_id(client, "sabnzbd", "direct_unpack")
    dry = await client.apply([rid], dry_run=True)
    assert dry.dry_run is True
    assert (dry.summary.total, dry.summary.successful, dry.summary.failed) == (1, 1, 0)
    assert wired.stack.sabnzbd_state.config.misc["direct_unpack"] == 0
    applied = await client.apply([rid])
    assert applied.dry_run is False
    item = applied.results[0]
    assert (item.recommendation_id, item.success, item.previous_value, item.new_value) == (rid, True, 0, 1)
    assert item.rollback_available is True
    assert wired.stack.sabnzbd_state.config.misc["direct_unpack"] == 1
    detail = await client.recommendation(rid)
    assert (detail.applied, detail.status) == (True, "applied")
    assert detail.applied_at is not None


async def test_apply_reports_each_failure_alone(client: AutoArrClient) -> None:
    await client.audit(["sonarr"])
    good = await _rec_id(client, "sonarr", "rssSyncInterval")
    result = await client.apply([good, 999_999])
    by_id = {item.recommendation_id: item for item in result.results}
    assert by_id[good].success is True
    assert (by_id[999_999].success, by_id[999_999].error) == (False, "not_found")
    assert (result.summary.successful, result.summary.failed) == (1, 1)


async def test_rollback_restores_and_is_refused_after_an_outside_change_unless_forced(
    wired: Wired, client: AutoArrClient
) -> None:
    await client.audit(["sabnzbd", "sonarr"])
    sab = await _rec_id(client, "sabnzbd", "direct_unpack")
    await client.apply([sab])
    dry = await client.rollback([sab], dry_run=True)
    assert dry.results[0].success is True
    assert wired.stack.sabnzbd_state.config.misc["direct_unpack"] == 1
    rolled = await client.rollback([sab])
    assert (rolled.results[0].success, rolled.results[0].new_value) == (True, 0)
    assert wired.stack.sabnzbd_state.config.misc["direct_unpack"] == 0
    assert (await client.recommendation(sab)).status == "rolled_back"

    rss = await _rec_id(client, "sonarr", "rssSyncInterval")
    await client.apply([rss])
    wired.stack.sonarr_state.configs["indexer"]["rssSyncInterval"] = 45  # changed in Sonarr's UI afterwards
    refused = await client.rollback([rss])
    assert (refused.results[0].success, refused.results[0].error) == (False, "conflict")
    assert wired.stack.sonarr_state.configs["indexer"]["rssSyncInterval"] == 45
    forced = await client.rollback([rss], force=True)
    assert forced.results[0].success is True
    assert wired.stack.sonarr_state.configs["indexer"]["rssSyncInterval"] == 0


async def test_an_unknown_recommendation_is_not_found(client: AutoArrClient) -> None:
    with pytest.raises(NotFoundError):
        await client.recommendation(31337)
