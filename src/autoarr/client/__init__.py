"""A typed Python client for the AutoArr API; it imports nothing of the server.

    async with AutoArrClient("http://127.0.0.1:8000", api_key) as client:
        audit = await client.audit(["sabnzbd"])

`SyncAutoArrClient` offers the same calls, blocking. Errors are in `autoarr.client.errors`, answers in
`autoarr.client.models` and `autoarr.client.library`, live events in `autoarr.client.events`.
"""

from autoarr.client.api import AutoArrClient
from autoarr.client.errors import (
    AutoArrClientError,
    AutoArrConnectionError,
    AutoArrError,
    AutoArrResponseError,
    AutoArrTimeoutError,
    ConflictError,
    ErrorEnvelope,
    EventStreamClosedError,
    ForbiddenError,
    InternalServerError,
    InvalidRequestError,
    McpConnectionError,
    MethodNotAllowedError,
    NotFoundError,
    RateLimitedError,
    ServiceUnavailableError,
    UnauthorizedError,
)
from autoarr.client.events import ROOMS, Event, EventData, EventStream, Room
from autoarr.client.http import DEFAULT_URL, Endpoint, resolve_endpoint
from autoarr.client.models import SERVICES, ServiceName, SettingsUpdate
from autoarr.client.sync import SyncAutoArrClient, SyncEventStream

__all__ = [
    "DEFAULT_URL",
    "ROOMS",
    "SERVICES",
    "AutoArrClient",
    "AutoArrClientError",
    "AutoArrConnectionError",
    "AutoArrError",
    "AutoArrResponseError",
    "AutoArrTimeoutError",
    "ConflictError",
    "Endpoint",
    "ErrorEnvelope",
    "Event",
    "EventData",
    "EventStream",
    "EventStreamClosedError",
    "ForbiddenError",
    "InternalServerError",
    "InvalidRequestError",
    "McpConnectionError",
    "MethodNotAllowedError",
    "NotFoundError",
    "RateLimitedError",
    "Room",
    "ServiceName",
    "ServiceUnavailableError",
    "SettingsUpdate",
    "SyncAutoArrClient",
    "SyncEventStream",
    "UnauthorizedError",
    "resolve_endpoint",
]
