"""Runs Debian's real `sabnzbdplus` on a free loopback port with its own folder, for integration tests."""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import shutil
import signal
import subprocess
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import httpx2

from autoarr.integrations.sabnzbd.client import SabnzbdClient
from tests.support.ports import free_port

INSTALL_HINT = "sabnzbdplus is not installed; install it with: sudo bash .ci/install-system-packages"
STARTUP_TIMEOUT = 60.0
SHUTDOWN_TIMEOUT = 30.0
T = TypeVar("T")
_STARTED = re.compile(r"Sending notification: SABnzbd - SABnzbd \S+ started")

# Options that keep a test instance quiet, local and quick; the first three are those of service-apis.md A.7.
_MISC_DEFAULTS: dict[str, str] = {
    "check_new_rel": "0",
    "auto_browser": "0",
    "enable_broadcast": "0",
    "notified_new_skin": "2",
    # English: startup is detected from the "started" line of the console log.
    "language": "en",
    # Deterministic outcomes: final names as posted, no renaming or unpacking guesses.
    "deobfuscate_final_filenames": "0",
    "direct_unpack": "0",
    "enable_unrar": "0",
    "enable_7zip": "0",
    "sfv_check": "0",
    "ignore_samples": "0",
    "pause_on_post_processing": "0",
    "history_retention": "0",
    # Fewer tries per article when a connection breaks (2 is the minimum; a 430 fails an article at once).
    "max_art_tries": "2",
    "propagation_delay": "0",
}


@dataclass(frozen=True)
class NewsServer:
    """An NNTP server to write into sabnzbd.ini's [servers] section."""

    host: str
    port: int
    name: str = "testnntp"
    username: str = "user"
    password: str = "pass"
    connections: int = 2
    timeout: int = 20  # SABnzbd's minimum; it silently raises lower values to 20


@dataclass(frozen=True)
class RealSabnzbd:
    """A running SABnzbd: where to reach it, its keys and its folders."""

    url: str
    api_url: str
    api_key: str
    nzb_key: str
    home: Path
    download_dir: Path
    complete_dir: Path
    admin_dir: Path
    pid: int


def sabnzbd_binary() -> str | None:
    """The path of the sabnzbdplus program, or None where the Debian package is not installed."""
    return shutil.which("sabnzbdplus")


def render_ini(
    *,
    home: Path,
    port: int,
    api_key: str,
    nzb_key: str,
    servers: tuple[NewsServer, ...] = (),
    misc: Mapping[str, str] | None = None,
) -> str:
    """The text of a sabnzbd.ini for an instance living in home and listening on 127.0.0.1:port."""
    values = {
        **_MISC_DEFAULTS,
        "api_key": api_key,
        "nzb_key": nzb_key,
        "host": "127.0.0.1",
        "port": str(port),
        "download_dir": str(home / "dl"),
        "complete_dir": str(home / "complete"),
        "admin_dir": str(home / "admin"),
        "log_dir": str(home / "logs"),
        **(misc or {}),
    }
    lines = ["__version__ = 19", "__encoding__ = utf-8", "[misc]"]
    lines += [f"{key} = {value}" for key, value in values.items()]
    # INFO level (the default, pinned here) is what puts the "started" notification in the console log.
    lines += ["[logging]", "log_level = 1"]
    if servers:
        lines.append("[servers]")
        for server in servers:
            lines += [
                f"[[{server.name}]]",
                f"name = {server.name}",
                f"displayname = {server.name}",
                f"host = {server.host}",
                f"port = {server.port}",
                f"timeout = {server.timeout}",
                f"username = {server.username}",
                f"password = {server.password}",
                f"connections = {server.connections}",
                "ssl = 0",
                "enable = 1",
                "required = 0",
                "optional = 0",
                "priority = 0",
            ]
    return "\n".join(lines) + "\n"


@asynccontextmanager
async def real_sabnzbd(
    home: Path,
    *,
    servers: tuple[NewsServer, ...] = (),
    misc: Mapping[str, str] | None = None,
) -> AsyncIterator[RealSabnzbd]:
    """Start sabnzbdplus in home (a fresh folder), yield once it is up, stop it with SIGTERM to its PID.

    Leaving the block normally raises if SABnzbd did not exit with code 0, so a harness fault shows.
    """
    binary = sabnzbd_binary()
    if binary is None:
        raise FileNotFoundError(INSTALL_HINT)
    process, sab = _launch(binary, home, servers=servers, misc=misc)
    console = home / "console.log"
    try:
        await _wait_until_up(process, sab.api_url, console)
        yield sab
    except BaseException:
        await _stop(process, console)
        raise
    code = await _stop(process, console)
    if code != 0:
        raise RuntimeError(f"sabnzbdplus exited with code {code} after SIGTERM:\n{_tail(console)}")


async def poll_until(
    check: Callable[[], Awaitable[T | None]],
    *,
    within: float = 30.0,
    interval: float = 0.2,
    what: str = "condition",
) -> T:
    """Call check every interval seconds until it returns something other than None; fail after within s."""
    deadline = time.monotonic() + within
    while True:
        result = await check()
        if result is not None:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not met within {within} s")
        await asyncio.sleep(interval)


async def stored_as_final(sabnzbd: SabnzbdClient, nzo_id: str) -> bool:
    """True once SABnzbd has stored nzo_id as Completed or Failed.

    Ask this BEFORE reading the row under test: a row read first may still say "Moving" when the job turns final
    a moment later, between the two reads.
    """
    return any(slot.is_final for slot in (await sabnzbd.history(nzo_ids=[nzo_id])).slots)


def _launch(
    binary: str, home: Path, *, servers: tuple[NewsServer, ...], misc: Mapping[str, str] | None
) -> tuple[subprocess.Popen[bytes], RealSabnzbd]:
    """Lay out home, write sabnzbd.ini and start the program with its console log in home."""
    for folder in ("dl", "complete", "admin", "logs"):
        (home / folder).mkdir(parents=True, exist_ok=True)
    api_key, nzb_key = secrets.token_hex(16), secrets.token_hex(16)
    port = free_port()
    ini = home / "sabnzbd.ini"
    ini.write_text(render_ini(home=home, port=port, api_key=api_key, nzb_key=nzb_key, servers=servers, misc=misc))
    with (home / "console.log").open("wb") as log:
        # -b 0: no browser; --disable-file-log: the console log in home is enough and stays small.
        process = subprocess.Popen(
            [binary, "-f", str(ini), "-s", f"127.0.0.1:{port}", "-b", "0", "--disable-file-log"],
            cwd=home,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            # Anything SABnzbd would put in the user's home stays in the test folder.
            env={**os.environ, "HOME": str(home)},
        )
    url = f"http://127.0.0.1:{port}"
    sab = RealSabnzbd(
        url=url,
        api_url=f"{url}/api",
        api_key=api_key,
        nzb_key=nzb_key,
        home=home,
        download_dir=home / "dl",
        complete_dir=home / "complete",
        admin_dir=home / "admin",
        pid=process.pid,
    )
    return process, sab


async def _wait_until_up(process: subprocess.Popen[bytes], api_url: str, console: Path) -> None:
    """Poll until the API answers and startup has finished; fail early with the log if the program exits.

    The API answers while CherryPy is still starting, and a SIGTERM then makes SABnzbd exit with code 70,
    so "up" also needs the "SABnzbd <version> started" notification, which is logged once startup is over.
    """
    answered = False
    deadline = time.monotonic() + STARTUP_TIMEOUT
    async with httpx2.AsyncClient(timeout=2.0) as client:
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"sabnzbdplus exited with code {process.returncode} while starting:\n{_tail(console)}"
                )
            if not answered:
                try:
                    reply = await client.get(api_url, params={"mode": "version", "output": "json"})
                    answered = reply.status_code == 200 and "version" in reply.json()
                except httpx2.TransportError:
                    pass  # not listening yet
            if answered and _has_started(console):
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"sabnzbdplus was not up within {STARTUP_TIMEOUT} s:\n{_tail(console)}")
            await asyncio.sleep(0.1)


async def _stop(process: subprocess.Popen[bytes], console: Path) -> int:
    """SIGTERM the program (its own PID only), wait for it and return its exit code; SIGKILL if it hangs."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        return await asyncio.to_thread(process.wait, SHUTDOWN_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        await asyncio.to_thread(process.wait)
        raise RuntimeError(f"sabnzbdplus ignored SIGTERM for {SHUTDOWN_TIMEOUT} s:\n{_tail(console)}") from None


def _has_started(console: Path) -> bool:
    return _STARTED.search(console.read_text(errors="replace")) is not None


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no console log)"
