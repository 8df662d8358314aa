"""The kit's state as FastAPI dependencies (`Annotated` aliases routes declare)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from autoarr.bus import EventBus
from autoarr.settings import Settings
from autoarr.store.database import Database
from autoarr.web.apikey import ApiKeyChecker
from autoarr.web.metrics import HttpMetrics
from autoarr.web.ratelimit import RateLimiter


@dataclass
class KitState:
    """Everything stateful below the features, built once in the lifespan."""

    settings: Settings
    database: Database
    bus: EventBus
    limiter: RateLimiter
    metrics: HttpMetrics
    keys: ApiKeyChecker


async def get_kit(request: Request) -> KitState:  # async: a sync dependency would cost a thread hop
    kit: KitState = request.app.state.kit
    return kit


async def get_bus(request: Request) -> EventBus:
    """The event bus features publish on."""
    bus: EventBus = request.app.state.kit.bus
    return bus


KitDep = Annotated[KitState, Depends(get_kit)]
BusDep = Annotated[EventBus, Depends(get_bus)]
