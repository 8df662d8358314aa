"""Configuration snapshots: the raw JSON each service returned, by resource name, for the pure audit checks.

Resource names (what the engine stores under `ConfigSnapshot.resources`):

SABnzbd
    ``misc``        `mode=get_config&section=misc` -> the ``config.misc`` dict
    ``servers``     `mode=get_config&section=servers` -> the ``config.servers`` list (``[]`` when none)
    ``categories``  `mode=get_config&section=categories` -> the ``config.categories`` list
    ``sorters``     `mode=get_config&section=sorters` -> the ``config.sorters`` list (SABnzbd 4.1+ only)
    ``fullstatus``  `mode=fullstatus&skip_dashboard=1` -> the ``status`` object (diskspace1/2, downloaddir,
                    completedir, pystone, ...)

Sonarr / Radarr (`/api/v3/...`)
    ``host``, ``mediamanagement``, ``naming``, ``ui``   `config/<name>` objects
    ``indexer_config``       `config/indexer`
    ``downloadclient_config`` `config/downloadclient`
    ``downloadclients``      `downloadclient` list
    ``indexers``             `indexer` list
    ``rootfolders``          `rootfolder` list
    ``qualityprofiles``      `qualityprofile` list
    ``notifications``        `notification` list
    ``diskspace``            `diskspace` list (optional: no rule needs it yet)
    ``health``               `health` list
    ``system_status``        `system/status` object

Plex
    ``prefs``     `GET /:/prefs` -> ``MediaContainer.Setting`` (list of Setting dicts)
    ``sections``  `GET /library/sections` -> ``MediaContainer.Directory`` (each with its ``Location`` list)
    ``server``    `GET /` -> the ``MediaContainer`` attributes (``version``, ``friendlyName``, ...)

A resource that could not be fetched (or that the service lacks) is simply absent: rules needing it are
reported as skipped, never as passed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from autoarr.settings import ServiceName

SABNZBD_MISC: Final = "misc"
SABNZBD_SERVERS: Final = "servers"
SABNZBD_CATEGORIES: Final = "categories"
SABNZBD_SORTERS: Final = "sorters"
SABNZBD_FULLSTATUS: Final = "fullstatus"
SABNZBD_RESOURCES: Final = (SABNZBD_MISC, SABNZBD_SERVERS, SABNZBD_CATEGORIES, SABNZBD_SORTERS, SABNZBD_FULLSTATUS)

ARR_HOST: Final = "host"
ARR_MEDIA_MANAGEMENT: Final = "mediamanagement"
ARR_NAMING: Final = "naming"
ARR_UI: Final = "ui"
ARR_INDEXER_CONFIG: Final = "indexer_config"
ARR_DOWNLOAD_CLIENT_CONFIG: Final = "downloadclient_config"
ARR_DOWNLOAD_CLIENTS: Final = "downloadclients"
ARR_INDEXERS: Final = "indexers"
ARR_ROOT_FOLDERS: Final = "rootfolders"
ARR_QUALITY_PROFILES: Final = "qualityprofiles"
ARR_NOTIFICATIONS: Final = "notifications"
ARR_DISK_SPACE: Final = "diskspace"
ARR_HEALTH: Final = "health"
ARR_SYSTEM_STATUS: Final = "system_status"
ARR_RESOURCES: Final = (
    ARR_HOST,
    ARR_MEDIA_MANAGEMENT,
    ARR_NAMING,
    ARR_UI,
    ARR_INDEXER_CONFIG,
    ARR_DOWNLOAD_CLIENT_CONFIG,
    ARR_DOWNLOAD_CLIENTS,
    ARR_INDEXERS,
    ARR_ROOT_FOLDERS,
    ARR_QUALITY_PROFILES,
    ARR_NOTIFICATIONS,
    ARR_DISK_SPACE,
    ARR_HEALTH,
    ARR_SYSTEM_STATUS,
)
# The API path each *arr resource is read from (and config resources are written back to, with `/{id}`).
ARR_ENDPOINTS: Final[Mapping[str, str]] = {
    ARR_HOST: "/api/v3/config/host",
    ARR_MEDIA_MANAGEMENT: "/api/v3/config/mediamanagement",
    ARR_NAMING: "/api/v3/config/naming",
    ARR_UI: "/api/v3/config/ui",
    ARR_INDEXER_CONFIG: "/api/v3/config/indexer",
    ARR_DOWNLOAD_CLIENT_CONFIG: "/api/v3/config/downloadclient",
    ARR_DOWNLOAD_CLIENTS: "/api/v3/downloadclient",
    ARR_INDEXERS: "/api/v3/indexer",
    ARR_ROOT_FOLDERS: "/api/v3/rootfolder",
    ARR_QUALITY_PROFILES: "/api/v3/qualityprofile",
    ARR_NOTIFICATIONS: "/api/v3/notification",
    ARR_DISK_SPACE: "/api/v3/diskspace",
    ARR_HEALTH: "/api/v3/health",
    ARR_SYSTEM_STATUS: "/api/v3/system/status",
}

PLEX_PREFS: Final = "prefs"
PLEX_SECTIONS: Final = "sections"
PLEX_SERVER: Final = "server"
PLEX_RESOURCES: Final = (PLEX_PREFS, PLEX_SECTIONS, PLEX_SERVER)

RESOURCES_BY_SERVICE: Final[Mapping[ServiceName, tuple[str, ...]]] = {
    "sabnzbd": SABNZBD_RESOURCES,
    "sonarr": ARR_RESOURCES,
    "radarr": ARR_RESOURCES,
    "plex": PLEX_RESOURCES,
}


@dataclass(frozen=True)
class ConfigSnapshot:
    """One service's configuration as fetched: its version (None when unknown) and raw resources by name."""

    service: ServiceName
    version: str | None
    resources: Mapping[str, Any] = field(default_factory=dict)

    def has(self, name: str) -> bool:
        """Whether resource `name` was fetched."""
        return name in self.resources


@dataclass(frozen=True)
class StackSnapshot:
    """Snapshots of several services, for the cross-service rules."""

    snapshots: Mapping[ServiceName, ConfigSnapshot] = field(default_factory=dict)

    def get(self, service: ServiceName) -> ConfigSnapshot | None:
        """The snapshot of `service`, or None when it was not audited."""
        return self.snapshots.get(service)
