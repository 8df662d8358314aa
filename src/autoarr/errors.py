"""The one error tree; `web.envelope` renders each as `{error, message, details}` with its status.

AutoArrError(code, message, status, details)
├── InvalidRequestError        400 invalid_request
├── UnauthorizedError          401 unauthorized
├── ForbiddenError             403 forbidden
├── NotFoundError              404 not_found
├── MethodNotAllowedError      405 method_not_allowed
├── ConflictError              409 conflict
├── RateLimitedError           429 rate_limit_exceeded
├── InternalError              500 internal_error
└── ServiceUnavailableError    503 service_unavailable   (disabled, unreachable, timing out, 5xx, circuit open)
    ├── UpstreamAuthError      503 service_unavailable, details.reason "upstream_auth" (never trips a breaker)
    └── McpConnectionError     503 mcp_connection_error  (the same failures seen through /api/v1/mcp/)
"""

from __future__ import annotations

from typing import Any, ClassVar


class AutoArrError(Exception):
    """Base of every error AutoArr answers with; carries what the envelope needs."""

    code: ClassVar[str] = "internal_error"
    status: ClassVar[int] = 500

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details: dict[str, Any] = details or {}

    def body(self) -> dict[str, Any]:
        """The envelope for this error."""
        return {"error": self.code, "message": self.message, "details": self.details}


class InvalidRequestError(AutoArrError):
    code = "invalid_request"
    status = 400


class UnauthorizedError(AutoArrError):
    code = "unauthorized"
    status = 401


class ForbiddenError(AutoArrError):
    code = "forbidden"
    status = 403


class NotFoundError(AutoArrError):
    code = "not_found"
    status = 404


class MethodNotAllowedError(AutoArrError):
    code = "method_not_allowed"
    status = 405


class ConflictError(AutoArrError):
    code = "conflict"
    status = 409


class RateLimitedError(AutoArrError):
    """Budget exhausted; the body adds `retry_after` at the top level as the reference shows."""

    code = "rate_limit_exceeded"
    status = 429

    def __init__(self, *, retry_after: int, category: str, budget_headers: dict[str, str] | None = None) -> None:
        super().__init__(
            f"Rate limit exceeded. Try again in {retry_after} seconds.",
            details={"retry_after": retry_after, "category": category},
        )
        self.retry_after = retry_after
        # The X-RateLimit-* headers of the exhausted budget, when it is not the one the gateway reports.
        self.budget_headers = budget_headers or {}

    def body(self) -> dict[str, Any]:
        return {**super().body(), "retry_after": self.retry_after}


class InternalError(AutoArrError):
    code = "internal_error"
    status = 500


class ServiceUnavailableError(AutoArrError):
    """An upstream service is disabled, down, failing or behind an open circuit."""

    code = "service_unavailable"
    status = 503

    def __init__(self, service: str, message: str, *, reason: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message, details={"service": service, "reason": reason, **(details or {})})
        self.service = service
        self.reason = reason


class UpstreamAuthError(ServiceUnavailableError):
    """The service rejected the key AutoArr holds for it."""

    def __init__(self, service: str) -> None:
        super().__init__(service, f"{service} rejected AutoArr's API key", reason="upstream_auth")


class McpConnectionError(ServiceUnavailableError):
    """A service failure as seen through the MCP proxy and per-item apply results."""

    code = "mcp_connection_error"
