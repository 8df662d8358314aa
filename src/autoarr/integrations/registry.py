"""One slot per enabled service: its settings, circuit breaker and last health verdict."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request

from autoarr.errors import NotFoundError, ServiceUnavailableError
from autoarr.integrations.breaker import CircuitBreaker
from autoarr.settings import SERVICE_NAMES, ServiceName, ServiceSettings, Settings


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
    health: ServiceHealth = field(default_factory=ServiceHealth)


class Integrations:
    """The enabled services, by name."""

    def __init__(self, slots: dict[ServiceName, ServiceSlot]) -> None:
        self._slots = slots

    @classmethod
    def from_settings(cls, settings: Settings) -> Integrations:
        slots: dict[ServiceName, ServiceSlot] = {}
        for name in SERVICE_NAMES:
            service = settings.service(name)
            if service is None:
                continue
            breaker = CircuitBreaker(
                name, threshold=settings.circuit_failure_threshold, timeout=settings.circuit_timeout_seconds
            )
            slots[name] = ServiceSlot(name=name, settings=service, breaker=breaker)
        return cls(slots)

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
        return slot


async def get_integrations(request: Request) -> Integrations:  # async: no thread hop
    integrations: Integrations = request.app.state.integrations
    return integrations


IntegrationsDep = Annotated[Integrations, Depends(get_integrations)]
