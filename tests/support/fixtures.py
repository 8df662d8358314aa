"""Pytest fixtures for the real programs: SABnzbd and its loopback NNTP server, Redis, PostgreSQL.

Imported by tests/conftest.py. Each skips with an install hint where its program is missing, and fails
under CI=true, where .ci/install-system-packages has installed them all.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio

from tests import live
from tests.support import postgres_real, redis_real
from tests.support import sabnzbd_real as harness
from tests.support.nntp import NntpServer
from tests.support.postgres_real import RealPostgres
from tests.support.redis_real import RealRedis
from tests.support.sabnzbd_real import INSTALL_HINT, NewsServer, RealSabnzbd

StartSabnzbd = Callable[..., Awaitable[RealSabnzbd]]


def _missing(hint: str) -> None:
    # CI installs every program with .ci/install-system-packages, so missing there is a broken setup, not a skip.
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {hint}")
    pytest.skip(hint)


def require_sabnzbdplus() -> str:
    """The sabnzbdplus path; skips the test where it is missing, but fails it under CI=true."""
    binary = harness.sabnzbd_binary()
    if binary is None:
        _missing(INSTALL_HINT)
    assert binary is not None
    return binary


def require_redis_server() -> str:
    """The redis-server path; skips the test where it is missing, but fails it under CI=true."""
    binary = redis_real.redis_binary()
    if binary is None:
        _missing(redis_real.INSTALL_HINT)
    assert binary is not None
    return binary


def require_postgres() -> Path:
    """PostgreSQL's program folder; skips the test where it is missing, but fails it under CI=true."""
    bin_dir = postgres_real.postgres_bin_dir()
    if bin_dir is None:
        _missing(postgres_real.INSTALL_HINT)
    assert bin_dir is not None
    return bin_dir


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


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RealRedis]:
    """One real redis-server for the session; tests keep apart by key prefix (see `shared_redis`)."""
    require_redis_server()
    with redis_real.real_redis(tmp_path_factory.mktemp("redis")) as server:
        yield server


@dataclass(frozen=True)
class SharedRedis:
    """The session's Redis and a key prefix of this test's own (AUTOARR_REDIS_URL, AUTOARR_REDIS_PREFIX)."""

    url: str
    prefix: str

    def environment(self) -> dict[str, str]:
        return {"AUTOARR_REDIS_URL": self.url, "AUTOARR_REDIS_PREFIX": self.prefix}


@pytest.fixture
def shared_redis(redis_server: RealRedis) -> SharedRedis:
    """The real Redis, with a prefix no other test uses."""
    return SharedRedis(url=redis_server.url, prefix=f"t{secrets.token_hex(6)}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[RealPostgres]:
    """One real PostgreSQL cluster for the session, on a free loopback port."""
    require_postgres()
    with postgres_real.real_postgres() as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server: RealPostgres) -> Iterator[str]:
    """A fresh, empty database of this test's own (dropped afterwards); its `postgresql+asyncpg://` URL."""
    name = f"t_{secrets.token_hex(8)}"
    url = postgres_server.create_database(name)
    yield url
    postgres_server.drop_database(name)


@pytest.fixture(autouse=True)
def store_per_data_dir(request: pytest.FixtureRequest) -> Iterator[None]:
    """With AUTOARR_TEST_DATABASE=postgresql, `settings_for()` keeps each data dir's store in a PostgreSQL database."""
    if not live.on_postgres():
        yield
        return
    server: RealPostgres = request.getfixturevalue("postgres_server")
    with live.stores_on_postgres(server):
        yield
