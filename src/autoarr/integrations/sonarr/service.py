"""TV shows on Sonarr, shaped as the reference's TV Shows endpoints (REST and MCP)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from autoarr.bus import EventBus
from autoarr.errors import InvalidRequestError
from autoarr.formatting import iso_utc
from autoarr.integrations._arr_service import add_to_library, check_dates, check_page, page_of
from autoarr.integrations.sonarr.client import SonarrClient
from autoarr.integrations.sonarr.models import Episode, Season, Series, SeriesSummary

# Sonarr's field names in its own 400s, as the request to AutoArr names them.
_REQUEST_FIELDS = {
    "tvdbId": "tvdb_id",
    "qualityProfileId": "quality_profile_id",
    "rootFolderPath": "root_folder_path",
    "path": "root_folder_path",
    "seasonFolder": "season_folder",
}


def _season_count(series: SeriesSummary) -> int:
    if series.statistics is not None:
        return series.statistics.season_count
    return sum(1 for season in series.seasons if season.season_number > 0)  # specials are not a season


def _list_item(series: SeriesSummary) -> dict[str, Any]:
    # One dict literal, no shared head spread into it: this runs once per series of a large library.
    return {
        "id": series.id,
        "title": series.title,
        "tvdbId": series.tvdb_id,
        "status": series.status,
        "overview": series.overview,
        "network": series.network,
        "year": series.year,
        "seasons": _season_count(series),
        "episodeCount": series.statistics.episode_count if series.statistics else 0,
        "monitored": series.monitored,
        "qualityProfileId": series.quality_profile_id,
        "path": series.path,
    }


def _season(season: Season) -> dict[str, Any]:
    stats = season.statistics
    return {
        "seasonNumber": season.season_number,
        "monitored": season.monitored,
        "statistics": {
            "episodeCount": stats.episode_count if stats else 0,
            "episodeFileCount": stats.episode_file_count if stats else 0,
            "percentOfEpisodes": stats.percent_of_episodes if stats else 0.0,
        },
    }


def _detail(series: Series) -> dict[str, Any]:
    return {
        "id": series.id,
        "title": series.title,
        "tvdbId": series.tvdb_id,
        "status": series.status,
        "overview": series.overview,
        "network": series.network,
        "year": series.year,
        "seasons": [_season(season) for season in series.seasons],
        "qualityProfileId": series.quality_profile_id,
        "path": series.path,
        "monitored": series.monitored,
        "sizeOnDisk": series.statistics.size_on_disk if series.statistics else 0,
    }


async def list_series(sonarr: SonarrClient, *, page: int | None = None, page_size: int | None = None) -> dict[str, Any]:
    """Every series (or one page of them) in Sonarr's order, and how many there are in all."""
    everything = await sonarr.list_series()
    shown = page_of(everything, page=page, page_size=page_size)
    return {"series": [_list_item(series) for series in shown], "total": len(everything)}


async def get_series(sonarr: SonarrClient, series_id: int) -> dict[str, Any]:
    """One series with its seasons, their statistics and its size on disk; 404 when Sonarr has none."""
    return _detail(await sonarr.get_series(series_id))


async def add_series(
    sonarr: SonarrClient,
    bus: EventBus,
    *,
    tvdb_id: int,
    quality_profile_id: int,
    root_folder_path: str,
    monitored: bool = True,
    season_folder: bool = True,
    search_for_missing_episodes: bool = False,
) -> dict[str, Any]:
    """Add the show Sonarr's lookup finds for `tvdb_id` (every episode monitored, or none); publishes content.added."""

    async def add(lookup: Series, folder: str) -> Series:
        return await sonarr.add_series(
            lookup,
            quality_profile_id=quality_profile_id,
            root_folder_path=folder,
            monitored=monitored,
            season_folder=season_folder,
            monitor="all" if monitored else "none",
            search_for_missing_episodes=search_for_missing_episodes,
        )

    added = await add_to_library(
        sonarr,
        bus,
        lookup=sonarr.lookup_by_tvdb_id,
        add=add,
        id_field="tvdb_id",
        external_id=tvdb_id,
        quality_profile_id=quality_profile_id,
        root_folder_path=root_folder_path,
        kind="series",
        request_fields=_REQUEST_FIELDS,
    )
    return {
        "id": added.id,
        "title": added.title,
        "tvdbId": added.tvdb_id,
        "added": iso_utc(added.added),
        "qualityProfileId": added.quality_profile_id,
        "path": added.path,
        "monitored": added.monitored,
    }


async def search_series(sonarr: SonarrClient, series_id: int) -> dict[str, Any]:
    """Queue a SeriesSearch for a series' monitored episodes; `command_id` is Sonarr's command id."""
    # Looked up first: the message names the show, and a missing one is a 404 (Sonarr would queue the command).
    series = await sonarr.get_series(series_id)
    command_id = await sonarr.search_series(series_id)
    return {"success": True, "message": f"Search triggered for {series.title}", "command_id": command_id}


async def delete_series(sonarr: SonarrClient, series_id: int, *, delete_files: bool = False) -> dict[str, Any]:
    """Remove a series from Sonarr, and its files from disk when `delete_files`; 404 when Sonarr has none."""
    await sonarr.delete_series(series_id, delete_files=delete_files)
    return {
        "success": True,
        "message": "Series deleted successfully",
        "series_id": series_id,
        "files_deleted": delete_files,
    }


# ---- lookups, calendar and wanted episodes (MCP tools) ----------------------------------------------


def _found(series: Series) -> dict[str, Any]:
    return {
        "title": series.title,
        "year": series.year,
        "tvdbId": series.tvdb_id,
        "status": series.status,
        "network": series.network,
        "overview": series.overview,
        "seasons": sum(1 for season in series.seasons if season.season_number > 0),
        "inLibrary": series.id > 0,
        "id": series.id or None,
    }


async def lookup_series(sonarr: SonarrClient, term: str, *, limit: int = 10) -> dict[str, Any]:
    """Shows matching `term` in Sonarr's metadata search (TheTVDB), best first; `inLibrary` for those already added."""
    if not term.strip():
        raise InvalidRequestError("A lookup needs a search term", details={"term": "must not be empty"})
    found = await sonarr.lookup_series(term.strip())
    return {"results": [_found(series) for series in found[:limit]], "total": len(found)}


def _episode(episode: Episode) -> dict[str, Any]:
    return {
        "id": episode.id,
        "seriesId": episode.series_id,
        "seriesTitle": episode.series.title if episode.series is not None else "",
        "seasonNumber": episode.season_number,
        "episodeNumber": episode.episode_number,
        "title": episode.title,
        "airDateUtc": iso_utc(episode.air_date_utc),
        "hasFile": episode.has_file,
        "monitored": episode.monitored,
    }


async def calendar(sonarr: SonarrClient, *, start: date, end: date) -> dict[str, Any]:
    """Monitored episodes airing from `start` to `end` (inclusive dates), in air order."""
    check_dates(start, end)
    episodes = await sonarr.calendar(start, end + timedelta(days=1))
    return {"start": start.isoformat(), "end": end.isoformat(), "episodes": [_episode(e) for e in episodes]}


async def wanted_missing(sonarr: SonarrClient, *, page: int = 1, page_size: int = 20) -> dict[str, Any]:
    """One page of monitored episodes that have aired and have no file, and how many there are in all."""
    check_page(page, page_size)
    found = await sonarr.wanted_missing(page=page, page_size=page_size)
    return {
        "episodes": [_episode(episode) for episode in found.records],
        "page": page,
        "pageSize": page_size,
        "totalRecords": found.total_records,
    }
