"""The async engine and session factory, and migrating the schema to head at start-up."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, event, text
from sqlalchemy.engine.url import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from autoarr.store.dialects import serialize_transaction

MIGRATIONS = Path(__file__).parent / "migrations"

# The newest migration; a test keeps it equal to Alembic's head. Knowing it lets an up-to-date
# database start without importing Alembic at all (a good part of the start-up time).
HEAD_REVISION = "0005"


@dataclass
class Database:
    """One engine and its session factory."""

    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]

    async def close(self) -> None:
        await self.engine.dispose()


def _enable_sqlite_wal(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers run during a write; a busy timeout rides out the short write locks.
    cursor.execute("PRAGMA journal_mode=WAL")
    # With WAL, NORMAL never corrupts the database and skips an fsync per commit (SQLite's advice for WAL).
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def open_database(url: str) -> Database:
    """An engine for the URL; for SQLite the folder is created and WAL switched on."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url, pool_pre_ping=parsed.get_backend_name() != "sqlite")
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine.sync_engine, "connect", _enable_sqlite_wal)
    return Database(engine=engine, sessions=async_sessionmaker(engine, expire_on_commit=False))


def alembic_config(connection: Connection | None = None) -> Any:
    """Alembic's config pointing at our migrations (and at the connection to run them on)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


async def migrate_to_head(database: Database) -> None:
    """Apply every pending migration (a fresh database gets them all; an existing one only the new)."""
    if await _stored_revision(database) == HEAD_REVISION:
        return

    def upgrade(connection: Connection) -> None:
        from alembic import command

        command.upgrade(alembic_config(connection), "head")

    async with database.engine.begin() as connection:
        # Replicas starting at once take turns (PostgreSQL's DDL is transactional: the second finds nothing to do).
        await serialize_transaction(connection, "autoarr.migrations")
        await connection.run_sync(upgrade)


async def _stored_revision(database: Database) -> str | None:
    try:
        async with database.engine.connect() as connection:
            row = (await connection.execute(text("SELECT version_num FROM alembic_version"))).first()
    except DBAPIError:  # no alembic_version table yet: a fresh database
        return None
    return str(row[0]) if row else None


async def current_revision(database: Database) -> str | None:
    """The revision the database is at (None before the first migration)."""
    return await _stored_revision(database)
