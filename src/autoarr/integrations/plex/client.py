"""The Plex Media Server client: identity, libraries and their items, sessions, search, server settings."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from autoarr.errors import AutoArrError, InvalidRequestError, NotFoundError, ServiceUnavailableError
from autoarr.integrations._http import Reply, ServiceHttp, json_body
from autoarr.integrations.plex.models import (
    Envelope,
    HubsContainer,
    ItemsContainer,
    PlexIdentity,
    PlexItem,
    PlexPage,
    PlexSection,
    PlexServerInfo,
    PlexSession,
    PlexSetting,
    PrefValue,
    SectionsContainer,
    SessionsContainer,
    SettingsContainer,
)

T = TypeVar("T")

_IDENTITY = Envelope[PlexIdentity].model_validate_json
_SERVER = Envelope[PlexServerInfo].model_validate_json
_SECTIONS = Envelope[SectionsContainer].model_validate_json
_ITEMS = Envelope[ItemsContainer].model_validate_json
_SESSIONS = Envelope[SessionsContainer].model_validate_json
_SETTINGS = Envelope[SettingsContainer].model_validate_json
_HUBS = Envelope[HubsContainer].model_validate_json
_START, _SIZE = "X-Plex-Container-Start", "X-Plex-Container-Size"


def plex_headers(*, token: str, client_identifier: str, version: str) -> dict[str, str]:
    """Headers for the Plex AsyncClient: the token, JSON answers, and who AutoArr is (as plexapi sends them)."""
    return {
        "X-Plex-Token": token,
        "Accept": "application/json",
        "X-Plex-Client-Identifier": client_identifier,
        "X-Plex-Product": "AutoArr",
        "X-Plex-Version": version,
    }


def _pref_text(value: PrefValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class PlexClient:
    """Plex Media Server's HTTP API, JSON flavour; HTTP only, typed at the boundary."""

    def __init__(self, http: ServiceHttp) -> None:
        self.http = http

    async def _get(
        self, path: str, *, decode: Callable[[bytes], T], params: Mapping[str, Any] | None = None, subject: str = ""
    ) -> T:
        reply = await self.http.request("GET", path, params=params, decode=decode)
        if reply.status != 200:
            raise self.error_for(reply, subject=subject)
        return reply.decoded()

    async def media_container(self, path: str) -> dict[str, Any]:
        """GET `path` and return its `MediaContainer` as the plain JSON PMS sent (what the audit inspects)."""
        body = await self._get(path, decode=json_body)
        container = body.get("MediaContainer") if isinstance(body, dict) else None
        if not isinstance(container, dict):
            raise ServiceUnavailableError(
                "plex", f"Plex answered {path} without a MediaContainer", reason="bad_response"
            )
        return container

    def error_for(self, reply: Reply[Any], *, subject: str = "") -> AutoArrError:
        """The AutoArr error for an answer that is not a success (PMS's error bodies are HTML: only the status)."""
        status = reply.status
        if status == 404:
            return NotFoundError(f"{subject or 'The resource'} was not found in Plex", details={"service": "plex"})
        if status == 400:
            return InvalidRequestError(f"Plex rejected the request{f' ({subject})' if subject else ''}")
        return ServiceUnavailableError(
            self.http.service,
            f"Plex answered HTTP {status}, which AutoArr does not expect here",
            reason="bad_response",
            details={"status": status},
        )

    @staticmethod
    def _section_path(key: str, rest: str) -> str:
        # Section keys arrive from AutoArr's callers: only digits may reach the URL path.
        if not key.isdigit():
            raise NotFoundError(f"Library section {key!r} was not found in Plex", details={"service": "plex"})
        return f"/library/sections/{key}/{rest}"

    async def ping(self) -> None:
        """A cheap authenticated call (GET /) that raises when Plex cannot serve us."""
        await self.server_info()

    async def identity(self) -> PlexIdentity:
        """GET /identity: machine identifier and version (PMS answers this one without a token)."""
        return (await self._get("/identity", decode=_IDENTITY)).media_container

    async def server_info(self) -> PlexServerInfo:
        """GET /: the server's name, version, platform and account state."""
        return (await self._get("/", decode=_SERVER)).media_container

    async def sections(self) -> list[PlexSection]:
        """GET /library/sections, each with `count` set to the section's real total of top-level items."""
        found = (await self._get("/library/sections", decode=_SECTIONS)).media_container.directory
        totals = await asyncio.gather(*(self.section_total(section.key) for section in found))
        return [section.model_copy(update={"count": total}) for section, total in zip(found, totals, strict=True)]

    async def section_total(self, key: str) -> int:
        """How many top-level items (movies, shows) a section holds, without fetching any of them."""
        page = await self.section_items(key, start=0, size=0)
        return page.total

    async def section_items(self, key: str, *, start: int = 0, size: int = 50) -> PlexPage:
        """A slice of /library/sections/{key}/all, by title; NotFoundError for an unknown section."""
        params = {_START: start, _SIZE: size}
        found = await self._get(
            self._section_path(key, "all"), decode=_ITEMS, params=params, subject=f"Library section {key}"
        )
        return _page(found.media_container)

    async def recently_added(self, *, limit: int = 20) -> PlexPage:
        """GET /library/recentlyAdded: the newest movies and episodes of every section, newest first."""
        found = await self._get("/library/recentlyAdded", decode=_ITEMS, params={_START: 0, _SIZE: limit})
        return _page(found.media_container)

    async def refresh_section(self, key: str) -> None:
        """Start a scan (GET /library/sections/{key}/refresh, as plexapi does); NotFoundError if unknown."""
        path = self._section_path(key, "refresh")
        reply: Reply[Any] = await self.http.request("GET", path)
        if reply.status != 200:
            raise self.error_for(reply, subject=f"Library section {key}")

    async def sessions(self) -> list[PlexSession]:
        """GET /status/sessions: what is playing now, by whom, where."""
        return (await self._get("/status/sessions", decode=_SESSIONS)).media_container.metadata

    async def on_deck(self, *, limit: int = 20) -> list[PlexItem]:
        """GET /library/onDeck: items started and not finished."""
        found = await self._get("/library/onDeck", decode=_ITEMS, params={_START: 0, _SIZE: limit})
        return found.media_container.metadata

    async def search(self, query: str, *, limit: int = 10) -> list[PlexItem]:
        """GET /hubs/search (what plexapi and the PMS spec use): movies, shows and episodes matching `query`."""
        if not query.strip():
            raise InvalidRequestError("A search needs a query", details={"query": "must not be empty"})
        found = await self._get("/hubs/search", decode=_HUBS, params={"query": query, "limit": limit})
        return [item for hub in found.media_container.hub for item in hub.metadata]

    async def prefs(self) -> list[PlexSetting]:
        """GET /:/prefs: every server setting with its type, default and value."""
        return (await self._get("/:/prefs", decode=_SETTINGS)).media_container.setting

    async def set_prefs(self, changes: Mapping[str, PrefValue]) -> None:
        """PUT /:/prefs?Id=value: change settings by id (case-sensitive); InvalidRequestError when PMS refuses."""
        if not changes:
            return
        params = {pref_id: _pref_text(value) for pref_id, value in changes.items()}
        reply: Reply[Any] = await self.http.request("PUT", "/:/prefs", params=params)
        if reply.status != 200:
            raise self.error_for(reply, subject=f"settings {', '.join(sorted(changes))}")


def _page(container: ItemsContainer) -> PlexPage:
    total = container.total_size if container.total_size is not None else container.offset + container.size
    return PlexPage(items=container.metadata, offset=container.offset, total=total)
