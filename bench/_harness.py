"""Shared benchmark plumbing: start servers as processes, drive them with wrk, read their memory."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx2

from autoarr.sim.server import free_port

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class WrkResult:
    requests_per_s: float
    p50_ms: float
    p99_ms: float


def require_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk is None:
        sys.exit("wrk is needed for this benchmark: apt-get install wrk")
    return wrk


def _to_ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(url: str, *, connections: int, seconds: int, headers: dict[str, str]) -> WrkResult:
    """One wrk run (one thread: the machine has two cores and the server needs one)."""
    args = [require_wrk(), "-t1", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))  # type: ignore[union-attr]
    p99 = _to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise RuntimeError(f"{non2xx.group(1)} non-2xx answers from {url}: raise the rate limit")
    return WrkResult(rps, p50, p99)


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User plus system CPU seconds each of these processes has used so far (gone ones are left out)."""
    ticks = os.sysconf("SC_CLK_TCK")
    used: dict[int, float] = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        used[pid] = (int(fields[11]) + int(fields[12])) / ticks  # utime and stime, fields 14 and 15 of stat(5)
    return used


@dataclass
class Proc:
    process: subprocess.Popen[bytes]
    url: str
    start_to_first_answer_s: float

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        kb = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))  # type: ignore[union-attr]
        return kb / 1024

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def start(argv: list[str], env: dict[str, str], *, ready_path: str, headers: dict[str, str], port: int) -> Proc:
    """Start a server process and wait for its first 200 answer."""
    started = time.monotonic()
    process = subprocess.Popen(
        argv,
        env={**{k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    url = f"http://127.0.0.1:{port}"
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"{argv} exited with {process.returncode}")
        try:
            if httpx2.get(url + ready_path, headers=headers, timeout=1).status_code == 200:
                break
        except httpx2.TransportError:
            time.sleep(0.01)
    return Proc(process, url, time.monotonic() - started)


def autoarr_serve(env: dict[str, str], key: str) -> Proc:
    port = free_port()
    argv = [sys.executable, "-m", "autoarr", "serve", "--port", str(port)]
    return start(argv, env, ready_path="/health", headers={"X-API-Key": key}, port=port)


def record(section: str, lines: list[str]) -> None:
    """Replace this benchmark's section in bench/RESULTS.md."""
    path = ROOT / "bench" / "RESULTS.md"
    text = path.read_text() if path.exists() else "# Benchmark results\n"
    marker = f"## {section}\n"
    body = marker + "\n".join(lines) + "\n"
    if marker in text:
        before, _, rest = text.partition(marker)
        after = rest.split("\n## ", 1)
        text = before + body + ("\n## " + after[1] if len(after) > 1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + body
    path.write_text(text)
