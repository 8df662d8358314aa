"""GET /api/v1/downloads/queue through AutoArr over a 500-job SABnzbd queue versus a direct SABnzbd queue call.

Target (issue: shows, movies, media): at most 2x the direct call at p50. Measured against the real
SABnzbd (Debian's sabnzbdplus, when installed) and against the simulator; each and `autoarr serve` run as
their own processes; wrk (one connection) measures each side, alternating rounds.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx2
import msgspec
from tests.support.nzb import build_nzb, post_file
from tests.support.sabnzbd_real import real_sabnzbd, sabnzbd_binary

from autoarr.integrations._http import ServiceHttp, build_http_client
from autoarr.integrations.breaker import CircuitBreaker
from autoarr.integrations.sabnzbd import service
from autoarr.integrations.sabnzbd.client import SabnzbdClient
from autoarr.integrations.sabnzbd.models import Priority
from autoarr.sim.server import free_port
from bench._harness import WrkResult, autoarr_serve, record, require_wrk, run_wrk
from bench._sim_proc import KEY as SABNZBD_KEY

KEY = "bench-key-0123456789abcdefghijkl"


def start_sabnzbd(jobs: int) -> tuple[subprocess.Popen[bytes], str]:
    """The SABnzbd simulator with `jobs` more jobs queued, in its own process, once it answers."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "bench._sim_proc", "sabnzbd", str(port), str(jobs)])
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx2.get(url + "/api", params={"mode": "version"}, timeout=1)
        except httpx2.TransportError:
            time.sleep(0.05)
        else:
            return process, url
    process.terminate()
    raise RuntimeError("the SABnzbd simulator did not start")


async def stages(sabnzbd_url: str, rounds: int) -> dict[str, float]:
    """Where AutoArr's time goes, stage by stage, in this process (best of `rounds`, ms)."""
    http = build_http_client(base_url=sabnzbd_url, timeout_seconds=30, connect_timeout_seconds=5, verify_tls=True)
    params = {"mode": "queue", "output": "json", "start": "0", "limit": "0", "apikey": SABNZBD_KEY}
    times: dict[str, list[float]] = {"get": [], "client": [], "service": [], "route": []}
    async with http:
        client = SabnzbdClient(
            ServiceHttp("sabnzbd", http, CircuitBreaker("sabnzbd", threshold=5, timeout=60)), api_key=SABNZBD_KEY
        )
        for _ in range(rounds):
            started = time.perf_counter()
            await http.get("/api", params=params)  # the body is read in full
            times["get"].append(time.perf_counter() - started)
            started = time.perf_counter()
            await client.queue()
            times["client"].append(time.perf_counter() - started)
            started = time.perf_counter()
            body = await service.get_queue(client)
            times["service"].append(time.perf_counter() - started)
            started = time.perf_counter()
            msgspec.json.encode(body)  # as the route answers: the service's dict, not re-validated
            times["route"].append(time.perf_counter() - started)
    # Best of the rounds: each stage is CPU-bound here, and the minimum is what noise did not inflate.
    return {name: min(values) * 1000 for name, values in times.items()}


@dataclass
class Compared:
    """One SABnzbd (real or simulated) read directly and through AutoArr, wrk runs alternating."""

    jobs: int
    answer_bytes: int
    p50: dict[str, float]
    rps: dict[str, float]


def compare(sabnzbd_url: str, sabnzbd_key: str, *, rounds: int, seconds: int) -> Compared:
    """`autoarr serve` on this SABnzbd, then wrk against both, alternating which goes first."""
    env = {
        "AUTOARR_API_KEY": KEY,
        "AUTOARR_DATA_DIR": tempfile.mkdtemp(prefix="autoarr-bench-"),
        "AUTOARR_RATE_LIMITS": "general=1000000/second",  # a one-second window keeps the moving-window list short
        "AUTOARR_LOG_LEVEL": "warning",
        "SABNZBD_URL": sabnzbd_url,
        "SABNZBD_API_KEY": sabnzbd_key,
        "AUTOARR_HEALTH_INTERVAL_SECONDS": "3600",
        "AUTOARR_DOWNLOAD_POLL_SECONDS": "3600",
    }
    autoarr = autoarr_serve(env, KEY)
    # What AutoArr's client asks SABnzbd for: the whole queue as JSON.
    direct_url = f"{sabnzbd_url}/api?mode=queue&output=json&start=0&limit=0&apikey={sabnzbd_key}"
    autoarr_url = f"{autoarr.url}/api/v1/downloads/queue"
    results: dict[str, list[WrkResult]] = {"direct": [], "autoarr": []}
    try:
        queued = httpx2.get(autoarr_url, headers={"X-API-Key": KEY}, timeout=30).json()["queue"]
        direct_bytes = len(httpx2.get(direct_url, timeout=30).content)
        for number in range(rounds):
            order = ["direct", "autoarr"] if number % 2 == 0 else ["autoarr", "direct"]
            for name in order:
                url, headers = (direct_url, {}) if name == "direct" else (autoarr_url, {"X-API-Key": KEY})
                results[name].append(run_wrk(url, connections=1, seconds=seconds, headers=headers))
    finally:
        autoarr.stop()
    return Compared(
        jobs=len(queued),
        answer_bytes=direct_bytes,
        p50={name: statistics.median(r.p50_ms for r in runs) for name, runs in results.items()},
        rps={name: statistics.median(r.requests_per_s for r in runs) for name, runs in results.items()},
    )


async def against_real_sabnzbd(jobs: int, *, rounds: int, seconds: int) -> Compared:
    """Debian's sabnzbdplus in a temp folder, its queue paused and filled with `jobs` handmade NZBs."""
    home = Path(tempfile.mkdtemp(prefix="autoarr-bench-sab-"))
    async with real_sabnzbd(home) as sab:
        http = build_http_client(base_url=sab.url, timeout_seconds=30, connect_timeout_seconds=5, verify_tls=True)
        async with http:
            client = SabnzbdClient(
                ServiceHttp("sabnzbd", http, CircuitBreaker("sabnzbd", threshold=5, timeout=60)), api_key=sab.api_key
            )
            await client.pause()  # no news server is configured: the jobs only wait in the queue
            for number in range(jobs):
                posted = post_file(f"bench.{number:04d}.bin", bytes(2048) + number.to_bytes(4, "big"))
                await client.add_file(f"Bench.Job.{number:04d}.nzb", build_nzb([posted]), priority=Priority.PAUSED)
        return await asyncio.to_thread(compare, sab.url, sab.api_key, rounds=rounds, seconds=seconds)


def run(jobs: int, rounds: int, seconds: int) -> list[str]:
    require_wrk()
    compared: dict[str, Compared] = {}
    if sabnzbd_binary() is not None:
        compared["real SABnzbd 3.7 (Debian's sabnzbdplus)"] = asyncio.run(
            against_real_sabnzbd(jobs, rounds=rounds, seconds=seconds)
        )
    sabnzbd, sabnzbd_url = start_sabnzbd(jobs)
    try:
        compared["SABnzbd simulator"] = compare(sabnzbd_url, SABNZBD_KEY, rounds=rounds, seconds=seconds)
        step = asyncio.run(stages(sabnzbd_url, 50))
    finally:
        sabnzbd.terminate()
        sabnzbd.wait()
    lines = [
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on a noisy 2-core machine; wrk -t1 -c1, {seconds}s per run, "
        f"{rounds} alternating rounds, medians; SABnzbd and `autoarr serve` are separate processes. The target "
        "is against SABnzbd itself (Debian's sabnzbdplus, paused, its queue filled with handmade NZBs); the "
        "simulator, which answers in about the same time, is measured too.",
        "",
        "| SABnzbd | queued jobs | its answer kB | direct p50 ms | AutoArr p50 ms | direct req/s | AutoArr req/s |"
        " AutoArr / direct |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for label, c in compared.items():
        lines.append(
            f"| {label} | {c.jobs} | {c.answer_bytes / 1e3:.0f} | {c.p50['direct']:.1f} | {c.p50['autoarr']:.1f} | "
            f"{c.rps['direct']:.0f} | {c.rps['autoarr']:.0f} | {c.p50['autoarr'] / c.p50['direct']:.2f}x |"
        )
    lines += [
        "",
        "- target: at most 2x the direct call at p50",
        "",
        "Where AutoArr's time goes, against the simulator (each stage measured alone in this process, best of 50):",
        "",
        "| stage | ms |",
        "| --- | --- |",
        f"| async GET of SABnzbd's queue (httpx2) | {step['get']:.1f} |",
        f"| + decoding it (`SabnzbdClient.queue`: one lax msgspec pass into structs) | "
        f"{step['client'] - step['get']:.1f} |",
        f"| + building the reference's items (`service.get_queue`) | {step['service'] - step['client']:.1f} |",
        f"| + the route's encoding (msgspec) | {step['route']:.1f} |",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=5)
    args = parser.parse_args()
    lines = run(args.jobs, args.rounds, args.seconds)
    print("\n".join(lines))
    record("GET /api/v1/downloads/queue: 500 jobs through AutoArr versus a direct SABnzbd call", lines)


if __name__ == "__main__":
    main()
