"""Run `python -m autoarr ...` as a child process without blocking the loop the server under test runs on."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.live import API_KEY


@dataclass
class Ran:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def cli_environment(key: str | None) -> dict[str, str]:
    """The developer's environment minus AutoArr's variables, with a wide, colourless terminal."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("AUTOARR_")}
    env.update({"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"})
    if key is not None:
        env["AUTOARR_API_KEY"] = key
    return env


async def start_autoarr(url: str, *args: str, cwd: Path, key: str | None = API_KEY) -> asyncio.subprocess.Process:
    """Start the CLI against `url` (the key from AUTOARR_API_KEY, as a user would set it)."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "autoarr",
        *args,
        "--url",
        url,
        cwd=cwd,  # no ./data/api_key to find by accident
        env=cli_environment(key),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def finish(process: asyncio.subprocess.Process, *, within: float = 60) -> Ran:
    out, err = await asyncio.wait_for(process.communicate(), within)
    assert process.returncode is not None
    return Ran(process.returncode, out.decode(), err.decode())


async def autoarr(url: str, *args: str, cwd: Path, key: str | None = API_KEY) -> Ran:
    """Run one CLI command to its end."""
    return await finish(await start_autoarr(url, *args, cwd=cwd, key=key))
