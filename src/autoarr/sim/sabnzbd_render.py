"""JSON bodies of the simulated SABnzbd, key for key and type for type as SABnzbd 3.7.1 sends them."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from autoarr.sim.sabnzbd_format import GIBI, age, megabytes, time_left, to_units
from autoarr.sim.sabnzbd_jobs import FORCE, PRIORITY_NAMES, HistoryEntry, SabJob
from autoarr.sim.sabnzbd_state import SabnzbdState

VERSION = "3.7.1"


@dataclass(frozen=True)
class ListFilter:
    """The filters queue and history share: paging, search, categories, ids."""

    start: int = 0
    limit: int = 0
    search: str | None = None
    categories: tuple[str, ...] = ()
    nzo_ids: tuple[str, ...] = ()
    priorities: tuple[int, ...] = ()
    failed_only: bool = False

    def page(self, rows: list[Any]) -> list[Any]:
        """The slice `start`/`limit` selects; limit 0 means all."""
        return rows[self.start : self.start + self.limit] if self.limit else rows[self.start :]

    def matches(self, *, name: str, category: str, nzo_id: str) -> bool:
        """True when a row passes search, category and id filters."""
        if self.search and self.search.lower() not in name.lower():
            return False
        if self.categories and category not in self.categories:
            return False
        return not self.nzo_ids or nzo_id in self.nzo_ids


def header(state: SabnzbdState) -> dict[str, Any]:
    """The keys queue and status share."""
    free, total = state.disk_free / GIBI, state.disk_total / GIBI
    return {
        "version": VERSION,
        "paused": state.paused,
        "pause_int": "0",
        "paused_all": False,
        "diskspace1": f"{free:.2f}",
        "diskspace2": f"{free:.2f}",
        "diskspace1_norm": to_units(state.disk_free),
        "diskspace2_norm": to_units(state.disk_free),
        "diskspacetotal1": f"{total:.2f}",
        "diskspacetotal2": f"{total:.2f}",
        "speedlimit": state.speedlimit,
        "speedlimit_abs": state.speedlimit_abs,
        "have_warnings": str(len(state.warnings)),
        "finishaction": None,
        "quota": "0 ",
        "have_quota": False,
        "left_quota": "0 ",
        "cache_art": "0",
        "cache_size": "0 B",
    }


def queue(state: SabnzbdState, flt: ListFilter) -> dict[str, Any]:
    """`mode=queue`: the `queue` object."""
    bps = state.speed()
    active = state.downloadable()
    eta: dict[str, float] = {}
    running = 0.0
    for job in active:
        running += job.bytes_left
        eta[job.nzo_id] = running / bps if bps else 0.0
    matching = [
        job
        for job in state.queue
        if flt.matches(name=job.name, category=job.category, nzo_id=job.nzo_id)
        and (not flt.priorities or job.priority in flt.priorities)
    ]
    shown = flt.page(matching)
    index_of = {job.nzo_id: index for index, job in enumerate(state.queue)}
    size = sum(job.size_bytes for job in state.queue if not job.grabbing)
    left = sum(job.bytes_left for job in state.queue if not job.grabbing)
    status = "Paused" if state.paused else ("Downloading" if bps else "Idle")
    return {
        **header(state),
        "kbpersec": f"{bps / 1024:.2f}",
        "speed": to_units(bps),
        "mbleft": megabytes(left),
        "mb": megabytes(size),
        "sizeleft": to_units(left, "B"),
        "size": to_units(size, "B"),
        "noofslots_total": len(state.queue),
        "noofslots": len(matching),
        "start": flt.start,
        "limit": flt.limit,
        "finish": flt.start + flt.limit,
        "status": status,
        "timeleft": time_left(left / bps if bps else 0),
        "slots": [
            _slot(state, job, index=index_of[job.nzo_id], first=bool(active) and active[0] is job, eta=eta)
            for job in shown
        ],
    }


def _slot(state: SabnzbdState, job: SabJob, *, index: int, first: bool, eta: dict[str, float]) -> dict[str, Any]:
    if job.grabbing:
        size = left = 0
        status = "Grabbing"
    else:
        size, left = job.size_bytes, job.bytes_left
        status = "Paused" if job.paused else ("Downloading" if first else "Queued")
        if state.paused and job.priority != FORCE and not job.paused:
            status = "Queued"
    return {
        "index": index,
        "nzo_id": job.nzo_id,
        "unpackopts": "0" if job.grabbing else job.unpackopts,
        "priority": 0 if job.grabbing else PRIORITY_NAMES.get(job.priority, "Normal"),
        "script": "None",
        "filename": f"{job.name} - Trying to fetch NZB from {job.url}" if job.grabbing else job.name,
        "labels": [],
        "password": job.password,
        "cat": "None" if job.grabbing else job.category,
        "mbleft": megabytes(left),
        "mb": megabytes(size),
        "size": to_units(size, "B"),
        "sizeleft": to_units(left, "B"),
        "percentage": str(int(100 * (size - left) / size)) if size else "0",
        "mbmissing": "0.00",
        "direct_unpack": None,
        "status": status,
        "timeleft": time_left(eta.get(job.nzo_id, 0.0)),
        "avg_age": "-" if job.grabbing else age(state.now - job.posted),
    }


def history(state: SabnzbdState, flt: ListFilter) -> dict[str, Any]:
    """`mode=history`: the `history` object."""
    matching = [
        row
        for row in state.history
        if flt.matches(name=row.name, category=row.source.category, nzo_id=row.nzo_id)
        and (not flt.failed_only or row.status == "Failed")
    ]

    def total_since(seconds: float) -> str:
        return to_units(sum(row.bytes for row in state.history if state.now - row.completed <= seconds))

    return {
        "total_size": to_units(sum(row.bytes for row in state.history)),
        "month_size": total_since(31 * 86400),
        "week_size": total_since(7 * 86400),
        "day_size": total_since(86400),
        "slots": [_history_slot(row) for row in flt.page(matching)],
        "noofslots": len(matching),
        "last_history_update": state.history_counter,
        "version": VERSION,
    }


def _history_slot(row: HistoryEntry) -> dict[str, Any]:
    job = row.source
    url_failure = row.url_failure
    return {
        "id": row.history_id,
        "completed": row.completed,
        "name": row.name,
        "nzb_name": row.name if url_failure else job.nzb_name,
        "category": job.category,
        "pp": "" if url_failure else "D",
        "script": "None",
        "report": "future" if url_failure else "",
        "url": job.url,
        "status": row.status,
        "nzo_id": row.nzo_id,
        "storage": row.storage,
        "path": row.path,
        "script_log": "",
        "script_line": "",
        "download_time": row.download_time,
        "postproc_time": row.postproc_time,
        "stage_log": row.stage_log(),
        "downloaded": row.downloaded,
        "completeness": None,
        "fail_message": row.fail_message,
        "url_info": "",
        "bytes": row.bytes,
        "meta": None,
        "series": "",
        "md5sum": row.md5sum(),
        "password": job.password or None,
        "action_line": "",
        "size": to_units(row.bytes, "B"),
        "loaded": False,
        "retry": True if url_failure else (1 if row.status == "Failed" else 0),
    }


def files(state: SabnzbdState, nzo_id: str) -> list[dict[str, Any]]:
    """`mode=get_files`: the job's files, `[]` for an unknown id."""
    job = state.find(nzo_id)
    if job is None:
        return []
    return [
        {
            "filename": nzf.filename,
            "mbleft": megabytes(job.file_bytes_left(index)),
            "mb": megabytes(nzf.size_bytes),
            "bytes": f"{nzf.size_bytes:.2f}",
            "age": age(state.now - nzf.posted),
            "nzf_id": nzf.nzf_id,
            "status": "active",
        }
        for index, nzf in enumerate(job.files)
    ]


def status(state: SabnzbdState, *, dashboard: bool) -> dict[str, Any]:
    """`mode=status` / `fullstatus`: the `status` object; `dashboard` adds the network probes."""
    misc = state.config.misc
    bps = state.speed()
    uptime = int(state.now - state.started)
    body: dict[str, Any] = {
        "uptime": f"{uptime // 86400}d" if uptime >= 86400 else f"{uptime // 60}m",
        "color_scheme": misc["web_color"],
        "helpuri": "https://sabnzbd.org/wiki/",
        "pid": 4242,
        "active_lang": misc["language"],
        "rtl": False,
        "my_lcldata": "/config",
        "my_home": "/config",
        "webdir": "/app/sabnzbd/interfaces/Glitter/templates",
        "url_base": misc["url_base"],
        "windows": False,
        "macos": False,
        "power_options": True,
        "pp_pause_event": False,
        "apikey": misc["api_key"],
        "new_release": None,
        "new_rel_url": None,
        **header(state),
        "logfile": "/config/logs/sabnzbd.log",
        "weblogfile": None,
        "loglevel": str(state.config.sections.get("logging", {}).get("log_level", 1)),
        "folders": [],
        "configfn": "/config/sabnzbd.ini",
        "warnings": [dict(row) for row in state.warnings],
        "delayed_decoder": 0,
        "delayed_assembler": 0,
        "loadavg": "0.42 | 0.37 | 0.31 | V=512M R=96M",
        "pystone": 0,
        "downloaddir": misc["download_dir"],
        "downloaddirspeed": 0,
        "completedir": misc["complete_dir"],
        "completedirspeed": 0,
        "internetbandwidth": 0,
    }
    if dashboard:
        body.update(
            {
                "localipv4": "192.0.2.2",
                "publicipv4": None,
                "ipv6": "fd00::2",
                "dnslookup": False,
                "active_socks5_proxy": None,
            }
        )
    body["servers"] = [
        {
            "servername": row["name"],
            "serveractiveconn": row["connections"] if bps and row["enable"] and not row["optional"] else 0,
            "servertotalconn": row["connections"],
            "serverconnections": [],
            "serverssl": row["ssl"],
            "serversslinfo": "TLSv1.3 (TLS_AES_256_GCM_SHA384)" if row["ssl"] else "",
            "serveractive": bool(row["enable"]),
            "servererror": "",
            "serverpriority": row["priority"],
            "serveroptional": row["optional"],
            "serverbps": to_units(bps if row is state.config.servers[0] else 0),
        }
        for row in state.config.servers
    ]
    return body


def server_stats(state: SabnzbdState) -> dict[str, Any]:
    """`mode=server_stats`: byte totals, all credited to the first enabled server (bare, no wrapper)."""
    now = state.now
    days = dict(state.daily_bytes)
    for row in state.history:
        day = time.strftime("%Y-%m-%d", time.gmtime(row.completed))
        days[day] = days.get(day, 0) + row.downloaded

    def since(seconds: float) -> int:
        cutoff = time.strftime("%Y-%m-%d", time.gmtime(now - seconds))
        return sum(amount for day, amount in days.items() if day >= cutoff)

    totals = {"total": sum(days.values()), "month": since(31 * 86400), "week": since(7 * 86400), "day": since(0)}
    servers: dict[str, Any] = {}
    first = next((row["name"] for row in state.config.servers if row["enable"]), None)
    if first is not None and days:
        articles = {day: max(1, amount // 750_000) for day, amount in days.items()}
        servers[first] = {
            **totals,
            "daily": dict(sorted(days.items())),
            "articles_tried": articles,
            "articles_success": dict(articles),
        }
    return {**totals, "servers": servers}
