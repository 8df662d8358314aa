"""The Radarr client: movies, lookups, searches, on top of the shared *arr v3 calls."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import TypeAdapter

from autoarr.errors import NotFoundError
from autoarr.integrations._arr import ArrClient, error_message
from autoarr.integrations._arr_models import ArrPage
from autoarr.integrations._http import Streamed
from autoarr.integrations.json_stream import ArrayStream
from autoarr.integrations.radarr.models import Movie, MovieAddOptions, MovieSummary

_MOVIES = TypeAdapter(list[Movie])


class RadarrClient(ArrClient):
    """Radarr's API v3 (Radarr v4 to v6)."""

    def _queue_extras(self) -> dict[str, Any]:
        # The download monitor wants every download Radarr tracks, matched to a movie or not.
        return {"includeUnknownMovieItems": True}

    async def list_movies(self) -> list[MovieSummary]:
        """GET /movie: every movie in the library (slim: only the fields AutoArr shows)."""
        return await self._fetch(
            "GET", "movie", decode=Streamed(lambda: ArrayStream(MovieSummary, nulls_as_absent=True))
        )

    async def get_movie(self, movie_id: int) -> Movie:
        """GET /movie/{id}; NotFoundError when Radarr has no such movie."""
        return await self._fetch(
            "GET", f"movie/{movie_id}", decode=Movie.model_validate_json, subject=f"Movie {movie_id}"
        )

    async def lookup_movies(self, term: str) -> list[Movie]:
        """GET /movie/lookup?term=: free-text search of Radarr's metadata (library copies have an id)."""
        return await self._fetch("GET", "movie/lookup", decode=_MOVIES.validate_json, params={"term": term})

    async def lookup_by_tmdb_id(self, tmdb_id: int) -> Movie:
        """GET /movie/lookup/tmdb: the metadata of one TMDb id; NotFoundError when TMDb has no such movie."""
        return await self._lookup_one("movie/lookup/tmdb", params={"tmdbId": tmdb_id}, what=f"TMDb id {tmdb_id}")

    async def lookup_by_imdb_id(self, imdb_id: str) -> Movie:
        """GET /movie/lookup/imdb: the metadata of one IMDb id (tt...); NotFoundError when unknown."""
        return await self._lookup_one("movie/lookup/imdb", params={"imdbId": imdb_id}, what=f"IMDb id {imdb_id}")

    async def _lookup_one(self, path: str, *, params: dict[str, Any], what: str) -> Movie:
        # Radarr answers an unknown id with a 500 (MovieNotFoundException): an ordinary outcome, not an outage,
        # so the breaker must not count it. Any other 500 here is still raised as the outage it is.
        reply = await self._reply(
            "GET", path, decode=Movie.model_validate_json, params=params, harmless=frozenset({500}), subject=what
        )
        if reply.status == 500:
            if "not found" in error_message(reply).lower():
                raise NotFoundError(f"{what} was not found by {self.name}")
            raise self.server_error(500)
        return reply.decoded()

    async def add_movie(
        self,
        lookup: Movie,
        *,
        quality_profile_id: int,
        root_folder_path: str,
        monitored: bool = True,
        minimum_availability: str = "released",
        search_for_movie: bool = False,
        monitor: str = "movieOnly",
    ) -> Movie:
        """POST /movie: add a lookup result to the library; Radarr's validation failures raise InvalidRequestError."""
        chosen = lookup.model_copy(
            update={
                "quality_profile_id": quality_profile_id,
                "root_folder_path": root_folder_path,
                "monitored": monitored,
                "minimum_availability": minimum_availability,
                "add_options": MovieAddOptions(monitor=monitor, search_for_movie=search_for_movie),
            }
        )
        return await self._fetch("POST", "movie", decode=Movie.model_validate_json, body=chosen.to_wire())

    async def delete_movie(self, movie_id: int, *, delete_files: bool = False) -> None:
        """DELETE /movie/{id}; NotFoundError when Radarr has no such movie."""
        params = {"deleteFiles": delete_files, "addImportExclusion": False}
        await self._send("DELETE", f"movie/{movie_id}", params=params, subject=f"Movie {movie_id}")

    async def search_movies(self, movie_ids: Sequence[int]) -> str:
        """Queue a MoviesSearch for these movies; the command id."""
        command = await self.post_command("MoviesSearch", {"movieIds": list(movie_ids)})
        return command.id

    async def calendar(self, start: date, end: date) -> list[Movie]:
        """GET /calendar: monitored movies with a cinema, digital or physical release between `start` and `end`."""
        return await self._calendar(start, end, decode=_MOVIES.validate_json)

    async def wanted_missing(self, *, page: int = 1, page_size: int = 50) -> ArrPage[Movie]:
        """One page of GET /wanted/missing: monitored movies without a file."""
        return await self._wanted_missing(page=page, page_size=page_size, decode=ArrPage[Movie].model_validate_json)
