"""The event bus across replicas: local delivery as ever, and every shared event relayed through Redis pub/sub.

A publisher's own subscribers get the event at once (as with the in-process bus); a sender task then
publishes it on the channel, and each replica's listener hands what other replicas sent to its local
subscribers (the WebSocket hub among them). Messages carry their origin, so a replica never delivers its
own event twice. Pub/sub keeps nothing: a replica that is disconnected from Redis misses what was said
meanwhile, as a WebSocket client that was offline does.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from autoarr.bus import Event, EventBus, EventData
from autoarr.logs import get_logger
from autoarr.pacing import stop_tasks

if TYPE_CHECKING:
    from redis.asyncio import Redis
    from redis.asyncio.client import PubSub

log = get_logger("autoarr.bus.redis")

_RECONNECT_MAX_S = 5.0
_DRAIN_S = 2.0
_SUBSCRIBE_S = 10.0
_LISTEN_POLL_S = 5.0  # how long one read waits for a message (the connection is health-checked in between)


class RedisEventBus(EventBus):
    """An `EventBus` whose shared events also reach every other replica subscribed to the same channel."""

    def __init__(
        self, client: Redis, *, channel: str, origin: str, default_maxsize: int = 256, outbox_size: int = 10_000
    ) -> None:
        super().__init__(default_maxsize=default_maxsize)
        self._client = client
        self._channel = channel
        self._origin = origin
        self._outbox: asyncio.Queue[str] = asyncio.Queue(maxsize=outbox_size)
        self._pubsub: PubSub | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._handling: set[asyncio.Task[None]] = set()  # signal handlers running (kept referenced)
        self.relayed_out = 0  # events sent to other replicas
        self.relayed_in = 0  # events received from other replicas
        self.lost = 0  # shared events that could not be sent (Redis away, or the outbox full)

    async def start(self) -> None:
        """Subscribe (confirmed by Redis before this returns, so nothing published afterwards is missed) and relay."""
        pubsub = self._client.pubsub()
        async with asyncio.timeout(_SUBSCRIBE_S):  # Redis answers at once; silence means it is not really there
            await pubsub.subscribe(self._channel)
            while (await pubsub.get_message(timeout=_LISTEN_POLL_S)) is None:  # the subscribe confirmation
                pass
        self._pubsub = pubsub
        self._tasks = [
            asyncio.create_task(self._listen(pubsub), name="autoarr-bus-listen"),
            asyncio.create_task(self._send(), name="autoarr-bus-send"),
        ]

    async def stop(self) -> None:
        """Send what is still queued (briefly), then stop relaying."""
        if self._tasks:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._outbox.join(), _DRAIN_S)
        tasks, self._tasks = [*self._tasks, *self._handling], []
        await stop_tasks(*tasks)
        if self._pubsub is not None:
            with contextlib.suppress(Exception):  # Redis may already be gone; nothing is left to tell it
                await self._pubsub.aclose()  # type: ignore[no-untyped-call]  # redis-py leaves this one unannotated
            self._pubsub = None

    async def publish(self, data: EventData, *, request_id: str | None = None) -> Event:
        """Deliver here at once; queue shared events for the other replicas."""
        event = await super().publish(data, request_id=request_id)
        if data.scope == "shared":
            self._enqueue(json.dumps({"origin": self._origin, "event": event.wire()}))
        return event

    def _enqueue(self, message: str) -> None:
        if self._outbox.full():
            self._outbox.get_nowait()
            self._outbox.task_done()
            self.lost += 1
        self._outbox.put_nowait(message)

    async def signal(self, name: str) -> None:
        """Queue a signal for the other replicas, in order with the events."""
        self._enqueue(json.dumps({"origin": self._origin, "signal": name}))

    async def _send(self) -> None:
        while True:
            message = await self._outbox.get()
            try:
                await self._client.publish(self._channel, message)
            except Exception as exc:  # Redis away: this event reaches this replica's clients only
                self.lost += 1
                log.warning("event not relayed to other replicas", error=str(exc))
            else:
                self.relayed_out += 1
            finally:
                self._outbox.task_done()

    async def _listen(self, pubsub: PubSub) -> None:
        backoff = 0.1
        while True:
            try:
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=_LISTEN_POLL_S)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the connection broke: redis-py reconnects and resubscribes on the next read
                log.warning("event relay from other replicas interrupted", error=str(exc), retry_in_s=backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, _RECONNECT_MAX_S)
                continue
            backoff = 0.1
            if message is not None:
                self._receive(message.get("data"))

    def _receive(self, raw: Any) -> None:
        body = _parse(raw)
        if body is None or body.get("origin") == self._origin:  # our own events were delivered when published
            return
        if isinstance(body.get("signal"), str):
            self._signalled(body["signal"])
            return
        event = _event_of(body)
        if event is not None:
            self.relayed_in += 1
            self.deliver(event)

    def _signalled(self, name: str) -> None:
        for handler in self._signal_handlers.get(name, ()):
            task = asyncio.create_task(self._run_handler(name, handler), name=f"autoarr-signal-{name}")
            self._handling.add(task)
            task.add_done_callback(self._handling.discard)

    @staticmethod
    async def _run_handler(name: str, handler: Callable[[], Awaitable[None]]) -> None:
        try:
            await handler()
        except Exception:  # one failed reaction must not stop the relay
            log.exception("signal handler failed", signal=name)


def _parse(raw: Any) -> dict[str, Any] | None:
    try:
        body = json.loads(raw)
    except (ValueError, TypeError):
        body = None
    if not isinstance(body, dict):  # not ours at all
        log.warning("ignored a message that is not AutoArr's on the event channel")
        return None
    return body


def _event_of(body: dict[str, Any]) -> Event | None:
    try:
        return Event.from_wire(body["event"])
    except (ValueError, TypeError, KeyError, AttributeError) as exc:  # another version's event, or none
        log.warning("ignored a malformed event from the channel", error=str(exc))
        return None
