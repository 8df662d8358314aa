"""Reading 10,000 realistic movies from the Radarr simulator through RadarrClient versus a bare GET.

Target (issue: integrations): at most 1.5x the bare GET's time at p50, at most 150 MB RSS growth.
The simulator runs in its own process, so each side pays only for its own work; runs alternate.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime

import httpx2

from autoarr.integrations._arr import arr_headers
from autoarr.integrations._http import ServiceHttp, build_http_client
from autoarr.integrations.breaker import CircuitBreaker
from autoarr.integrations.radarr.client import RadarrClient
from autoarr.sim.server import free_port
from bench._harness import record
from bench._sim_proc import KEY


def _rss_max_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def _wait(url: str) -> None:
    async with httpx2.AsyncClient() as client:
        while True:
            try:
                if (await client.get(url + "/ping")).status_code == 200:
                    return
            except httpx2.TransportError:
                await asyncio.sleep(0.1)


async def run(movies: int, rounds: int) -> list[str]:
    port = free_port()
    sim = subprocess.Popen([sys.executable, "-m", "bench._sim_proc", "radarr", str(port), str(movies)])  # noqa: ASYNC220
    url = f"http://127.0.0.1:{port}"
    try:
        await _wait(url)
        http = build_http_client(
            base_url=url, timeout_seconds=120, connect_timeout_seconds=5, verify_tls=True, headers=arr_headers(KEY)
        )
        async with http:
            client = RadarrClient(ServiceHttp("radarr", http, CircuitBreaker("radarr", threshold=5, timeout=60)))
            await http.get("/api/v3/movie")  # the simulator encodes and caches the list on the first read
            bare_times, drained_times, client_times, parsed_times = [], [], [], []
            rss_before = _rss_max_mb()
            for _ in range(rounds):
                started = time.perf_counter()
                body = (await http.get("/api/v3/movie")).content
                bare_times.append(time.perf_counter() - started)
                started = time.perf_counter()
                async with http.stream("GET", "/api/v3/movie") as response:
                    async for _chunk in response.aiter_bytes():
                        pass  # every byte received, none kept: the least any reader of this body pays
                drained_times.append(time.perf_counter() - started)
                started = time.perf_counter()
                listed = await client.list_movies()
                client_times.append(time.perf_counter() - started)
                assert len(listed) == movies
            rss_growth = _rss_max_mb() - rss_before  # before the json.loads baseline, which needs far more
            for _ in range(rounds):
                started = time.perf_counter()
                json.loads((await http.get("/api/v3/movie")).content)
                parsed_times.append(time.perf_counter() - started)
    finally:
        sim.terminate()
        sim.wait()
    bare, through = statistics.median(bare_times), statistics.median(client_times)
    parsed, drained = statistics.median(parsed_times), statistics.median(drained_times)
    return [
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {movies} movies ({len(body) / 1e6:.1f} MB of JSON), "
        f"{rounds} alternating rounds, medians; simulator in its own process.",
        "",
        "| read | p50 ms |",
        "| --- | --- |",
        f"| bare GET (body bytes) | {bare * 1000:.0f} |",
        f"| bare GET streamed, bytes received and dropped | {drained * 1000:.0f} |",
        f"| bare GET + json.loads | {parsed * 1000:.0f} |",
        f"| RadarrClient.list_movies() | {through * 1000:.0f} |",
        "",
        f"- ratio to the bytes-only GET {through / bare:.2f}x (target <= 1.5x); to GET + json.loads "
        f"{through / parsed:.2f}x; peak RSS growth of the reading process {rss_growth:.0f} MB (target <= 150 MB)",
        f"- against the streamed GET that keeps nothing (no reader can be faster): {through / drained:.2f}x",
        "- the client decodes each megabyte of the array as it arrives (`json_stream.ArrayStream`, msgspec), so it "
        "never holds the whole body; the bytes-only GET does",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--movies", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    lines = asyncio.run(run(args.movies, args.rounds))
    print("\n".join(lines))
    record("Radarr: 10,000 movies through the client versus a bare GET", lines)


if __name__ == "__main__":
    main()
