"""Every `sabnzbd` tool against the REAL SABnzbd, through the SDK's client, and no answer carrying its keys."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from mcp import Client

from autoarr.integrations.sabnzbd.client import SabnzbdClient
from autoarr.mcp.hub import McpHub
from tests.live import API_KEY, serve_settings, settings_for
from tests.stack import QUIET
from tests.support.nntp import NntpServer
from tests.support.nzb import build_nzb, post_file
from tests.support.sabnzbd_real import RealSabnzbd, poll_until, stored_as_final

pytestmark = pytest.mark.real_sabnzbd


class Recorder:
    """Calls tools and keeps everything the agent was answered, to search it for secrets afterwards."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.answers: list[str] = []
        self.called: set[str] = set()

    async def ok(self, tool: str, **arguments: Any) -> dict[str, Any]:
        result = await self._call(tool, arguments)
        assert not result.is_error, result.content
        assert isinstance(result.structured_content, dict)
        return result.structured_content

    async def refused(self, tool: str, **arguments: Any) -> str:
        result = await self._call(tool, arguments)
        assert result.is_error
        return json.dumps([block.model_dump() for block in result.content])

    async def _call(self, tool: str, arguments: dict[str, Any]) -> Any:
        result = await self.client.call_tool(tool, arguments)
        self.called.add(tool)
        self.answers.append(json.dumps(result.model_dump(mode="json", by_alias=True)))
        return result


async def test_every_tool_against_the_real_sabnzbd(
    tmp_path: Path, real_sabnzbd: RealSabnzbd, nntp_server: NntpServer
) -> None:
    missing = post_file("missing.bin", os.urandom(4000), article_size=2000)  # never published: 430s
    env = {"SABNZBD_URL": real_sabnzbd.url, "SABNZBD_API_KEY": real_sabnzbd.api_key, **QUIET}
    async with serve_settings(settings_for(tmp_path, **env)) as live:
        hub: McpHub = live.app.state.mcp
        sabnzbd: SabnzbdClient = live.app.state.integrations.sabnzbd
        async with Client(await hub.server("sabnzbd")) as client:
            tools = Recorder(client)
            assert (await tools.ok("pause_queue"))["paused"] is True
            (nzo_id,) = await sabnzbd.add_file("bad.nzb", build_nzb([missing]), name="Bad.2026")
            queue = await tools.ok("get_queue")
            assert [item["nzo_id"] for item in queue["queue"]] == [nzo_id]
            assert queue["paused"] is True
            assert (await tools.ok("resume_queue"))["paused"] is False

            async def failed() -> dict[str, Any] | None:
                if not await stored_as_final(sabnzbd, nzo_id):
                    return None
                rows = (await tools.ok("get_history", failed_only=True, limit=10))["history"]
                return next((row for row in rows if row["nzo_id"] == nzo_id), None)

            row = await poll_until(failed, within=60, what=f"{nzo_id} failed")
            assert "Not on your server" in row["fail_message"]

            # Paused, the retried job stays queued: it cannot fail again and move while the test deletes it.
            assert (await tools.ok("pause_queue"))["paused"] is True
            retried = await tools.ok("retry_download", nzo_id=nzo_id)
            new_id = retried["new_nzo_id"]
            assert new_id != nzo_id
            await poll_until(lambda: sabnzbd.find_job(new_id), within=30, what="the retried job")
            assert (await tools.ok("delete_download", nzo_id=new_id, delete_files=True))["nzo_id"] == new_id
            assert await sabnzbd.find_job(new_id) is None
            assert "not_found" in await tools.refused("delete_download", nzo_id=new_id)

            status = await tools.ok("get_status")
            assert status["version"] == await sabnzbd.version()
            assert [server["name"] for server in status["servers"]] == ["testnntp"]

            config = (await tools.ok("get_config"))["config"]
            assert config["misc"]["api_key"] == config["misc"]["nzb_key"] == "<redacted>"
            (server,) = config["servers"]
            assert server["username"] == server["password"] == "<redacted>"
            assert (await tools.ok("get_config", section="misc"))["config"]["misc"]["api_key"] == "<redacted>"
            assert "not_found" in await tools.refused("get_config", section="nope")

            before = (await sabnzbd.get_config("misc"))["misc"]
            changed = await tools.ok("set_config", keyword="cache_limit", value="64M")
            assert (changed["previous_value"], changed["value"]) == (before["cache_limit"], "64M")
            assert (await sabnzbd.get_config("misc", "cache_limit"))["misc"]["cache_limit"] == "64M"
            assert (await tools.ok("set_config", keyword="pre_check", value=True))["value"] == 1
            kept = await tools.refused("set_config", keyword="bandwidth_perc", value="lots")
            assert "SABnzbd did not store" in kept  # SABnzbd silently kept its value; the tool says so
            for keyword, value in [("download_dir", str(tmp_path)), ("api_key", "0" * 32), ("pre_script", "x.py")]:
                assert "not a tuning setting" in await tools.refused("set_config", keyword=keyword, value=value)
            after = (await sabnzbd.get_config("misc"))["misc"]
            assert {key: after[key] for key in ("download_dir", "api_key", "pre_script", "bandwidth_perc")} == {
                key: before[key] for key in ("download_dir", "api_key", "pre_script", "bandwidth_perc")
            }

        listed = {tool.name for tool in await (await hub.server("sabnzbd")).list_tools()}
    assert tools.called == listed  # every tool went through the real SABnzbd
    for answer in tools.answers:
        for secret in (real_sabnzbd.api_key, real_sabnzbd.nzb_key, API_KEY):
            assert secret not in answer
