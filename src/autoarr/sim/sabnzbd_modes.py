"""The simulated SABnzbd's `mode=` handlers: each takes the state and the request, returns the JSON body."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from autoarr.sim import sabnzbd_render as render
from autoarr.sim.sabnzbd_format import parse_speed
from autoarr.sim.sabnzbd_jobs import CATEGORY_DEFAULT, SabFile, SabJob, parse_nzb
from autoarr.sim.sabnzbd_state import URL_JOB_BYTES, SabnzbdState

NOT_IMPLEMENTED = "not implemented"
NO_VALUE = "expects one parameter"
NO_VALUE2 = "expects two parameters"
INT_VALUE = "expects integer value"
NO_ITEM = "item does not exist"
NO_PATH = "file does not exist"
CONFIG_MISSING = "Config item does not exist"

Body = dict[str, Any]


@dataclass
class ApiRequest:
    """Query, urlencoded and multipart fields merged, as SABnzbd's `kwargs` are; uploads kept apart."""

    params: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)

    def get(self, key: str) -> str | None:
        """The first value of a field."""
        values = self.params.get(key)
        return values[0] if values else None

    def all(self, key: str) -> list[str]:
        """Every value of a repeated field."""
        return list(self.params.get(key, []))

    def int(self, key: str, default: int = 0) -> int:
        """SABnzbd's `int_conv`: anything unreadable is the default."""
        try:
            return int(self.get(key) or default)
        except ValueError:
            return default

    def listed(self, key: str) -> tuple[str, ...]:
        """A comma list field as a tuple."""
        return tuple(part.strip() for part in (self.get(key) or "").split(",") if part.strip())


def error(text: str) -> Body:
    """An application error: HTTP 200 with status false."""
    return {"status": False, "error": text}


def _filter(req: ApiRequest, *, limit: int) -> render.ListFilter:
    priorities = tuple(int(part) for part in req.listed("priority") if part.lstrip("-").isdigit())
    return render.ListFilter(
        start=req.int("start"),
        limit=limit,
        search=req.get("search") or None,
        categories=req.listed("cat") or req.listed("category"),
        nzo_ids=req.listed("nzo_ids"),
        priorities=priorities,
        failed_only=req.get("failed_only") == "1",
    )


def _matching_search(state: SabnzbdState, req: ApiRequest) -> list[str]:
    search = (req.get("search") or "").lower()
    return [job.nzo_id for job in state.queue if search in job.name.lower()]


def _queue_delete(state: SabnzbdState, req: ApiRequest) -> Body:
    ids = _matching_search(state, req) if req.get("value") == "all" else list(req.listed("value"))
    removed = state.delete_jobs(ids)
    return {"status": bool(removed), "nzo_ids": removed}


def _queue_pause_resume(state: SabnzbdState, req: ApiRequest) -> Body:
    ids = list(req.listed("value"))
    for job in state.queue:
        if job.nzo_id in ids:
            job.paused = req.get("name") == "pause"
    return {"status": True, "nzo_ids": ids}  # unknown ids are echoed back too, as SABnzbd does


def _queue_priority(state: SabnzbdState, req: ApiRequest) -> Body:
    if req.get("value2") is None:
        return error(NO_VALUE2)
    try:
        priority = int(req.get("value2") or "")
    except ValueError:
        return error(INT_VALUE)
    return {"position": state.set_priority(req.get("value") or "", priority)}


def _queue_purge(state: SabnzbdState, req: ApiRequest) -> Body:
    return {"status": True, "nzo_ids": state.delete_jobs(_matching_search(state, req))}


def _queue_sort(state: SabnzbdState, req: ApiRequest) -> Body:
    keys: dict[str, Callable[[SabJob], Any]] = {
        "name": lambda job: job.name.lower(),
        "size": lambda job: job.size_bytes,
        "avg_age": lambda job: -job.posted,
    }
    state.queue.sort(key=keys.get(req.get("sort") or "name", keys["name"]), reverse=req.get("dir") == "desc")
    return {"status": True}


def _queue_rename(state: SabnzbdState, req: ApiRequest) -> Body:
    job = state.find(req.get("value") or "")
    new_name = req.get("value2")
    if job is not None and new_name:
        job.name = new_name
    return {"status": job is not None}


QUEUE_ACTIONS: Mapping[str, Callable[[SabnzbdState, ApiRequest], Body]] = MappingProxyType(
    {
        "delete": _queue_delete,
        "pause": _queue_pause_resume,
        "resume": _queue_pause_resume,
        "priority": _queue_priority,
        "purge": _queue_purge,
        "sort": _queue_sort,
        "rename": _queue_rename,
    }
)
NEEDS_VALUE = frozenset({"delete", "pause", "resume", "priority", "rename"})


def mode_queue(state: SabnzbdState, req: ApiRequest) -> Body:
    """`mode=queue`, with its `name=` actions; an unknown name falls through to the listing."""
    name = req.get("name") or ""
    action = QUEUE_ACTIONS.get(name)
    if action is None:
        return {"queue": render.queue(state, _filter(req, limit=req.int("limit")))}
    if name in NEEDS_VALUE and not req.get("value"):
        return error(NO_VALUE)
    return action(state, req)


def mode_history(state: SabnzbdState, req: ApiRequest) -> Body:
    """`mode=history`: listing, `last_history_update`, and `name=delete`."""
    if req.get("name") == "delete":
        value = req.get("value")
        if not value:
            return error(NO_VALUE)
        state.delete_history(value)
        return {"status": True}  # even for unknown ids
    last = req.get("last_history_update")
    if last is not None and req.int("last_history_update", -1) == state.history_counter:
        return {"history": False}
    limit = req.int("limit") or int(state.config.misc.get("history_limit", 10))
    return {"history": render.history(state, _filter(req, limit=limit))}


def _add(state: SabnzbdState, req: ApiRequest, *, name: str, files: list[SabFile], nzb: str, url: str | None) -> Body:
    job = state.add_job(
        name=req.get("nzbname") or name,
        files=files,
        category=req.get("cat") or req.get("category"),
        priority=req.int("priority", CATEGORY_DEFAULT),
        pp=req.get("pp"),
        nzb_name=nzb,
        password=req.get("password") or "",
        url=url,
    )
    return {"status": True, "nzo_ids": [job.nzo_id]}


def _nzb_upload(state: SabnzbdState, filename: str, data: bytes, req: ApiRequest) -> Body:
    try:
        meta_name, files = parse_nzb(data, now=state.now)
    except ValueError:
        return {"status": False, "nzo_ids": []}
    name = meta_name or Path(filename).name.removesuffix(".nzb").removesuffix(".gz")
    return _add(state, req, name=name, files=files, nzb=Path(filename).name, url=None)


def mode_addfile(state: SabnzbdState, req: ApiRequest) -> Body:
    """`mode=addfile`: an NZB uploaded in multipart field `name` or `nzbfile`."""
    upload = req.files.get("name") or req.files.get("nzbfile")
    if upload is None:
        return error(NO_VALUE)
    return _nzb_upload(state, upload[0], upload[1], req)


def mode_addlocalfile(state: SabnzbdState, req: ApiRequest) -> Body:
    """`mode=addlocalfile&name=/path/x.nzb`."""
    path = req.get("name")
    if not path:
        return error(NO_VALUE)
    if not Path(path).is_file():
        return error(NO_PATH)
    return _nzb_upload(state, path, Path(path).read_bytes(), req)


def mode_addurl(state: SabnzbdState, req: ApiRequest) -> Body:
    """`mode=addurl&name=URL`: answered at once; the job sits in Grabbing until the next tick."""
    url = req.get("name")
    if not url:
        return error(NO_VALUE)
    base = Path(urlsplit(url).path).name.removesuffix(".nzb") or url
    files = [SabFile(f"{req.get('nzbname') or base}.mkv", URL_JOB_BYTES, state.now - 86400)]
    return _add(state, req, name=base, files=files, nzb=f"{base}.nzb", url=url)


def mode_retry(state: SabnzbdState, req: ApiRequest) -> Body:
    """`mode=retry&value=ID`: a new nzo_id, the old history row gone; an optional replacement NZB."""
    new_id = state.retry(req.get("value") or "")
    if new_id is None:
        return error(NO_ITEM)
    upload = req.files.get("nzbfile") or req.files.get("name")
    job = state.find(new_id)
    if upload is not None and job is not None:
        try:
            _, files = parse_nzb(upload[1], now=state.now)
        except ValueError:
            files = job.files
        job.files = files
        job.size_bytes = job.bytes_left = sum(nzf.size_bytes for nzf in files)
    return {"status": True, "nzo_id": new_id}


def mode_retry_all(state: SabnzbdState, req: ApiRequest) -> Body:
    """`mode=retry_all`: every failed job requeued."""
    failed = [row.nzo_id for row in state.history if row.status == "Failed"]
    return {"status": [new for old in failed if (new := state.retry(old))]}


def mode_change_cat(state: SabnzbdState, req: ApiRequest) -> Body:
    """`mode=change_cat&value=ID&value2=CAT`."""
    value, cat = req.get("value"), req.get("value2")
    if not value or not cat:
        return error(NO_VALUE)
    return {"status": state.change_category(value, cat)}


def mode_change_opts(state: SabnzbdState, req: ApiRequest) -> Body:
    """`mode=change_opts&value=ID&value2=PP`."""
    job = state.find(req.get("value") or "")
    if job is not None and req.get("value2") in {"0", "1", "2", "3"}:
        job.unpackopts = req.get("value2") or job.unpackopts
    return {"status": job is not None}


def mode_get_config(state: SabnzbdState, req: ApiRequest) -> Body:
    """`mode=get_config`, optionally narrowed by section and keyword."""
    return {"config": state.config.get(req.get("section"), req.get("keyword"))}


def mode_set_config(state: SabnzbdState, req: ApiRequest) -> Body:
    """`mode=set_config`: misc-style keys, or a server/category by name."""
    section, keyword = req.get("section"), req.get("keyword")
    if section in {"servers", "categories"}:
        name = req.get("name") or keyword
        if not name:
            return error(NO_VALUE)
        fields = {key: values[0] for key, values in req.params.items() if values}
        setter = state.config.set_server if section == "servers" else state.config.set_category
        return {"config": {section: [setter(name, fields)]}}
    if not section or not keyword:
        return error(NO_VALUE)
    result = state.config.set_value(section, keyword, req.get("value") or "")
    return error(CONFIG_MISSING) if result is None else {"config": result}


def mode_set_config_default(state: SabnzbdState, req: ApiRequest) -> Body:
    """`mode=set_config_default&keyword=K[&keyword=K2]` (misc only; unknown keys ignored)."""
    for keyword in req.all("keyword"):
        state.config.set_default(keyword)
    return {"status": True}


def mode_del_config(state: SabnzbdState, req: ApiRequest) -> Body:
    """`mode=del_config&section=servers&keyword=NAME`."""
    if state.config.delete(req.get("section") or "", req.get("keyword") or ""):
        return {"status": True}
    return error(NOT_IMPLEMENTED)


def mode_config(state: SabnzbdState, req: ApiRequest) -> Body:
    """`mode=config`: speedlimit and test_server."""
    name = req.get("name")
    if name == "speedlimit":
        parsed = parse_speed(req.get("value") or "", line_speed=state.config.bandwidth_max_bytes())
        if parsed is not None:
            state.speedlimit, state.speedlimit_abs = str(parsed[0]), str(parsed[1])
        return {"status": True}
    if name == "test_server":
        host, port = req.get("host"), req.int("port")
        known = any(row["host"] == host and row["port"] == port for row in state.config.servers)
        if known:
            return {"value": {"result": True, "message": "Connection Successful!"}}
        return {"value": {"result": False, "message": "[Errno 111] [Errno 111] Connection refused"}}
    return error(NOT_IMPLEMENTED)


def mode_warnings(state: SabnzbdState, req: ApiRequest) -> Body:
    """`mode=warnings` and `&name=clear`."""
    name = req.get("name")
    if name == "clear":
        state.warnings.clear()
        return {"status": True}
    if name not in {None, "", "show"}:
        return error(NOT_IMPLEMENTED)
    return {"warnings": [dict(row) for row in state.warnings]}


def _pause(state: SabnzbdState, req: ApiRequest) -> Body:
    state.paused = True
    return {"status": True}


def _resume(state: SabnzbdState, req: ApiRequest) -> Body:
    state.paused = False
    return {"status": True}


def _status(state: SabnzbdState, req: ApiRequest) -> Body:
    return {"status": render.status(state, dashboard=req.get("skip_dashboard") == "0")}


MODES: Mapping[str, Callable[[SabnzbdState, ApiRequest], Body]] = MappingProxyType(
    {
        "queue": mode_queue,
        "history": mode_history,
        "addfile": mode_addfile,
        "addlocalfile": mode_addlocalfile,
        "addurl": mode_addurl,
        "retry": mode_retry,
        "retry_all": mode_retry_all,
        "get_files": lambda state, req: {"files": render.files(state, req.get("value") or "")},
        "change_cat": mode_change_cat,
        "change_opts": mode_change_opts,
        "change_script": lambda state, req: {"status": state.find(req.get("value") or "") is not None},
        "get_cats": lambda state, req: {"categories": state.config.category_names()},
        "get_scripts": lambda state, req: {"scripts": []},
        "get_config": mode_get_config,
        "set_config": mode_set_config,
        "set_config_default": mode_set_config_default,
        "del_config": mode_del_config,
        "config": mode_config,
        "pause": _pause,
        "resume": _resume,
        "status": _status,
        "fullstatus": _status,
        "warnings": mode_warnings,
        "server_stats": lambda state, req: render.server_stats(state),
        "shutdown": lambda state, req: {"status": True},
        "restart": lambda state, req: {"status": True},
    }
)
