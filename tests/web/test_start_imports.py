"""What `autoarr serve` leaves unimported until it is used: heavy stacks cost start time and idle memory."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Loaded on first use only: the MCP SDK (first MCP request), cryptography (first sealed secret), the terminal
# client and its tables (other CLI commands), the LLM SDKs, uvicorn's reloader (never).
LAZY = (
    "mcp",
    "mcp_types",
    "cryptography",
    "autoarr.client",
    "autoarr.cli_commands",
    "anthropic",
    "openai",
    "watchfiles",
)

SCRIPT = """
import asyncio, sys
import autoarr.__main__
from autoarr.app import create_app
from autoarr.settings import Settings

async def main() -> None:
    env = {"AUTOARR_API_KEY": "k" * 24, "AUTOARR_DATA_DIR": sys.argv[1]}
    for name in ("SABNZBD", "SONARR", "RADARR", "PLEX"):
        env[f"{name}_URL"] = "http://127.0.0.1:9"
    env.update({f"{name}_API_KEY": "x" * 32 for name in ("SABNZBD", "SONARR", "RADARR")}, PLEX_TOKEN="x" * 20)
    app = create_app(Settings.from_mapping(env))
    async with app.router.lifespan_context(app):
        print("loaded:", " ".join(sorted(sys.modules)))

asyncio.run(main(), debug=False)
"""


def _lazy(name: str) -> bool:
    return any(name == root or name.startswith(root + ".") for root in LAZY)


async def test_a_started_autoarr_with_four_services_has_loaded_none_of_the_lazy_stacks(tmp_path: Path) -> None:
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
    line = next(line for line in stdout.decode().splitlines() if line.startswith("loaded: "))
    loaded = line.removeprefix("loaded: ").split()
    assert "autoarr.store.secret_box" in loaded  # the store is up: the box exists, its cipher is not loaded
    assert [name for name in loaded if _lazy(name)] == []
    assert (tmp_path / "autoarr.db").exists()  # the data dir given was the one used


CLI = """
import sys
import autoarr.__main__ as entry
sys.argv = ["autoarr", *sys.argv[1:]]
try:
    entry.main()
except SystemExit:
    pass
print("client commands loaded:", "autoarr.cli_commands" in sys.modules)
"""


@pytest.mark.parametrize(
    ("argv", "loaded"),
    [(["serve", "--help"], False), (["mcp", "--help"], False), (["--help"], True), (["status", "--help"], True)],
)
def test_only_the_terminal_client_commands_load_the_terminal_client(argv: list[str], loaded: bool) -> None:
    ran = subprocess.run([sys.executable, "-c", CLI, *argv], capture_output=True, text=True, timeout=60, check=False)
    assert f"client commands loaded: {loaded}" in ran.stdout, ran.stderr
    assert "Usage:" in ran.stdout
