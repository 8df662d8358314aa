"""SyncAutoArrClient: the same typed calls, blocking, for scripts without an event loop of their own."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterable, Iterator, Mapping
from types import TracebackType
from typing import Any, Concatenate, ParamSpec, TypeVar

from autoarr.client.api import AutoArrClient
from autoarr.client.events import Event, EventStream, Room
from autoarr.client.http import Endpoint

P = ParamSpec("P")
T = TypeVar("T")


def _blocking(
    method: Callable[Concatenate[AutoArrClient, P], Coroutine[Any, Any, T]],
) -> Callable[Concatenate[SyncAutoArrClient, P], T]:
    def call(self: SyncAutoArrClient, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return self.run(method(self.aio, *args, **kwargs))

    call.__name__ = method.__name__
    call.__doc__ = method.__doc__
    return call


class SyncEventStream:
    """The event stream, blocking: `with client.events(["downloads"]) as stream: for event in stream: ...`."""

    def __init__(self, client: SyncAutoArrClient, stream: EventStream) -> None:
        self._client = client
        self.stream = stream

    def __enter__(self) -> SyncEventStream:
        self._client.run(self.stream.open())
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._client.run(self.stream.close())

    def join(self, room: Room) -> None:
        """Join a room and wait for the acknowledgement."""
        self._client.run(self.stream.join(room))

    def leave(self, room: Room) -> None:
        """Leave a room and wait for the acknowledgement."""
        self._client.run(self.stream.leave(room))

    def ping(self) -> None:
        """Send a ping and wait for the pong."""
        self._client.run(self.stream.ping())

    def next_event(self, *, timeout: float | None = None) -> Event:
        """The next event, waiting at most `timeout` seconds (TimeoutError after that)."""
        return self._client.run(asyncio.wait_for(self.stream.next_event(), timeout))

    def __iter__(self) -> Iterator[Event]:
        while True:
            try:
                yield self.next_event()
            except StopAsyncIteration:
                return


class SyncAutoArrClient:
    """Blocking AutoArr client with the methods of AutoArrClient; not for use inside a running event loop.

    `with SyncAutoArrClient() as client: client.queue()`. It runs its own event loop; one thread at a time.
    """

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        *,
        timeout: float = 60.0,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self._runner = asyncio.Runner()
        self.aio = AutoArrClient(base_url, api_key, timeout=timeout, headers=headers)

    @property
    def endpoint(self) -> Endpoint:
        """The URL and key in use."""
        return self.aio.endpoint

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        """Run one coroutine of the async client on this client's loop."""
        return self._runner.run(work)

    def close(self) -> None:
        """Close the connections and the loop."""
        self.run(self.aio.aclose())
        self._runner.close()

    def __enter__(self) -> SyncAutoArrClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def events(self, rooms: Iterable[Room] = (), *, client_id: str | None = None) -> SyncEventStream:
        """Live events, blocking; keepalive pings are off, since nothing answers them between reads."""
        return SyncEventStream(self, EventStream(self.endpoint, rooms=rooms, client_id=client_id, ping_interval=None))

    request = _blocking(AutoArrClient.request)
    health = _blocking(AutoArrClient.health)
    service_health = _blocking(AutoArrClient.service_health)
    circuit_breaker = _blocking(AutoArrClient.circuit_breaker)
    metrics = _blocking(AutoArrClient.metrics)
    queue = _blocking(AutoArrClient.queue)
    history = _blocking(AutoArrClient.history)
    retry_download = _blocking(AutoArrClient.retry_download)
    pause_queue = _blocking(AutoArrClient.pause_queue)
    resume_queue = _blocking(AutoArrClient.resume_queue)
    delete_download = _blocking(AutoArrClient.delete_download)
    recovery_attempts = _blocking(AutoArrClient.recovery_attempts)
    shows = _blocking(AutoArrClient.shows)
    show = _blocking(AutoArrClient.show)
    add_show = _blocking(AutoArrClient.add_show)
    search_show = _blocking(AutoArrClient.search_show)
    delete_show = _blocking(AutoArrClient.delete_show)
    movies = _blocking(AutoArrClient.movies)
    movie = _blocking(AutoArrClient.movie)
    add_movie = _blocking(AutoArrClient.add_movie)
    search_movie = _blocking(AutoArrClient.search_movie)
    delete_movie = _blocking(AutoArrClient.delete_movie)
    libraries = _blocking(AutoArrClient.libraries)
    recently_added = _blocking(AutoArrClient.recently_added)
    scan_library = _blocking(AutoArrClient.scan_library)
    audit = _blocking(AutoArrClient.audit)
    recommendations = _blocking(AutoArrClient.recommendations)
    all_recommendations = _blocking(AutoArrClient.all_recommendations)
    recommendation = _blocking(AutoArrClient.recommendation)
    audit_history = _blocking(AutoArrClient.audit_history)
    apply = _blocking(AutoArrClient.apply)
    rollback = _blocking(AutoArrClient.rollback)
    settings = _blocking(AutoArrClient.settings)
    update_settings = _blocking(AutoArrClient.update_settings)
    mcp_tools = _blocking(AutoArrClient.mcp_tools)
    call_mcp_tool = _blocking(AutoArrClient.call_mcp_tool)
