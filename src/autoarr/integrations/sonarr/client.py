"""The Sonarr client: series, lookups, episodes, searches, on top of the shared *arr v3 calls."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import TypeAdapter

from autoarr.errors import NotFoundError
from autoarr.integrations._arr import ArrClient
from autoarr.integrations._arr_models import ArrPage
from autoarr.integrations._http import Reply
from autoarr.integrations.sonarr.models import Episode, Series, SeriesAddOptions, SeriesSummary
from autoarr.logs import get_logger

log = get_logger("autoarr.integrations")

_SERIES_LIST = TypeAdapter(list[SeriesSummary])
_SERIES = TypeAdapter(list[Series])
_EPISODES = TypeAdapter(list[Episode])


class SonarrClient(ArrClient):
    """Sonarr v4's API v3."""

    def _queue_extras(self) -> dict[str, Any]:
        # The download monitor wants every download Sonarr tracks, matched to a series or not.
        return {"includeUnknownSeriesItems": True}

    async def list_series(self) -> list[SeriesSummary]:
        """GET /series: every series in the library (slim: only the fields AutoArr shows)."""
        return await self._fetch("GET", "series", decode=_SERIES_LIST.validate_json)

    async def get_series(self, series_id: int) -> Series:
        """GET /series/{id}; NotFoundError when Sonarr has no such series."""
        return await self._fetch(
            "GET", f"series/{series_id}", decode=Series.model_validate_json, subject=f"Series {series_id}"
        )

    async def lookup_series(self, term: str) -> list[Series]:
        """GET /series/lookup?term=: free-text search of Sonarr's metadata (library copies have an id)."""
        return await self._fetch("GET", "series/lookup", decode=_SERIES.validate_json, params={"term": term})

    async def lookup_by_tvdb_id(self, tvdb_id: int) -> Series:
        """The metadata of one TVDB id (`term=tvdb:N`); NotFoundError when Sonarr knows no such show."""
        found = await self.lookup_series(f"tvdb:{tvdb_id}")
        if not found:
            raise NotFoundError(f"TVDB id {tvdb_id} was not found by {self.name}", details={"tvdb_id": tvdb_id})
        return found[0]

    async def add_series(
        self,
        lookup: Series,
        *,
        quality_profile_id: int,
        root_folder_path: str,
        monitored: bool = True,
        season_folder: bool = True,
        monitor: str = "all",
        search_for_missing_episodes: bool = False,
    ) -> Series:
        """POST /series: add a lookup result to the library; Sonarr's validation failures raise InvalidRequestError."""
        chosen = lookup.model_copy(
            update={
                "quality_profile_id": quality_profile_id,
                "root_folder_path": root_folder_path,
                "monitored": monitored,
                "season_folder": season_folder,
                "add_options": SeriesAddOptions(
                    monitor=monitor, search_for_missing_episodes=search_for_missing_episodes
                ),
            }
        )
        return await self._fetch("POST", "series", decode=Series.model_validate_json, body=chosen.to_wire())

    async def delete_series(self, series_id: int, *, delete_files: bool = False) -> None:
        """DELETE /series/{id}; a missing id is NotFoundError (checked first: Sonarr itself answers 500)."""
        await self.get_series(series_id)
        params = {"deleteFiles": delete_files, "addImportListExclusion": False}
        # The check above cannot see a delete that wins a race after it: Sonarr then answers 500 for a
        # series that is gone, an ordinary outcome the breaker must not count. A second look settles it.
        reply: Reply[None] = await self._reply(
            "DELETE", f"series/{series_id}", params=params, subject=f"Series {series_id}", harmless=frozenset({500})
        )
        if reply.status == 500:
            try:
                await self.get_series(series_id)
            except NotFoundError:
                log.warning("sonarr answered 500 to a delete of a series now gone", series_id=series_id)
                raise  # most likely another delete won; Sonarr gives no better sign
            raise self.server_error(500)

    async def search_series(self, series_id: int) -> str:
        """Queue a SeriesSearch for every monitored episode of a series; the command id."""
        command = await self.post_command("SeriesSearch", {"seriesId": series_id})
        return command.id

    async def episodes(self, series_id: int) -> list[Episode]:
        """GET /episode?seriesId=: a series' episodes."""
        return await self._fetch("GET", "episode", decode=_EPISODES.validate_json, params={"seriesId": series_id})

    async def calendar(self, start: date, end: date) -> list[Episode]:
        """GET /calendar: monitored episodes airing between `start` and `end`, with their series."""
        return await self._calendar(start, end, decode=_EPISODES.validate_json, includeSeries=True)

    async def wanted_missing(self, *, page: int = 1, page_size: int = 50) -> ArrPage[Episode]:
        """One page of GET /wanted/missing: monitored episodes that aired and have no file, with their series."""
        return await self._wanted_missing(
            page=page, page_size=page_size, decode=ArrPage[Episode].model_validate_json, includeSeries=True
        )
