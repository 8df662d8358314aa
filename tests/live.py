"""AutoArr served for real on a loopback port, with an httpx2 client pointed at it.

`AUTOARR_TEST_DATABASE=postgresql` runs the same tests on PostgreSQL: `settings_for()` then gives every
data dir a database of its own in the session's cluster (the same dir, the same database: restarts keep
their store, as they keep the SQLite file).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import httpx2
from fastapi import FastAPI

from autoarr.app import create_app
from autoarr.settings import Settings
from autoarr.sim.server import SimServer

if TYPE_CHECKING:
    from tests.support.postgres_real import RealPostgres

API_KEY = "test-key-0f9e8d7c6b5a4f3e2d1c"
TEST_DATABASE_VARIABLE = "AUTOARR_TEST_DATABASE"


def on_postgres() -> bool:
    """Whether this run keeps the stores in PostgreSQL (`AUTOARR_TEST_DATABASE=postgresql`) rather than SQLite."""
    chosen = os.environ.get(TEST_DATABASE_VARIABLE, "sqlite").lower()
    if chosen not in ("sqlite", "postgresql"):
        raise ValueError(f"{TEST_DATABASE_VARIABLE} must be sqlite or postgresql, not {chosen!r}")
    return chosen == "postgresql"


@dataclass
class _PostgresStores:
    """One database per data dir, made on first use and dropped when the test ends."""

    server: RealPostgres
    made: dict[Path, str] = field(default_factory=dict)

    def url_for(self, data_dir: Path) -> str:
        key = data_dir.resolve()
        name = self.made.get(key)
        if name is None:
            name = self.made[key] = "store_" + hashlib.sha256(str(key).encode()).hexdigest()[:20]
            self.server.create_database(name)
        return self.server.url(name)

    def dump(self, data_dir: Path) -> bytes:
        name = self.made.get(data_dir.resolve())
        return self.server.dump(name) if name else b""

    def drop_all(self) -> None:
        for name in self.made.values():
            self.server.drop_database(name)
        self.made.clear()


_stores: _PostgresStores | None = None


@contextmanager
def stores_on_postgres(server: RealPostgres) -> Iterator[None]:
    """For the block (one test), `settings_for()` points each data dir at its own database on `server`."""
    global _stores  # noqa: PLW0603  # settings_for() is a plain function called from many tests
    _stores = _PostgresStores(server)
    try:
        yield
    finally:
        stores, _stores = _stores, None
        stores.drop_all()


def stored_bytes(data_dir: Path) -> bytes:
    """Everything the data dir's store holds, raw: the SQLite files, or a dump of its PostgreSQL database."""
    if _stores is None:
        return b"".join(path.read_bytes() for path in data_dir.glob("autoarr.db*"))
    return _stores.dump(data_dir)


def settings_for(data_dir: Path, **values: object) -> Settings:
    """Settings from exactly these values (never the developer's environment)."""
    chosen: dict[str, object] = {"AUTOARR_API_KEY": API_KEY, "AUTOARR_DATA_DIR": str(data_dir)}
    if _stores is not None and "AUTOARR_DATABASE_URL" not in values and "database_url" not in values:
        chosen["AUTOARR_DATABASE_URL"] = _stores.url_for(data_dir)
    return Settings.from_mapping({**chosen, **values})


@dataclass
class LiveApp:
    app: FastAPI
    server: SimServer
    client: httpx2.AsyncClient  # sends the key
    anonymous: httpx2.AsyncClient  # sends no key

    @property
    def url(self) -> str:
        return self.server.url


@asynccontextmanager
async def serve(app: FastAPI) -> AsyncIterator[LiveApp]:
    """Run the app under uvicorn on 127.0.0.1 (lifespan included) until the block ends."""
    server = SimServer(app, lifespan=True)
    async with (
        server,
        # A full audit on a loaded machine (parallel workers) can take seconds: httpx's 5 s default is too tight.
        httpx2.AsyncClient(base_url=server.url, headers={"X-API-Key": API_KEY}, timeout=60) as client,
        httpx2.AsyncClient(base_url=server.url, timeout=60) as anonymous,
    ):
        yield LiveApp(app=app, server=server, client=client, anonymous=anonymous)


@asynccontextmanager
async def serve_settings(settings: Settings) -> AsyncIterator[LiveApp]:
    async with serve(create_app(settings)) as live:
        yield live
