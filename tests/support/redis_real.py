"""Runs Debian's real `redis-server` on a free loopback port with its own folder, for the scale-out tests."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.ports import free_port

INSTALL_HINT = "redis-server is not installed; install it with: sudo bash .ci/install-system-packages"
STARTUP_TIMEOUT = 20.0


@dataclass(frozen=True)
class RealRedis:
    """A running redis-server: where to reach it."""

    host: str
    port: int
    pid: int

    @property
    def url(self) -> str:
        return f"redis://{self.host}:{self.port}/0"


def redis_binary() -> str | None:
    """The path of redis-server, or None where Debian's package is not installed."""
    return shutil.which("redis-server")


def _answers_ping(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


@contextmanager
def real_redis(home: Path) -> Iterator[RealRedis]:
    """Start redis-server in home (nothing saved to disk), yield once it answers PING, stop it with SIGTERM."""
    binary = redis_binary()
    if binary is None:
        raise RuntimeError(INSTALL_HINT)
    home.mkdir(parents=True, exist_ok=True)
    host, port = "127.0.0.1", free_port()
    args = [binary, "--bind", host, "--port", str(port), "--save", "", "--appendonly", "no"]
    args += ["--dir", str(home), "--logfile", str(home / "redis.log"), "--daemonize", "no"]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not _answers_ping(host, port):
            if process.poll() is not None:
                log = (home / "redis.log").read_text() if (home / "redis.log").exists() else ""
                raise RuntimeError(f"redis-server exited with {process.returncode}: {log[-2000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not answer within {STARTUP_TIMEOUT}s")
            time.sleep(0.02)
        yield RealRedis(host=host, port=port, pid=process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
