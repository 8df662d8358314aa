"""Every error as `{error, message, details}`: the handlers FastAPI calls and the raw ASGI sender."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import Send

from autoarr.errors import (
    AutoArrError,
    ConflictError,
    ForbiddenError,
    InternalError,
    InvalidRequestError,
    MethodNotAllowedError,
    NotFoundError,
    UnauthorizedError,
)

_BY_STATUS: dict[int, type[AutoArrError]] = {
    400: InvalidRequestError,
    401: UnauthorizedError,
    403: ForbiddenError,
    404: NotFoundError,
    405: MethodNotAllowedError,
    409: ConflictError,
}


class ErrorBody(BaseModel):
    """The envelope, as documented in the OpenAPI document for every error response."""

    error: str = Field(description="Machine-readable code, e.g. `not_found`")
    message: str = Field(description="Human-readable explanation")
    details: dict[str, Any] = Field(description="Extra context; field paths for validation errors")


class RateLimitedBody(ErrorBody):
    retry_after: int = Field(description="Seconds until the budget allows another request")


def _response(status: int, description: str, model: type[BaseModel] = ErrorBody) -> dict[str, Any]:
    return {"model": model, "description": description}


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _response(400, "Invalid request (`invalid_request`), with field paths in `details`"),
    401: _response(401, "Missing or invalid API key (`unauthorized`)"),
    404: _response(404, "Unknown route or item (`not_found`)"),
    405: _response(405, "Method not allowed on this route (`method_not_allowed`)"),
    429: _response(429, "Rate limit exceeded (`rate_limit_exceeded`)", RateLimitedBody),
    500: _response(500, "Unexpected server error (`internal_error`)"),
}

ADD_RESPONSES: dict[int | str, dict[str, Any]] = {
    409: _response(409, "Another request added the same title meanwhile (`conflict`)"),
}

DELETE_DOWNLOAD_RESPONSES: dict[int | str, dict[str, Any]] = {
    409: _response(409, "The download is mid post-processing, or SABnzbd did not remove it; try again (`conflict`)"),
}

SERVICE_RESPONSES: dict[int | str, dict[str, Any]] = {
    503: _response(503, "Service disabled, unreachable or behind an open circuit (`service_unavailable`)"),
}


def error_json(error: AutoArrError, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error.body(), status_code=error.status, headers=headers)


async def send_error(
    send: Send, error: AutoArrError, extra_headers: list[tuple[bytes, bytes]], *, kind: str = "http.response"
) -> None:
    """Answer with the envelope from raw ASGI (used before routing: auth, rate limits, crashes).

    `kind="websocket.http.response"` sends it as a WebSocket handshake's denial response.
    """
    await send_json(send, error.status, json.dumps(error.body()).encode(), extra_headers, kind=kind)


async def send_json(
    send: Send,
    status: int,
    body: bytes,
    extra_headers: Sequence[tuple[bytes, bytes]] = (),
    *,
    kind: str = "http.response",
) -> None:
    """A JSON answer from raw ASGI."""
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *extra_headers]
    await send({"type": f"{kind}.start", "status": status, "headers": headers})
    await send({"type": f"{kind}.body", "body": body})


def _field_path(loc: tuple[Any, ...]) -> str:
    # ("body", "recommendation_ids", 2) -> "recommendation_ids.2"; ("query", "page_size") -> "page_size"
    parts = list(loc[1:]) if loc and loc[0] in ("body", "query", "path", "header", "cookie") else list(loc)
    return ".".join(str(p) for p in parts) or str(loc[0] if loc else "body")


def validation_details(exc: RequestValidationError) -> tuple[str, dict[str, Any]]:
    """A message and `details` keyed by the request's own field paths."""
    details: dict[str, Any] = {}
    for err in exc.errors():
        loc = tuple(err.get("loc", ()))
        if err.get("type") == "json_invalid":
            return "Request body is not valid JSON", {"body": err.get("ctx", {}).get("error", "invalid JSON")}
        details.setdefault(_field_path(loc), err.get("msg", "invalid value"))
    first = next(iter(details.items()), ("request", "invalid"))
    return f"Invalid request: {first[0]}: {first[1]}", details


_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path (RFC 9110: a 405 lists them all).

    Asked of the routes themselves, one method at a time: FastAPI nests included routers, so a path's
    routes are not a flat list to read methods from. Only a 405 pays for this.
    """
    routes = request.app.router.routes
    return [
        method
        for method in _METHODS
        if any(route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes)
    ]


def install_error_handlers(app: FastAPI) -> None:
    """Route every framework error through the envelope (no bare 422, no HTML 404)."""

    async def on_autoarr_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, AutoArrError)
        return error_json(exc)

    async def on_validation_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        message, details = validation_details(exc)
        return error_json(InvalidRequestError(message, details=details))

    async def on_http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        cls = _BY_STATUS.get(exc.status_code, InternalError)
        if exc.status_code == 404:
            error: AutoArrError = NotFoundError(f"No route {request.url.path}")
        elif exc.status_code == 405:
            error = MethodNotAllowedError(f"Method {request.method} not allowed on {request.url.path}")
        else:
            error = cls(str(exc.detail))
        headers = dict(exc.headers) if exc.headers else {}
        if exc.status_code == 405:  # Starlette names the first route's methods; the path may have several
            headers["Allow"] = ", ".join(_allowed_methods(request))
        return error_json(error, headers or None)

    app.add_exception_handler(AutoArrError, on_autoarr_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
