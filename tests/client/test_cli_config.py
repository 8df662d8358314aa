"""`autoarr audit`, `recommendations`, `apply`, `rollback` and `events` as child processes against a live AutoArr."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from autoarr.client import AutoArrClient
from tests.client.cli import autoarr, finish, start_autoarr
from tests.live import API_KEY
from tests.stack import Wired


async def _rec_id(client: AutoArrClient, service: str, setting_name: str) -> int:
    (found,) = [r.id for r in await client.all_recommendations(service=service) if r.setting_name == setting_name]
    return found


async def test_audit_prints_each_service_and_the_priorities(wired: Wired, tmp_path: Path) -> None:
    ran = await autoarr(wired.live.url, "audit", "--service", "sabnzbd", "--service", "radarr", cwd=tmp_path)
    assert ran.code == 0, ran.err
    assert "sabnzbd" in ran.out
    assert "radarr" in ran.out
    assert "plex" not in ran.out
    assert "recommendations:" in ran.out
    assert "autoarr apply" in ran.err  # the next step, on stderr


async def test_audit_json_and_a_partial_failure_exits_1(wired: Wired, tmp_path: Path) -> None:
    ran = await autoarr(wired.live.url, "audit", "--json", cwd=tmp_path)
    assert ran.code == 0, ran.err
    body = ran.json()
    assert body["services_audited"] == ["sabnzbd", "sonarr", "radarr", "plex"]
    assert body["total_recommendations"] == sum(body["recommendations_by_priority"].values())
    await wired.stack.servers["sonarr"].stop()
    partial = await autoarr(wired.live.url, "audit", "--service", "sonarr", "--service", "plex", "--json", cwd=tmp_path)
    assert partial.code == 1
    assert partial.json()["summary"]["sonarr"]["error"]
    assert (await autoarr(wired.live.url, "audit", "--service", "emby", cwd=tmp_path)).code == 2


async def test_recommendations_filtered_paged_and_one_in_full(
    wired: Wired, client: AutoArrClient, tmp_path: Path
) -> None:
    await client.audit(["sabnzbd", "sonarr"])
    page = await autoarr(
        wired.live.url, "recommendations", "--service", "sabnzbd", "--page-size", "3", "--json", cwd=tmp_path
    )
    assert page.code == 0, page.err
    body = page.json()
    assert len(body["recommendations"]) == 3
    assert {r["service"] for r in body["recommendations"]} == {"sabnzbd"}
    assert body["filters_applied"] == {"service": "sabnzbd"}
    everything = await autoarr(wired.live.url, "recommendations", "--all", "--json", cwd=tmp_path)
    assert everything.json()["total"] == len(await client.all_recommendations())

    rid = await _rec_id(client, "sabnzbd", "direct_unpack")
    table = await autoarr(wired.live.url, "recommendations", "--service", "sabnzbd", cwd=tmp_path)
    assert "direct_unpack" in table.out
    assert "page 1 of" in table.out
    detail = await autoarr(wired.live.url, "recommendations", str(rid), cwd=tmp_path)
    assert detail.code == 0, detail.err
    assert f"Recommendation {rid}" in detail.out
    assert (await client.recommendation(rid)).references[0] in detail.out
    missing = await autoarr(wired.live.url, "recommendations", "999999", cwd=tmp_path)
    assert missing.code == 1
    assert "404 not_found" in missing.err


async def test_apply_dry_run_then_for_real_then_rollback(wired: Wired, client: AutoArrClient, tmp_path: Path) -> None:
    await client.audit(["sabnzbd"])
    rid = str(await _rec_id(client, "sabnzbd", "direct_unpack"))
    misc = wired.stack.sabnzbd_state.config.misc

    dry = await autoarr(wired.live.url, "apply", rid, "--dry-run", "--json", cwd=tmp_path)
    assert dry.code == 0, dry.err
    assert dry.json()["dry_run"] is True
    assert misc["direct_unpack"] == 0

    applied = await autoarr(wired.live.url, "apply", rid, cwd=tmp_path)
    assert applied.code == 0, applied.err
    assert "1 of 1 applied, 0 failed" in applied.out
    assert misc["direct_unpack"] == 1

    rolled = await autoarr(wired.live.url, "rollback", rid, "--json", cwd=tmp_path)
    assert rolled.code == 0, rolled.err
    assert rolled.json()["results"][0]["new_value"] == 0
    assert misc["direct_unpack"] == 0


async def test_apply_with_a_failed_item_exits_1_and_bad_ids_are_usage_errors(
    wired: Wired, client: AutoArrClient, tmp_path: Path
) -> None:
    await client.audit(["sonarr"])
    good = await _rec_id(client, "sonarr", "rssSyncInterval")
    ran = await autoarr(wired.live.url, "apply", f"{good},999999", "--json", cwd=tmp_path)
    assert ran.code == 1
    assert ran.json()["summary"] == {"total": 2, "successful": 1, "failed": 1}
    table = await autoarr(wired.live.url, "rollback", str(good), "999999", cwd=tmp_path)
    assert table.code == 1
    assert "not_found" in table.out
    assert "1 of 2 rolled back, 1 failed" in table.out
    assert (await autoarr(wired.live.url, "apply", "one", cwd=tmp_path)).code == 2
    assert (await autoarr(wired.live.url, "apply", cwd=tmp_path)).code == 2


async def test_events_prints_json_lines_and_stops_after_count(
    wired: Wired, client: AutoArrClient, tmp_path: Path
) -> None:
    process = await start_autoarr(
        wired.live.url, "events", "--room", "config_audit", "--count", "1", "--json", cwd=tmp_path
    )
    assert process.stderr is not None
    listening = await asyncio.wait_for(process.stderr.readline(), 30)
    assert b"Listening to config_audit" in listening
    audit = await client.audit(["sabnzbd"])
    ran = await finish(process)
    assert ran.code == 0, ran.err
    (line,) = ran.out.splitlines()
    event = json.loads(line)
    assert event["type"] == "config.audit.completed"
    assert event["data"] == {"audit_id": audit.audit_id, "recommendation_count": audit.total_recommendations}


async def test_events_as_text_and_a_refused_key(wired: Wired, client: AutoArrClient, tmp_path: Path) -> None:
    process = await start_autoarr(wired.live.url, "events", "--count", "1", cwd=tmp_path)
    assert process.stderr is not None
    await asyncio.wait_for(process.stderr.readline(), 30)
    added = await client.add_movie(tmdb_id=1233413, quality_profile_id=1, root_folder_path="/movies")
    ran = await finish(process)
    assert ran.code == 0, ran.err
    assert "content.added" in ran.out
    assert f"content_id={added.id}" in ran.out
    refused = await autoarr(wired.live.url, "events", cwd=tmp_path, key="wrong-key")
    assert refused.code == 4
    assert API_KEY not in refused.err
