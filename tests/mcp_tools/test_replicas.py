"""Replicas sharing Redis share confirm tokens: a dry run on one confirms the write on another, once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from autoarr.sim.stack import SimulatedStack
from tests.live import LiveApp, serve_settings, settings_for
from tests.stack import QUIET
from tests.support.fixtures import SharedRedis


async def _apply(live: LiveApp, ids: list[int], **extra: Any) -> Any:
    arguments = {"recommendation_ids": ids, **extra}
    return await live.client.post(
        "/api/v1/mcp/autoarr/call", json={"tool": "apply_recommendations", "arguments": arguments}
    )


async def test_a_dry_run_on_one_replica_confirms_the_write_on_another(
    tmp_path: Path, shared_redis: SharedRedis
) -> None:
    async with SimulatedStack() as stack:
        settings = settings_for(tmp_path / "data", **stack.environment(), **QUIET, **shared_redis.environment())
        async with serve_settings(settings) as one, serve_settings(settings) as two:
            audited = await one.client.post("/api/v1/config/audit", json={"services": ["sabnzbd"]})
            assert audited.status_code == 200
            listed = (
                await one.client.get("/api/v1/config/recommendations", params={"service": "sabnzbd", "page_size": 100})
            ).json()
            unpack = next(r["id"] for r in listed["recommendations"] if r["setting_name"] == "direct_unpack")
            dry = (await _apply(one, [unpack])).json()["result"]
            applied = await _apply(two, [unpack], dry_run=False, confirm_token=dry["confirm_token"])
            again = await _apply(one, [unpack], dry_run=False, confirm_token=dry["confirm_token"])
    assert applied.status_code == 200
    assert applied.json()["result"]["summary"]["successful"] == 1
    assert stack.sabnzbd_state.config.misc["direct_unpack"] == 1
    assert again.status_code == 400
    assert "already used" in again.json()["message"]
