"""What the Sonarr and Radarr simulators share on the wire: JSON, the record store, errors, auth, paging, bodies."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from autoarr.sim.faults import Faults

JSON = dict[str, Any]
SECRET_MASK = "********"  # noqa: S105 - the mask the apps show for secrets, not a secret


def encode(value: object) -> bytes:
    """Compact JSON bytes, the way the *arr apps send it (nulls are left out by the builders, not here)."""
    return json.dumps(value, separators=(",", ":")).encode()


def iso(moment: datetime) -> str:
    """ISO-8601 UTC with a Z, as System.Text.Json writes a UTC DateTime (to the second)."""
    if moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    return moment.isoformat(timespec="seconds")[:-6] + "Z"  # drop "+00:00"


def utc_now() -> datetime:
    """The current time in UTC (the default clock of a simulator)."""
    return datetime.now(UTC)


def split_camel(name: str) -> str:
    """`QualityProfileId` -> `Quality Profile Id`, as FluentValidation and command names display them."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name)


def json_response(value: object, *, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    """A JSON response with the *arr content type."""
    return raw_json(encode(value), status=status, headers=headers)


def raw_json(body: bytes, *, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    """Already encoded JSON (the pre-serialised list endpoints)."""
    return Response(body, status_code=status, headers=headers, media_type="application/json; charset=utf-8")


def empty(status: int = 200) -> Response:
    """A response with no body at all (DELETE, 401)."""
    return Response(b"", status_code=status)


class Collection:
    """Records by id, each cached as JSON bytes so a 10,000-item list is served without re-encoding."""

    def __init__(self, records: Iterable[JSON] = ()) -> None:
        self._records: dict[int, JSON] = {}
        self._encoded: dict[int, bytes] = {}
        self._all: bytes | None = None
        self._next_id = 1
        for record in records:
            self.add(record)

    def add(self, record: JSON) -> JSON:
        """Store a record; one without an id (or with id 0) gets the next free id."""
        if not record.get("id"):
            record["id"] = self._next_id
        self._next_id = max(self._next_id, record["id"] + 1)
        self._records[record["id"]] = record
        self._forget(record["id"])
        return record

    def replace(self, record: JSON) -> JSON:
        """Store a changed record under its id."""
        self._records[record["id"]] = record
        self._forget(record["id"])
        return record

    def touch(self, record_id: int) -> None:
        """Say that a stored record was changed in place."""
        self._forget(record_id)

    def remove(self, record_id: int) -> JSON | None:
        """Delete a record, returning it (None when there was none)."""
        self._forget(record_id)
        return self._records.pop(record_id, None)

    def get(self, record_id: int) -> JSON | None:
        """The record with this id, or None."""
        return self._records.get(record_id)

    def values(self) -> list[JSON]:
        """Every record, in id order."""
        return list(self._records.values())

    def __len__(self) -> int:
        return len(self._records)

    @property
    def next_id(self) -> int:
        """The id the next added record gets (ids are never reused, like the apps' AUTOINCREMENT keys)."""
        return self._next_id

    def encoded(self, record_id: int) -> bytes:
        """One record as JSON bytes (cached)."""
        cached = self._encoded.get(record_id)
        if cached is None:
            cached = self._encoded[record_id] = encode(self._records[record_id])
        return cached

    def encoded_list(self, records: Iterable[JSON] | None = None) -> bytes:
        """A JSON array of the given records (default: all of them, cached until something changes)."""
        if records is None:
            if self._all is None:
                self._all = b"[" + b",".join(self.encoded(rid) for rid in self._records) + b"]"
            return self._all
        return b"[" + b",".join(self.encoded(record["id"]) for record in records) + b"]"

    def _forget(self, record_id: int) -> None:
        self._encoded.pop(record_id, None)
        self._all = None


# --- errors -----------------------------------------------------------------------------------------------


class ArrError(Exception):
    """An error the app answers in its own flavour (see `render_error`)."""


class NotFoundError(ArrError):
    """GET of a resource id that does not exist: 404 ASP.NET ProblemDetails."""


class BindingError(ArrError):
    """A body or query that could not be bound: 400 ProblemDetails with `errors`."""

    def __init__(self, errors: Mapping[str, list[str]]) -> None:
        super().__init__("bad body")
        self.errors = dict(errors)


class ValidationError(ArrError):
    """FluentValidation failures: 400 with a bare JSON array."""

    def __init__(self, failures: list[JSON]) -> None:
        super().__init__("invalid")
        self.failures = failures


class MessageError(ArrError):
    """An exception the *arr error middleware turns into `{"message", "description"}`."""

    def __init__(self, status: int, message: str, description: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.description = description


def failure(prop: str, message: str, value: object, code: str | None, **placeholders: object) -> JSON:
    """One FluentValidation failure as Sonarr and Radarr serialise it (nulls left out)."""
    values: JSON = {"PropertyName": split_camel(prop), "PropertyPath": prop}
    if value is not None:
        values["PropertyValue"] = value
    values.update(placeholders)
    item: JSON = {"propertyName": prop, "errorMessage": message, "severity": "error"}
    if code is not None:
        item["errorCode"] = code
    if value is not None:
        item["attemptedValue"] = value
    item["formattedMessagePlaceholderValues"] = values
    return item


def raise_if(failures: list[JSON]) -> None:
    """Raise `ValidationError` when validation found anything."""
    if failures:
        raise ValidationError(failures)


def render_error(exc: ArrError, *, problem_types: tuple[str, str], trace_id: str) -> Response:
    """The response for an `ArrError`; `problem_types` are the app's (404, 400) ProblemDetails type URLs."""
    if isinstance(exc, NotFoundError):
        problem = {"type": problem_types[0], "title": "Not Found", "status": 404, "traceId": trace_id}
        return _problem(problem, 404)
    if isinstance(exc, BindingError):
        problem = {
            "type": problem_types[1],
            "title": "One or more validation errors occurred.",
            "status": 400,
            "errors": exc.errors,
            "traceId": trace_id,
        }
        return _problem(problem, 400)
    if isinstance(exc, ValidationError):
        return json_response(exc.failures, status=400)
    if isinstance(exc, MessageError):
        body: JSON = {"message": exc.message}
        if exc.description is not None:
            body["description"] = exc.description
        return json_response(body, status=exc.status)
    raise TypeError(f"unhandled simulator error {exc!r}")


def _problem(problem: JSON, status: int) -> Response:
    return Response(encode(problem), status_code=status, media_type="application/problem+json; charset=utf-8")


# --- auth ---------------------------------------------------------------------------------------------------


class ApiKeyMiddleware:
    """The *arr key check: `apikey` query first, else X-Api-Key, else `Authorization: Bearer`; 401 with no body."""

    def __init__(self, app: ASGIApp, *, api_key: str, faults: Faults) -> None:
        self.app = app
        self.api_key = api_key
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        open_route = scope["path"] == "/ping" and scope["method"] in {"GET", "HEAD"}
        if self.faults.reject_key or not (open_route or _presented_key(scope) == self.api_key):
            await empty(401)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _presented_key(scope: Scope) -> str | None:
    # The first place that carries a key decides, even when a later one holds the right key (as in the apps).
    query: bytes = scope.get("query_string", b"")
    for name, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
        if name.lower() == "apikey":
            return value
    headers: dict[bytes, str] = {name.lower(): value.decode("latin-1") for name, value in scope["headers"]}
    if b"x-api-key" in headers:
        return headers[b"x-api-key"]
    authorization = headers.get(b"authorization")
    if authorization is not None:
        return authorization.replace("Bearer ", "")
    return None


# --- query and body binding -----------------------------------------------------------------------------------


def query_int(request: Request, name: str, default: int | None = None) -> int | None:
    """An integer query parameter, or a 400 ProblemDetails like ASP.NET model binding gives."""
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise BindingError({name: [f"The value '{raw}' is not valid."]}) from None


def query_ints(request: Request, name: str) -> list[int]:
    """A repeatable integer query parameter (`eventType=1&eventType=4`, or comma separated)."""
    values: list[int] = []
    for raw in request.query_params.getlist(name):
        for part in raw.split(","):
            try:
                values.extend([int(part)] if part.strip() else [])
            except ValueError:
                raise BindingError({name: [f"The value '{raw}' is not valid."]}) from None
    return values


def query_bool(request: Request, name: str, *, default: bool) -> bool:
    """A boolean query parameter (`true`/`false`, any case)."""
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"true", "false"}:
        return raw.lower() == "true"
    raise BindingError({name: [f"The value '{raw}' is not valid."]})


def query_time(request: Request, name: str, default: datetime) -> datetime:
    """A date or date-time query parameter (`2026-11-27`, `2026-11-27T00:00:00Z`), UTC when no zone is given."""
    raw = request.query_params.get(name)
    if not raw:
        return default
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise BindingError({name: [f"The value '{raw}' is not valid."]}) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


_TYPE_NAMES = {bool: "System.Boolean", int: "System.Int32", float: "System.Double", str: "System.String"}


async def read_body(
    request: Request, template: Mapping[str, Any], *, enums: Mapping[str, tuple[str, ...]] | None = None
) -> JSON:
    """The request's JSON object bound like ASP.NET does against a resource shaped like `template`.

    Property names match case-insensitively, trailing commas are allowed, nulls are dropped, and a value
    whose JSON type differs from the template's (or an unknown enum string) is a 400 ProblemDetails.
    """
    raw = (await request.body()).decode("utf-8", errors="replace")
    try:
        body = json.loads(_strip_trailing_commas(raw))
    except json.JSONDecodeError as exc:
        where = f"Path: $ | LineNumber: {exc.lineno - 1} | BytePositionInLine: {exc.colno - 1}."
        raise BindingError({"$": [f"{exc.msg}. {where}"], "resource": ["The resource field is required."]}) from None
    if not isinstance(body, dict):
        raise BindingError({"$": ["The JSON value could not be converted to the resource. Path: $ | LineNumber: 0"]})
    names: dict[str, str] = {key.lower(): key for key in template}
    bound: JSON = {}
    errors: dict[str, list[str]] = {}
    for key, value in body.items():
        name = names.get(str(key).lower(), str(key))
        if value is None:
            continue
        expected = template.get(name)
        allowed = (enums or {}).get(name)
        if (expected is not None and not _same_json_type(value, expected)) or (
            allowed is not None and value not in allowed
        ):
            type_name = "an enum" if allowed else _TYPE_NAMES.get(type(expected), type(expected).__name__)
            position = max(raw.find(f'"{key}"'), 0) + len(key) + 3
            errors[f"$.{name}"] = [
                f"The JSON value could not be converted to {type_name}. "
                f"Path: $.{name} | LineNumber: 0 | BytePositionInLine: {position}."
            ]
        bound[name] = value
    if errors:
        raise BindingError({**errors, "resource": ["The resource field is required."]})
    return bound


def _same_json_type(value: object, expected: object) -> bool:
    if isinstance(expected, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(expected, bool)
    if isinstance(expected, float):
        return isinstance(value, int | float)
    return isinstance(value, type(expected))


def _strip_trailing_commas(text: str) -> str:
    """Drop commas that directly precede `}` or `]` outside strings (System.Text.Json's AllowTrailingCommas)."""
    out: list[str] = []
    in_string = escaped = False
    for index, char in enumerate(text):
        if in_string:
            escaped = char == "\\" and not escaped
            in_string = not (char == '"' and not escaped)
        elif char == '"':
            in_string = True
        elif char == "," and text[index + 1 :].lstrip()[:1] in {"}", "]"}:
            continue
        out.append(char)
    return "".join(out)


# --- paging ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageRequest:
    """`page`, `pageSize`, `sortKey` and `sortDirection` as the paging endpoints read them."""

    page: int
    page_size: int
    sort_key: str
    sort_direction: str


def page_request(request: Request, *, sort_key: str, direction: str) -> PageRequest:
    """Read the paging query, with the endpoint's own default sort."""
    page = query_int(request, "page", 1) or 1
    size = query_int(request, "pageSize", 10) or 10
    asked = request.query_params.get("sortDirection", "default")
    chosen = asked if asked in {"ascending", "descending"} else direction
    return PageRequest(max(page, 1), max(size, 1), request.query_params.get("sortKey") or sort_key, chosen)


def paged(records: list[JSON], paging: PageRequest, sorters: Mapping[str, Callable[[JSON], Any]]) -> JSON:
    """The `{page, pageSize, sortKey, sortDirection, totalRecords, records}` answer of a paging endpoint."""
    sorter = sorters.get(paging.sort_key)
    if sorter is not None:
        records = sorted(records, key=sorter, reverse=paging.sort_direction == "descending")
    start = (paging.page - 1) * paging.page_size
    return {
        "page": paging.page,
        "pageSize": paging.page_size,
        "sortKey": paging.sort_key,
        "sortDirection": paging.sort_direction,
        "totalRecords": len(records),
        "records": records[start : start + paging.page_size],
    }
