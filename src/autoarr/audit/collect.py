"""Reading each service's live configuration into a snapshot (configuration only: never a library)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from autoarr.audit.snapshot import ARR_ENDPOINTS, ConfigSnapshot
from autoarr.errors import AutoArrError, ServiceUnavailableError
from autoarr.integrations._arr import ArrClient
from autoarr.integrations.plex.client import PlexClient
from autoarr.integrations.registry import Integrations
from autoarr.integrations.sabnzbd.client import SabnzbdClient
from autoarr.settings import ServiceName

Fetch = Callable[[], Awaitable[Any]]


async def _gather(fetches: Mapping[str, Fetch]) -> dict[str, Any]:
    """Fetch every resource concurrently; one that fails is left out (its rules are skipped, not passed).

    When all of them fail the service is down (or refuses our key): that error is raised instead.
    """
    names = list(fetches)
    results = await asyncio.gather(*(fetches[name]() for name in names), return_exceptions=True)
    resources: dict[str, Any] = {}
    errors: list[AutoArrError] = []
    for name, result in zip(names, results, strict=True):
        if isinstance(result, AutoArrError):
            errors.append(result)
        elif isinstance(result, BaseException):
            raise result
        else:
            resources[name] = result
    if not resources and errors:
        raise next((e for e in errors if isinstance(e, ServiceUnavailableError)), errors[0])
    return resources


async def _sabnzbd(client: SabnzbdClient) -> ConfigSnapshot:
    async def status() -> dict[str, Any]:
        return (await client.status()).model_dump(mode="json")

    resources = await _gather({"config": client.get_config, "fullstatus": status, "version": client.version})
    config = resources.pop("config", {})
    for section in ("misc", "servers", "categories", "sorters"):
        if section in config:
            resources[section] = config[section]
        elif section in ("servers", "categories") and "misc" in config:
            resources[section] = []  # SABnzbd leaves empty list sections out of get_config
    version = resources.pop("version", None)
    return ConfigSnapshot("sabnzbd", str(version) if version else None, resources)


async def _arr(name: ServiceName, client: ArrClient) -> ConfigSnapshot:
    fetches: dict[str, Fetch] = {}
    for resource, path in ARR_ENDPOINTS.items():
        relative = path.removeprefix("/api/v3/")

        async def fetch(relative: str = relative) -> Any:
            return await client.raw(relative)

        fetches[resource] = fetch
    resources = await _gather(fetches)
    status = resources.get("system_status")
    version = status.get("version") if isinstance(status, dict) else None
    return ConfigSnapshot(name, str(version) if version else None, resources)


async def _plex(client: PlexClient) -> ConfigSnapshot:
    async def prefs() -> Any:
        return (await client.media_container("/:/prefs")).get("Setting", [])

    async def sections() -> Any:
        return (await client.media_container("/library/sections")).get("Directory", [])  # missing when empty

    async def server() -> Any:
        return await client.media_container("/")

    resources = await _gather({"prefs": prefs, "sections": sections, "server": server})
    server_info = resources.get("server")
    version = server_info.get("version") if isinstance(server_info, dict) else None
    return ConfigSnapshot("plex", str(version) if version else None, resources)


async def collect(service: ServiceName, integrations: Integrations) -> ConfigSnapshot:
    """The service's configuration now; raises ServiceUnavailableError when it is disabled or down."""
    if service == "sabnzbd":
        return await _sabnzbd(integrations.sabnzbd)
    if service == "sonarr":
        return await _arr(service, integrations.sonarr)
    if service == "radarr":
        return await _arr(service, integrations.radarr)
    return await _plex(integrations.plex)
