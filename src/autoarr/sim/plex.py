"""A stateful Plex Media Server simulator speaking the real HTTP API (service-apis.md part C)."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from types import MappingProxyType
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp

from autoarr.sim import plex_render as render
from autoarr.sim.faults import FaultMiddleware, Faults
from autoarr.sim.plex_state import EPISODE, MOVIE, SHOW, TYPE_NUMBERS, PlexItem, PlexSection, PlexState

__all__ = ["PlexState", "create_plex_app"]

Handler = Callable[[Request], Awaitable[Response]]
_HTML = "text/html"
# (name, title, description, interval in days, the pref that switches it on)
_BUTLER_TASKS: tuple[tuple[str, str, str, int, str | None], ...] = (
    ("BackupDatabase", "Backup Database", "Copy the server database aside.", 3, "ButlerTaskBackupDatabase"),
    ("OptimizeDatabase", "Optimize Database", "Rebuild indexes and compact.", 7, "ButlerTaskOptimizeDatabase"),
    ("CleanOldBundles", "Clean Old Bundles", "Remove unused metadata bundles.", 7, "ButlerTaskCleanOldBundles"),
    ("RefreshLibraries", "Refresh Libraries", "Scan every library for new files.", 1, "ButlerTaskRefreshLibraries"),
    ("GenerateBlurHashes", "Generate Blur Hashes", "Compute placeholder images for artwork.", 1, None),
    ("RefreshPeriodicMetadata", "Refresh Periodic Metadata", "Refresh metadata that changes over time.", 1, None),
)
_ROOT_KEYS = ("activities", "butler", "channels", "clients", "hubs", "library", "media", "playlists", "search",
              "server", "servers", "statistics", "system", "transcode", "updater", "user")  # fmt: skip
_SORT_KEYS: Mapping[str, Callable[[PlexItem], Any]] = MappingProxyType(
    {
        "addedAt": lambda item: item.added_at,
        "titleSort": lambda item: item.title_sort.lower(),
        "title": lambda item: item.title.lower(),
        "year": lambda item: item.year or 0,
        "rating": lambda item: item.rating or 0.0,
    }
)


def _page(title: str, status: int) -> Response:
    body = f"<html><head><title>{title}</title></head><body><h1>{status} {title}</h1></body></html>"
    return Response(body, status_code=status, media_type=_HTML)


# JSON answers `Accept: application/json`; anything else gets a minimal XML rendering of the same data
# (scalars as attributes, lists and objects as child elements), which is what PMS sends by default.


class _PlexApi:
    """The endpoints, over one PlexState."""

    def __init__(self, state: PlexState, *, token: str, faults: Faults) -> None:
        self.state = state
        self.token = token
        self.faults = faults

    # ---- plumbing ------------------------------------------------------------------------------

    def guarded(self, handler: Handler, *, open_route: bool = False) -> Handler:
        """The token check PMS makes (header or query), then the handler."""

        async def endpoint(request: Request) -> Response:
            sent = request.headers.get("X-Plex-Token") or request.query_params.get("X-Plex-Token")
            if self.faults.reject_key or (not open_route and sent != self.token):
                return _page("Unauthorized", 401)
            return await handler(request)

        return endpoint

    @staticmethod
    def reply(request: Request, body: dict[str, Any], *, headers: dict[str, str] | None = None) -> Response:
        """JSON for `Accept: application/json`, XML otherwise."""
        if "application/json" in request.headers.get("accept", ""):
            return Response(json.dumps(body), headers=headers, media_type="application/json")
        (tag, content), *_ = body.items()
        xml = '<?xml version="1.0" encoding="UTF-8"?>\n' + render.to_xml(tag, content)
        return Response(xml, headers=headers, media_type="text/xml;charset=utf-8")

    def listing(
        self, request: Request, rows: list[dict[str, Any]], attrs: dict[str, Any], *, default_size: int | None = None
    ) -> Response:
        """A paged MediaContainer of Metadata (the key left out when empty) with the paging headers."""
        start = _int(request, "X-Plex-Container-Start", 0)
        size = _int(request, "X-Plex-Container-Size", default_size if default_size is not None else len(rows))
        page = rows[start : start + size]
        container: dict[str, Any] = {"size": len(page), "totalSize": len(rows), "offset": start, **attrs}
        if page:
            container["Metadata"] = page
        headers = {"X-Plex-Container-Start": str(start), "X-Plex-Container-Total-Size": str(len(rows))}
        return self.reply(request, {"MediaContainer": container}, headers=headers)

    def _section_or_none(self, request: Request) -> PlexSection | None:
        return self.state.section(request.path_params["key"])

    def _section_attrs(self, section: PlexSection) -> dict[str, Any]:
        return {
            "allowSync": True,
            "identifier": render.LIBRARY_IDENTIFIER,
            "librarySectionID": int(section.key),
            "librarySectionTitle": section.title,
            "librarySectionUUID": section.uuid,
            "mediaTagPrefix": render.MEDIA_TAG_PREFIX,
            "mediaTagVersion": 1_700_000_000,
        }

    # ---- server --------------------------------------------------------------------------------

    async def root(self, request: Request) -> Response:
        """GET /: server capabilities and the root directories."""
        state = self.state
        container: dict[str, Any] = {
            "size": len(_ROOT_KEYS),
            "allowCameraUpload": False,
            "allowMediaDeletion": _pref_on(state, "allowMediaDeletion"),
            "allowSharing": True,
            "allowSync": True,
            "backgroundProcessing": True,
            "certificate": True,
            "countryCode": "usa",
            "friendlyName": state.friendly_name,
            "hubSearch": True,
            "machineIdentifier": state.machine_identifier,
            "multiuser": True,
            "myPlex": True,
            "myPlexMappingState": "mapped",
            "myPlexSigninState": "ok",
            "myPlexSubscription": True,
            "myPlexUsername": "walter@example.com",
            "platform": "Linux",
            "platformVersion": "6.1.0-18-amd64",
            "transcoderActiveVideoSessions": 0,
            "transcoderVideo": True,
            "updatedAt": int(state.now),
            "version": state.version,
            "Directory": [{"count": 1, "key": key, "title": key} for key in _ROOT_KEYS],
        }
        return self.reply(request, {"MediaContainer": container})

    async def identity(self, request: Request) -> Response:
        """GET /identity (no token needed)."""
        container = {
            "size": 0,
            "apiVersion": "1.1.1",
            "claimed": True,
            "machineIdentifier": self.state.machine_identifier,
            "version": self.state.version,
        }
        return self.reply(request, {"MediaContainer": container})

    # ---- library -------------------------------------------------------------------------------

    async def sections(self, request: Request) -> Response:
        """GET /library/sections (and /library/sections/all)."""
        rows = [render.section_directory(self.state, section) for section in self.state.sections]
        container = {"size": len(rows), "allowSync": True, "title1": "Plex Library", "Directory": rows}
        return self.reply(request, {"MediaContainer": container})

    async def section_all(self, request: Request) -> Response:
        """GET /library/sections/{key}/all with `type`, `sort`, `title`, `includeGuids` and paging."""
        section = self._section_or_none(request)
        if section is None:
            return _page("Not Found", 404)
        wanted = TYPE_NUMBERS.get(_int(request, "type", 0), section.type)
        items = [item for item in self.state.items.values() if item.section_key == section.key and item.type == wanted]
        title = request.query_params.get("title")
        if title:
            items = [item for item in items if title.lower() in item.title.lower()]
        items = _sorted(items, request.query_params.get("sort", "titleSort"))
        guids = request.query_params.get("includeGuids") == "1"
        rows = [render.metadata(self.state, item, guids=guids) for item in items]
        attrs = {
            **self._section_attrs(section),
            "art": f"/:/resources/{section.type}-fanart.jpg",
            "thumb": f"/:/resources/{section.type}.png",
            "title1": section.title,
            "title2": "All Movies" if section.type == MOVIE else "All Shows",
            "viewGroup": wanted,
        }
        return self.listing(request, rows, attrs)

    async def refresh(self, request: Request) -> Response:
        """GET/POST /library/sections/{key}/refresh starts a scan; DELETE stops it. 200, empty body."""
        key = request.path_params["key"]
        found = self.state.cancel_refresh(key) if request.method == "DELETE" else self.state.refresh(key)
        return Response(status_code=200) if found else _page("Not Found", 404)

    async def section_recent(self, request: Request) -> Response:
        """GET /library/sections/{key}/recentlyAdded: the section's newest movies or episodes."""
        section = self._section_or_none(request)
        if section is None:
            return _page("Not Found", 404)
        leaf = EPISODE if section.type == SHOW else MOVIE
        items = [item for item in self.state.items.values() if item.section_key == section.key and item.type == leaf]
        rows = [render.metadata(self.state, item) for item in _sorted(items, "addedAt:desc")]
        return self.listing(request, rows, self._section_attrs(section), default_size=50)

    async def recently_added(self, request: Request) -> Response:
        """GET /library/recentlyAdded: newest movies and episodes of every section."""
        items = [item for item in self.state.items.values() if item.type in {MOVIE, EPISODE}]
        rows = [render.metadata(self.state, item, with_section=True) for item in _sorted(items, "addedAt:desc")]
        attrs = {"allowSync": True, "identifier": render.LIBRARY_IDENTIFIER, "mediaTagPrefix": render.MEDIA_TAG_PREFIX}
        return self.listing(request, rows, attrs, default_size=50)

    async def on_deck(self, request: Request) -> Response:
        """GET /library/onDeck: items started but not finished."""
        items = [item for item in self.state.items.values() if item.view_offset and item.type in {MOVIE, EPISODE}]
        rows = [render.metadata(self.state, item, with_section=True) for item in _sorted(items, "addedAt:desc")]
        return self.listing(request, rows, {"allowSync": False, "identifier": render.LIBRARY_IDENTIFIER})

    async def metadata(self, request: Request) -> Response:
        """GET /library/metadata/{ids} (comma list); 404 when one is unknown."""
        items = [
            self.state.items.get(int(key)) if key.isdigit() else None for key in request.path_params["ids"].split(",")
        ]
        found = [item for item in items if item is not None]
        if not found or len(found) != len(items):
            return _page("Not Found", 404)
        section = self.state.section(found[0].section_key)
        rows = [render.metadata(self.state, item, with_section=True, guids=True) for item in found]
        return self.listing(request, rows, self._section_attrs(section) if section else {})

    async def children(self, request: Request) -> Response:
        """GET /library/metadata/{id}/children: a show's seasons or a season's episodes."""
        key = request.path_params["id"]
        parent = self.state.items.get(int(key)) if key.isdigit() else None
        if parent is None:
            return _page("Not Found", 404)
        rows = [render.metadata(self.state, item) for item in self.state.children(parent.rating_key)]
        attrs = {"key": key, "parentTitle": parent.title, "title1": parent.title, "viewGroup": "season"}
        return self.listing(request, rows, attrs)

    # ---- status, search ------------------------------------------------------------------------

    async def sessions(self, request: Request) -> Response:
        """GET /status/sessions: what is playing now."""
        rows = [render.session(self.state, playing) for playing in self.state.sessions]
        return self.listing(request, rows, {})

    def _matches(self, request: Request) -> list[PlexItem] | None:
        query = (request.query_params.get("query") or "").strip().lower()
        if not query:
            return None
        hits = [item for item in self.state.items.values() if item.type in {MOVIE, SHOW, EPISODE}]
        return _sorted([item for item in hits if query in item.title.lower()], "titleSort")

    async def search(self, request: Request) -> Response:
        """GET /search?query=: matching movies, shows and episodes."""
        hits = self._matches(request)
        if hits is None:
            return _page("Bad Request", 400)
        rows = [render.metadata(self.state, item, with_section=True) for item in hits]
        return self.listing(request, rows, {"identifier": render.LIBRARY_IDENTIFIER})

    async def hub_search(self, request: Request) -> Response:
        """GET /hubs/search?query=: the matches split into Movies, Shows and Episodes hubs."""
        hits = self._matches(request)
        if hits is None:
            return _page("Bad Request", 400)
        limit = _int(request, "limit", 3)
        hubs = []
        for kind, title in ((MOVIE, "Movies"), (SHOW, "Shows"), (EPISODE, "Episodes")):
            found = [item for item in hits if item.type == kind]
            hub: dict[str, Any] = {"title": title, "type": kind, "hubIdentifier": kind, "context": f"hub.{kind}"}
            hub.update({"size": min(len(found), limit), "more": len(found) > limit, "style": "shelf"})
            if found:
                hub["Metadata"] = [render.metadata(self.state, item, with_section=True) for item in found[:limit]]
            hubs.append(hub)
        return self.reply(request, {"MediaContainer": {"size": len(hubs), "Hub": hubs}})

    # ---- prefs, butler -------------------------------------------------------------------------

    async def prefs(self, request: Request) -> Response:
        """GET /:/prefs lists the settings; PUT /:/prefs?Id=value changes them (400 for an unknown id)."""
        if request.method == "PUT":
            changes = {key: value for key, value in request.query_params.items() if not key.startswith("X-Plex-")}
            try:
                self.state.set_prefs(changes)
            except (KeyError, ValueError):
                return _page("Bad Request", 400)
            return Response(status_code=200)
        rows = [pref.to_json() for pref in self.state.prefs.values()]
        return self.reply(request, {"MediaContainer": {"size": len(rows), "Setting": rows}})

    async def butler(self, request: Request) -> Response:
        """GET /butler: the scheduled maintenance tasks (a top-level ButlerTasks, no MediaContainer)."""
        tasks = [
            {
                "name": name,
                "title": title,
                "description": description,
                "enabled": _pref_on(self.state, pref) if pref else True,
                "interval": interval,
                "scheduleRandomized": False,
            }
            for name, title, description, interval, pref in _BUTLER_TASKS
        ]
        return self.reply(request, {"ButlerTasks": {"ButlerTask": tasks}})

    async def butler_task(self, request: Request) -> Response:
        """POST /butler/{name} starts a task (202 if running already); DELETE stops it."""
        name = request.path_params["name"]
        if name not in {task[0] for task in _BUTLER_TASKS}:
            return _page("Not Found", 404)
        if request.method == "DELETE":
            self.state.butler_running.discard(name)
            return Response(status_code=200)
        if name in self.state.butler_running:
            return Response(status_code=202)
        self.state.butler_running.add(name)
        return Response(status_code=200)


def _pref_on(state: PlexState, pref_id: str) -> bool:
    pref = state.prefs.get(pref_id)
    return True if pref is None else bool(pref.value)


def _int(request: Request, name: str, default: int) -> int:
    raw = request.headers.get(name) or request.query_params.get(name)
    try:
        return int(raw) if raw is not None else default
    except ValueError:
        return default


def _sorted(items: list[PlexItem], sort: str) -> list[PlexItem]:
    field, _, direction = sort.partition(":")
    key = _SORT_KEYS.get(field, _SORT_KEYS["titleSort"])
    return sorted(items, key=key, reverse=direction == "desc")


def create_plex_app(state: PlexState, *, token: str, faults: Faults | None = None) -> ASGIApp:
    """The simulator as an ASGI app; every route but /identity needs `token`."""
    api = _PlexApi(state, token=token, faults=faults or Faults())
    guard = api.guarded
    routes = [
        Route("/", guard(api.root)),
        Route("/identity", guard(api.identity, open_route=True)),
        Route("/library/sections", guard(api.sections)),
        Route("/library/sections/all", guard(api.sections)),
        Route("/library/sections/{key}/all", guard(api.section_all)),
        Route("/library/sections/{key}/refresh", guard(api.refresh), methods=["GET", "POST", "DELETE"]),
        Route("/library/sections/{key}/recentlyAdded", guard(api.section_recent)),
        Route("/library/recentlyAdded", guard(api.recently_added)),
        Route("/library/onDeck", guard(api.on_deck)),
        Route("/library/metadata/{id}/children", guard(api.children)),
        Route("/library/metadata/{ids}", guard(api.metadata)),
        Route("/status/sessions", guard(api.sessions)),
        Route("/search", guard(api.search)),
        Route("/hubs/search", guard(api.hub_search)),
        Route("/:/prefs", guard(api.prefs), methods=["GET", "PUT"]),
        Route("/butler", guard(api.butler)),
        Route("/butler/{name}", guard(api.butler_task), methods=["POST", "DELETE"]),
    ]
    return FaultMiddleware(Starlette(routes=routes), api.faults)
