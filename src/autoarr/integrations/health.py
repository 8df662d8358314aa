"""The health view: `/health`, `/health/{service}` and `/health/circuit-breaker/{service}`."""

from __future__ import annotations

from typing import Any, Literal

import msgspec
from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from autoarr.bus import iso_z, utc_now
from autoarr.integrations.breaker import BreakerState
from autoarr.integrations.registry import Integrations, IntegrationsDep, ServiceSlot, get_integrations
from autoarr.web.envelope import SERVICE_RESPONSES

router = APIRouter(tags=["health"], responses=SERVICE_RESPONSES)


class ServiceHealthOut(BaseModel):
    healthy: bool
    latency_ms: float | None
    error: str | None
    last_check: str | None = Field(description="ISO-8601 UTC of the last check; null before the first")
    circuit_breaker_state: BreakerState


class HealthOut(BaseModel):
    status: Literal["healthy", "degraded", "unhealthy"]
    services: dict[str, ServiceHealthOut]
    timestamp: str


class BreakerOut(BaseModel):
    state: BreakerState
    failure_count: int
    success_count: int
    threshold: int
    timeout: float


def _service_out(slot: ServiceSlot) -> ServiceHealthOut:
    return ServiceHealthOut.model_validate(_service_dict(slot))


def _service_dict(slot: ServiceSlot) -> dict[str, Any]:
    health = slot.health
    return {
        "healthy": health.healthy,
        "latency_ms": health.latency_ms,
        "error": health.error,
        "last_check": iso_z(health.last_check) if health.last_check else None,
        "circuit_breaker_state": slot.breaker.state,
    }


def overall_status(healthy_flags: list[bool]) -> Literal["healthy", "degraded", "unhealthy"]:
    """healthy when all (or none) are up, unhealthy when all are down, degraded in between."""
    if all(healthy_flags):
        return "healthy"
    if not any(healthy_flags):
        return "unhealthy"
    return "degraded"


@router.get("/health", summary="Overall health of AutoArr and every enabled service", response_model=HealthOut)
async def health(request: Request) -> Response:
    # The gateway answers GET /health itself (`health_body`, registered as a quick answer); this route
    # documents it and serves what the gateway passes on (a root path's variants).
    return Response(health_body(await get_integrations(request)), media_type="application/json")


def health_body(integrations: Integrations) -> bytes:
    """`/health` from memory, encoded; no response-model validation, which would cost as much as the rest."""
    services = {slot.name: _service_dict(slot) for slot in integrations}
    body = {
        "status": overall_status([s["healthy"] for s in services.values()]),
        "services": services,
        "timestamp": iso_z(utc_now()),
    }
    return msgspec.json.encode(body)


@router.get("/health/circuit-breaker/{service}", summary="Circuit breaker of one service")
async def circuit_breaker(service: str, integrations: IntegrationsDep) -> BreakerOut:
    snapshot = integrations.get(service).breaker.snapshot()
    return BreakerOut(
        state=snapshot.state,
        failure_count=snapshot.failure_count,
        success_count=snapshot.success_count,
        threshold=snapshot.threshold,
        timeout=snapshot.timeout,
    )


@router.get("/health/{service}", summary="Health of one service")
async def service_health(service: str, integrations: IntegrationsDep) -> ServiceHealthOut:
    return _service_out(integrations.get(service))
