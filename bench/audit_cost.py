"""An audit of all four services through AutoArr versus reading the same configuration directly, same run.

Targets (issue: configuration audit): at most 1.5x the time of reading the same configuration endpoints
directly and concurrently; and the same cost over a 10,000-movie Radarr as over 150 movies. The
simulators run in one process, AutoArr in another; runs alternate; medians are reported.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from typing import Any

import httpx2

from bench._harness import autoarr_serve, record

KEY = "bench-key-0123456789abcdefghijkl"
ARR_PATHS = (
    "config/host", "config/mediamanagement", "config/naming", "config/ui", "config/indexer", "config/downloadclient",
    "downloadclient", "indexer", "rootfolder", "qualityprofile", "notification", "diskspace", "health", "system/status",
)  # fmt: skip


async def _direct(client: httpx2.AsyncClient, env: dict[str, str]) -> None:
    """What the audit reads, fetched concurrently straight from the services."""
    sab = {"apikey": env["SABNZBD_API_KEY"], "output": "json"}
    calls = [
        client.get(env["SABNZBD_URL"] + "/api", params={**sab, "mode": mode})
        for mode in ("get_config", "fullstatus", "version")
    ]
    for svc in ("SONARR", "RADARR"):
        headers = {"X-Api-Key": env[f"{svc}_API_KEY"]}
        calls += [client.get(f"{env[f'{svc}_URL']}/api/v3/{path}", headers=headers) for path in ARR_PATHS]
    plex = {"X-Plex-Token": env["PLEX_TOKEN"], "Accept": "application/json"}
    calls += [client.get(env["PLEX_URL"] + path, headers=plex) for path in ("/:/prefs", "/library/sections", "/")]
    for response in await asyncio.gather(*calls):
        if response.status_code == 200:  # the simulators lack `diskspace`, as the audit then finds too
            response.json()


async def _measure(movies: int, rounds: int) -> dict[str, Any]:
    stack = subprocess.Popen(  # noqa: ASYNC220
        [sys.executable, "-m", "bench._sim_proc", "stack", str(movies)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert stack.stdout is not None
        env = json.loads(stack.stdout.readline())
        served = autoarr_serve(
            {
                **env,
                "AUTOARR_API_KEY": KEY,
                "AUTOARR_DATA_DIR": tempfile.mkdtemp(prefix="autoarr-bench-"),
                "AUTOARR_LOG_LEVEL": "warning",
                "AUTOARR_RATE_LIMITS": "audit=100000/hour",
            },
            KEY,
        )
        try:
            audits, directs = [], []
            async with httpx2.AsyncClient(timeout=120) as client:
                body = {"services": ["sabnzbd", "sonarr", "radarr", "plex"]}
                await client.post(served.url + "/api/v1/config/audit", json=body, headers={"X-API-Key": KEY})
                for _ in range(rounds):
                    started = time.perf_counter()
                    await _direct(client, env)
                    directs.append(time.perf_counter() - started)
                    started = time.perf_counter()
                    response = await client.post(
                        served.url + "/api/v1/config/audit", json=body, headers={"X-API-Key": KEY}
                    )
                    audits.append(time.perf_counter() - started)
                    assert response.status_code == 200, response.text
        finally:
            served.stop()
    finally:
        stack.terminate()
        stack.wait()
    return {"audit": statistics.median(audits), "direct": statistics.median(directs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    small = asyncio.run(_measure(150, args.rounds))
    large = asyncio.run(_measure(10_000, args.rounds))
    lines = [
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {args.rounds} alternating rounds, medians; simulators in one "
        "process, AutoArr in another (2 cores shared, so figures are noisy).",
        "",
        "| Radarr library | direct concurrent reads ms | audit through AutoArr ms | ratio |",
        "| --- | --- | --- | --- |",
    ]
    for label, figures in (("150 movies", small), ("10,000 movies", large)):
        lines.append(
            f"| {label} | {figures['direct'] * 1000:.0f} | {figures['audit'] * 1000:.0f} "
            f"| {figures['audit'] / figures['direct']:.2f} |"
        )
    lines += ["", f"- audit over 10,000 movies versus 150: {large['audit'] / small['audit']:.2f}x (target: the same)"]
    print("\n".join(lines))
    record("Configuration audit versus reading the same configuration directly", lines)


if __name__ == "__main__":
    main()
