"""Live events from `/ws/{client_id}` as an async iterator: join and leave rooms, ping, read typed events."""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
from collections import deque
from collections.abc import Iterable
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, ValidationError

from autoarr.client.errors import (
    AutoArrClientError,
    AutoArrConnectionError,
    AutoArrError,
    AutoArrTimeoutError,
    ErrorEnvelope,
    EventStreamClosedError,
    error_for,
    status_for_code,
)
from autoarr.client.http import Endpoint
from autoarr.client.models import ApiModel

if TYPE_CHECKING:
    from websockets.asyncio.client import ClientConnection

Room = Literal["config_audit", "downloads", "content_requests", "system"]
ROOMS: tuple[Room, ...] = ("config_audit", "downloads", "content_requests", "system")
_REPLIES = frozenset({"room_joined", "room_left", "pong"})
_CLOSED_BY_SERVER: dict[int, tuple[int, str]] = {4401: (401, "unauthorized"), 4429: (429, "rate_limit_exceeded")}


class EventData(ApiModel):
    """The payload of an event of a type this client does not know: its fields as attributes."""


class ConfigAuditCompleted(EventData):
    audit_id: str
    recommendation_count: int


class RecommendationApplied(EventData):
    recommendation_id: int
    service: str
    setting_name: str
    previous_value: Any = None
    new_value: Any = None


class RecommendationRolledBack(EventData):
    recommendation_id: int
    service: str
    setting_name: str
    restored_value: Any = None


class DownloadFailed(EventData):
    download_id: str
    title: str
    reason: str


class DownloadCompleted(EventData):
    download_id: str
    title: str
    category: str
    size: int


class DownloadRetried(EventData):
    download_id: str
    new_download_id: str


class DownloadRecovery(EventData):
    """What AutoArr did about a failed download, other than a SABnzbd retry (that is `download.retried`)."""

    download_id: str
    title: str
    owner: str = Field(description="sonarr, radarr or none")
    action: str = Field(description="left_to_owner, mark_failed, give_up or report")
    result: str = Field(description="done, failed or skipped")
    detail: str | None = None


class ContentAdded(EventData):
    request_id: str | None = None
    content_id: str
    title: str
    type: str = Field(description="series or movie")


class ServiceHealthChanged(EventData):
    service: str
    healthy: bool
    circuit_breaker_state: str
    error: str | None = None


EVENT_TYPES: dict[str, type[EventData]] = {
    "config.audit.completed": ConfigAuditCompleted,
    "config.recommendation.applied": RecommendationApplied,
    "config.recommendation.rolled_back": RecommendationRolledBack,
    "download.failed": DownloadFailed,
    "download.completed": DownloadCompleted,
    "download.retried": DownloadRetried,
    "download.recovery": DownloadRecovery,
    "content.added": ContentAdded,
    "service.health_changed": ServiceHealthChanged,
}


class Event(ApiModel):
    """One server event: `{type, data, timestamp}`."""

    type: str
    data: dict[str, Any] = Field(default_factory=dict)
    timestamp: datetime | None = None
    request_id: str | None = None

    def payload(self) -> EventData:
        """`data` as the typed model of this event type (a plain EventData for types this client does not know)."""
        model = EVENT_TYPES.get(self.type, EventData)
        try:
            return model.model_validate(self.data)
        except ValidationError:
            return EventData.model_validate(self.data)


class EventStream:
    """An open `/ws/{client_id}` connection: `async for event in stream`, with `join`, `leave` and `ping`.

    One reader task owns the socket; acknowledgements resolve the pending request (the server answers in order),
    everything else is queued for the iterator, so iterating and joining may happen in different tasks.
    """

    def __init__(
        self,
        endpoint: Endpoint,
        *,
        rooms: Iterable[Room] = (),
        client_id: str | None = None,
        open_timeout: float = 10.0,
        ping_interval: float | None = 20.0,
    ) -> None:
        self.client_id = client_id or f"autoarr-client-{secrets.token_hex(4)}"
        self._endpoint = endpoint
        self._initial_rooms = tuple(rooms)
        self._open_timeout = open_timeout
        self._ping_interval = ping_interval
        self._socket: ClientConnection | None = None
        self._reader: asyncio.Task[None] | None = None
        self._pending: deque[tuple[str, str | None, asyncio.Future[None]]] = deque()
        self._events: asyncio.Queue[Event | AutoArrClientError | None] = asyncio.Queue()
        self._failure: AutoArrClientError | None = None
        self._closing = False
        self._notice = ""
        self.rooms: set[str] = set()

    async def __aenter__(self) -> EventStream:
        await self.open()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def open(self) -> None:
        """Connect, then join the rooms given at construction."""
        from websockets.asyncio.client import connect
        from websockets.exceptions import InvalidHandshake, InvalidStatus

        url = f"{self._endpoint.websocket_url}/ws/{self.client_id}"
        headers = {"X-API-Key": self._endpoint.api_key} if self._endpoint.api_key else {}
        try:
            self._socket = await connect(
                url, additional_headers=headers, open_timeout=self._open_timeout, ping_interval=self._ping_interval
            )
        except InvalidStatus as exc:
            raise _handshake_error(exc.response.status_code, bytes(exc.response.body or b"")) from exc
        except TimeoutError as exc:
            raise AutoArrTimeoutError(f"AutoArr at {url} did not accept the WebSocket in time") from exc
        except (OSError, InvalidHandshake) as exc:
            raise AutoArrConnectionError(f"Cannot open the event stream at {url}: {exc}") from exc
        self._reader = asyncio.create_task(self._read(self._socket), name=f"autoarr-events-{self.client_id}")
        try:
            for room in self._initial_rooms:
                await self.join(room)
        except BaseException:
            await self.close()
            raise

    async def close(self) -> None:
        """Close the connection; iteration then ends."""
        self._closing = True
        if self._socket is not None:
            await self._socket.close()
        if self._reader is not None:
            await self._reader

    async def join(self, room: Room) -> None:
        """Join a room and wait for the server's acknowledgement (AutoArrError if it refuses)."""
        await self._request({"type": "join_room", "room": room}, expect="room_joined", room=room)
        self.rooms.add(room)

    async def leave(self, room: Room) -> None:
        """Leave a room and wait for the acknowledgement."""
        await self._request({"type": "leave_room", "room": room}, expect="room_left", room=room)
        self.rooms.discard(room)

    async def ping(self) -> None:
        """Send a ping and wait for the pong."""
        await self._request({"type": "ping"}, expect="pong", room=None)

    def __aiter__(self) -> EventStream:
        return self

    async def __anext__(self) -> Event:
        item = await self._events.get()
        if item is None:
            self._events.put_nowait(None)  # every later call ends too
            raise StopAsyncIteration
        if isinstance(item, AutoArrClientError):
            self._events.put_nowait(None)
            raise item
        return item

    async def next_event(self) -> Event:
        """The next event (StopAsyncIteration once the stream has ended); wrap in asyncio.timeout() to bound it."""
        return await anext(self)

    async def _request(self, message: dict[str, Any], *, expect: str, room: str | None) -> None:
        if self._failure is not None:
            raise self._failure
        if self._socket is None:
            raise AutoArrConnectionError("The event stream is not open")
        from websockets.exceptions import ConnectionClosed

        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append((expect, room, done))
        with contextlib.suppress(ConnectionClosed):  # the reader fails `done` with the reason of the close
            await self._socket.send(json.dumps(message))
        await done

    async def _read(self, socket: ClientConnection) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            async for raw in socket:
                self._dispatch(raw)
        except ConnectionClosed:
            pass
        finally:
            self._finish(socket.close_code, socket.close_reason)

    def _dispatch(self, raw: str | bytes) -> None:
        try:
            message = json.loads(raw)
        except ValueError:
            return  # not ours to interpret; the server only sends JSON
        if not isinstance(message, dict):
            return
        kind = message.get("type")
        if kind in _REPLIES or (kind == "error" and message.get("error") != "too_slow" and self._pending):
            self._answer(message)
        elif kind == "error":
            self._notice = str(message.get("message", ""))  # says why the close that follows happens
        else:
            with contextlib.suppress(ValidationError):
                self._events.put_nowait(Event.model_validate(message))

    def _answer(self, message: dict[str, Any]) -> None:
        if not self._pending:
            return
        expect, room, done = self._pending.popleft()
        if done.done():
            return
        if message.get("type") == "error":
            envelope = ErrorEnvelope(error=str(message.get("error")), message=str(message.get("message", "")))
            done.set_exception(error_for(status_for_code(envelope.error), envelope))
        elif message.get("type") != expect or message.get("room") != room:
            done.set_exception(AutoArrConnectionError(f"Expected {expect} for {room}, got {message}"))
        else:
            done.set_result(None)

    def _finish(self, code: int | None, reason: str | None) -> None:
        failure = None if self._closing or code == 1000 else _closed_error(code, reason, notice=self._notice)
        self._failure = failure or AutoArrConnectionError("The event stream is closed")
        while self._pending:
            _, _, done = self._pending.popleft()
            if not done.done():
                done.set_exception(self._failure)
        self._events.put_nowait(failure)


def _closed_error(code: int | None, reason: str | None, *, notice: str) -> AutoArrClientError:
    message = notice or f"AutoArr closed the event stream ({code} {reason})"
    if code in _CLOSED_BY_SERVER:
        status, error = _CLOSED_BY_SERVER[code]
        return error_for(status, ErrorEnvelope(error=error, message=message))
    if code is not None and code >= 4000:
        # Closes of AutoArr's own (4409 replaced, 4408 too_slow): `status` is the close code.
        return EventStreamClosedError(ErrorEnvelope(error=reason or str(code), message=message), status=code)
    return AutoArrConnectionError(f"The event stream was lost (close code {code}, {reason or 'no reason'})")


def _handshake_error(status: int, body: bytes) -> AutoArrError:
    try:
        envelope = ErrorEnvelope.model_validate_json(body)
    except ValidationError:
        envelope = ErrorEnvelope(error=f"http_{status}", message="The WebSocket handshake was refused")
    return error_for(status, envelope)
