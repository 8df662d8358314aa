"""The store with two replicas writing at once: the same answers on SQLite and PostgreSQL, nothing done twice.

Each "replica" is its own engine on the same database. SQLite runs one writer at a time by itself; a
PostgreSQL deployment is where replicas really interleave, so the races that only it allows are run there.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from autoarr.store.audit_repo import AuditCounts, AuditRepository, ChangeRecord, ChangeRepository, FiredRule
from autoarr.store.database import HEAD_REVISION, Database, current_revision, migrate_to_head, open_database
from autoarr.store.downloads_repo import FinishedJob, SeenDownloadRepository
from autoarr.store.recovery_repo import NewAttempt, RecoveryRepository
from autoarr.store.secret_box import SecretBox
from autoarr.store.settings_repo import SettingsRepository
from autoarr.store.tables import Recommendation, RecoveryAttempt

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
Replicas = Callable[[int], Awaitable[list[Database]]]


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'store.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
async def replicas(database_url: str) -> AsyncIterator[Replicas]:
    """`await replicas(n)`: n engines on one migrated database, as n replicas would hold them."""
    opened: list[Database] = []

    async def open_many(count: int) -> list[Database]:
        databases = [open_database(database_url) for _ in range(count)]
        opened.extend(databases)
        await migrate_to_head(databases[0])
        return databases

    yield open_many
    for database in opened:
        await database.close()


def postgresql_only(database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("a race only replicas on PostgreSQL can run (SQLite allows one writer and one replica)")


def fired(rule_id: str, *, service: str = "sabnzbd") -> FiredRule:
    return FiredRule(
        service=service,
        rule_id=rule_id,
        setting_name=rule_id,
        setting_path=f"misc.{rule_id}",
        category="performance",
        priority="high",
        current_value="0",
        recommended_value="1",
        detail="x" * 3000,  # longer than the column: stored cut, on PostgreSQL as on SQLite
    )


def counts(audit_id: str) -> AuditCounts:
    return AuditCounts(
        audit_id=audit_id,
        created_at=NOW,
        services=["sabnzbd"],
        by_priority={"high": 1},
        issues_found={"sabnzbd": 1},
        errors={},
        web_search={},
    )


async def test_replicas_migrating_one_fresh_database_at_once_both_reach_head(database_url: str) -> None:
    postgresql_only(database_url)
    databases = [open_database(database_url) for _ in range(3)]
    try:
        await asyncio.gather(*(migrate_to_head(database) for database in databases))
        assert [await current_revision(database) for database in databases] == [HEAD_REVISION] * 3
    finally:
        for database in databases:
            await database.close()


async def test_a_finished_job_is_recorded_once_whichever_replica_records_it(replicas: Replicas) -> None:
    a, b = (SeenDownloadRepository(database.sessions) for database in await replicas(2))
    jobs = [FinishedJob(nzo_id=f"SABnzbd_nzo_{n}", status="Failed", title="t" * 600) for n in range(20)]
    first, second = await asyncio.gather(a.remember_announced(jobs), b.remember_announced(reversed(jobs)))
    assert first | second == {job.nzo_id for job in jobs}
    assert not first & second  # each id went to one recorder only: the other would not announce it again
    assert await b.remember_announced(jobs[:3]) == set()
    assert await a.count() == {"seen": 20, "announced": 20}


async def test_a_baseline_taken_twice_is_taken_once(replicas: Replicas) -> None:
    a, b = (SeenDownloadRepository(database.sessions) for database in await replicas(2))
    jobs = [FinishedJob(nzo_id="SABnzbd_nzo_old", status="Completed", title="Old")]
    await asyncio.gather(a.remember_baseline(jobs), b.remember_baseline(jobs))
    assert await a.baseline_taken()
    assert await b.unseen(["SABnzbd_nzo_old", "SABnzbd_nzo_new"]) == {"SABnzbd_nzo_new"}
    assert await a.count() == {"seen": 1, "announced": 0}


async def test_audits_saved_by_two_replicas_at_once_keep_one_recommendation_per_rule(
    replicas: Replicas, database_url: str
) -> None:
    postgresql_only(database_url)
    databases = await replicas(2)
    repositories = [AuditRepository(database.sessions) for database in databases]
    await asyncio.gather(
        *(
            repositories[n % 2].save_audit(counts(f"audit_{n}"), fired=[fired("cache_limit")], passed=[])
            for n in range(8)
        )
    )
    async with databases[0].sessions() as session:
        rows = list(await session.scalars(select(Recommendation)))
    assert [(row.rule_id, row.status) for row in rows] == [("cache_limit", "open")]
    assert len(rows[0].detail or "") == 2000


async def test_recommendation_ids_from_many_replicas_are_distinct_and_rise(
    replicas: Replicas, database_url: str
) -> None:
    postgresql_only(database_url)
    databases = await replicas(3)
    await asyncio.gather(
        *(
            AuditRepository(databases[n % 3].sessions).save_audit(
                counts(f"audit_{n}"), fired=[fired(f"rule_{n}")], passed=[]
            )
            for n in range(12)
        )
    )
    async with databases[1].sessions() as session:
        rows = list(await session.scalars(select(Recommendation).order_by(Recommendation.first_audit_id)))
    ids = [row.id for row in rows]
    assert len(set(ids)) == 12
    by_creation = sorted(rows, key=lambda row: row.id)
    assert [row.id for row in by_creation] == sorted(ids)


async def test_of_two_replicas_applying_one_recommendation_at_once_exactly_one_wins(replicas: Replicas) -> None:
    databases = await replicas(2)
    await AuditRepository(databases[0].sessions).save_audit(counts("audit_1"), fired=[fired("cache_limit")], passed=[])
    async with databases[0].sessions() as session:
        recommendation = (await session.scalars(select(Recommendation))).one()
    change = ChangeRecord(
        recommendation_id=recommendation.id,
        action="apply",
        actor="key-1",
        service="sabnzbd",
        setting_path="misc.cache_limit",
        before="0",
        after="1",
        at=NOW,
    )
    results = await asyncio.gather(
        *(
            ChangeRepository(databases[n % 2].sessions).mark_applied(change, expected_version=recommendation.version)
            for n in range(6)
        )
    )
    assert results.count(True) == 1
    changes = await ChangeRepository(databases[1].sessions).changes(recommendation.id)
    assert [c.action for c in changes] == ["apply"]
    again = await AuditRepository(databases[1].sessions).recommendation(recommendation.id)
    assert again is not None
    assert (again.status, again.version) == ("applied", recommendation.version + 1)


async def test_a_failed_download_gets_one_recovery_attempt_whoever_records_it(replicas: Replicas) -> None:
    databases = await replicas(2)
    attempt = NewAttempt(
        download_id="SABnzbd_nzo_failed",
        title="A.Show.S01E01",
        owner="none",
        action="retry",
        result="pending",
        attempt=1,
        detail="e" * 5000,
        due_at=NOW + timedelta(minutes=5),
    )
    rows = await asyncio.gather(
        *(RecoveryRepository(databases[n % 2].sessions).record(attempt, now=NOW) for n in range(4))
    )
    recorded = [row for row in rows if row is not None]
    assert len(recorded) == 1
    assert len(recorded[0].detail or "") == 1000
    claims = await asyncio.gather(
        *(
            RecoveryRepository(databases[n % 2].sessions).move(
                recorded[0].id, from_result="pending", now=NOW, result="running"
            )
            for n in range(4)
        )
    )
    assert claims.count(True) == 1
    async with databases[0].sessions() as session:
        assert await session.scalar(select(func.count()).select_from(RecoveryAttempt)) == 1


async def test_two_replicas_saving_one_setting_at_once_both_succeed(replicas: Replicas, tmp_path: Path) -> None:
    databases = await replicas(2)
    box = SecretBox(tmp_path)
    a, b = (SettingsRepository(database.sessions, box=box, secret_paths=frozenset()) for database in databases)
    await asyncio.gather(
        *(
            (a if n % 2 else b).save({"monitoring.download_poll_seconds": n, "audit.enabled": True}, dropped=set())
            for n in range(6)
        )
    )
    stored = dict(await a.load())
    assert stored["audit.enabled"] is True
    assert stored["monitoring.download_poll_seconds"] in range(6)
    assert len(await b.load()) == 2
