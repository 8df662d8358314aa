"""SABnzbd's `/api` over HTTP: every mode AutoArr uses, typed at the boundary, its status-false errors translated.

Every call is `/api?mode=...&output=json&apikey=KEY`; SABnzbd reads the key from the query or form only,
never from a header. Reads go as GET (so `ServiceHttp` may retry them); anything that changes SABnzbd goes
as a POST form, which is never replayed: a retried `mode=retry` or `addurl` would act twice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, TypeVar

from pydantic import BaseModel

from autoarr.errors import AutoArrError, InvalidRequestError, NotFoundError, ServiceUnavailableError
from autoarr.integrations._http import Reply, ServiceHttp
from autoarr.integrations.sabnzbd.models import (
    CatsReply,
    ConfigReply,
    ConfigValue,
    Done,
    ErrorReply,
    History,
    HistoryIfChangedReply,
    HistoryReply,
    HistorySlot,
    IdsReply,
    JobPlace,
    Priority,
    Queue,
    RetryReply,
    SabWarning,
    Status,
    StatusReply,
    VersionReply,
    WarningsReply,
    answer_object,
    decode_queue,
    refusal,
    wire_value,
)

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

NO_ITEM: Final = "item does not exist"
NO_CONFIG_ITEM: Final = "Config item does not exist"
CONFIG_LOCKED: Final = "Configuration locked"
# Texts SABnzbd answers for a request it finds incomplete or wrong (api.py's _MSG_* constants).
_REQUEST_ERRORS: Final = frozenset(
    {"expects one parameter", "expects two parameters", "expects integer value", "no file given", "file does not exist"}
)
# `value=all` (queue) and `value=all|failed|completed` (history) empty whole lists: never let an "id" say that.
_SPECIAL_VALUES: Final = frozenset({"all", "failed", "completed"})
_LIST_SECTIONS: Final = frozenset({"servers", "categories", "rss"})


def _decoder(model: type[M]) -> Callable[[bytes], M | ErrorReply]:
    """A decoder for `ServiceHttp.request`: the status-false error envelope, or the model (ValueError otherwise)."""

    def decode(content: bytes) -> M | ErrorReply:
        body = answer_object(content)  # untyped: the error envelope is looked at before the model
        return body if isinstance(body, ErrorReply) else model.model_validate(body)

    return decode


def _id_list(nzo_ids: Sequence[str]) -> str:
    """The comma list SABnzbd takes; refuses what SABnzbd would read as a list operation, not an id."""
    cleaned = [nzo_id.strip() for nzo_id in nzo_ids]
    for nzo_id in cleaned:
        if not nzo_id or "," in nzo_id or nzo_id.lower() in _SPECIAL_VALUES:
            raise InvalidRequestError(f"'{nzo_id}' is not a job id", details={"nzo_id": "not a SABnzbd nzo_id"})
    return ",".join(cleaned)


def _add_options(category: str | None, priority: Priority | None, name: str | None) -> dict[str, str]:
    options: dict[str, str] = {}
    if category is not None:
        options["cat"] = category
    if priority is not None:
        options["priority"] = str(int(priority))
    if name is not None:
        options["nzbname"] = name
    return options


class SabnzbdClient:
    """The SABnzbd API as AutoArr uses it: HTTP only, answers parsed into `models`, errors into AutoArr errors."""

    def __init__(self, http: ServiceHttp, *, api_key: str) -> None:
        self._http = http
        self._key = api_key

    # ---- plumbing ------------------------------------------------------------------------------

    async def _get(self, mode: str, model: type[M], *, params: Mapping[str, str] | None = None) -> M:
        """A read: GET, which ServiceHttp may retry after a transport error."""
        return await self._read(mode, _decoder(model), params=params)

    async def _read(
        self, mode: str, decode: Callable[[bytes], T | ErrorReply], *, params: Mapping[str, str] | None = None
    ) -> T:
        """A read with a decoder of its own (the queue's fast one)."""
        fields = {"mode": mode, "output": "json", "apikey": self._key, **(params or {})}
        reply = await self._http.request("GET", "/api", params=fields, decode=decode)
        return self._value(reply, mode=mode, context={})

    async def _post(
        self,
        mode: str,
        model: type[M],
        *,
        params: Mapping[str, str] | None = None,
        files: Mapping[str, tuple[str, bytes, str]] | None = None,
        context: Mapping[str, str] | None = None,
    ) -> M:
        """A write: a POST form, never replayed; the key in the body stays out of URLs and access logs."""
        fields = {"mode": mode, "output": "json", "apikey": self._key, **(params or {})}
        reply = await self._http.request("POST", "/api", data=fields, files=files, decode=_decoder(model))
        return self._value(reply, mode=mode, context=context or {})

    def _value(self, reply: Reply[T | ErrorReply], *, mode: str, context: Mapping[str, str]) -> T:
        value = reply.value
        if value is None:
            # A 2xx always decodes and ServiceHttp raised for 401/403/5xx: this is a 3xx or another 4xx,
            # so the URL points at something that is not SABnzbd's API (a wrong url_base, a proxy's page).
            service = self._http.service
            raise ServiceUnavailableError(
                service,
                f"{service} answered HTTP {reply.status} at /api; is the URL SABnzbd's?",
                reason="upstream_error",
                details={"status": reply.status},
            )
        if isinstance(value, ErrorReply):
            raise self._translate(value.error, mode=mode, context=context)
        return value

    def _translate(self, text: str, *, mode: str, context: Mapping[str, str]) -> AutoArrError:
        details: dict[str, Any] = {**context, "sabnzbd_error": text}
        about = f" ({', '.join(f'{key} {value}' for key, value in context.items())})" if context else ""
        if text == NO_ITEM:
            return NotFoundError(f"SABnzbd has no such item{about}", details=details)
        if text == NO_CONFIG_ITEM:
            return InvalidRequestError(f"SABnzbd has no such config item{about}", details=details)
        if text == CONFIG_LOCKED:
            return InvalidRequestError("SABnzbd's configuration is locked (its config_lock option)", details=details)
        if text in _REQUEST_ERRORS:
            return InvalidRequestError(f"SABnzbd refused the request{about}: {text}", details=details)
        # "not implemented" (a mode this SABnzbd lacks) or a text this client does not know.
        service = self._http.service
        return ServiceUnavailableError(
            service, f"{service} could not do '{mode}': {text}", reason="upstream_error", details=details
        )

    # ---- health and status -----------------------------------------------------------------------

    async def ping(self) -> None:
        """A cheap call that proves the API key works for the full API (a one-slot queue page)."""
        # Not mode=version (needs no key) nor mode=auth (HTTP 200 "badkey" for a wrong key, so the
        # breaker would book a rejected key as a success): the queue takes the same 403 path as every call.
        await self._read("queue", decode_queue, params={"start": "0", "limit": "1"})

    async def version(self) -> str:
        """SABnzbd's version string, e.g. "3.7.1"."""
        return (await self._get("version", VersionReply)).version

    async def status(self) -> Status:
        """`mode=fullstatus` without the dashboard's network probes: disk space, servers, warnings."""
        return (await self._get("fullstatus", StatusReply, params={"skip_dashboard": "1"})).status

    async def warnings(self) -> list[SabWarning]:
        """SABnzbd's current warnings, oldest first."""
        return (await self._get("warnings", WarningsReply)).warnings

    async def get_cats(self) -> list[str]:
        """Category names; "*" is the default category."""
        return (await self._get("get_cats", CatsReply)).categories

    # ---- queue -----------------------------------------------------------------------------------

    async def queue(self, *, start: int = 0, limit: int = 0, nzo_ids: Sequence[str] = ()) -> Queue:
        """One page of the queue (limit 0: all of it), optionally only the given jobs."""
        params = {"start": str(start), "limit": str(limit)}
        if nzo_ids:
            params["nzo_ids"] = _id_list(nzo_ids)
        return (await self._read("queue", decode_queue, params=params)).queue

    async def pause(self) -> None:
        """Pause the whole queue (Force jobs still download)."""
        await self._post("pause", Done)

    async def resume(self) -> None:
        """Resume the whole queue."""
        await self._post("resume", Done)

    async def pause_jobs(self, nzo_ids: Sequence[str]) -> list[str]:
        """Pause queued jobs; SABnzbd echoes every id, known or not."""
        return await self._queue_action("pause", nzo_ids)

    async def resume_jobs(self, nzo_ids: Sequence[str]) -> list[str]:
        """Resume paused jobs; SABnzbd echoes every id, known or not."""
        return await self._queue_action("resume", nzo_ids)

    async def delete_jobs(self, nzo_ids: Sequence[str], *, delete_files: bool = False) -> list[str]:
        """Remove queued jobs (and their partial files when `delete_files`); returns the ids really removed."""
        return await self._queue_action("delete", nzo_ids, extra={"del_files": "1"} if delete_files else None)

    async def _queue_action(
        self, name: str, nzo_ids: Sequence[str], *, extra: Mapping[str, str] | None = None
    ) -> list[str]:
        if not nzo_ids:
            return []  # SABnzbd answers "expects one parameter", or `nzo_ids: false`, for nothing
        params = {"name": name, "value": _id_list(nzo_ids), **(extra or {})}
        return (await self._post("queue", IdsReply, params=params)).nzo_ids

    async def add_file(
        self,
        filename: str,
        content: bytes,
        *,
        category: str | None = None,
        priority: Priority | None = None,
        name: str | None = None,
    ) -> list[str]:
        """Upload an NZB (multipart field `name`); returns the new jobs' nzo_ids."""
        files = {"name": (filename, content, "application/x-nzb")}
        reply = await self._post("addfile", IdsReply, params=_add_options(category, priority, name), files=files)
        if not reply.nzo_ids:
            raise InvalidRequestError("SABnzbd could not read the NZB", details={"filename": filename})
        return reply.nzo_ids

    async def add_url(
        self, url: str, *, category: str | None = None, priority: Priority | None = None, name: str | None = None
    ) -> list[str]:
        """Have SABnzbd fetch an NZB from a URL; answered at once, before the fetch, with the new nzo_ids."""
        params = {"name": url, **_add_options(category, priority, name)}
        reply = await self._post("addurl", IdsReply, params=params)
        if not reply.nzo_ids:
            raise InvalidRequestError("SABnzbd did not accept the URL", details={"url": url})
        return reply.nzo_ids

    # ---- history ---------------------------------------------------------------------------------

    async def history(
        self,
        *,
        start: int = 0,
        limit: int | None = None,
        nzo_ids: Sequence[str] = (),
        category: str | None = None,
        failed_only: bool = False,
    ) -> History:
        """One page of history, newest first (limit None: SABnzbd's `history_limit`, 10 by default)."""
        params = {"start": str(start)}
        if limit is not None:
            params["limit"] = str(limit)
        if nzo_ids:
            params["nzo_ids"] = _id_list(nzo_ids)
        if category is not None:
            params["category"] = category
        if failed_only:
            params["failed_only"] = "1"
        return (await self._get("history", HistoryReply, params=params)).history

    async def history_if_changed(self, *, since: int | None, limit: int) -> History | None:
        """The newest `limit` rows, or None when SABnzbd's `last_history_update` counter is still `since`."""
        params = {"start": "0", "limit": str(limit)}
        if since is not None:
            params["last_history_update"] = str(since)
        history = (await self._get("history", HistoryIfChangedReply, params=params)).history
        return None if history is False else history

    async def delete_history(self, nzo_ids: Sequence[str], *, delete_files: bool = False) -> None:
        """Remove history rows; SABnzbd answers success even for unknown ids (use `find_job` first)."""
        if not nzo_ids:
            return
        params = {"name": "delete", "value": _id_list(nzo_ids), **({"del_files": "1"} if delete_files else {})}
        await self._post("history", Done, params=params)

    async def retry(self, nzo_id: str) -> str:
        """Requeue a failed job; returns its NEW nzo_id (the old history row is gone). Unknown id: NotFoundError."""
        params = {"value": _id_list([nzo_id])}
        return (await self._post("retry", RetryReply, params=params, context={"nzo_id": nzo_id})).nzo_id

    async def find_job(self, nzo_id: str) -> JobPlace | None:
        """Where a job is: "queue", "history" (finished or post-processing) or None when SABnzbd has no such job."""
        located = await self.locate_job(nzo_id)
        return None if located is None else located[0]

    async def locate_job(self, nzo_id: str) -> tuple[JobPlace, HistorySlot | None] | None:
        """Where a job is, with its history row when it is in history; None when SABnzbd has no such job."""
        # Queue first: a job moves from queue to history, so this order cannot miss one that is moving.
        queue = await self.queue(nzo_ids=[nzo_id])
        if any(slot.nzo_id == nzo_id for slot in queue.slots):
            return "queue", None
        history = await self.history(nzo_ids=[nzo_id])
        row = next((slot for slot in history.slots if slot.nzo_id == nzo_id), None)
        return None if row is None else ("history", row)

    # ---- config ----------------------------------------------------------------------------------

    async def get_config(self, section: str | None = None, keyword: str | None = None) -> dict[str, Any]:
        """The `config` object: everything, one section, or `{section: {keyword: value}}`; `{}` when unknown."""
        params = {key: value for key, value in (("section", section), ("keyword", keyword)) if value is not None}
        return (await self._get("get_config", ConfigReply, params=params)).config

    async def set_config(self, section: str, keyword: str, *, value: ConfigValue) -> Any:
        """Write one item of a plain section (misc...) and return the value SABnzbd ECHOES (what it kept)."""
        if section in _LIST_SECTIONS:
            raise InvalidRequestError(
                f"'{section}' entries are set by name", details={"section": "use set_server or set_category"}
            )
        subject = f"{section}.{keyword}"
        params = {"section": section, "keyword": keyword, "value": wire_value(value)}
        context = {"section": section, "keyword": keyword}
        config = (await self._post("set_config", ConfigReply, params=params, context=context)).config
        echoed = config.get(section)
        if not isinstance(echoed, dict) or keyword not in echoed:
            raise ServiceUnavailableError(
                self._http.service, f"{self._http.service} did not echo {subject}", reason="bad_response"
            )
        return echoed[keyword]

    async def set_config_verified(self, section: str, keyword: str, *, value: ConfigValue) -> Any:
        """`set_config`, raising InvalidRequestError when SABnzbd silently kept another value than the one sent."""
        wire = wire_value(value)
        echoed = await self.set_config(section, keyword, value=wire)
        problem = refusal(wire, echoed)
        if problem is not None:
            subject = f"{section}.{keyword}"
            raise InvalidRequestError(f"SABnzbd did not store {subject} = {wire!r}", details={subject: problem})
        return echoed

    async def set_server(self, name: str, fields: Mapping[str, ConfigValue]) -> dict[str, Any]:
        """Create or update a news server (a partial update keeps the other fields); verified like set_config."""
        return await self._set_entry("servers", name, fields)

    async def set_category(self, name: str, fields: Mapping[str, ConfigValue]) -> dict[str, Any]:
        """Create or update a category (SABnzbd lower-cases its name); verified like set_config."""
        return await self._set_entry("categories", name, fields)

    async def _set_entry(self, section: str, name: str, fields: Mapping[str, ConfigValue]) -> dict[str, Any]:
        wires = {key: wire_value(value) for key, value in fields.items() if key not in {"name", "keyword"}}
        params = {"section": section, "name": name, **wires}
        config = (await self._post("set_config", ConfigReply, params=params)).config
        rows = config.get(section)
        if not isinstance(rows, list) or len(rows) != 1 or not isinstance(rows[0], dict):
            raise ServiceUnavailableError(
                self._http.service, f"{self._http.service} did not echo {section} '{name}'", reason="bad_response"
            )
        row: dict[str, Any] = rows[0]
        problems: dict[str, str] = {}
        for key, wire in wires.items():
            subject = f"{section}.{row.get('name', name)}.{key}"
            if key not in row:
                problems[subject] = f"SABnzbd has no field '{key}' for {section}"
            elif (problem := refusal(wire, row[key])) is not None:
                problems[subject] = problem
        if problems:
            raise InvalidRequestError(f"SABnzbd did not store every field of {section} '{name}'", details=problems)
        return row
