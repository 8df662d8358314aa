"""One slot per enabled service: its settings, HTTP client, breaker, service client and last health verdict."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Protocol, TypeVar

import httpx2
from fastapi import Depends, Request

from autoarr import __version__
from autoarr.errors import NotFoundError, ServiceUnavailableError
from autoarr.integrations._http import ServiceHttp, build_http_client
from autoarr.integrations.breaker import BreakerState, CircuitBreaker
from autoarr.integrations.plex.client import PlexClient
from autoarr.integrations.radarr.client import RadarrClient
from autoarr.integrations.sabnzbd.client import SabnzbdClient
from autoarr.integrations.sonarr.client import SonarrClient
from autoarr.settings import SERVICE_NAMES, ServiceName, ServiceSettings, Settings

# Plex wants every client to identify itself; one stable id per AutoArr install is what plexapi does too.
PLEX_CLIENT_IDENTIFIER = "autoarr"


class ServiceClient(Protocol):
    async def ping(self) -> None:
        """A cheap authenticated call; raises the AutoArr error that says what is wrong."""


ClientT = TypeVar("ClientT", SabnzbdClient, SonarrClient, RadarrClient, PlexClient)


@dataclass
class ServiceHealth:
    """The last verdict of the health check (before the first one, the service counts as down)."""

    healthy: bool = False
    latency_ms: float | None = None
    error: str | None = "not checked yet"
    last_check: datetime | None = None


@dataclass
class ServiceSlot:
    name: ServiceName
    settings: ServiceSettings
    breaker: CircuitBreaker
    http: ServiceHttp
    client: ServiceClient
    health: ServiceHealth = field(default_factory=ServiceHealth)


def _auth_headers(service: ServiceSettings) -> dict[str, str]:
    secret = service.secret.get_secret_value() if service.secret else ""
    if service.name in ("sonarr", "radarr"):
        return {"X-Api-Key": secret}
    if service.name == "plex":
        return {
            "X-Plex-Token": secret,
            "Accept": "application/json",
            "X-Plex-Client-Identifier": PLEX_CLIENT_IDENTIFIER,
            "X-Plex-Product": "AutoArr",
            "X-Plex-Version": __version__,
        }
    return {}  # SABnzbd reads its key from the query string only


def _client_for(service: ServiceSettings, http: ServiceHttp) -> ServiceClient:
    if service.name == "sabnzbd":
        return SabnzbdClient(http, api_key=service.secret.get_secret_value() if service.secret else "")
    if service.name == "sonarr":
        return SonarrClient(http)
    if service.name == "radarr":
        return RadarrClient(http)
    return PlexClient(http)


class Integrations:
    """The enabled services, by name."""

    def __init__(self, slots: dict[ServiceName, ServiceSlot]) -> None:
        self._slots = slots
        # Told when a service's circuit opens or closes (the health monitor, so /health follows at once).
        self.on_breaker_change: Callable[[ServiceName, BreakerState], None] | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> Integrations:
        """Build every enabled service's client, breaker and slot."""
        integrations = cls({})
        integrations.reconfigure(settings)
        return integrations

    def reconfigure(self, settings: Settings) -> list[httpx2.AsyncClient]:
        """Rebuild the slots whose settings changed (new client, fresh breaker); drop disabled services.

        Returns the HTTP clients of replaced slots, for the caller to close once nothing uses them.
        """
        retired: list[httpx2.AsyncClient] = []
        breaker_params = (settings.circuit_failure_threshold, settings.circuit_timeout_seconds)
        for name in SERVICE_NAMES:
            service = settings.service(name)
            old = self._slots.get(name)
            unchanged = (
                old is not None
                and old.settings == service
                and (old.breaker.threshold, old.breaker.timeout) == breaker_params
            )
            if unchanged:
                continue
            if old is not None:
                retired.append(old.http.client)
                del self._slots[name]
            if service is not None:
                self._slots[name] = _build_slot(service, settings, self._breaker_moved)
        return retired

    def _breaker_moved(self, breaker: CircuitBreaker, state: BreakerState) -> None:
        slot = self._slots.get(breaker.service)  # type: ignore[call-overload]
        # A replaced slot's breaker (calls still in flight on its old client) speaks for nothing now.
        if slot is not None and slot.breaker is breaker and self.on_breaker_change is not None:
            self.on_breaker_change(slot.name, state)

    async def apply_settings(self, settings: Settings) -> None:
        """Rebuild what changed and close the replaced clients (calls already in flight on them may fail)."""
        for client in self.reconfigure(settings):
            await client.aclose()

    async def aclose(self) -> None:
        for slot in self._slots.values():
            await slot.http.client.aclose()

    def __iter__(self) -> Iterator[ServiceSlot]:
        return iter(self._slots.values())

    def __len__(self) -> int:
        return len(self._slots)

    def get(self, name: str) -> ServiceSlot:
        """The slot of an enabled service: 404 for a name that is none of the four, 503 when disabled."""
        if name not in SERVICE_NAMES:
            raise NotFoundError(f"Unknown service '{name}'", details={"service": f"one of {', '.join(SERVICE_NAMES)}"})
        slot = self._slots.get(name)
        if slot is None:
            raise ServiceUnavailableError(name, f"Service '{name}' is not connected", reason="disabled")
        result: ServiceSlot = slot
        return result

    def _client(self, name: ServiceName, kind: type[ClientT]) -> ClientT:
        client = self.get(name).client
        if not isinstance(client, kind):  # pragma: no cover - the registry built it
            raise TypeError(f"{name} slot holds {type(client).__name__}")
        return client

    @property
    def sabnzbd(self) -> SabnzbdClient:
        return self._client("sabnzbd", SabnzbdClient)

    @property
    def sonarr(self) -> SonarrClient:
        return self._client("sonarr", SonarrClient)

    @property
    def radarr(self) -> RadarrClient:
        return self._client("radarr", RadarrClient)

    @property
    def plex(self) -> PlexClient:
        return self._client("plex", PlexClient)


def _build_slot(
    service: ServiceSettings, settings: Settings, moved: Callable[[CircuitBreaker, BreakerState], None]
) -> ServiceSlot:
    breaker = CircuitBreaker(
        service.name,
        threshold=settings.circuit_failure_threshold,
        timeout=settings.circuit_timeout_seconds,
        on_change=lambda _old, new: moved(breaker, new),
    )
    client = build_http_client(
        base_url=service.url,
        timeout_seconds=service.timeout_seconds,
        connect_timeout_seconds=service.connect_timeout_seconds,
        verify_tls=service.verify_tls,
        headers=_auth_headers(service),
    )
    http = ServiceHttp(service.name, client, breaker)
    return ServiceSlot(
        name=service.name, settings=service, breaker=breaker, http=http, client=_client_for(service, http)
    )


async def get_integrations(request: Request) -> Integrations:  # async: no thread hop
    integrations: Integrations = request.app.state.integrations
    return integrations


IntegrationsDep = Annotated[Integrations, Depends(get_integrations)]
