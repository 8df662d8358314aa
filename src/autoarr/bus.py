"""The in-process event bus: typed events, publish/subscribe, bounded subscriber queues.

Features publish; `events/` delivers to WebSocket rooms. A slow subscriber never blocks a publisher
nor grows without bound: when its queue is full the oldest event is dropped and counted.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from datetime import UTC, datetime
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict

from autoarr.context import current_request_id

Room = Literal["config_audit", "downloads", "content_requests", "system"]
ROOMS: tuple[Room, ...] = ("config_audit", "downloads", "content_requests", "system")
# "shared": every replica's subscribers get the event (through Redis when configured); "replica": only this one's.
Scope = Literal["shared", "replica"]

_EVENT_TYPES: dict[str, type[EventData]] = {}


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso_z(moment: datetime) -> str:
    """ISO-8601 UTC with a `Z`, as every time AutoArr shows."""
    if moment.tzinfo is not UTC:  # most times are already UTC (`utc_now`): no conversion then
        moment = moment.astimezone(UTC)
    return moment.isoformat().replace("+00:00", "Z")


class EventData(BaseModel):
    """Base of every event payload; each subclass is one event type's schema."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    event_type: ClassVar[str]
    room: ClassVar[Room]
    scope: ClassVar[Scope] = "shared"

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        if "event_type" in cls.__dict__:  # a concrete event type: known by name, to decode it from another replica
            _EVENT_TYPES[cls.event_type] = cls


class ConfigAuditCompleted(EventData):
    event_type = "config.audit.completed"
    room = "config_audit"
    audit_id: str
    recommendation_count: int


class RecommendationApplied(EventData):
    event_type = "config.recommendation.applied"
    room = "config_audit"
    recommendation_id: int
    service: str
    setting_name: str
    previous_value: Any = None
    new_value: Any = None


class RecommendationRolledBack(EventData):
    event_type = "config.recommendation.rolled_back"
    room = "config_audit"
    recommendation_id: int
    service: str
    setting_name: str
    restored_value: Any = None


class DownloadFailed(EventData):
    event_type = "download.failed"
    room = "downloads"
    download_id: str
    title: str
    reason: str


class DownloadCompleted(EventData):
    event_type = "download.completed"
    room = "downloads"
    download_id: str
    title: str
    category: str
    size: int


class DownloadRetried(EventData):
    event_type = "download.retried"
    room = "downloads"
    download_id: str
    new_download_id: str


class DownloadRecovery(EventData):
    """What AutoArr did about a failed download (other than a SABnzbd retry, which is `download.retried`)."""

    event_type = "download.recovery"
    room = "downloads"
    download_id: str
    title: str
    owner: str  # sonarr, radarr or none
    action: str  # left_to_owner, mark_failed, give_up, report
    result: str  # done, failed, skipped
    detail: str | None = None


class ContentAdded(EventData):
    event_type = "content.added"
    room = "content_requests"
    request_id: str | None
    content_id: str
    title: str
    type: Literal["series", "movie"]


class ServiceHealthChanged(EventData):
    """A service's health as this replica sees it: every replica checks for itself, so none repeats another's."""

    event_type = "service.health_changed"
    room = "system"
    scope = "replica"
    service: str
    healthy: bool
    circuit_breaker_state: str
    error: str | None


class Event(BaseModel):
    """The envelope every subscriber receives."""

    model_config = ConfigDict(frozen=True)
    type: str
    data: EventData
    timestamp: datetime
    request_id: str | None

    @property
    def room(self) -> Room:
        return self.data.room

    def wire(self) -> dict[str, Any]:
        """The JSON shape clients see: `{type, data, timestamp, request_id}`."""
        return {
            "type": self.type,
            "data": self.data.model_dump(mode="json"),
            "timestamp": iso_z(self.timestamp),
            "request_id": self.request_id,
        }

    @classmethod
    def from_wire(cls, wire: dict[str, Any]) -> Event:
        """The event back from its `wire()` shape (as another replica sent it); ValueError for an unknown type."""
        data_type = _EVENT_TYPES.get(str(wire.get("type")))
        if data_type is None:
            raise ValueError(f"unknown event type {wire.get('type')!r}")
        return cls(
            type=data_type.event_type,
            data=data_type.model_validate(wire["data"]),
            timestamp=datetime.fromisoformat(wire["timestamp"]),
            request_id=wire.get("request_id"),
        )


class Subscription:
    """One subscriber's bounded queue; iterate it, and close it when done."""

    def __init__(self, bus: EventBus, *, maxsize: int, types: frozenset[str] | None) -> None:
        self._bus = bus
        self._queue: asyncio.Queue[Event] = asyncio.Queue(maxsize=maxsize)
        self._types = types
        self.dropped = 0
        self.closed = False

    def wants(self, event: Event) -> bool:
        return self._types is None or event.type in self._types

    def offer(self, event: Event) -> None:
        """Queue the event without waiting; drop the oldest one if the subscriber has fallen behind."""
        if self._queue.full():
            self._queue.get_nowait()
            self.dropped += 1
        self._queue.put_nowait(event)

    async def get(self) -> Event:
        return await self._queue.get()

    def pending(self) -> int:
        return self._queue.qsize()

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._bus.unsubscribe(self)

    def __aiter__(self) -> AsyncIterator[Event]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[Event]:
        while not self.closed:
            yield await self._queue.get()

    def __enter__(self) -> Subscription:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class EventBus:
    """Publish typed events to every interested subscriber in this process."""

    def __init__(self, *, default_maxsize: int = 256) -> None:
        self._subscribers: list[Subscription] = []
        self._default_maxsize = default_maxsize
        self._signal_handlers: dict[str, list[Callable[[], Awaitable[None]]]] = {}
        self.published = 0

    def subscribe(self, *, types: Iterable[type[EventData]] | None = None, maxsize: int | None = None) -> Subscription:
        """A new subscription to the given event types (all when None)."""
        wanted = None if types is None else frozenset(t.event_type for t in types)
        subscription = Subscription(self, maxsize=maxsize or self._default_maxsize, types=wanted)
        self._subscribers.append(subscription)
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        if subscription in self._subscribers:
            self._subscribers.remove(subscription)

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)

    async def publish(self, data: EventData, *, request_id: str | None = None) -> Event:
        """Wrap the payload in its envelope and hand it to every subscriber that wants it."""
        event = Event(
            type=data.event_type,
            data=data,
            timestamp=utc_now(),
            request_id=request_id if request_id is not None else current_request_id(),
        )
        self.published += 1
        self.deliver(event)
        return event

    async def signal(self, name: str) -> None:
        """Tell the other replicas that `name` happened (stored settings changed, say); alone, nobody is told."""

    def on_signal(self, name: str, handler: Callable[[], Awaitable[None]]) -> None:
        """Run `handler` when another replica signals `name` (never for this replica's own signals)."""
        self._signal_handlers.setdefault(name, []).append(handler)

    def deliver(self, event: Event) -> None:
        """Hand an event to every subscriber in this process that wants it."""
        for subscription in tuple(self._subscribers):
            if subscription.wants(event):
                subscription.offer(event)
