"""What Sonarr and Radarr share (both speak the *arr v3 API): the client base and its error mapping.

Status codes other than 401/403 and 5xx (which `ServiceHttp` handles) are read here:
404 -> NotFoundError; 400 -> InvalidRequestError (FluentValidation failures become `details`
keyed by camelCase field path); 409 -> ConflictError; anything else unexpected -> ServiceUnavailableError
with reason "bad_response".
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any, Literal, TypeVar

from pydantic import TypeAdapter, ValidationError

from autoarr.errors import (
    AutoArrError,
    ConflictError,
    InvalidRequestError,
    NotFoundError,
    ServiceUnavailableError,
)
from autoarr.integrations._arr_models import (
    JSON,
    ArrPage,
    BlocklistItem,
    Command,
    HealthCheck,
    HistoryRecord,
    QualityProfile,
    QueueItem,
    RootFolder,
    SystemStatus,
    json_object,
    json_objects,
)
from autoarr.integrations._http import Decode, Reply, ServiceHttp, Streamed, json_body

API = "/api/v3"
ConfigName = Literal["host", "mediamanagement", "naming", "indexer", "downloadclient", "ui"]
R = TypeVar("R")
T = TypeVar("T")

# What each method answers on success (the apps: POST 201 Created, PUT 202 Accepted; 200 is seen too).
_SUCCESS = {
    "GET": frozenset({200}),
    "POST": frozenset({200, 201}),
    "PUT": frozenset({200, 202}),
    "DELETE": frozenset({200, 202, 204}),
}


def arr_headers(api_key: str) -> dict[str, str]:
    """Headers for an *arr AsyncClient: the key goes in X-Api-Key, never in a URL that logs could keep."""
    return {"X-Api-Key": api_key, "Accept": "application/json"}


_HEALTH = TypeAdapter(list[HealthCheck])
_PROFILES = TypeAdapter(list[QualityProfile])
_ROOT_FOLDERS = TypeAdapter(list[RootFolder])


def wire_time(moment: date) -> str:
    """A date or datetime as the *arr query parameters take it (datetimes in UTC with a Z)."""
    if isinstance(moment, datetime):
        aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return moment.isoformat()


def field_path(property_name: str) -> str:
    """A FluentValidation PascalCase path (`Seasons[0].Monitored`) as camelCase (`seasons[0].monitored`)."""
    return ".".join(part[:1].lower() + part[1:] for part in property_name.split("."))


# ---- the client base ----------------------------------------------------------------------------------


class ArrClient:
    """The *arr v3 calls Sonarr and Radarr answer alike; HTTP only, typed at the boundary."""

    def __init__(self, http: ServiceHttp) -> None:
        self.http = http
        self.name = http.service.capitalize()

    # ---- plumbing -------------------------------------------------------------------------------------

    async def _reply(
        self,
        method: str,
        path: str,
        *,
        decode: Decode[T] | None = None,
        params: Mapping[str, Any] | None = None,
        body: Any = None,
        subject: str | None = None,
        harmless: frozenset[int] = frozenset(),
    ) -> Reply[T]:
        """Send (decoding a success with `decode`, inside the breaker permit); raise the mapped error otherwise."""
        lenient = decode if decode is None or isinstance(decode, Streamed) else _nulls_as_absent(decode)
        reply = await self.http.request(
            method, f"{API}/{path}", params=params, json_body=body, decode=lenient, harmless_statuses=harmless
        )
        if reply.status not in _SUCCESS[method] and reply.status not in harmless:
            raise self.error_for(reply, subject=subject)
        return reply

    async def _fetch(
        self,
        method: str,
        path: str,
        *,
        decode: Decode[T],
        params: Mapping[str, Any] | None = None,
        body: Any = None,
        subject: str | None = None,
    ) -> T:
        """Send and return the decoded answer."""
        reply = await self._reply(method, path, decode=decode, params=params, body=body, subject=subject)
        return reply.decoded()

    async def _send(
        self, method: str, path: str, *, params: Mapping[str, Any] | None = None, subject: str | None = None
    ) -> None:
        """Send a call whose answer carries nothing AutoArr needs (DELETE, mark failed)."""
        await self._reply(method, path, params=params, subject=subject)

    def server_error(self, status: int) -> ServiceUnavailableError:
        """A 5xx a call had marked harmless that turned out not to be: the service failed after all."""
        message = f"{self.name} answered HTTP {status}"
        return ServiceUnavailableError(self.http.service, message, reason="upstream_error", details={"status": status})

    def error_for(self, reply: Reply[Any], *, subject: str | None = None) -> AutoArrError:
        """The AutoArr error for an answer that is not a success; `subject` names what a 404 missed."""
        status = reply.status
        body = error_body(reply)
        said = _said(body)
        if status == 404:
            message = f"{subject} was not found in {self.name}" if subject else f"{self.name}: {said or 'not found'}"
            return NotFoundError(message, details={"service": self.http.service})
        if status == 400:
            return self._invalid(body, said)
        if status == 409:
            return ConflictError(f"{self.name} reports a conflict: {said or 'the resource already exists'}")
        return ServiceUnavailableError(
            self.http.service,
            f"{self.name} answered HTTP {status}, which AutoArr does not expect here",
            reason="bad_response",
            details={"status": status},
        )

    def _invalid(self, body: Any, said: str | None) -> InvalidRequestError:
        if isinstance(body, list):  # FluentValidation failures: [{propertyName, errorMessage, ...}]
            details: dict[str, str] = {}
            for failure in body:
                if not isinstance(failure, dict):
                    continue
                key = field_path(str(failure.get("propertyName") or "request"))
                message = str(failure.get("errorMessage", "is invalid"))
                details[key] = f"{details[key]}; {message}" if key in details else message
            first = next(iter(details.values()), "the request is invalid")
            return InvalidRequestError(f"{self.name} rejected the request: {first}", details=details)
        if isinstance(body, dict) and isinstance(body.get("errors"), dict):  # ProblemDetails from model binding
            details = {
                key.removeprefix("$.") or "body": "; ".join(map(str, messages if isinstance(messages, list) else []))
                for key, messages in body["errors"].items()
            }
            return InvalidRequestError(f"{self.name} could not read the request: {said}", details=details)
        return InvalidRequestError(f"{self.name} rejected the request: {said or 'bad request'}")

    async def _every_page(self, fetch: Callable[[int], Awaitable[ArrPage[R]]]) -> list[R]:
        records: list[R] = []
        number = 1
        while True:
            page = await fetch(number)
            records += page.records
            if not page.records or len(records) >= page.total_records:
                return records
            number += 1

    # ---- system -------------------------------------------------------------------------------------

    async def ping(self) -> None:
        """A cheap authenticated call (system/status) that raises when the service cannot serve us."""
        await self.system_status()

    async def system_status(self) -> SystemStatus:
        """GET /system/status: name, version, branch, authentication."""
        return await self._fetch("GET", "system/status", decode=SystemStatus.model_validate_json)

    async def health(self) -> list[HealthCheck]:
        """GET /health: the app's own health warnings and errors."""
        return await self._fetch("GET", "health", decode=_HEALTH.validate_json)

    async def quality_profiles(self) -> list[QualityProfile]:
        """GET /qualityprofile."""
        return await self._fetch("GET", "qualityprofile", decode=_PROFILES.validate_json)

    async def root_folders(self) -> list[RootFolder]:
        """GET /rootfolder."""
        return await self._fetch("GET", "rootfolder", decode=_ROOT_FOLDERS.validate_json)

    # ---- downloads: queue, history, blocklist ---------------------------------------------------------

    async def queue_page(self, *, page: int = 1, page_size: int = 50) -> ArrPage[QueueItem]:
        """One page of GET /queue (items the app could not match to its media included)."""
        params = {"page": page, "pageSize": page_size, **self._queue_extras()}
        return await self._fetch("GET", "queue", decode=ArrPage[QueueItem].model_validate_json, params=params)

    def _queue_extras(self) -> JSON:
        return {}

    async def queue_all(self, *, page_size: int = 200) -> list[QueueItem]:
        """Every queue item, page by page."""
        return await self._every_page(lambda number: self.queue_page(page=number, page_size=page_size))

    async def history_page(
        self,
        *,
        page: int = 1,
        page_size: int = 50,
        download_id: str | None = None,
        event_types: Sequence[int] = (),
    ) -> ArrPage[HistoryRecord]:
        """One page of GET /history, newest first; `event_types` are the app's eventType numbers."""
        params: JSON = {"page": page, "pageSize": page_size, "sortKey": "date", "sortDirection": "descending"}
        if download_id is not None:
            params["downloadId"] = download_id
        if event_types:
            params["eventType"] = list(event_types)
        return await self._fetch("GET", "history", decode=ArrPage[HistoryRecord].model_validate_json, params=params)

    async def mark_failed(self, history_id: int) -> None:
        """POST /history/failed/{id}: the app blocklists the release and, if configured, searches again."""
        await self._send("POST", f"history/failed/{history_id}", subject=f"History record {history_id}")

    async def blocklist_page(self, *, page: int = 1, page_size: int = 50) -> ArrPage[BlocklistItem]:
        """One page of GET /blocklist, newest first."""
        params = {"page": page, "pageSize": page_size}
        return await self._fetch("GET", "blocklist", decode=ArrPage[BlocklistItem].model_validate_json, params=params)

    # ---- commands -----------------------------------------------------------------------------------

    async def post_command(self, name: str, arguments: Mapping[str, Any] | None = None) -> Command:
        """POST /command `{name, ...arguments}`; the answer carries the command id (as a string)."""
        body = {"name": name, **(arguments or {})}
        return await self._fetch("POST", "command", decode=Command.model_validate_json, body=body)

    async def command(self, command_id: str) -> Command:
        """GET /command/{id}: where a command is (queued, started, completed, failed)."""
        if not command_id.isdigit():
            raise NotFoundError(f"Command {command_id} was not found in {self.name}")
        return await self._fetch(
            "GET", f"command/{command_id}", decode=Command.model_validate_json, subject=f"Command {command_id}"
        )

    # ---- settings, as raw dicts so a GET -> change -> PUT round trip keeps every field ------------------

    async def raw(self, path: str) -> Any:
        """GET /api/v3/{path} as the plain JSON the app sent (what the audit inspects)."""
        return await self._fetch("GET", path, decode=json_body)

    async def config(self, name: ConfigName) -> JSON:
        """GET /config/{name}, exactly as the app sent it."""
        return await self._fetch("GET", f"config/{name}", decode=json_object)

    async def update_config(self, name: ConfigName, resource: Mapping[str, Any]) -> JSON:
        """PUT /config/{name}/{id} with the whole resource (start from `config(name)`); the app's answer."""
        return await self._fetch(
            "PUT",
            f"config/{name}/{_resource_id(resource)}",
            decode=json_object,
            body=dict(resource),
            subject=f"{name} config",
        )

    async def download_clients(self) -> list[JSON]:
        """GET /downloadclient (secrets read "********"; sending that back keeps the stored value)."""
        return await self._fetch("GET", "downloadclient", decode=json_objects)

    async def download_client(self, client_id: int) -> JSON:
        """GET /downloadclient/{id}."""
        return await self._fetch(
            "GET", f"downloadclient/{client_id}", decode=json_object, subject=f"Download client {client_id}"
        )

    async def update_download_client(self, resource: Mapping[str, Any]) -> JSON:
        """PUT /downloadclient/{id} with the whole resource ("********" secrets left as they came)."""
        client_id = _resource_id(resource)
        return await self._fetch(
            "PUT",
            f"downloadclient/{client_id}",
            decode=json_object,
            body=dict(resource),
            subject=f"Download client {client_id}",
        )

    async def indexers(self) -> list[JSON]:
        """GET /indexer (provider resources, secrets masked)."""
        return await self._fetch("GET", "indexer", decode=json_objects)

    # ---- for the subclasses: media-typed calendar and wanted/missing ----------------------------------

    async def _calendar(self, start: date, end: date, *, decode: Callable[[bytes], T], **extra: Any) -> T:
        params = {"start": wire_time(start), "end": wire_time(end), **extra}
        return await self._fetch("GET", "calendar", decode=decode, params=params)

    async def _wanted_missing(self, *, page: int, page_size: int, decode: Callable[[bytes], T], **extra: Any) -> T:
        params = {"page": page, "pageSize": page_size, "monitored": True, **extra}
        return await self._fetch("GET", "wanted/missing", decode=decode, params=params)


def _nulls_as_absent(decode: Callable[[bytes], T]) -> Callable[[bytes], T]:
    """`decode`, retried without null values when it fails.

    Sonarr and Radarr leave nulls out; a server that writes them (their OpenAPI documents mark many
    fields nullable) means the same. Only an answer that fails is rewritten: the usual one costs nothing.
    """

    def lenient(content: bytes) -> T:
        try:
            return decode(content)
        except ValidationError:
            stripped = _without_nulls(json.loads(content))
        return decode(json.dumps(stripped).encode())

    return lenient


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_nulls(item) for item in value]
    return value


def error_body(reply: Reply[Any]) -> Any:
    """The JSON of an error answer (None when it has none: 401s and bare 404s are empty)."""
    try:
        return json.loads(reply.response.content) if reply.response.content else None
    except ValueError:
        return None


def error_message(reply: Reply[Any]) -> str:
    """The human message of an error answer ("" when it carries none)."""
    return _said(error_body(reply)) or ""


def _said(body: Any) -> str | None:
    """The human message of an error body: ErrorModel `message` or ProblemDetails `title`."""
    if isinstance(body, dict):
        for key in ("message", "title"):
            if isinstance(body.get(key), str) and body[key]:
                return str(body[key])
    return None


def _resource_id(resource: Mapping[str, Any]) -> int:
    value = resource.get("id")
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidRequestError(
            "The resource has no id; start from what the service sent", details={"id": "required"}
        )
    return value
