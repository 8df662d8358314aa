"""GET /health through AutoArr versus a bare FastAPI app, same machine, same run; plus idle RSS and start time.

Targets (issue: foundation): >= 85% of the bare throughput and <= 1 ms added at p50, at 1, 16 and 64
concurrent clients; idle RSS <= 120 MB; start to first answer <= 3 s with all four services configured.
Runs alternate between the two servers so that machine noise hits both alike.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime

from autoarr.sim.server import free_port
from bench._harness import Proc, WrkResult, autoarr_serve, cpu_seconds, record, run_wrk, start

KEY = "bench-key-0123456789abcdefghijkl"
HEALTH_LIMIT = "health=1000000/second"  # a one-second window keeps the moving-window list short


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    env = {
        "AUTOARR_API_KEY": KEY,
        "AUTOARR_DATA_DIR": tempfile.mkdtemp(prefix="autoarr-bench-"),
        "AUTOARR_RATE_LIMITS": HEALTH_LIMIT,
        "AUTOARR_LOG_LEVEL": "warning",
    }
    # Start time is measured with all four services configured (nothing needs to answer for it).
    closed = free_port()
    configured = {
        **env,
        "AUTOARR_DATA_DIR": tempfile.mkdtemp(prefix="autoarr-bench-"),
        **{f"{svc}_URL": f"http://127.0.0.1:{closed}" for svc in ("SABNZBD", "SONARR", "RADARR", "PLEX")},
        **{f"{svc}_API_KEY": "x" * 32 for svc in ("SABNZBD", "SONARR", "RADARR")},
        "PLEX_TOKEN": "x" * 20,
    }
    starts, idle_rss = [], 0.0
    for _ in range(3):
        probe = autoarr_serve(configured, KEY)
        starts.append(probe.start_to_first_answer_s)
        time.sleep(2)  # let the first health round (against closed ports) finish
        idle_rss = max(idle_rss, probe.rss_mb())
        probe.stop()
    # Throughput compares the same body: AutoArr with no services answers what the bare app answers.
    autoarr = autoarr_serve(env, KEY)
    # And with four (simulated) services configured and health-checked: `autoarr demo` in one process.
    demo_port = free_port()
    demo = start(
        [sys.executable, "-m", "autoarr", "demo", "--port", str(demo_port)],
        {**env},
        ready_path="/health",
        headers={"X-API-Key": KEY},
        port=demo_port,
    )
    port = free_port()
    bare = start(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "bench.bare_app:app",
            "--port",
            str(port),
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        {},
        ready_path="/health",
        headers={},
        port=port,
    )
    lines = [
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {_machine()}; wrk -t1, {args.seconds}s per run, "
        f"{args.rounds} alternating rounds, best round kept; limit used: `{HEALTH_LIMIT}`; access log at INFO "
        "is off (`AUTOARR_LOG_LEVEL=warning`) as it is in the bare app.",
        "",
        "| clients | bare req/s | AutoArr req/s | ratio | added p50 ms | AutoArr, 4 services req/s | ratio |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    cpu_us: dict[str, list[float]] = {}
    try:
        for connections in (1, 16, 64):
            best = _best({"bare": bare, "auto": autoarr, "demo": demo}, connections, args, cpu_us)
            ratio = best["auto"].requests_per_s / best["bare"].requests_per_s
            added = best["auto"].p50_ms - best["bare"].p50_ms
            ratio4 = best["demo"].requests_per_s / best["bare"].requests_per_s
            lines.append(
                f"| {connections} | {best['bare'].requests_per_s:.0f} | {best['auto'].requests_per_s:.0f} "
                f"| {ratio:.2f} | {added:+.2f} | {best['demo'].requests_per_s:.0f} | {ratio4:.2f} |"
            )
            print(lines[-1], flush=True)
        busy_rss = autoarr.rss_mb()
    finally:
        autoarr.stop()
        demo.stop()
        bare.stop()
    cpu = {name: statistics.median(values) for name, values in cpu_us.items()}
    lines += [
        "",
        f"- server CPU per request, median of every run: bare {cpu['bare']:.0f} us, AutoArr {cpu['auto']:.0f} us, "
        f"AutoArr with four services {cpu['demo']:.0f} us (its simulators and health checks included); what one "
        f"core would serve, AutoArr against bare: {cpu['bare'] / cpu['auto']:.2f} (wrk shares the two cores, so "
        "the throughput columns move with it)",
        f"- idle RSS, four services configured, after the first health round: {idle_rss:.0f} MB (target <= 120 MB); "
        f"AutoArr after the load: {busy_rss:.0f} MB",
        f"- start to first answer, four services configured (best of 3, runs {', '.join(f'{s:.2f}' for s in starts)}): "
        f"{min(starts):.2f} s (target <= 3 s); bare app: {bare.start_to_first_answer_s:.2f} s",
    ]
    print("\n".join(lines[-2:]))
    record("GET /health: AutoArr versus a bare FastAPI app", lines)


def _best(
    servers: dict[str, Proc], connections: int, args: argparse.Namespace, cpu_us: dict[str, list[float]]
) -> dict[str, WrkResult]:
    """Each server's best wrk round; appends each round's server CPU microseconds per request to `cpu_us`."""
    runs: dict[str, list[WrkResult]] = {name: [] for name in servers}
    for _ in range(args.rounds):
        for name, server in servers.items():
            headers = {} if name == "bare" else {"X-API-Key": KEY}
            pid = server.process.pid
            before = cpu_seconds([pid])[pid]
            result = run_wrk(server.url + "/health", connections=connections, seconds=args.seconds, headers=headers)
            spent = cpu_seconds([pid])[pid] - before
            runs[name].append(result)
            cpu_us.setdefault(name, []).append(spent / (result.requests_per_s * args.seconds) * 1e6)
    return {name: max(results, key=lambda r: r.requests_per_s) for name, results in runs.items()}


def _machine() -> str:
    import os

    return f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"


if __name__ == "__main__":
    main()
