"""The simulated SABnzbd's state: queue, history, config, warnings, and a clock moved by `tick`."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from autoarr.sim.downloads import DOWNLOADS, NOT_ON_SERVER, SimDownload
from autoarr.sim.sabnzbd_config import SabnzbdConfig
from autoarr.sim.sabnzbd_format import GIBI, MEBI
from autoarr.sim.sabnzbd_jobs import (
    CATEGORY_DEFAULT,
    FORCE,
    PAUSED_PRIORITY,
    URL_FAILED,
    HistoryEntry,
    SabFile,
    SabJob,
    new_id,
)

__all__ = ["NOT_ON_SERVER", "URL_FAILED", "SabnzbdState"]

URL_JOB_BYTES = 734_003_200  # what an addurl job weighs once its (imaginary) NZB has been fetched
_SEED_PROGRESS = MappingProxyType({"Downloading": 0.42})  # share already fetched when the simulator starts
_SEED_AGES_DAYS = (2, 9, 41, 1, 3, 12, 30, 5)


@dataclass
class SabnzbdState:
    """Everything one simulated SABnzbd holds. Tests and the demo move time with `tick`."""

    config: SabnzbdConfig = field(default_factory=SabnzbdConfig.seeded)
    queue: list[SabJob] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)  # newest first
    warnings: list[dict[str, Any]] = field(default_factory=list)
    now: float = field(default_factory=time.time)
    started: float = field(default_factory=time.time)
    paused: bool = False
    speedlimit: str = "0"
    speedlimit_abs: str = "0"
    line_speed: int = 10 * MEBI  # bytes per second the simulated line delivers
    disk_free: int = 1_650 * GIBI
    disk_total: int = 3_720 * GIBI
    history_counter: int = 1
    next_history_id: int = 1
    daily_bytes: dict[str, int] = field(default_factory=dict)

    @classmethod
    def seeded(cls, *, now: float | None = None) -> SabnzbdState:
        """The shared demo stack: the DOWNLOADS table as queue and history, the planted config."""
        state = cls(now=time.time() if now is None else now)
        state.started = state.now - 3 * 86400
        history_rows = [row for row in DOWNLOADS if row.place == "history"]
        for index, row in enumerate(DOWNLOADS):
            if row.place == "queue":
                state.queue.append(state._seed_job(row, age_days=_SEED_AGES_DAYS[index]))
        # The oldest history row gets id 1; the table lists the newest first.
        for offset, row in reversed(list(enumerate(history_rows))):
            job = state._seed_job(row, age_days=_SEED_AGES_DAYS[offset])
            failed = row.status == "Failed"
            entry = state._history_entry(job, failed=failed, message=row.fail_message, downloaded=None)
            entry.completed = int(state.now - (offset + 1) * 5 * 3600)
            state.history.insert(0, entry)
        state.history_counter = 1 + len(history_rows)
        return state

    # ---- the clock -----------------------------------------------------------------------------

    def tick(self, seconds: float) -> None:
        """Let `seconds` pass: URL jobs get their NZB, downloads progress, finished jobs go to history."""
        self.now += seconds
        for job in self.queue:
            job.grabbing = False  # every URL "fetch" succeeds one tick later; `finish` simulates a failed one
        budget = int(self.speed() * seconds)
        for job in list(self.downloadable()):
            if budget <= 0:
                break
            taken = min(budget, job.bytes_left)
            job.bytes_left -= taken
            budget -= taken
            day = time.strftime("%Y-%m-%d", time.gmtime(self.now))
            self.daily_bytes[day] = self.daily_bytes.get(day, 0) + taken
            if job.bytes_left == 0:
                self.finish(job.nzo_id)

    def speed(self) -> int:
        """Bytes per second while something downloads: the line speed under the speed limit."""
        if not any(True for _ in self.downloadable()):
            return 0
        limit = int(self.speedlimit_abs or 0)
        if limit:
            return min(self.line_speed, limit)
        percent = int(self.speedlimit or 0)
        return self.line_speed * percent // 100 if 0 < percent < 100 else self.line_speed

    def downloadable(self) -> list[SabJob]:
        """Jobs the downloader works on, in order: not paused, not fetching; only Force during a pause."""
        return [
            job
            for job in self.queue
            if not job.paused and not job.grabbing and (not self.paused or job.priority == FORCE)
        ]

    # ---- test and demo helpers -----------------------------------------------------------------

    def finish(self, nzo_id: str, *, failed: bool = False, message: str | None = None) -> HistoryEntry:
        """Move a queued job to history as Completed, or Failed with `message` (KeyError if not queued)."""
        job = self.find(nzo_id)
        if job is None:
            raise KeyError(nzo_id)
        self.queue.remove(job)
        if message is None and failed:
            message = URL_FAILED if job.grabbing else NOT_ON_SERVER
        entry = self._history_entry(job, failed=failed, message=message or "", downloaded=job.downloaded)
        self.history.insert(0, entry)
        self.history_counter += 1
        return entry

    def add_warning(self, text: str, *, origin: str) -> None:
        """Append to `mode=warnings` as SABnzbd's logger does."""
        self.warnings.append({"type": "WARNING", "text": text, "time": int(self.now), "origin": origin})

    # ---- queue operations ----------------------------------------------------------------------

    def find(self, nzo_id: str) -> SabJob | None:
        """A queued job by id."""
        return next((job for job in self.queue if job.nzo_id == nzo_id), None)

    def add_job(
        self,
        *,
        name: str,
        files: list[SabFile],
        category: str | None,
        priority: int,
        pp: str | None,
        nzb_name: str,
        password: str = "",
        url: str | None = None,
    ) -> SabJob:
        """Queue a new job the way addfile/addurl do, placed by priority. Returns it."""
        cat = category if category and self.config.category(category) else "*"
        size = sum(nzf.size_bytes for nzf in files)
        job = SabJob(
            nzo_id=new_id(),
            name=name,
            category=cat,
            size_bytes=size,
            bytes_left=size,
            priority=self._resolve_priority(priority, cat),
            unpackopts=pp if pp in {"0", "1", "2", "3"} else self._category_pp(cat),
            posted=min((nzf.posted for nzf in files), default=self.now),
            files=files,
            nzb_name=nzb_name,
            paused=priority == PAUSED_PRIORITY,
            password=password,
            url=url,
            grabbing=url is not None,
        )
        self._insert(job)
        return job

    def set_priority(self, nzo_id: str, priority: int) -> int:
        """`queue&name=priority`: the job's new position, -1 for an unknown id."""
        job = self.find(nzo_id)
        if job is None:
            return -1
        if priority == PAUSED_PRIORITY:
            job.paused = True
        else:
            job.priority = self._resolve_priority(priority, job.category)
        self.queue.remove(job)
        return self._insert(job)

    def change_category(self, nzo_id: str, category: str) -> bool:
        """`change_cat`; an unknown category becomes "*"."""
        job = self.find(nzo_id)
        if job is None:
            return False
        job.category = category if self.config.category(category) else "*"
        return True

    def delete_jobs(self, nzo_ids: list[str]) -> list[str]:
        """Remove queued jobs; the ids actually removed."""
        removed = [job.nzo_id for job in self.queue if job.nzo_id in nzo_ids]
        self.queue = [job for job in self.queue if job.nzo_id not in removed]
        return removed

    # ---- history operations --------------------------------------------------------------------

    def retry(self, nzo_id: str) -> str | None:
        """Requeue a failed job under a new nzo_id and drop its history row; None when there is none."""
        entry = next((row for row in self.history if row.nzo_id == nzo_id and row.status == "Failed"), None)
        if entry is None:
            return None
        self.history.remove(entry)
        old = entry.source
        job = SabJob(
            nzo_id=new_id(),
            name=old.name,
            category=old.category,
            size_bytes=old.size_bytes,
            bytes_left=old.size_bytes,
            priority=old.priority,
            unpackopts=old.unpackopts,
            posted=old.posted,
            files=[SabFile(nzf.filename, nzf.size_bytes, nzf.posted) for nzf in old.files],
            nzb_name=old.nzb_name,
            password=old.password,
            url=old.url,
            grabbing=old.grabbing,
        )
        self._insert(job)
        self.history_counter += 1
        return job.nzo_id

    def delete_history(self, value: str) -> None:
        """`history&name=delete`: ids, or all / failed / completed. Unknown ids are fine."""
        keep_out = {part.strip() for part in value.split(",")}
        if value == "all":
            self.history = []
        elif value in {"failed", "completed"}:
            self.history = [row for row in self.history if row.status.lower() != value]
        else:
            self.history = [row for row in self.history if row.nzo_id not in keep_out]
        self.history_counter += 1

    # ---- internals -----------------------------------------------------------------------------

    def _insert(self, job: SabJob) -> int:
        position = 0
        for index, queued in enumerate(self.queue):
            if queued.priority >= job.priority:
                position = index + 1
        self.queue.insert(position, job)
        return position

    def _resolve_priority(self, priority: int, category: str) -> int:
        if priority in {2, 1, 0, -1}:
            return priority
        if priority in {CATEGORY_DEFAULT, PAUSED_PRIORITY}:
            row = self.config.category(category) or {}
            default = int(row.get("priority", CATEGORY_DEFAULT))
            if default == CATEGORY_DEFAULT and category != "*":
                default = int((self.config.category("*") or {}).get("priority", 0))
            return default if default in {2, 1, 0, -1} else 0
        return 0

    def _category_pp(self, category: str) -> str:
        for name in (category, "*"):
            pp = str((self.config.category(name) or {}).get("pp", ""))
            if pp:
                return pp
        return "3"

    def _seed_job(self, row: SimDownload, *, age_days: int) -> SabJob:
        posted = self.now - age_days * 86400
        ext = ".iso" if row.category == "*" else ".mkv"
        par_bytes = row.size_bytes // 20
        files = [
            SabFile(row.name + ext, row.size_bytes - par_bytes, posted),
            SabFile(row.name + ".par2", par_bytes, posted),
        ]
        done = int(row.size_bytes * _SEED_PROGRESS.get(row.status, 0.0))
        return SabJob(
            nzo_id=row.nzo_id,
            name=row.name,
            category=row.category,
            size_bytes=row.size_bytes,
            bytes_left=row.size_bytes - done,
            priority=0,
            unpackopts="3",
            posted=posted,
            files=files,
            nzb_name=row.name + ".nzb",
            paused=row.status == "Paused",
        )

    def _history_entry(self, job: SabJob, *, failed: bool, message: str, downloaded: int | None) -> HistoryEntry:
        misc = self.config.misc
        if downloaded is None:  # a seeded row: a failed job got about a third before the articles ran out
            downloaded = job.size_bytes // 3 if failed else job.size_bytes
        url_failure = failed and job.grabbing
        cat_dir = str((self.config.category(job.category) or {}).get("dir", ""))
        complete = "/".join(part for part in (misc["complete_dir"], cat_dir, job.name) if part)
        incomplete = f"{misc['download_dir']}/{job.name}"
        server = next((row["name"] for row in self.config.servers if row["enable"]), "")
        entry = HistoryEntry(
            history_id=self.next_history_id,
            source=job,
            status="Failed" if failed else "Completed",
            completed=int(self.now),
            fail_message=message if failed else "",
            storage="" if url_failure else (incomplete if failed else complete),
            path="" if url_failure else incomplete,
            download_time=0 if url_failure else int(downloaded / self.line_speed) + 1,
            postproc_time=0 if failed else 14,
            downloaded=0 if url_failure else downloaded,
            server="" if url_failure else server,
        )
        self.next_history_id += 1
        return entry
