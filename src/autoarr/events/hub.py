"""The WebSocket hub: one bus subscription fanned out to every connection that joined the event's room.

Each connection has a bounded outgoing queue drained by its own sender task, so a slow client never
stalls the hub or other clients: when its queue is full it gets an error message and is closed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any, Protocol

from autoarr.bus import ROOMS, Event, EventBus, Room, Subscription, iso_z
from autoarr.logs import get_logger
from autoarr.pacing import stop_tasks

log = get_logger("autoarr.ws")

CLOSE_REPLACED = (4409, "replaced")
CLOSE_TOO_SLOW = (4408, "too_slow")


class Socket(Protocol):
    """What the hub needs of a WebSocket (Starlette's satisfies it)."""

    async def send_text(self, data: str) -> None: ...

    async def close(self, code: int = 1000, reason: str | None = None) -> None: ...


def event_message(event: Event) -> str:
    """The reference's server message: `{type, data, timestamp}`."""
    return json.dumps(
        {"type": event.type, "data": event.data.model_dump(mode="json"), "timestamp": iso_z(event.timestamp)}
    )


def reply(kind: str, **fields: Any) -> str:
    return json.dumps({"type": kind, **fields})


class Connection:
    """One client: its rooms, its bounded outgoing queue and the task that drains it."""

    def __init__(self, client_id: str, socket: Socket, *, queue_size: int) -> None:
        self.client_id = client_id
        self.socket = socket
        self.rooms: set[Room] = set()
        self._queue: asyncio.Queue[str | None] = asyncio.Queue(maxsize=queue_size)
        self._sender = asyncio.create_task(self._drain(), name=f"ws-send-{client_id}")
        self.closed = asyncio.Event()
        self.close_code: tuple[int, str] | None = None

    def offer(self, text: str) -> None:
        """Queue a message without waiting; a client too slow to keep up is told and closed."""
        if self.close_code is not None:
            return
        try:
            self._queue.put_nowait(text)
        except asyncio.QueueFull:
            self._drop_slow()

    def _drop_slow(self) -> None:
        while not self._queue.empty():
            self._queue.get_nowait()
        self._queue.put_nowait(reply("error", error="too_slow", message="Too many undelivered events; closing"))
        self.close(CLOSE_TOO_SLOW)

    def close(self, code: tuple[int, str]) -> None:
        """Close after what is queued has been sent (the error message included)."""
        if self.close_code is None:
            self.close_code = code
            with contextlib.suppress(asyncio.QueueFull):
                self._queue.put_nowait(None)

    async def _drain(self) -> None:
        try:
            while (text := await self._queue.get()) is not None:
                await self.socket.send_text(text)
            code, reason = self.close_code or (1000, "")
            await self.socket.close(code=code, reason=reason)
        except Exception:  # the peer went away; the receive loop notices and cleans up
            log.debug("websocket send failed", client_id=self.client_id)
        finally:
            self.closed.set()

    async def stop(self) -> None:
        await stop_tasks(self._sender)


class Hub:
    """All live connections by client id, fed from one bus subscription."""

    def __init__(self, bus: EventBus, *, queue_size: int = 256) -> None:
        self._bus = bus
        self._queue_size = queue_size
        self._connections: dict[str, Connection] = {}
        self._subscription: Subscription | None = None
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        # Large: the hub only copies references into per-connection queues, it never falls behind for long.
        self._subscription = self._bus.subscribe(maxsize=10_000)
        self._task = asyncio.create_task(self._fan_out(), name="ws-hub")

    async def stop(self) -> None:
        if self._subscription is not None:
            self._subscription.close()
        await stop_tasks(self._task)
        for connection in list(self._connections.values()):
            connection.close((1001, "server shutting down"))
            await connection.stop()
        self._connections.clear()

    @property
    def connection_count(self) -> int:
        return len(self._connections)

    def connect(self, client_id: str, socket: Socket) -> Connection:
        """Register a connection; one already holding this client id is closed with 4409 `replaced`."""
        previous = self._connections.get(client_id)
        if previous is not None:
            previous.close(CLOSE_REPLACED)
        connection = Connection(client_id, socket, queue_size=self._queue_size)
        self._connections[client_id] = connection
        return connection

    async def disconnect(self, connection: Connection) -> None:
        if self._connections.get(connection.client_id) is connection:
            del self._connections[connection.client_id]
        await connection.stop()

    def handle(self, connection: Connection, raw: str) -> None:
        """Answer one client message: join/leave a room, ping, or an error that keeps the socket open."""
        try:
            message = json.loads(raw)
        except ValueError:
            connection.offer(reply("error", error="invalid_request", message="Message is not valid JSON"))
            return
        kind = message.get("type") if isinstance(message, dict) else None
        if kind == "ping":
            connection.offer(reply("pong"))
        elif kind in ("join_room", "leave_room"):
            room = message.get("room")
            if room not in ROOMS:
                known = ", ".join(ROOMS)
                connection.offer(
                    reply("error", error="invalid_request", message=f"Unknown room {room!r}; one of {known}")
                )
            elif kind == "join_room":
                connection.rooms.add(room)
                connection.offer(reply("room_joined", room=room))
            else:
                connection.rooms.discard(room)
                connection.offer(reply("room_left", room=room))
        else:
            connection.offer(
                reply(
                    "error",
                    error="invalid_request",
                    message=f"Unknown message type {kind!r}; use join_room, leave_room or ping",
                )
            )

    async def _fan_out(self) -> None:
        assert self._subscription is not None
        async for event in self._subscription:
            text = event_message(event)  # encoded once, whatever the number of listeners
            for connection in list(self._connections.values()):
                if event.room in connection.rooms:
                    connection.offer(text)
