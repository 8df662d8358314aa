"""What the client raises, drawn as a tree; every answered error carries AutoArr's `{error, message, details}`.

AutoArrClientError                       anything the client raises
├── AutoArrConnectionError               AutoArr could not be reached (refused, DNS, reset, lost WebSocket)
│   └── AutoArrTimeoutError              ... or did not answer in time
├── AutoArrResponseError                 AutoArr answered 2xx with a body the client cannot read
└── AutoArrError(status, error, message, details, retry_after, request_id)   an error envelope
    ├── InvalidRequestError              400 invalid_request (details: the request's field paths)
    ├── UnauthorizedError                401 unauthorized (also a WebSocket closed with 4401)
    ├── ForbiddenError                   403 forbidden
    ├── NotFoundError                    404 not_found
    ├── MethodNotAllowedError            405 method_not_allowed
    ├── ConflictError                    409 conflict
    ├── RateLimitedError                 429 rate_limit_exceeded, with retry_after (also a WebSocket closed with 4429)
    ├── InternalServerError              500 internal_error
    ├── ServiceUnavailableError          503 service_unavailable (details.reason says why)
    │   └── McpConnectionError           503 mcp_connection_error (the same, seen through /api/v1/mcp/)
    └── EventStreamClosedError           the server closed the event stream (replaced by another client, too slow)
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field


class ErrorEnvelope(BaseModel):
    """The body of every AutoArr error: `{error, message, details}`, plus `retry_after` on a 429."""

    model_config = ConfigDict(extra="allow")

    error: str = Field(description="Machine-readable code, e.g. not_found")
    message: str = ""
    details: dict[str, Any] = Field(default_factory=dict)
    retry_after: int | None = None


class AutoArrClientError(Exception):
    """Base of everything the AutoArr client raises."""


class AutoArrConnectionError(AutoArrClientError):
    """AutoArr could not be reached, or the connection was lost."""


class AutoArrTimeoutError(AutoArrConnectionError):
    """AutoArr did not answer in time."""


class AutoArrResponseError(AutoArrClientError):
    """A successful answer whose body is not what the API reference promises."""


class AutoArrError(AutoArrClientError):
    """AutoArr answered with an error envelope; `status`, `error` (the code), `message` and `details` say what."""

    status_code: ClassVar[int | None] = None

    def __init__(
        self, envelope: ErrorEnvelope, *, status: int, request_id: str | None = None, retry_after: int | None = None
    ) -> None:
        super().__init__(f"{status} {envelope.error}: {envelope.message}")
        self.envelope = envelope
        self.status = status
        self.error = envelope.error
        self.message = envelope.message
        self.details = envelope.details
        self.request_id = request_id
        self.retry_after = retry_after if retry_after is not None else envelope.retry_after


class InvalidRequestError(AutoArrError):
    """400: the request's parameters or body are invalid; `details` names each field."""

    status_code = 400


class UnauthorizedError(AutoArrError):
    """401: the API key is missing or wrong."""

    status_code = 401


class ForbiddenError(AutoArrError):
    """403: the key may not do this."""

    status_code = 403


class NotFoundError(AutoArrError):
    """404: no such route or item."""

    status_code = 404


class MethodNotAllowedError(AutoArrError):
    """405: the route does not take this method."""

    status_code = 405


class ConflictError(AutoArrError):
    """409: a write lost a race."""

    status_code = 409


class RateLimitedError(AutoArrError):
    """429: the budget is spent; `retry_after` says how many seconds to wait."""

    status_code = 429


class InternalServerError(AutoArrError):
    """500: AutoArr failed unexpectedly."""

    status_code = 500


class ServiceUnavailableError(AutoArrError):
    """503: the service behind the endpoint is disabled, down, rejecting AutoArr's key or behind an open circuit."""

    status_code = 503


class McpConnectionError(ServiceUnavailableError):
    """503 `mcp_connection_error`: the service behind an MCP server cannot be reached."""


class EventStreamClosedError(AutoArrError):
    """The server closed the event stream; `error` is its reason (replaced, too_slow, ...)."""


_BY_STATUS: dict[int, type[AutoArrError]] = {
    cls.status_code: cls
    for cls in (
        InvalidRequestError,
        UnauthorizedError,
        ForbiddenError,
        NotFoundError,
        MethodNotAllowedError,
        ConflictError,
        RateLimitedError,
        InternalServerError,
        ServiceUnavailableError,
    )
    if cls.status_code is not None
}


def error_for(
    status: int, envelope: ErrorEnvelope, *, request_id: str | None = None, retry_after: int | None = None
) -> AutoArrError:
    """The typed error for a status and envelope."""
    cls = McpConnectionError if envelope.error == "mcp_connection_error" else _BY_STATUS.get(status, AutoArrError)
    return cls(envelope, status=status, request_id=request_id, retry_after=retry_after)


_STATUS_BY_CODE: dict[str, int] = {
    "invalid_request": 400,
    "unauthorized": 401,
    "forbidden": 403,
    "not_found": 404,
    "method_not_allowed": 405,
    "conflict": 409,
    "rate_limit_exceeded": 429,
    "internal_error": 500,
    "service_unavailable": 503,
    "mcp_connection_error": 503,
}


def status_for_code(code: str) -> int:
    """The HTTP status AutoArr pairs with an error code (for errors that arrive over the WebSocket)."""
    return _STATUS_BY_CODE.get(code, 400)
