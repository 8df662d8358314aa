"""The audit and the apply/rollback workflow against the REAL SABnzbd, checked with SABnzbd's own get_config."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from autoarr.integrations.sabnzbd.client import SabnzbdClient
from tests.e2e.test_apply_api import APPLY, ROLLBACK, post
from tests.e2e.test_audit_api import all_recommendations, audit
from tests.live import LiveApp, serve_settings, settings_for
from tests.stack import QUIET
from tests.support.sabnzbd_real import RealSabnzbd

pytestmark = pytest.mark.real_sabnzbd

# Made sub-optimal through SABnzbd's own API before the audit (on top of what its defaults already are).
SEEDED = {"pause_on_pwrar": "0", "fail_hopeless_jobs": "0", "cache_limit": "64M"}

# What the audit must find on this SABnzbd, and nothing else: SABnzbd 3.7.1's own defaults that the sourced
# rules disagree with, the settings seeded above, and the harness's server (plain NNTP on loopback).
EXPECTED = {
    # SABnzbd 3.7.1 defaults the sourced rules disagree with
    "direct_unpack",
    "unwanted_extensions",
    "action_on_unwanted_extensions",
    "deobfuscate_final_filenames",
    "flat_unpack",
    "download_free",
    "fulldisk_autoresume",
    # the test harness's ini (no update checks, no SFV checks for its tiny jobs)
    "check_new_rel",
    "sfv_check",
    # the harness's news server: plain NNTP on loopback with few connections
    "ssl",
    "connections",
    # seeded above through set_config
    "pause_on_pwrar",
    "fail_hopeless_jobs",
    "cache_limit",
}


def sabnzbd(live: LiveApp) -> SabnzbdClient:
    client: SabnzbdClient = live.app.state.integrations.sabnzbd
    return client


async def misc(live: LiveApp, keyword: str) -> Any:
    return (await sabnzbd(live).get_config("misc", keyword))["misc"][keyword]


async def test_audit_finds_what_is_wrong_and_the_workflow_is_proven_in_sabnzbd(
    tmp_path: Path, real_sabnzbd: RealSabnzbd
) -> None:
    env = {"SABNZBD_URL": real_sabnzbd.url, "SABNZBD_API_KEY": real_sabnzbd.api_key, **QUIET}
    async with serve_settings(settings_for(tmp_path, **env)) as live:
        for keyword, value in SEEDED.items():
            await sabnzbd(live).set_config_verified("misc", keyword, value=value)
        body = await audit(live, ["sabnzbd"])
        assert body["services_audited"] == ["sabnzbd"]
        found = {r["setting_name"] for r in await all_recommendations(live, service="sabnzbd")}
        assert found == EXPECTED

        rid = next(r["id"] for r in await all_recommendations(live) if r["setting_name"] == "direct_unpack")
        assert await misc(live, "direct_unpack") == 0
        dry = await post(live, APPLY, [rid], dry_run=True)
        assert dry["results"][0]["success"] is True
        assert await misc(live, "direct_unpack") == 0

        applied = await post(live, APPLY, [rid])
        assert applied["results"][0]["success"] is True, applied
        assert await misc(live, "direct_unpack") == 1
        await audit(live, ["sabnzbd"])
        open_now = {r["setting_name"] for r in await all_recommendations(live, status="open")}
        assert "direct_unpack" not in open_now

        rolled = await post(live, ROLLBACK, [rid])
        assert rolled["results"][0]["success"] is True
        assert await misc(live, "direct_unpack") == 0
        await audit(live, ["sabnzbd"])
        detail = (await live.client.get(f"/api/v1/config/recommendations/{rid}")).json()
        assert detail["status"] == "rolled_back"
        assert detail["current_value"] == 0

    # No secret of SABnzbd's reached the store.
    database = b"".join(p.read_bytes() for p in tmp_path.glob("autoarr.db*"))
    assert real_sabnzbd.api_key.encode() not in database
    assert real_sabnzbd.nzb_key.encode() not in database
