"""Pytest fixtures for the real SABnzbd and its loopback NNTP server (imported by tests/conftest.py)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import AsyncExitStack
from pathlib import Path

import pytest
import pytest_asyncio

from tests.support import sabnzbd_real as harness
from tests.support.nntp import NntpServer
from tests.support.sabnzbd_real import INSTALL_HINT, NewsServer, RealSabnzbd

StartSabnzbd = Callable[..., Awaitable[RealSabnzbd]]


def require_sabnzbdplus() -> str:
    """The sabnzbdplus path; skips the test where it is missing, but fails it under CI=true."""
    binary = harness.sabnzbd_binary()
    if binary is None:
        # CI installs it with .ci/install-system-packages, so missing there is a broken setup, not a skip.
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but {INSTALL_HINT}")
        pytest.skip(INSTALL_HINT)
    return binary


@pytest_asyncio.fixture
async def nntp_server() -> AsyncIterator[NntpServer]:
    """A running loopback NNTP server that knows no articles until the test publishes some."""
    async with NntpServer() as server:
        yield server


@pytest_asyncio.fixture
async def real_sabnzbd_factory(tmp_path: Path) -> AsyncIterator[StartSabnzbd]:
    """An async function starting a real SABnzbd per call (`await start(servers=..., misc=...)`).

    Every instance gets its own folder under tmp_path and is stopped with SIGTERM at teardown.
    """
    require_sabnzbdplus()
    async with AsyncExitStack() as stack:
        count = 0

        async def start(*, servers: tuple[NewsServer, ...] = (), misc: Mapping[str, str] | None = None) -> RealSabnzbd:
            nonlocal count
            count += 1
            home = tmp_path / f"sabnzbd{count}"
            return await stack.enter_async_context(harness.real_sabnzbd(home, servers=servers, misc=misc))

        yield start


@pytest_asyncio.fixture
async def real_sabnzbd(nntp_server: NntpServer, real_sabnzbd_factory: StartSabnzbd) -> RealSabnzbd:
    """A real SABnzbd whose only news server is the `nntp_server` fixture."""
    # nntp_server comes first so that it is torn down last, after SABnzbd has hung up.
    return await real_sabnzbd_factory(servers=(NewsServer(host=nntp_server.host, port=nntp_server.port),))
