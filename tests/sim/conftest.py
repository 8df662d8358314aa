"""Fixtures for the Sonarr and Radarr simulator tests: seeded states, in-process clients, fault switches."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx2
import pytest
from starlette.types import ASGIApp

from autoarr.sim._arr_state import ArrState
from autoarr.sim.faults import Faults
from autoarr.sim.radarr import RadarrState, create_radarr_app, seed_radarr
from autoarr.sim.sonarr import SonarrState, create_sonarr_app, seed_sonarr

ARR_KEY = "5f0c2c1d9a8b4e7f8a6b3c2d1e0f9a8b"
FIXED_NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def fixed_clock() -> datetime:
    """The tests' clock: a fixed instant, so seeds and timestamps are reproducible."""
    return FIXED_NOW


def arr_client(app: ASGIApp, *, key: str | None = ARR_KEY) -> httpx2.AsyncClient:
    """An in-process client of a simulator, sending `key` as X-Api-Key (none when None)."""
    headers = {"X-Api-Key": key} if key is not None else {}
    return httpx2.AsyncClient(transport=httpx2.ASGITransport(app), base_url="http://sim", headers=headers)


@dataclass
class Arr:
    """One running simulator as the shared-contract tests see it."""

    name: str  # "sonarr" / "radarr": also the OpenAPI document's name
    state: ArrState
    app: ASGIApp
    client: httpx2.AsyncClient
    faults: Faults
    media: str  # "series" / "movie"
    external_id: str  # "tvdbId" / "tmdbId"


@pytest.fixture
def faults() -> Faults:
    """Fault switches, all off."""
    return Faults()


@pytest.fixture
def sonarr_state() -> SonarrState:
    """The default Sonarr seed at the fixed clock."""
    return seed_sonarr(clock=fixed_clock)


@pytest.fixture
def radarr_state() -> RadarrState:
    """The default Radarr seed at the fixed clock."""
    return seed_radarr(clock=fixed_clock)


@pytest.fixture
async def sonarr(sonarr_state: SonarrState, faults: Faults) -> AsyncIterator[httpx2.AsyncClient]:
    """A client of the Sonarr simulator holding the right key."""
    async with arr_client(create_sonarr_app(sonarr_state, api_key=ARR_KEY, faults=faults)) as client:
        yield client


@pytest.fixture
async def radarr(radarr_state: RadarrState, faults: Faults) -> AsyncIterator[httpx2.AsyncClient]:
    """A client of the Radarr simulator holding the right key."""
    async with arr_client(create_radarr_app(radarr_state, api_key=ARR_KEY, faults=faults)) as client:
        yield client


@pytest.fixture(params=["sonarr", "radarr"])
async def arr(request: pytest.FixtureRequest, faults: Faults) -> AsyncIterator[Arr]:
    """Each simulator in turn, for what both must do alike."""
    state: ArrState
    if request.param == "sonarr":
        sonarr_state = seed_sonarr(clock=fixed_clock)
        state, app = sonarr_state, create_sonarr_app(sonarr_state, api_key=ARR_KEY, faults=faults)
        media, external = "series", "tvdbId"
    else:
        radarr_state = seed_radarr(clock=fixed_clock)
        state, app = radarr_state, create_radarr_app(radarr_state, api_key=ARR_KEY, faults=faults)
        media, external = "movie", "tmdbId"
    async with arr_client(app) as client:
        yield Arr(request.param, state, app, client, faults, media, external)
