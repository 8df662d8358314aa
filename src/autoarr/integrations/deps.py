"""Each service's client as a FastAPI dependency: 503 `service_unavailable` while it is disabled."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from autoarr.integrations.plex.client import PlexClient
from autoarr.integrations.radarr.client import RadarrClient
from autoarr.integrations.registry import Integrations
from autoarr.integrations.sabnzbd.client import SabnzbdClient
from autoarr.integrations.sonarr.client import SonarrClient


def _integrations(request: Request) -> Integrations:
    integrations: Integrations = request.app.state.integrations
    return integrations


async def get_sabnzbd(request: Request) -> SabnzbdClient:
    return _integrations(request).sabnzbd


async def get_sonarr(request: Request) -> SonarrClient:
    return _integrations(request).sonarr


async def get_radarr(request: Request) -> RadarrClient:
    return _integrations(request).radarr


async def get_plex(request: Request) -> PlexClient:
    return _integrations(request).plex


SabnzbdDep = Annotated[SabnzbdClient, Depends(get_sabnzbd)]
SonarrDep = Annotated[SonarrClient, Depends(get_sonarr)]
RadarrDep = Annotated[RadarrClient, Depends(get_radarr)]
PlexDep = Annotated[PlexClient, Depends(get_plex)]
