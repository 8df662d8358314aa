"""The MCP SDK is heavy: AutoArr imports it on the first MCP request, never to start."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

SCRIPT = """
import asyncio, sys
from autoarr.app import create_app
from autoarr.settings import Settings

async def main() -> None:
    app = create_app(Settings.from_mapping({"AUTOARR_API_KEY": "k" * 24, "AUTOARR_DATA_DIR": sys.argv[1]}))
    async with app.router.lifespan_context(app):
        print("imported:", sorted(name for name in sys.modules if name.split(".")[0] in ("mcp", "mcp_types")))

asyncio.run(main())
"""


async def test_autoarr_starts_without_importing_the_mcp_sdk(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "PYTHONPATH")}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        SCRIPT,
        str(tmp_path),
        env={**env, "AUTOARR_LOG_LEVEL": "warning"},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 0, stderr.decode()
    assert "imported: []" in stdout.decode().splitlines()
