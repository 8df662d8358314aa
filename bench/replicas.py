"""Throughput of a read endpoint: one AutoArr replica versus two behind a small loopback load balancer.

Target (issue: scale out): at least 1.6x the requests per second with two replicas, in the same run.
Both replicas run as they would in production: Redis (shared rate-limit budget, events, leader lease)
and PostgreSQL, real Debian programs started for the run; the simulators in their own process. The
read endpoint is `GET /api/v1/config/recommendations` (a page from PostgreSQL, charged to the shared
budget in Redis) after one audit filled it. Rounds alternate between the set-ups so that machine noise
hits them alike; the balancer in front of one replica is measured too, to show what the balancer costs.

    uv run python -m bench.replicas [--seconds 10] [--rounds 5] [--connections 16]
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

import httpx2
from tests.support.postgres_real import real_postgres
from tests.support.redis_real import real_redis

from autoarr.sim.server import free_port
from bench._harness import Proc, WrkResult, autoarr_serve, cpu_seconds, record, run_wrk

KEY = "bench-key-0123456789abcdefghijkl"
PATH = "/api/v1/config/recommendations?page_size=20"
# Never reached, and small: limits trims its moving-window list in Redis to the limit, so a limit of a million
# would leave a list of every hit of the run that each request's Lua script then searches.
LIMITS = "recommendations=5000/second,general=5000/second,health=5000/second,audit=1000/hour"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)  # short runs on a 2-core machine swing by a third
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()

    with ExitStack() as stack:
        redis = stack.enter_context(real_redis(Path(tempfile.mkdtemp(prefix="autoarr-bench-redis-"))))
        postgres = stack.enter_context(real_postgres())
        sims = subprocess.Popen(
            [sys.executable, "-m", "bench._sim_proc", "stack", "150"], stdout=subprocess.PIPE, text=True
        )
        stack.callback(_stop, sims)
        assert sims.stdout is not None
        env = {
            **json.loads(sims.stdout.readline()),
            "AUTOARR_API_KEY": KEY,
            "AUTOARR_DATABASE_URL": postgres.create_database("bench"),
            "AUTOARR_REDIS_URL": redis.url,
            "AUTOARR_REDIS_PREFIX": f"bench{secrets.token_hex(4)}",
            "AUTOARR_RATE_LIMITS": LIMITS,
            "AUTOARR_LOG_LEVEL": "warning",
            "AUTOARR_HEALTH_INTERVAL_SECONDS": "3600",
        }
        replicas = []
        for _ in range(2):
            replica = autoarr_serve({**env, "AUTOARR_DATA_DIR": tempfile.mkdtemp(prefix="autoarr-bench-")}, KEY)
            stack.callback(replica.stop)
            replicas.append(replica)
        audit = httpx2.post(
            replicas[0].url + "/api/v1/config/audit",
            json={"services": ["sabnzbd", "sonarr", "radarr", "plex"]},
            headers={"X-API-Key": KEY},
            timeout=120,
        )
        audit.raise_for_status()
        page = httpx2.get(replicas[1].url + PATH, headers={"X-API-Key": KEY}).json()
        both, both_pid = _balancer(stack, replicas)
        one_behind, one_behind_pid = _balancer(stack, replicas[:1])
        setups = {"one": replicas[0].url, "one behind the balancer": one_behind, "two behind the balancer": both}
        postmaster = postgres.postmaster_pid()
        parts: dict[str, Callable[[], list[int]]] = {
            "replicas": lambda: [r.process.pid for r in replicas],
            "Redis": lambda: [redis.pid],
            "PostgreSQL": lambda: _family(postmaster),  # backends come and go with the replicas' pools
            "balancer": lambda: [both_pid, one_behind_pid],
        }
        load_before, steal_before = os.getloadavg()[0], _cpu_ticks()
        runs: dict[str, list[WrkResult]] = {name: [] for name in setups}
        cpu: dict[str, list[dict[str, float]]] = {name: [] for name in setups}
        for _ in range(args.rounds):
            for name, url in setups.items():
                before = {part: cpu_seconds(pids()) for part, pids in parts.items()}
                result = run_wrk(
                    url + PATH, connections=args.connections, seconds=args.seconds, headers={"X-API-Key": KEY}
                )
                requests = result.requests_per_s * args.seconds
                cpu[name].append(
                    {part: _spent(before[part], cpu_seconds(pids())) / requests for part, pids in parts.items()}
                )
                runs[name].append(result)
                print(f"{name}: {result.requests_per_s:.0f} req/s", flush=True)
        load_after, steal_after = os.getloadavg()[0], _cpu_ticks()
    steal = (steal_after[1] - steal_before[1]) / max(1, steal_after[0] - steal_before[0])

    best_round = {
        name: max(range(len(results)), key=lambda i: results[i].requests_per_s) for name, results in runs.items()
    }
    best = {name: runs[name][i] for name, i in best_round.items()}
    ratio = best["two behind the balancer"].requests_per_s / best["one"].requests_per_s
    two_costs = cpu["two behind the balancer"][best_round["two behind the balancer"]]
    ceiling = (os.cpu_count() or 1) / sum(two_costs.values())
    # Each round runs the set-ups back to back: its ratio compares runs under the same machine noise.
    per_round = sorted(
        two.requests_per_s / one.requests_per_s
        for one, two in zip(runs["one"], runs["two behind the balancer"], strict=True)
    )
    lines = [
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
        f"`GET {PATH}` ({page['pagination']['total_items']} recommendations in PostgreSQL, each request charged to "
        f"the shared budget in Redis); wrk -t1 -c{args.connections}, {args.seconds}s per run, {args.rounds} "
        "alternating rounds, best round kept; Redis, PostgreSQL, the simulators, the balancer, wrk and the "
        "replicas all share the machine.",
        "",
        "| set-up | req/s | p50 ms | p99 ms | rounds req/s | CPU ms per request: replicas, Redis, PostgreSQL, LB |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, result in best.items():
        rounds = ", ".join(f"{r.requests_per_s:.0f}" for r in runs[name])
        spent = cpu[name][best_round[name]]
        costs = ", ".join(f"{spent[part] * 1000:.2f}" for part in ("replicas", "Redis", "PostgreSQL", "balancer"))
        lines.append(
            f"| {name} | {result.requests_per_s:.0f} | {result.p50_ms:.1f} | {result.p99_ms:.1f} | {rounds} | {costs} |"
        )
    lines += [
        "",
        f"- two replicas against one: {ratio:.2f}x, best round against best round (target >= 1.6x); median of the "
        f"rounds' own ratios {statistics.median(per_round):.2f}x ({', '.join(f'{r:.2f}' for r in per_round)})",
        f"- ceiling on this machine: the two-replica run spent {sum(two_costs.values()) * 1000:.2f} ms of CPU per "
        f"request over all its processes (wrk and the simulators aside), so {os.cpu_count()} cores allow at most "
        f"{ceiling:.0f} req/s, {ceiling / best['one'].requests_per_s:.2f}x the single replica's best",
        f"- 1-minute load average {load_before:.1f} before the runs, {load_after:.1f} after; the hypervisor took "
        f"{steal:.1%} of the CPU time meanwhile (steal)",
    ]
    print("\n".join(lines))
    record("Scale out: one replica versus two behind a loopback load balancer", lines)


def _spent(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds used in between; a process born meanwhile counts all it used."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def _cpu_ticks() -> tuple[int, int]:
    """All CPU ticks so far and those stolen by the hypervisor (the `cpu` line of /proc/stat)."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(fields[:8]), fields[7]


def _family(pid: int) -> list[int]:
    """A process and its children (PostgreSQL's postmaster and its backends)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [pid, *(int(child) for child in children)]


def _balancer(stack: ExitStack, replicas: list[Proc]) -> tuple[str, int]:
    """Start the balancer in front of these replicas; its URL and process id."""
    port = free_port()
    backends = [replica.url.rsplit(":", 1)[1] for replica in replicas]
    process = subprocess.Popen(
        [sys.executable, "-m", "bench._balancer", str(port), *backends], stdout=subprocess.PIPE, text=True
    )
    stack.callback(_stop, process)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 10
    while httpx2.get(url + "/health", headers={"X-API-Key": KEY}).status_code != 200:
        if time.monotonic() > deadline:
            raise RuntimeError("the balancer does not pass requests through")
    return url, process.pid


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    process.wait(timeout=30)


if __name__ == "__main__":
    main()
