"""Plex Media Server: the client and its boundary models."""

from autoarr.integrations.plex.client import PlexClient, plex_headers
from autoarr.integrations.plex.models import (
    PlexIdentity,
    PlexItem,
    PlexPage,
    PlexSection,
    PlexServerInfo,
    PlexSession,
    PlexSetting,
    PrefValue,
)

__all__ = [
    "PlexClient",
    "PlexIdentity",
    "PlexItem",
    "PlexPage",
    "PlexSection",
    "PlexServerInfo",
    "PlexSession",
    "PlexSetting",
    "PrefValue",
    "plex_headers",
]
