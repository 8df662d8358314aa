"""Build AutoArr's service clients over the simulators: in-process (ASGITransport) or on a real loopback socket."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

import httpx2
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from autoarr.integrations._arr import arr_headers
from autoarr.integrations._http import ServiceHttp, build_http_client
from autoarr.integrations.breaker import CircuitBreaker
from autoarr.integrations.plex import PlexClient, plex_headers
from autoarr.integrations.radarr import RadarrClient
from autoarr.integrations.sonarr import SonarrClient
from autoarr.sim.faults import Faults
from autoarr.sim.plex import PlexState, create_plex_app
from autoarr.sim.radarr import RadarrState, create_radarr_app, seed_radarr
from autoarr.sim.server import SimServer
from autoarr.sim.sonarr import SonarrState, create_sonarr_app, seed_sonarr

ARR_KEY = "5f0c2c1d9a8b4e7f8a6b3c2d1e0f9a8b"
PLEX_TOKEN = "plex-token-for-client-tests"
FIXED_NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
PLEX_NOW = 1_795_812_000.0

StateT = TypeVar("StateT")
ClientT = TypeVar("ClientT")


def fixed_clock() -> datetime:
    """The *arr simulators' clock in these tests: a fixed instant, so seeds are reproducible."""
    return FIXED_NOW


async def no_sleep(_seconds: float) -> None:
    """Retry backoff that does not wait (the retries themselves still happen)."""


@dataclass(kw_only=True)
class Seen:
    """One request a simulator received."""

    method: str
    path: str
    query: str
    body: bytes = b""

    def json(self) -> Any:
        """The body as JSON."""
        return json.loads(self.body)


class Recorder:
    """ASGI middleware in front of a simulator that keeps every request it passes on, body included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.seen: list[Seen] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        entry = Seen(method=scope["method"], path=scope["path"], query=scope["query_string"].decode())
        self.seen.append(entry)

        async def recording() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                entry.body += message.get("body", b"")
            return message

        await self.app(scope, recording, send)

    def requests(self, method: str, path: str) -> list[Seen]:
        """The requests with this method whose path starts with `path`."""
        return [seen for seen in self.seen if seen.method == method and seen.path.startswith(path)]


@dataclass(kw_only=True)
class Sim(Generic[StateT, ClientT]):
    """A simulator's state and switches, what it received, and AutoArr's client of it."""

    state: StateT
    faults: Faults
    recorder: Recorder
    client: ClientT
    http: ServiceHttp


def service_http(
    service: str,
    *,
    base_url: str,
    headers: dict[str, str],
    transport: httpx2.AsyncBaseTransport | None = None,
    threshold: int = 5,
) -> ServiceHttp:
    """The ServiceHttp the lifespan would build, with a breaker and backoff that does not wait."""
    client = build_http_client(
        base_url=base_url,
        timeout_seconds=5,
        connect_timeout_seconds=2,
        verify_tls=True,
        headers=headers,
        transport=transport,
    )
    return ServiceHttp(service, client, CircuitBreaker(service, threshold=threshold, timeout=60), sleep=no_sleep)


@asynccontextmanager
async def in_process(service: str, app: ASGIApp, *, headers: dict[str, str]) -> AsyncIterator[ServiceHttp]:
    """A ServiceHttp that reaches `app` through httpx2.ASGITransport (no socket)."""
    http = service_http(service, base_url="http://sim", headers=headers, transport=httpx2.ASGITransport(app))
    async with http.client:
        yield http


@asynccontextmanager
async def on_socket(
    service: str, app: ASGIApp, *, headers: dict[str, str]
) -> AsyncIterator[tuple[SimServer, ServiceHttp]]:
    """`app` served by a SimServer on loopback, and a ServiceHttp that reaches it over TCP."""
    async with SimServer(app) as server:
        http = service_http(service, base_url=server.url, headers=headers)
        async with http.client:
            yield server, http


def plex_test_headers(token: str = PLEX_TOKEN) -> dict[str, str]:
    """The headers AutoArr's Plex AsyncClient carries."""
    return plex_headers(token=token, client_identifier="autoarr-tests", version="0.1.0")


@asynccontextmanager
async def sonarr_sim(
    *, key: str = ARR_KEY, state: SonarrState | None = None
) -> AsyncIterator[Sim[SonarrState, SonarrClient]]:
    """A SonarrClient over the seeded Sonarr simulator, in process."""
    state = state or seed_sonarr(clock=fixed_clock)
    faults = Faults()
    recorder = Recorder(create_sonarr_app(state, api_key=ARR_KEY, faults=faults))
    async with in_process("sonarr", recorder, headers=arr_headers(key)) as http:
        yield Sim(state=state, faults=faults, recorder=recorder, client=SonarrClient(http), http=http)


@asynccontextmanager
async def radarr_sim(
    *, key: str = ARR_KEY, state: RadarrState | None = None
) -> AsyncIterator[Sim[RadarrState, RadarrClient]]:
    """A RadarrClient over the seeded Radarr simulator, in process."""
    state = state or seed_radarr(clock=fixed_clock)
    faults = Faults()
    recorder = Recorder(create_radarr_app(state, api_key=ARR_KEY, faults=faults))
    async with in_process("radarr", recorder, headers=arr_headers(key)) as http:
        yield Sim(state=state, faults=faults, recorder=recorder, client=RadarrClient(http), http=http)


@asynccontextmanager
async def plex_sim(
    *, token: str = PLEX_TOKEN, state: PlexState | None = None
) -> AsyncIterator[Sim[PlexState, PlexClient]]:
    """A PlexClient over the seeded Plex simulator, in process."""
    state = state or PlexState.seeded(now=PLEX_NOW)
    faults = Faults()
    recorder = Recorder(create_plex_app(state, token=PLEX_TOKEN, faults=faults))
    async with in_process("plex", recorder, headers=plex_test_headers(token)) as http:
        yield Sim(state=state, faults=faults, recorder=recorder, client=PlexClient(http), http=http)
