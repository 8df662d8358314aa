"""SeenDownloadRepository: the failures recovery catches up on are the announced ones in the window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import update

from autoarr.store.database import migrate_to_head, open_database
from autoarr.store.downloads_repo import FinishedJob, SeenDownloadRepository
from autoarr.store.tables import SeenDownload
from tests.live import settings_for


async def test_failures_since_lists_announced_failures_in_the_window_oldest_first(tmp_path: Path) -> None:
    database = open_database(settings_for(tmp_path).effective_database_url)
    try:
        await migrate_to_head(database)
        seen = SeenDownloadRepository(database.sessions)
        await seen.remember_baseline([FinishedJob("before", "Failed", "Failed before AutoArr watched")])
        await seen.remember_announced([FinishedJob("old", "Failed", "Old"), FinishedJob("done", "Completed", "Done")])
        await seen.remember_announced([FinishedJob("new", "Failed", "New")])
        moved = datetime.now(UTC) - timedelta(hours=7)
        async with database.sessions() as session, session.begin():
            await session.execute(update(SeenDownload).where(SeenDownload.nzo_id == "old").values(seen_at=moved))
        cutoff = datetime.now(UTC) - timedelta(hours=6)
        assert await seen.failures_since(cutoff) == [FinishedJob("new", "Failed", "New")]
        assert [job.nzo_id for job in await seen.failures_since(moved)] == ["old", "new"]
    finally:
        await database.close()
