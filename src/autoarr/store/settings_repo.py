"""Settings changed through the API, by path; they win over the environment from then on."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from autoarr.logs import get_logger
from autoarr.store.dialects import upsert
from autoarr.store.secret_box import SecretBox
from autoarr.store.tables import SettingOverride

log = get_logger("autoarr.store.settings")


class SettingsRepository:
    """SQL for stored setting overrides; values of `secret_paths` are sealed, never stored as they are."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], *, box: SecretBox, secret_paths: frozenset[str]
    ) -> None:
        self._sessions = sessions
        self._box = box
        self._secret_paths = secret_paths

    async def load(self) -> list[tuple[str, Any]]:
        """Every stored override, oldest first (later ones are laid over earlier ones)."""
        async with self._sessions() as session:
            rows = list(await session.scalars(select(SettingOverride).order_by(SettingOverride.updated_at)))
        loaded: list[tuple[str, Any]] = []
        for row in rows:
            if row.key in self._secret_paths:
                try:
                    loaded.append((row.key, self._box.open(str(row.value))))
                except ValueError:
                    log.warning("stored secret cannot be opened (was the key file replaced?)", setting=row.key)
                continue
            loaded.append((row.key, row.value))
        return loaded

    async def save(self, changes: Mapping[str, Any], *, dropped: set[str]) -> None:
        """Store `changes` and forget `dropped`, all in one transaction."""
        changes = {k: self._box.seal(v) if k in self._secret_paths else v for k, v in changes.items()}
        now = datetime.now(UTC)
        async with self._sessions() as session, session.begin():
            if dropped:
                await session.execute(delete(SettingOverride).where(SettingOverride.key.in_(dropped)))
            for key, value in changes.items():  # an upsert: two replicas saving one key at once both succeed
                await upsert(session, SettingOverride, {"key": key, "value": value, "updated_at": now}, key="key")
