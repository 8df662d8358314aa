"""`autoarr serve` as a process: the generated key, clean shutdown, a URL base, and logs free of secrets."""

from __future__ import annotations

import asyncio
import re
import signal
import stat
import time
from pathlib import Path

import httpx2
import pytest
from fastapi import FastAPI

from autoarr.__main__ import _GracefulServer
from tests.process import start_autoarr, wait_until_ready
from tests.stack import eventually
from tests.support.ports import free_port

KEY_LINE = re.compile(r"generated an API key .*: (\S+)")


def test_first_start_generates_a_key_prints_it_once_to_stderr_and_reuses_it(tmp_path: Path) -> None:
    env = {"AUTOARR_DATA_DIR": str(tmp_path / "data")}
    first = start_autoarr(tmp_path, env)
    try:
        key_file = tmp_path / "data" / "api_key"
        deadline = time.monotonic() + 90  # a cold start under parallel test workers takes far longer than alone
        while not key_file.exists() and time.monotonic() < deadline:
            assert first.process.poll() is None, first.stderr
            time.sleep(0.05)
        wait_until_ready(first, key_file.read_text().strip())
    finally:
        assert first.stop() == 0
    key = key_file.read_text().strip()
    assert len(key) >= 40
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    match = KEY_LINE.search(first.stderr)
    assert match is not None
    assert match.group(1) == key
    assert key not in first.stdout
    assert first.stderr.count(key) == 1  # printed once, never logged

    (tmp_path / "second").mkdir()
    second = start_autoarr(tmp_path / "second", env)
    try:
        wait_until_ready(second, key)
        assert httpx2.get(second.url + "/health", headers={"X-API-Key": "not-it"}).status_code == 401
    finally:
        assert second.stop() == 0
    assert key not in second.stderr
    assert key not in second.stdout


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_stops_cleanly_with_exit_code_zero_and_closes_the_database(tmp_path: Path, sig: int) -> None:
    data = tmp_path / "data"
    served = start_autoarr(tmp_path, {"AUTOARR_DATA_DIR": str(data), "AUTOARR_API_KEY": "k" * 32})
    wait_until_ready(served, "k" * 32)
    assert served.stop(sig) == 0
    assert '"event": "stopping"' in served.stderr
    # SQLite folds the write-ahead log back and deletes it when the last connection closes cleanly.
    assert (data / "autoarr.db").exists()
    assert not (data / "autoarr.db-wal").exists()


async def test_in_flight_requests_finish_before_shutdown() -> None:
    app = FastAPI()
    release = asyncio.Event()
    entered = asyncio.Event()

    @app.get("/slow")
    async def slow() -> dict[str, str]:
        entered.set()
        await release.wait()
        return {"done": "yes"}

    import uvicorn

    port = free_port()
    server = _GracefulServer(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="off"))
    serving = asyncio.create_task(server.serve())
    await eventually(lambda: server.started or serving.done(), within=30)  # uvicorn offers a flag, not an event
    assert not serving.done(), "uvicorn stopped before it served"
    async with httpx2.AsyncClient() as client:
        request = asyncio.create_task(client.get(f"http://127.0.0.1:{port}/slow"))
        await asyncio.wait_for(entered.wait(), 5)
        server._request_exit()  # what SIGTERM triggers
        await asyncio.sleep(0.2)
        assert not serving.done()  # still draining
        release.set()
        response = await asyncio.wait_for(request, 5)
    await asyncio.wait_for(serving, 10)
    assert response.json() == {"done": "yes"}


def test_root_path_serves_under_a_url_base_and_behind_a_stripping_proxy(tmp_path: Path) -> None:
    key = "r" * 32
    env = {"AUTOARR_DATA_DIR": str(tmp_path / "d"), "AUTOARR_API_KEY": key}
    served = start_autoarr(tmp_path, env, "--root-path", "/autoarr")
    try:
        wait_until_ready(served, key, path="/autoarr/health")
        headers = {"X-API-Key": key}
        assert httpx2.get(served.url + "/health", headers=headers).status_code == 200
        spec = httpx2.get(served.url + "/autoarr/openapi.json", headers=headers).json()
        assert spec["servers"] == [{"url": "/autoarr"}]
        docs = httpx2.get(served.url + "/autoarr/docs", params={"api_key": key}).text
        assert "/autoarr/openapi.json" in docs
    finally:
        assert served.stop() == 0


def test_a_full_run_logs_no_secret_anywhere(tmp_path: Path) -> None:
    secrets = {
        "AUTOARR_API_KEY": "autoarr-secret-key-1234567890",
        "SABNZBD_API_KEY": "sabnzbd-secret-abcdef123456",
        "SONARR_API_KEY": "sonarr-secret-abcdef1234567",
        "RADARR_API_KEY": "radarr-secret-abcdef1234567",
        "PLEX_TOKEN": "plex-token-secret-abcdef12345",
        "AUTOARR_LLM_API_KEY": "llm-secret-key-abcdef123456",
    }
    closed = free_port()  # nothing listens: every upstream call fails and gets logged
    env = {
        **secrets,
        "AUTOARR_DATA_DIR": str(tmp_path / "d"),
        "AUTOARR_LOG_LEVEL": "debug",
        "SABNZBD_URL": f"http://127.0.0.1:{closed}",
        "SONARR_URL": f"http://127.0.0.1:{closed}",
        "RADARR_URL": f"http://127.0.0.1:{closed}",
        "PLEX_URL": f"http://127.0.0.1:{closed}",
    }
    served = start_autoarr(tmp_path, env)
    key = secrets["AUTOARR_API_KEY"]
    try:
        wait_until_ready(served, key)
        for path in ("/health", "/health/sabnzbd", "/metrics", "/nowhere", "/health/circuit-breaker/plex"):
            httpx2.get(served.url + path, headers={"X-API-Key": key})
        httpx2.get(served.url + "/docs", params={"api_key": key})
        httpx2.get(served.url + "/openapi.json", params={"api_key": key})
        httpx2.get(served.url + "/health", params={"api_key": key, "token": secrets["PLEX_TOKEN"]})
        httpx2.get(served.url + "/health", headers={"X-API-Key": secrets["SONARR_API_KEY"]})
    finally:
        assert served.stop() == 0
    output = served.stdout + served.stderr
    assert '"event": "request"' in output  # the run really was logged
    for name, secret in secrets.items():
        assert secret not in output, name
