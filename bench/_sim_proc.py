"""Simulators in their own process for benchmarks: `radarr PORT [MOVIES]`, `sabnzbd PORT [JOBS]`, `stack MOVIES`."""

from __future__ import annotations

import asyncio
import json
import sys

import uvicorn

from autoarr.sim.radarr import create_radarr_app, seed_radarr
from autoarr.sim.sabnzbd import create_sabnzbd_app
from autoarr.sim.sabnzbd_jobs import SabFile
from autoarr.sim.sabnzbd_state import SabnzbdState

KEY = "bench0123456789abcdef0123456789ab"


async def _stack(movies: int) -> None:
    """The four simulators; their variables go to stdout as one JSON line, then it serves until killed."""
    from autoarr.sim.stack import SimulatedStack

    async with SimulatedStack(movies=movies) as stack:
        print(json.dumps(stack.environment()), flush=True)
        await asyncio.Event().wait()


def main() -> None:
    if sys.argv[1] == "stack":
        asyncio.run(_stack(int(sys.argv[2])))
        return
    kind, port = sys.argv[1], int(sys.argv[2])
    size = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    if kind == "radarr":
        app = create_radarr_app(seed_radarr(size or 150), api_key=KEY)
    elif kind == "sabnzbd":
        state = SabnzbdState.seeded()
        for n in range(size):
            name = f"Bench.Job.{n:04d}.1080p.WEB"
            files = [SabFile(filename=f"{name}.mkv", size_bytes=1_500_000_000 + n, posted=state.now)]
            state.add_job(name=name, files=files, category="tv", priority=0, pp=None, nzb_name=f"{name}.nzb")
        app = create_sabnzbd_app(state, api_key=KEY)
    else:
        raise SystemExit(f"unknown simulator {kind}")
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
