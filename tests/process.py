"""`autoarr serve` as a real child process, as a self-hoster would start it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx2

from tests.support.ports import free_port


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str
    stdout_path: Path
    stderr_path: Path

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> int:
        self.process.send_signal(sig)
        return self.process.wait(timeout=timeout)

    @property
    def stdout(self) -> str:
        return self.stdout_path.read_text()

    @property
    def stderr(self) -> str:
        return self.stderr_path.read_text()


def start_autoarr(workdir: Path, env: dict[str, str], *args: str) -> Served:
    """Start `python -m autoarr serve` with only the given variables (plus PATH/HOME) set."""
    port = free_port()
    base_env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "PYTHONPATH")}
    out, err = workdir / "stdout.log", workdir / "stderr.log"
    with out.open("w") as stdout, err.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "autoarr", "serve", "--port", str(port), *args],
            cwd=workdir,
            env={**base_env, **env},
            stdout=stdout,
            stderr=stderr,
            text=True,
        )
    return Served(process=process, url=f"http://127.0.0.1:{port}", stdout_path=out, stderr_path=err)


def wait_until_ready(served: Served, key: str, *, path: str = "/health", deadline_s: float = 90) -> float:
    """Poll until the server answers with the key; returns the seconds it took."""
    started = time.monotonic()
    while time.monotonic() - started < deadline_s:
        if served.process.poll() is not None:
            raise AssertionError(f"autoarr exited with {served.process.returncode}: {served.stderr}")
        try:
            response = httpx2.get(served.url + path, headers={"X-API-Key": key}, timeout=1)
        except httpx2.TransportError:
            time.sleep(0.05)
            continue
        if response.status_code == 200:
            return time.monotonic() - started
        raise AssertionError(f"unexpected {response.status_code} while waiting: {response.text}")
    raise AssertionError(f"autoarr did not answer within {deadline_s}s: {served.stderr}")
