"""The few statements SQLite and PostgreSQL spell differently: inserts that skip duplicates, upserts, and locks.

Both dialects have `INSERT ... ON CONFLICT`; only their SQLAlchemy constructs live in different modules
(imported here on first use, so a SQLite deployment never loads the PostgreSQL dialect).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.orm import DeclarativeBase


def _dialect(bind: AsyncSession | AsyncConnection) -> str:
    if isinstance(bind, AsyncSession):
        return bind.get_bind().dialect.name
    return bind.dialect.name


def _insert(bind: AsyncSession | AsyncConnection, model: type[DeclarativeBase]) -> Any:
    if _dialect(bind) == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(model)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(model)


async def insert_new(
    session: AsyncSession, model: type[DeclarativeBase], rows: Sequence[dict[str, Any]], *, key: str
) -> set[Any]:
    """Insert the rows whose `key` is not taken yet (by anyone, concurrent writers included); the keys inserted."""
    if not rows:
        return set()
    column = getattr(model, key)
    statement = _insert(session, model).values(list(rows)).on_conflict_do_nothing().returning(column)
    return set((await session.execute(statement)).scalars())


async def upsert(session: AsyncSession, model: type[DeclarativeBase], row: dict[str, Any], *, key: str) -> None:
    """Insert the row, or update every other column of the row already holding its `key`."""
    statement = _insert(session, model).values(row)
    statement = statement.on_conflict_do_update(
        index_elements=[key], set_={name: statement.excluded[name] for name in row if name != key}
    )
    await session.execute(statement)


def lock_id(name: str) -> int:
    """A stable signed 64-bit number for a lock name (PostgreSQL's advisory locks are numbered)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


async def serialize_transaction(bind: AsyncSession | AsyncConnection, name: str) -> None:
    """Make concurrent transactions that call this with the same name run one after another, until commit.

    On PostgreSQL a transaction-level advisory lock (replicas sharing the database wait their turn). SQLite
    has a single writer already: a second writer that read before the first committed fails, it never
    interleaves.
    """
    if _dialect(bind) == "postgresql":
        await bind.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": lock_id(name)})
