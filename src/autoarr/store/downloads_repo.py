"""What the download monitor remembers: finished jobs already seen, and whether its baseline was taken."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from autoarr.store.dialects import insert_new
from autoarr.store.tables import RuntimeMark, SeenDownload

BASELINE_MARK = "download_monitor.baseline_at"


@dataclass(frozen=True)
class FinishedJob:
    nzo_id: str
    status: str
    title: str


class SeenDownloadRepository:
    """SQL for the download monitor (and nothing else)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def baseline_taken(self) -> bool:
        async with self._sessions() as session:
            return await session.get(RuntimeMark, BASELINE_MARK) is not None

    async def unseen(self, nzo_ids: Iterable[str]) -> set[str]:
        """The ids among these that were never recorded."""
        wanted = set(nzo_ids)
        if not wanted:
            return set()
        async with self._sessions() as session:
            rows = await session.scalars(select(SeenDownload.nzo_id).where(SeenDownload.nzo_id.in_(wanted)))
            return wanted - set(rows)

    async def remember_baseline(self, jobs: Iterable[FinishedJob]) -> None:
        """The first poll: jobs already finished are remembered unannounced, and the baseline marked taken.

        Rows someone else recorded first (another replica, a poll that overlapped) are kept as they are.
        """
        now = datetime.now(UTC)
        async with self._sessions() as session, session.begin():
            await insert_new(session, SeenDownload, self._rows(jobs, announced=False, now=now), key="nzo_id")
            mark = {"key": BASELINE_MARK, "value": now.isoformat(), "updated_at": now}
            await insert_new(session, RuntimeMark, [mark], key="key")

    async def remember_announced(self, jobs: Iterable[FinishedJob]) -> set[str]:
        """Jobs whose events are published: never announce them again; the ids this call recorded first."""
        async with self._sessions() as session, session.begin():
            rows = self._rows(jobs, announced=True, now=datetime.now(UTC))
            return {str(nzo_id) for nzo_id in await insert_new(session, SeenDownload, rows, key="nzo_id")}

    async def failures_since(self, cutoff: datetime) -> list[FinishedJob]:
        """Failures announced at or after `cutoff`, oldest first (what recovery catches up on after a restart)."""
        query = (
            select(SeenDownload)
            .where(SeenDownload.announced, SeenDownload.status == "Failed", SeenDownload.seen_at >= cutoff)
            .order_by(SeenDownload.seen_at, SeenDownload.nzo_id)
        )
        async with self._sessions() as session:
            rows = await session.scalars(query)
            return [FinishedJob(nzo_id=row.nzo_id, status=row.status, title=row.title) for row in rows]

    @staticmethod
    def _rows(jobs: Iterable[FinishedJob], *, announced: bool, now: datetime) -> list[dict[str, Any]]:
        unique = {job.nzo_id: job for job in jobs}  # one row per id, even if a caller lists a job twice
        return [
            {"nzo_id": j.nzo_id, "status": j.status, "title": j.title[:500], "announced": announced, "seen_at": now}
            for j in unique.values()
        ]

    async def count(self) -> dict[str, Any]:
        async with self._sessions() as session:
            rows = list(await session.scalars(select(SeenDownload)))
        return {"seen": len(rows), "announced": sum(1 for r in rows if r.announced)}
