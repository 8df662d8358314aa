"""AutoArrClient: every endpoint of the AutoArr API as one typed async call."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import TracebackType
from typing import Any
from urllib.parse import quote

import httpx2

from autoarr.client import library as lib
from autoarr.client import models as m
from autoarr.client.events import EventStream, Room
from autoarr.client.http import Endpoint, HttpSession, Params, resolve_endpoint


def _segment(value: str | int) -> str:
    return quote(str(value), safe="")


class AutoArrClient:
    """Async client for AutoArr; use `async with AutoArrClient() as client:` so its connections are closed.

    The base URL comes from the argument, else AUTOARR_URL, else http://127.0.0.1:8000; the key from the
    argument, else AUTOARR_API_KEY, else (for a server on this machine) the key `autoarr serve` stored in
    AUTOARR_DATA_DIR (default ./data). Every method raises the typed errors of `autoarr.client.errors`.
    """

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        *,
        timeout: float = 60.0,
        headers: Mapping[str, str] | None = None,
        transport: httpx2.AsyncBaseTransport | None = None,
    ) -> None:
        self.endpoint: Endpoint = resolve_endpoint(base_url, api_key)
        self._session = HttpSession(self.endpoint, timeout=timeout, transport=transport, headers=headers)

    @property
    def base_url(self) -> str:
        """The AutoArr URL this client talks to."""
        return self.endpoint.base_url

    async def __aenter__(self) -> AutoArrClient:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the pooled connections."""
        await self._session.aclose()

    async def request(self, method: str, path: str, *, params: Params | None = None, json: Any = None) -> Any:
        """Any endpoint, untyped: the decoded JSON answer (text for non-JSON answers); errors are still typed."""
        response = await self._session.send(method, path, params=params, body=json)
        if response.headers.get("content-type", "").startswith("application/json"):
            return response.json()
        return response.text

    # Health

    async def health(self) -> m.Health:
        """AutoArr's health and that of every enabled service."""
        return await self._session.call(m.Health, "GET", "/health")

    async def service_health(self, service: str) -> m.ServiceHealth:
        """The health of one service (ServiceUnavailableError while it is disabled)."""
        return await self._session.call(m.ServiceHealth, "GET", f"/health/{_segment(service)}")

    async def circuit_breaker(self, service: str) -> m.CircuitBreaker:
        """The circuit breaker of one service."""
        return await self._session.call(m.CircuitBreaker, "GET", f"/health/circuit-breaker/{_segment(service)}")

    async def metrics(self) -> str:
        """Prometheus metrics, as text."""
        return (await self._session.send("GET", "/metrics")).text

    # Downloads (SABnzbd)

    async def queue(self) -> m.Queue:
        """SABnzbd's download queue."""
        return await self._session.call(m.Queue, "GET", "/api/v1/downloads/queue")

    async def history(self, *, limit: int = 50) -> m.History:
        """SABnzbd's download history, newest first."""
        return await self._session.call(m.History, "GET", "/api/v1/downloads/history", params={"limit": limit})

    async def retry_download(self, nzo_id: str) -> m.RetryResult:
        """Retry a failed download; the answer has its new id."""
        return await self._session.call(m.RetryResult, "POST", f"/api/v1/downloads/retry/{_segment(nzo_id)}")

    async def pause_queue(self) -> m.QueueState:
        """Pause the download queue."""
        return await self._session.call(m.QueueState, "POST", "/api/v1/downloads/pause")

    async def resume_queue(self) -> m.QueueState:
        """Resume the download queue."""
        return await self._session.call(m.QueueState, "POST", "/api/v1/downloads/resume")

    async def delete_download(self, nzo_id: str, *, delete_files: bool = False) -> m.DeleteDownloadResult:
        """Delete a queued download, or a finished one from history."""
        return await self._session.call(
            m.DeleteDownloadResult,
            "DELETE",
            f"/api/v1/downloads/{_segment(nzo_id)}",
            params={"delete_files": delete_files},
        )

    async def recovery_attempts(self, *, page: int = 1, page_size: int = 20) -> m.RecoveryPage:
        """What automatic recovery did about failed downloads, newest first."""
        params = {"page": page, "page_size": page_size}
        return await self._session.call(m.RecoveryPage, "GET", "/api/v1/downloads/recovery", params=params)

    # TV shows (Sonarr)

    async def shows(self, *, page: int | None = None, page_size: int | None = None) -> lib.ShowList:
        """Sonarr's series: all of them, or one page."""
        params = {"page": page, "page_size": page_size}
        return await self._session.call(lib.ShowList, "GET", "/api/v1/shows", params=params)

    async def show(self, series_id: int) -> lib.Show:
        """One series with its seasons."""
        return await self._session.call(lib.Show, "GET", f"/api/v1/shows/{series_id}")

    async def add_show(
        self,
        *,
        tvdb_id: int,
        quality_profile_id: int,
        root_folder_path: str,
        title: str | None = None,
        monitored: bool = True,
        season_folder: bool = True,
        search_for_missing_episodes: bool = False,
    ) -> lib.AddedShow:
        """Add a series to Sonarr by its TVDB id (InvalidRequestError names each field Sonarr refuses)."""
        body = lib.AddShowRequest(
            tvdb_id=tvdb_id,
            quality_profile_id=quality_profile_id,
            root_folder_path=root_folder_path,
            title=title,
            monitored=monitored,
            season_folder=season_folder,
            search_for_missing_episodes=search_for_missing_episodes,
        )
        return await self._session.call(lib.AddedShow, "POST", "/api/v1/shows", body=body)

    async def search_show(self, series_id: int) -> lib.SearchResult:
        """Search for a series' monitored episodes."""
        return await self._session.call(lib.SearchResult, "POST", f"/api/v1/shows/{series_id}/search")

    async def delete_show(self, series_id: int, *, delete_files: bool = False) -> lib.DeleteShowResult:
        """Delete a series, and its files if asked."""
        params = {"delete_files": delete_files}
        return await self._session.call(lib.DeleteShowResult, "DELETE", f"/api/v1/shows/{series_id}", params=params)

    # Movies (Radarr)

    async def movies(self, *, page: int | None = None, page_size: int | None = None) -> lib.MovieList:
        """Radarr's movies: all of them, or one page."""
        params = {"page": page, "page_size": page_size}
        return await self._session.call(lib.MovieList, "GET", "/api/v1/movies", params=params)

    async def movie(self, movie_id: int) -> lib.Movie:
        """One movie with its genres, rating and file."""
        return await self._session.call(lib.Movie, "GET", f"/api/v1/movies/{movie_id}")

    async def add_movie(
        self,
        *,
        tmdb_id: int,
        quality_profile_id: int,
        root_folder_path: str,
        title: str | None = None,
        monitored: bool = True,
        search_for_movie: bool = False,
        minimum_availability: lib.Availability = "released",
    ) -> lib.AddedMovie:
        """Add a movie to Radarr by its TMDb id (InvalidRequestError names each field Radarr refuses)."""
        body = lib.AddMovieRequest(
            tmdb_id=tmdb_id,
            quality_profile_id=quality_profile_id,
            root_folder_path=root_folder_path,
            title=title,
            monitored=monitored,
            search_for_movie=search_for_movie,
            minimum_availability=minimum_availability,
        )
        return await self._session.call(lib.AddedMovie, "POST", "/api/v1/movies", body=body)

    async def search_movie(self, movie_id: int) -> lib.SearchResult:
        """Search for a movie."""
        return await self._session.call(lib.SearchResult, "POST", f"/api/v1/movies/{movie_id}/search")

    async def delete_movie(self, movie_id: int, *, delete_files: bool = False) -> lib.DeleteMovieResult:
        """Delete a movie, and its files if asked."""
        params = {"delete_files": delete_files}
        return await self._session.call(lib.DeleteMovieResult, "DELETE", f"/api/v1/movies/{movie_id}", params=params)

    # Media (Plex)

    async def libraries(self) -> lib.LibraryList:
        """Plex's libraries with their item counts."""
        return await self._session.call(lib.LibraryList, "GET", "/api/v1/media/libraries")

    async def recently_added(self, *, limit: int = 20) -> lib.RecentlyAdded:
        """Movies and episodes added to Plex lately, newest first."""
        return await self._session.call(
            lib.RecentlyAdded, "GET", "/api/v1/media/recently-added", params={"limit": limit}
        )

    async def scan_library(self, library_key: str) -> lib.ScanResult:
        """Have Plex scan one library for new files."""
        body = lib.ScanRequest(library_key=library_key)
        return await self._session.call(lib.ScanResult, "POST", "/api/v1/media/scan", body=body)

    # Configuration audit

    async def audit(self, services: Iterable[str] = m.SERVICES, *, include_web_search: bool = True) -> m.AuditResult:
        """Audit the configuration of the given services (all four by default)."""
        body = m.AuditRequest(services=list(services), include_web_search=include_web_search)
        return await self._session.call(m.AuditResult, "POST", "/api/v1/config/audit", body=body)

    async def recommendations(
        self,
        *,
        service: str | None = None,
        priority: str | None = None,
        category: str | None = None,
        status: str | None = None,
        page: int = 1,
        page_size: int = 10,
    ) -> m.RecommendationPage:
        """One page of recommendations, newest first, filtered by service, priority, category and status."""
        params = {
            "service": service,
            "priority": priority,
            "category": category,
            "status": status,
            "page": page,
            "page_size": page_size,
        }
        return await self._session.call(m.RecommendationPage, "GET", "/api/v1/config/recommendations", params=params)

    async def all_recommendations(
        self,
        *,
        service: str | None = None,
        priority: str | None = None,
        category: str | None = None,
        status: str | None = None,
    ) -> list[m.Recommendation]:
        """Every recommendation matching the filters, all pages read."""
        found: list[m.Recommendation] = []
        page = 1
        while True:
            answer = await self.recommendations(
                service=service, priority=priority, category=category, status=status, page=page, page_size=100
            )
            found += answer.recommendations
            if page >= answer.pagination.total_pages:
                return found
            page += 1

    async def recommendation(self, recommendation_id: int) -> m.RecommendationDetail:
        """One recommendation with its explanation and sources."""
        return await self._session.call(
            m.RecommendationDetail, "GET", f"/api/v1/config/recommendations/{recommendation_id}"
        )

    async def audit_history(self, *, page: int = 1, page_size: int = 10) -> m.AuditHistory:
        """Past audits, newest first."""
        params = {"page": page, "page_size": page_size}
        return await self._session.call(m.AuditHistory, "GET", "/api/v1/config/audit/history", params=params)

    async def apply(self, recommendation_ids: Iterable[int], *, dry_run: bool = False) -> m.ApplyResult:
        """Apply recommendations; each succeeds or fails alone (see `summary.failed`)."""
        body = m.ApplyRequest(recommendation_ids=list(recommendation_ids), dry_run=dry_run)
        return await self._session.call(m.ApplyResult, "POST", "/api/v1/config/apply", body=body)

    async def rollback(
        self, recommendation_ids: Iterable[int], *, dry_run: bool = False, force: bool = False
    ) -> m.ApplyResult:
        """Restore the values applied recommendations replaced; `force` even if changed outside AutoArr since."""
        body = m.RollbackRequest(recommendation_ids=list(recommendation_ids), dry_run=dry_run, force=force)
        return await self._session.call(m.ApplyResult, "POST", "/api/v1/config/rollback", body=body)

    # Settings

    async def settings(self) -> m.AutoArrSettings:
        """AutoArr's settings (secrets appear only as `api_key_set` / `token_set`)."""
        return await self._session.call(m.AutoArrSettings, "GET", "/api/v1/settings")

    async def update_settings(self, update: m.SettingsUpdate) -> m.SettingsUpdateResult:
        """Change some settings; only the fields set in `update` are sent."""
        return await self._session.call(m.SettingsUpdateResult, "PUT", "/api/v1/settings", body=update)

    # MCP proxy

    async def mcp_tools(self, server: str) -> m.McpToolList:
        """The tools one MCP server offers (sabnzbd, sonarr, radarr, plex or autoarr), with their parameters."""
        return await self._session.call(m.McpToolList, "GET", f"/api/v1/mcp/{_segment(server)}/tools")

    async def call_mcp_tool(
        self, server: str, tool: str, arguments: Mapping[str, Any] | None = None
    ) -> m.McpCallResult:
        """Call one MCP tool with its arguments (McpConnectionError while its service is down or disabled)."""
        body = m.McpCallRequest(tool=tool, arguments=dict(arguments or {}))
        return await self._session.call(m.McpCallResult, "POST", f"/api/v1/mcp/{_segment(server)}/call", body=body)

    # Events

    def events(
        self, rooms: Iterable[Room] = (), *, client_id: str | None = None, open_timeout: float = 10.0
    ) -> EventStream:
        """Live events: `async with client.events(["downloads"]) as stream: async for event in stream: ...`."""
        return EventStream(self.endpoint, rooms=rooms, client_id=client_id, open_timeout=open_timeout)
