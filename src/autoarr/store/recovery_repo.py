"""SQL for recovery attempts: one row per failed job, so nothing is ever done twice for the same failure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from autoarr.store.tables import RecoveryAttempt


@dataclass(frozen=True)
class NewAttempt:
    download_id: str
    title: str
    owner: str
    action: str
    result: str
    attempt: int
    detail: str | None
    due_at: datetime | None


class RecoveryRepository:
    """Attempts, claimed and finished with conditional updates (a second claimer gets nothing)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def record(self, attempt: NewAttempt, *, now: datetime) -> RecoveryAttempt | None:
        """The new attempt, or None when this failed job already has one (it was dealt with before)."""
        values = {**vars(attempt), "title": attempt.title[:500], "detail": _clip(attempt.detail)}
        row = RecoveryAttempt(**values, created_at=now, updated_at=now)
        try:
            async with self._sessions() as session, session.begin():
                session.add(row)
        except IntegrityError:
            return None
        return row

    async def exists(self, download_id: str) -> bool:
        async with self._sessions() as session:
            found = await session.scalar(select(RecoveryAttempt.id).where(RecoveryAttempt.download_id == download_id))
            return found is not None

    async def retries_of(self, title: str) -> int:
        """How many retries this job's lineage has had (SABnzbd keeps the name across retries)."""
        async with self._sessions() as session:
            count = await session.scalar(
                select(func.count()).where(RecoveryAttempt.title == title, RecoveryAttempt.action == "retry")
            )
            return int(count or 0)

    async def due(self, now: datetime) -> list[RecoveryAttempt]:
        async with self._sessions() as session:
            rows = await session.scalars(
                select(RecoveryAttempt)
                .where(RecoveryAttempt.result == "pending", RecoveryAttempt.due_at <= now)
                .order_by(RecoveryAttempt.due_at)
            )
            return list(rows)

    async def interrupted(self) -> list[RecoveryAttempt]:
        """Attempts that were running when AutoArr stopped."""
        async with self._sessions() as session:
            return list(await session.scalars(select(RecoveryAttempt).where(RecoveryAttempt.result == "running")))

    async def next_due(self) -> datetime | None:
        async with self._sessions() as session:
            moment: datetime | None = await session.scalar(
                select(func.min(RecoveryAttempt.due_at)).where(RecoveryAttempt.result == "pending")
            )
            return moment

    async def move(self, attempt_id: int, *, from_result: str, now: datetime, **values: Any) -> bool:
        """Change an attempt only if it is still in `from_result` (claiming: exactly one mover wins)."""
        if "detail" in values:
            values["detail"] = _clip(values["detail"])
        async with self._sessions() as session, session.begin():
            result = await session.execute(
                update(RecoveryAttempt)
                .where(RecoveryAttempt.id == attempt_id, RecoveryAttempt.result == from_result)
                .values(**values, updated_at=now)
            )
            return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    async def page(self, *, page: int, page_size: int) -> tuple[list[RecoveryAttempt], int]:
        """Newest first."""
        async with self._sessions() as session:
            total = await session.scalar(select(func.count()).select_from(RecoveryAttempt)) or 0
            rows = await session.scalars(
                select(RecoveryAttempt)
                .order_by(RecoveryAttempt.created_at.desc(), RecoveryAttempt.id.desc())
                .offset((page - 1) * page_size)
                .limit(page_size)
            )
            return list(rows), total


def _clip(detail: str | None) -> str | None:
    """Details come from upstream error messages of any length; the column (PostgreSQL enforces it) holds 1000."""
    return detail[:1000] if detail else detail
