"""Migrations bring a fresh database and an existing one to head, keeping what was stored."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import select

from autoarr.store.database import HEAD_REVISION, alembic_config, current_revision, migrate_to_head, open_database
from autoarr.store.tables import SettingOverride
from tests.live import on_postgres, serve_settings, settings_for


def _head() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def test_the_head_revision_constant_is_alembics_head() -> None:
    assert _head() == HEAD_REVISION


async def test_fresh_database_is_migrated_to_head(tmp_path: Path) -> None:
    database = open_database(f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}")
    try:
        assert await current_revision(database) is None
        await migrate_to_head(database)
        assert await current_revision(database) == _head()
    finally:
        await database.close()


async def test_existing_database_keeps_its_rows_across_migration_and_restart(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'existing.db'}"
    database = open_database(url)
    await migrate_to_head(database)
    async with database.sessions() as session, session.begin():
        session.add(SettingOverride(key="audit.auto_audit_interval_hours", value=12, updated_at=datetime.now(UTC)))
    await database.close()

    reopened = open_database(url)
    try:
        await migrate_to_head(reopened)  # already at head: a no-op that must not lose data
        async with reopened.sessions() as session:
            row = (await session.scalars(select(SettingOverride))).one()
        assert row.value == 12
        assert row.updated_at.tzinfo is not None
    finally:
        await reopened.close()


@pytest.mark.skipif(on_postgres(), reason="about the SQLite file; AUTOARR_TEST_DATABASE=postgresql keeps no such file")
async def test_app_start_creates_the_sqlite_store_in_wal_mode(tmp_path: Path) -> None:
    data = tmp_path / "data"
    async with serve_settings(settings_for(data)) as live:
        assert (await live.client.get("/health")).status_code == 200
    with sqlite3.connect(data / "autoarr.db") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (_head(),)
