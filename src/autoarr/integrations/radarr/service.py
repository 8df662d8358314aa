"""Movies on Radarr, shaped as the reference's Movies endpoints (REST and MCP)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Literal

from autoarr.bus import EventBus
from autoarr.errors import InvalidRequestError
from autoarr.formatting import iso_utc
from autoarr.integrations._arr_service import add_to_library, check_dates, check_page, page_of
from autoarr.integrations.radarr.client import RadarrClient
from autoarr.integrations.radarr.models import Movie, MovieFile, Ratings

Availability = Literal["announced", "inCinemas", "released", "tba"]

# Radarr's field names in its own 400s, as the request to AutoArr names them.
_REQUEST_FIELDS = {
    "tmdbId": "tmdb_id",
    "qualityProfileId": "quality_profile_id",
    "rootFolderPath": "root_folder_path",
    "path": "root_folder_path",
    "minimumAvailability": "minimum_availability",
}


def _rating(ratings: Ratings | None) -> dict[str, Any]:
    """TMDb's rating, else IMDb's (Radarr v4+ keeps one per source); zero votes when neither has one."""
    if ratings is not None:
        for rating in (ratings.tmdb, ratings.imdb):
            if rating is not None and (rating.votes > 0 or rating.value > 0):
                return {"value": rating.value, "votes": rating.votes}
    return {"value": 0.0, "votes": 0}


def _movie_file(file: MovieFile | None) -> dict[str, Any] | None:
    if file is None:
        return None
    quality = file.quality.quality.name if file.quality is not None else ""
    return {"relativePath": file.relative_path, "size": file.size, "quality": {"quality": {"name": quality}}}


def _detail(movie: Movie) -> dict[str, Any]:
    return {
        "id": movie.id,
        "title": movie.title,
        "year": movie.year,
        "tmdbId": movie.tmdb_id,
        "status": movie.status,
        "overview": movie.overview,
        "runtime": movie.runtime,
        "genres": movie.genres,
        "ratings": _rating(movie.ratings),
        "qualityProfileId": movie.quality_profile_id,
        "path": movie.path,
        "monitored": movie.monitored,
        "hasFile": movie.has_file,
        "movieFile": _movie_file(movie.movie_file) if movie.has_file else None,
    }


async def list_movies(radarr: RadarrClient, *, page: int | None = None, page_size: int | None = None) -> dict[str, Any]:
    """Every movie (or one page of them) in Radarr's order, and how many there are in all."""
    everything = await radarr.list_movies()
    shown = page_of(everything, page=page, page_size=page_size)
    return {"movies": shown, "total": len(everything)}  # each MovieSummary encodes as the reference's item


async def get_movie(radarr: RadarrClient, movie_id: int) -> dict[str, Any]:
    """One movie with its genres, rating and file (null without one); 404 when Radarr has none."""
    return _detail(await radarr.get_movie(movie_id))


async def add_movie(
    radarr: RadarrClient,
    bus: EventBus,
    *,
    tmdb_id: int,
    quality_profile_id: int,
    root_folder_path: str,
    monitored: bool = True,
    minimum_availability: Availability = "released",
    search_for_movie: bool = False,
) -> dict[str, Any]:
    """Add the movie Radarr's lookup finds for `tmdb_id` (monitored, or not at all); publishes content.added."""

    async def add(lookup: Movie, folder: str) -> Movie:
        return await radarr.add_movie(
            lookup,
            quality_profile_id=quality_profile_id,
            root_folder_path=folder,
            monitored=monitored,
            minimum_availability=minimum_availability,
            search_for_movie=search_for_movie,
            monitor="movieOnly" if monitored else "none",
        )

    added = await add_to_library(
        radarr,
        bus,
        lookup=radarr.lookup_by_tmdb_id,
        add=add,
        id_field="tmdb_id",
        external_id=tmdb_id,
        quality_profile_id=quality_profile_id,
        root_folder_path=root_folder_path,
        kind="movie",
        request_fields=_REQUEST_FIELDS,
    )
    return {
        "id": added.id,
        "title": added.title,
        "year": added.year,
        "tmdbId": added.tmdb_id,
        "added": iso_utc(added.added),
        "qualityProfileId": added.quality_profile_id,
        "path": added.path,
        "monitored": added.monitored,
    }


async def search_movie(radarr: RadarrClient, movie_id: int) -> dict[str, Any]:
    """Queue a MoviesSearch for one movie; `command_id` is Radarr's command id."""
    # Looked up first: the message names the movie, and a missing one is a 404 (Radarr would queue the command).
    movie = await radarr.get_movie(movie_id)
    command_id = await radarr.search_movies([movie_id])
    return {"success": True, "message": f"Search triggered for {movie.title}", "command_id": command_id}


async def delete_movie(radarr: RadarrClient, movie_id: int, *, delete_files: bool = False) -> dict[str, Any]:
    """Remove a movie from Radarr, and its files from disk when `delete_files`; 404 when Radarr has none."""
    await radarr.delete_movie(movie_id, delete_files=delete_files)
    return {
        "success": True,
        "message": "Movie deleted successfully",
        "movie_id": movie_id,
        "files_deleted": delete_files,
    }


# ---- lookups, calendar and wanted movies (MCP tools) ------------------------------------------------


def _found(movie: Movie) -> dict[str, Any]:
    return {
        "title": movie.title,
        "year": movie.year,
        "tmdbId": movie.tmdb_id,
        "imdbId": movie.imdb_id,
        "status": movie.status,
        "runtime": movie.runtime,
        "overview": movie.overview,
        "inLibrary": movie.id > 0,
        "id": movie.id or None,
    }


async def lookup_movies(radarr: RadarrClient, term: str, *, limit: int = 10) -> dict[str, Any]:
    """Movies matching `term` in Radarr's metadata search (TMDb), best first; `inLibrary` for those already added."""
    if not term.strip():
        raise InvalidRequestError("A lookup needs a search term", details={"term": "must not be empty"})
    found = await radarr.lookup_movies(term.strip())
    return {"results": [_found(movie) for movie in found[:limit]], "total": len(found)}


def _dated(movie: Movie) -> dict[str, Any]:
    return {
        "id": movie.id,
        "title": movie.title,
        "year": movie.year,
        "tmdbId": movie.tmdb_id,
        "status": movie.status,
        "inCinemas": iso_utc(movie.in_cinemas),
        "digitalRelease": iso_utc(movie.digital_release),
        "physicalRelease": iso_utc(movie.physical_release),
        "hasFile": movie.has_file,
        "monitored": movie.monitored,
    }


async def calendar(radarr: RadarrClient, *, start: date, end: date) -> dict[str, Any]:
    """Monitored movies with a cinema, digital or physical release from `start` to `end` (inclusive dates)."""
    check_dates(start, end)
    movies = await radarr.calendar(start, end + timedelta(days=1))
    return {"start": start.isoformat(), "end": end.isoformat(), "movies": [_dated(movie) for movie in movies]}


async def wanted_missing(radarr: RadarrClient, *, page: int = 1, page_size: int = 20) -> dict[str, Any]:
    """One page of monitored movies without a file, and how many there are in all."""
    check_page(page, page_size)
    found = await radarr.wanted_missing(page=page, page_size=page_size)
    return {
        "movies": [_dated(movie) for movie in found.records],
        "page": page,
        "pageSize": page_size,
        "totalRecords": found.total_records,
    }
