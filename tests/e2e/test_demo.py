"""`autoarr demo`: simulated services and AutoArr wired to them, from one command, stopped by Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx2

from tests.support.ports import free_port


def test_demo_prints_url_and_key_serves_a_healthy_stack_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    out = tmp_path / "demo.out"
    with out.open("w") as stdout:
        process = subprocess.Popen(
            [sys.executable, "-m", "autoarr", "demo", "--port", str(port)],
            cwd=tmp_path,
            env=env,
            stdout=stdout,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        deadline = time.monotonic() + 60
        key = None
        while key is None:
            assert time.monotonic() < deadline, out.read_text()
            assert process.poll() is None, out.read_text()
            match = re.search(r"API key:\s+(\S+)", out.read_text())
            key = match.group(1) if match else None
            time.sleep(0.05)
        assert f"http://127.0.0.1:{port}" in out.read_text()
        body: dict[str, object] = {}
        while body.get("status") != "healthy":  # the first health round runs right after start
            assert time.monotonic() < deadline, body
            body = httpx2.get(f"http://127.0.0.1:{port}/health", headers={"X-API-Key": key}).json()
            time.sleep(0.05)
        assert set(body["services"]) == {"sabnzbd", "sonarr", "radarr", "plex"}  # type: ignore[arg-type]
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=30)
    assert code == 0, out.read_text()
    assert "Traceback" not in out.read_text()
