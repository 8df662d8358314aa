"""Snapshots for the audit tests: the simulators' seeded state read over ASGI, and SABnzbd 3.7.1's captures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx2
from starlette.types import ASGIApp

from autoarr.audit.snapshot import ConfigSnapshot, StackSnapshot
from autoarr.settings import ServiceName
from autoarr.sim.plex import create_plex_app
from autoarr.sim.plex_state import PlexState
from autoarr.sim.radarr import create_radarr_app, seed_radarr
from autoarr.sim.sabnzbd import create_sabnzbd_app
from autoarr.sim.sabnzbd_state import SabnzbdState
from autoarr.sim.seed_settings import SabnzbdLink
from autoarr.sim.sonarr import create_sonarr_app, seed_sonarr

SAMPLES = Path(__file__).resolve().parents[1] / "contracts" / "sabnzbd-samples"
SAB_KEY = "5ab0c0ffee5ab0c0ffee5ab0c0ffee00"
SAB_NZB_KEY = "feedfacefeedfacefeedfacefeedface"
ARR_KEY = "a1b2c3d4e5f60718293a4b5c6d7e8f90"
PLEX_TOKEN = "plexTok3n-Zx81QwErTy"
ARR_CONFIGS = {
    "host": "config/host",
    "mediamanagement": "config/mediamanagement",
    "naming": "config/naming",
    "ui": "config/ui",
    "indexer_config": "config/indexer",
    "downloadclient_config": "config/downloadclient",
    "downloadclients": "downloadclient",
    "indexers": "indexer",
    "rootfolders": "rootfolder",
    "qualityprofiles": "qualityprofile",
    "notifications": "notification",
    "health": "health",
    "system_status": "system/status",
}


def sample(name: str) -> Any:
    """One captured SABnzbd 3.7.1 response."""
    return json.loads((SAMPLES / f"{name}.json").read_text())


def real_sabnzbd_snapshot() -> ConfigSnapshot:
    """The captured SABnzbd 3.7.1 configuration, as the engine would store it."""
    return ConfigSnapshot(
        "sabnzbd",
        sample("version")["version"],
        {
            "misc": sample("get_config_misc")["config"]["misc"],
            "servers": sample("get_config_servers")["config"]["servers"],
            "categories": sample("get_config_categories")["config"]["categories"],
            "fullstatus": sample("fullstatus")["status"],
        },
    )


def _client(app: ASGIApp, headers: dict[str, str]) -> httpx2.AsyncClient:
    return httpx2.AsyncClient(transport=httpx2.ASGITransport(app), base_url="http://sim", headers=headers)


async def sabnzbd_snapshot(state: SabnzbdState | None = None) -> ConfigSnapshot:
    """The SABnzbd simulator's configuration, fetched the way the engine fetches it."""
    app = create_sabnzbd_app(state or SabnzbdState.seeded(), api_key=SAB_KEY, nzb_key=SAB_NZB_KEY)
    async with _client(app, {}) as http:

        async def call(**params: str) -> Any:
            response = await http.get("/api", params={**params, "output": "json", "apikey": SAB_KEY})
            response.raise_for_status()
            return response.json()

        version = (await call(mode="version"))["version"]
        resources = {
            "misc": (await call(mode="get_config", section="misc"))["config"]["misc"],
            "servers": (await call(mode="get_config", section="servers"))["config"].get("servers", []),
            "categories": (await call(mode="get_config", section="categories"))["config"].get("categories", []),
            "fullstatus": (await call(mode="fullstatus", skip_dashboard="1"))["status"],
        }
    return ConfigSnapshot("sabnzbd", version, resources)


async def _arr_snapshot(service: ServiceName, app: ASGIApp) -> ConfigSnapshot:
    async with _client(app, {"X-Api-Key": ARR_KEY}) as http:
        resources = {}
        for name, path in ARR_CONFIGS.items():
            response = await http.get(f"/api/v3/{path}")
            response.raise_for_status()
            resources[name] = response.json()
    return ConfigSnapshot(service, resources["system_status"]["version"], resources)


async def sonarr_snapshot(*, sab_host: str = "sabnzbd") -> ConfigSnapshot:
    """The Sonarr simulator's configuration."""
    state = seed_sonarr(sabnzbd=SabnzbdLink(host=sab_host, api_key=SAB_KEY))
    return await _arr_snapshot("sonarr", create_sonarr_app(state, api_key=ARR_KEY))


async def radarr_snapshot(*, sab_host: str = "sabnzbd") -> ConfigSnapshot:
    """The Radarr simulator's configuration."""
    state = seed_radarr(sabnzbd=SabnzbdLink(host=sab_host, api_key=SAB_KEY))
    return await _arr_snapshot("radarr", create_radarr_app(state, api_key=ARR_KEY))


async def plex_snapshot() -> ConfigSnapshot:
    """The Plex simulator's configuration."""
    app = create_plex_app(PlexState.seeded(), token=PLEX_TOKEN)
    headers = {"X-Plex-Token": PLEX_TOKEN, "Accept": "application/json"}
    async with _client(app, headers) as http:
        prefs = (await http.get("/:/prefs")).json()["MediaContainer"]["Setting"]
        sections = (await http.get("/library/sections")).json()["MediaContainer"]["Directory"]
        server = (await http.get("/")).json()["MediaContainer"]
    return ConfigSnapshot("plex", server["version"], {"prefs": prefs, "sections": sections, "server": server})


async def sim_stack(*, sab_host: str = "sabnzbd") -> StackSnapshot:
    """All four simulators' configurations."""
    return StackSnapshot(
        {
            "sabnzbd": await sabnzbd_snapshot(),
            "sonarr": await sonarr_snapshot(sab_host=sab_host),
            "radarr": await radarr_snapshot(sab_host=sab_host),
            "plex": await plex_snapshot(),
        }
    )
