"""Automatic recovery of failed downloads, acting only where neither Sonarr nor Radarr will.

It listens for `download.failed` (published once per failure by the download monitor), works out who
owns the job (`ownership.decide`), records the decision (one row per failed job, so nothing is done
twice, also across restarts), and acts: marks the grab failed in the owning *arr, or retries the job in
SABnzbd after an exponential backoff, or leaves it to its owner. Retries are due at a time and run by
`run_due(now)`, which tests call with their own clock.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from autoarr.bus import DownloadFailed, DownloadRecovery, DownloadRetried, EventBus, utc_now
from autoarr.errors import AutoArrError, NotFoundError
from autoarr.events.ownership import ArrView, Decision, decide
from autoarr.formatting import iso_utc
from autoarr.integrations._arr import ArrClient
from autoarr.integrations.registry import Integrations
from autoarr.logs import get_logger
from autoarr.pacing import Pacer, stop_tasks
from autoarr.settings import Settings
from autoarr.store.downloads_repo import SeenDownloadRepository
from autoarr.store.recovery_repo import NewAttempt, RecoveryRepository
from autoarr.store.tables import RecoveryAttempt

log = get_logger("autoarr.recovery")

DUE_CHECK_SECONDS = 15.0
# How far back a restarted AutoArr (or a new leader) looks for failures announced but never handled: long
# enough for an outage of an evening, short enough that turning recovery on does not act on old failures.
CATCH_UP_WINDOW = timedelta(hours=6)


class RecoveryService:
    """Decides and acts on failed downloads; `handle_failure` and `run_due` are the two entry points."""

    def __init__(
        self,
        integrations: Integrations,
        repository: RecoveryRepository,
        bus: EventBus,
        settings: Settings,
        *,
        seen: SeenDownloadRepository | None = None,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self._integrations = integrations
        self._seen = seen
        self._repository = repository
        self._bus = bus
        self._now = now
        self._settings = settings
        self._tasks: list[asyncio.Task[None]] = []
        self.pacer = Pacer(DUE_CHECK_SECONDS)
        self.handled = 0  # failures looked at (tests wait on it)

    async def apply_settings(self, settings: Settings) -> None:
        self._settings = settings

    # ---- deciding ---------------------------------------------------------------------------------------

    async def handle_failure(self, download_id: str, title: str) -> RecoveryAttempt | None:
        """Decide what to do about one failed job and do it (retries are scheduled); None when off or done before."""
        try:
            if not self._settings.recovery_enabled or await self._repository.exists(download_id):
                return None
            decision = await self._decide(download_id, title)
            return await self._act(download_id, title, decision)
        finally:
            self.handled += 1

    async def _decide(self, download_id: str, title: str) -> Decision:
        views = [await self._view(name, client, download_id) for name, client in self._arrs()]
        settings = self._settings
        return decide(
            views,
            may_mark={"sonarr": settings.recovery_mark_failed_sonarr, "radarr": settings.recovery_mark_failed_radarr},
            retries_so_far=await self._repository.retries_of(title),
            retry_limit=settings.recovery_retry_limit,
        )

    def _arrs(self) -> list[tuple[str, ArrClient]]:
        names = {slot.name for slot in self._integrations}
        arrs: list[tuple[str, ArrClient]] = []
        if "sonarr" in names:
            arrs.append(("sonarr", self._integrations.sonarr))
        if "radarr" in names:
            arrs.append(("radarr", self._integrations.radarr))
        return arrs

    @staticmethod
    async def _view(service: str, client: ArrClient, download_id: str) -> ArrView:
        history = (await client.history_page(download_id=download_id, page_size=50)).records
        queue = [item for item in await client.queue_all() if item.download_id == download_id]
        config = await client.config("downloadclient") if (history or queue) else {}
        grab = next((record.id for record in history if record.event_type == "grabbed"), None)
        return ArrView(
            service=service,
            grab_history_id=grab,
            already_failed=any(record.event_type == "downloadFailed" for record in history),
            queue_states=tuple(item.tracked_download_state for item in queue),
            completed_download_handling=bool(config.get("enableCompletedDownloadHandling", False)),
            redownload_failed=bool(config.get("autoRedownloadFailed", False)),
        )

    # ---- acting -----------------------------------------------------------------------------------------

    async def _act(self, download_id: str, title: str, decision: Decision) -> RecoveryAttempt | None:
        now = self._now()
        retries = await self._repository.retries_of(title)
        due = now + timedelta(seconds=self._settings.recovery_backoff_seconds * 2**retries)
        scheduled = decision.action == "retry"
        immediate = decision.action == "mark_failed"
        row = await self._repository.record(
            NewAttempt(
                download_id=download_id,
                title=title,
                owner=decision.owner,
                action=decision.action,
                result="pending" if scheduled else ("running" if immediate else "done"),
                attempt=retries + 1 if scheduled else 0,
                detail=decision.reason,
                due_at=due if scheduled else None,
            ),
            now=now,
        )
        if row is None:  # another handler got there first
            return None
        log.info("recovery decided", download_id=download_id, owner=decision.owner, action=decision.action)
        if immediate:
            await self._mark_failed(row)
        elif not scheduled:
            await self._announce(row, result="done")
        self.pacer.wake()
        return row

    async def _mark_failed(self, row: RecoveryAttempt) -> None:
        client = self._integrations.sonarr if row.owner == "sonarr" else self._integrations.radarr
        view = await self._view(row.owner, client, row.download_id)
        try:
            if view.already_failed:
                detail = f"{row.owner} had already recorded the failure"
            elif view.grab_history_id is None:
                raise NotFoundError(f"{row.owner} no longer has a grab record for {row.download_id}")
            else:
                await client.mark_failed(view.grab_history_id)
                detail = f"marked failed in {row.owner}: it blocklists the release and searches for another"
        except AutoArrError as exc:
            await self._finish(row, result="failed", detail=exc.message)
            return
        await self._finish(row, result="done", detail=detail)

    async def run_due(self, now: datetime | None = None) -> list[str]:
        """Run every retry due at `now`; the new SABnzbd ids."""
        moment = now or self._now()
        done: list[str] = []
        for row in await self._repository.due(moment):
            if not await self._repository.move(row.id, from_result="pending", now=moment, result="running"):
                continue  # claimed by someone else
            try:
                new_id = await self._integrations.sabnzbd.retry(row.download_id)
            except AutoArrError as exc:
                await self._finish(row, result="failed", detail=exc.message)
                continue
            await self._repository.move(
                row.id, from_result="running", now=moment, result="done", new_download_id=new_id
            )
            await self._bus.publish(DownloadRetried(download_id=row.download_id, new_download_id=new_id))
            log.info("download retried", download_id=row.download_id, new_download_id=new_id, attempt=row.attempt)
            done.append(new_id)
        return done

    async def resume_interrupted(self) -> None:
        """After a restart (or on becoming the leader): finish what was running, without doing anything twice,
        and take up failures announced recently that recovery never looked at.
        """
        for row in await self._repository.interrupted():
            if row.action == "retry":
                # SABnzbd removes the old row when it retries: gone means the retry happened.
                place = await self._integrations.sabnzbd.find_job(row.download_id)
                if place is None:
                    await self._finish(row, result="done", detail="retried before AutoArr restarted")
                else:
                    await self._repository.move(row.id, from_result="running", now=self._now(), result="pending")
            elif row.action == "mark_failed":
                await self._mark_failed(row)  # marking checks the *arr's history first: never twice
        await self._catch_up()

    async def _catch_up(self) -> None:
        # The monitor records a failure before announcing it, and recovery records its attempt after
        # hearing it: a process (or a leader) that stopped in between announced a failure nobody handled.
        if self._seen is None or not self._settings.recovery_enabled:
            return
        for job in await self._seen.failures_since(self._now() - CATCH_UP_WINDOW):
            if await self._repository.exists(job.nzo_id):
                continue
            log.info("recovery catching up", download_id=job.nzo_id)
            try:
                await self.handle_failure(job.nzo_id, job.title)
            except Exception:  # one job's trouble (Sonarr still starting...) must not hide the others
                log.exception("recovery catch-up failed", download_id=job.nzo_id)

    async def _finish(self, row: RecoveryAttempt, *, result: str, detail: str) -> None:
        await self._repository.move(row.id, from_result="running", now=self._now(), result=result, detail=detail)
        await self._announce(row, result=result, detail=detail)

    async def _announce(self, row: RecoveryAttempt, *, result: str, detail: str | None = None) -> None:
        await self._bus.publish(
            DownloadRecovery(
                download_id=row.download_id,
                title=row.title,
                owner=row.owner,
                action=row.action,
                result=result,
                detail=detail or row.detail,
            )
        )

    # ---- listing ----------------------------------------------------------------------------------------

    async def attempts(self, *, page: int = 1, page_size: int = 20) -> dict[str, Any]:
        """`GET /api/v1/downloads/recovery`: attempts newest first, paged."""
        rows, total = await self._repository.page(page=page, page_size=page_size)
        return {
            "attempts": [
                {
                    "id": row.id,
                    "download_id": row.download_id,
                    "title": row.title,
                    "owner": row.owner,
                    "action": row.action,
                    "result": row.result,
                    "attempt": row.attempt,
                    "detail": row.detail,
                    "new_download_id": row.new_download_id,
                    "due_at": iso_utc(row.due_at),
                    "created_at": iso_utc(row.created_at),
                    "updated_at": iso_utc(row.updated_at),
                }
                for row in rows
            ],
            "pagination": {
                "page": page,
                "page_size": page_size,
                "total_items": total,
                "total_pages": -(-total // page_size),
            },
        }

    # ---- running ----------------------------------------------------------------------------------------

    def start(self) -> None:
        if not self._tasks:
            self._tasks = [
                asyncio.create_task(self._listen(), name="autoarr-recovery-listen"),
                asyncio.create_task(self._tick(), name="autoarr-recovery-due"),
            ]

    async def stop(self) -> None:
        tasks, self._tasks = self._tasks, []
        await stop_tasks(*tasks)

    async def _listen(self) -> None:
        with self._bus.subscribe(types=[DownloadFailed], maxsize=1000) as failures:
            async for event in failures:
                data = event.data
                assert isinstance(data, DownloadFailed)
                try:
                    await self.handle_failure(data.download_id, data.title)
                except Exception:  # one failure's trouble must not stop recovery of the next
                    log.exception("recovery failed", download_id=data.download_id)

    async def _tick(self) -> None:
        try:
            await self.resume_interrupted()
        except Exception:  # e.g. SABnzbd down at start: the due loop below carries on regardless
            log.exception("resuming interrupted recovery failed")
        while True:
            await self.pacer.wait()
            try:
                await self.run_due()
            except AutoArrError as exc:
                log.info("recovery retries postponed", error=exc.message)
            except Exception:
                log.exception("recovery round failed")
