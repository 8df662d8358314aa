"""Serve one simulator in its own process for benchmarks: `python -m bench._sim_proc radarr PORT [MOVIES]`."""

from __future__ import annotations

import sys

import uvicorn

from autoarr.sim.radarr import create_radarr_app, seed_radarr
from autoarr.sim.sabnzbd import create_sabnzbd_app
from autoarr.sim.sabnzbd_jobs import SabFile
from autoarr.sim.sabnzbd_state import SabnzbdState

KEY = "bench0123456789abcdef0123456789ab"


def main() -> None:
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
