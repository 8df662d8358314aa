"""The download monitor: polls SABnzbd's history and announces each failure and completion exactly once.

The first poll ever takes a baseline (jobs already finished are remembered, not announced). What was
seen is kept in the store, so a restart neither repeats nor loses an announcement. SABnzbd's
`last_history_update` counter lets an unchanged history cost one tiny reply.

SABnzbd reads that counter AFTER building the rows it answers with (api.py), so a job stored in between
is counted but not listed. A counter is therefore trusted only once two full reads in a row gave it:
the second read was built after the counter was reached, so it lists everything the counter counts.
The price is one more full read after each change.
"""

from __future__ import annotations

import asyncio

from autoarr.bus import DownloadCompleted, DownloadFailed, EventBus
from autoarr.errors import AutoArrError
from autoarr.integrations.registry import Integrations
from autoarr.integrations.sabnzbd.models import HistorySlot
from autoarr.logs import get_logger
from autoarr.pacing import Pacer, stop_tasks
from autoarr.settings import Settings
from autoarr.store.downloads_repo import FinishedJob, SeenDownloadRepository

log = get_logger("autoarr.downloads")

# Newest rows looked at per poll; more jobs than this finishing between two polls is not a home stack.
HISTORY_WINDOW = 100


class DownloadMonitor:
    """One poller for SABnzbd's history; everyone else listens on the bus."""

    def __init__(
        self,
        integrations: Integrations,
        bus: EventBus,
        repository: SeenDownloadRepository,
        *,
        interval_seconds: float,
    ) -> None:
        self._integrations = integrations
        self._bus = bus
        self._repository = repository
        self.pacer = Pacer(interval_seconds)
        self._trusted_update: int | None = None  # sent as `since`: an answer at this counter listed everything
        self._last_update: int | None = None  # the counter of the last full read
        self._task: asyncio.Task[None] | None = None
        self._polling = asyncio.Lock()  # the loop and a caller (tests, a manual poll) never overlap
        self.polls = 0  # finished polls

    async def poll_once(self) -> list[str]:
        """Look at SABnzbd's history once; returns the ids announced by this poll."""
        async with self._polling:
            try:
                return await self._poll()
            except AutoArrError:
                self._forget_counter()  # SABnzbd may have restarted (its counter starts again at 1)
                raise
            finally:
                self.polls += 1  # counted once finished: after the first, the baseline is taken (or SABnzbd failed)

    async def _poll(self) -> list[str]:
        sabnzbd = self._integrations.sabnzbd
        history = await sabnzbd.history_if_changed(since=self._trusted_update, limit=HISTORY_WINDOW)
        if history is None:
            return []
        finished = [slot for slot in history.slots if slot.is_final]
        if not await self._repository.baseline_taken():
            await self._repository.remember_baseline(_jobs(finished))
            self._remember_counter(history.last_history_update)
            log.info("download monitor baseline taken", finished_jobs=len(finished))
            return []
        unseen = await self._repository.unseen(slot.nzo_id for slot in finished)
        new = [slot for slot in reversed(finished) if slot.nzo_id in unseen]  # oldest first
        # Remembered before announcing: a crash in between loses an event rather than repeating one.
        await self._repository.remember_announced(_jobs(new))
        for slot in new:
            await self._bus.publish(_event(slot), request_id=None)
        self._remember_counter(history.last_history_update)
        return [slot.nzo_id for slot in new]

    def _forget_counter(self) -> None:
        self._trusted_update = self._last_update = None

    def _remember_counter(self, counter: int) -> None:
        """Trust `counter` once a second full read in a row gave it (see the module's docstring)."""
        self._trusted_update = counter if counter == self._last_update else None
        self._last_update = counter

    async def apply_settings(self, settings: Settings) -> None:
        """A new poll interval applies at once; polling starts when SABnzbd becomes enabled."""
        self.pacer.change(settings.download_poll_seconds)
        self._forget_counter()  # perhaps another SABnzbd now, with a counter of its own
        if settings.service("sabnzbd") is not None:
            self.start()

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="autoarr-download-monitor")

    async def stop(self) -> None:
        task, self._task = self._task, None
        await stop_tasks(task)

    async def _run(self) -> None:
        while True:
            try:
                await self.poll_once()
            except AutoArrError as exc:  # SABnzbd down: its breaker and /health say so; try again next time
                log.info("download poll skipped", error=exc.message)
            except Exception:
                log.exception("download poll failed")
            await self.pacer.wait()


def _jobs(slots: list[HistorySlot]) -> list[FinishedJob]:
    return [FinishedJob(nzo_id=s.nzo_id, status=s.status, title=s.name) for s in slots]


def _event(slot: HistorySlot) -> DownloadFailed | DownloadCompleted:
    if slot.failed:
        return DownloadFailed(download_id=slot.nzo_id, title=slot.name, reason=slot.fail_message or "Failed")
    return DownloadCompleted(download_id=slot.nzo_id, title=slot.name, category=slot.category, size=slot.bytes)
