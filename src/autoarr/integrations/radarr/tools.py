"""Radarr as MCP tools: the Movies service functions, lookups, the queue, the calendar, wanted movies, health."""

from __future__ import annotations

from typing import Annotated

import msgspec
from mcp.server.mcpserver import MCPServer
from pydantic import BaseModel, Field

from autoarr.integrations._arr_routes import ARR_ID_MAX, CamelOut, SearchOut
from autoarr.integrations._arr_tools import (
    DeleteFiles,
    EndDate,
    LookupLimit,
    LookupTerm,
    Monitored,
    Page,
    PageSize,
    QualityProfileId,
    RootFolderPath,
    StartDate,
    add_queue_and_health,
    date_range,
)
from autoarr.integrations.radarr import service
from autoarr.integrations.radarr.client import RadarrClient
from autoarr.integrations.radarr.routes import AddedMovieOut, DeleteMovieOut, MovieOut, MoviesOut
from autoarr.mcp.context import ToolContext
from autoarr.mcp.toolkit import ToolSet, hints

INSTRUCTIONS = (
    "Radarr manages movies. Movies in the library have a Radarr id (list_movies, get_movie); movies not yet "
    "added are found with lookup_movie and added by their TMDb id with add_movie."
)

MovieId = Annotated[int, Field(ge=1, le=ARR_ID_MAX, description="Radarr's movie id, from list_movies")]
TmdbId = Annotated[int, Field(gt=0, le=ARR_ID_MAX, description="TMDb id of the movie, from lookup_movie")]


class FoundMovieOut(CamelOut):
    title: str
    year: int
    tmdb_id: int
    imdb_id: str
    status: str
    runtime: int = Field(description="Minutes")
    overview: str
    in_library: bool = Field(description="Already in Radarr")
    id: int | None = Field(description="Radarr's id when in the library")


class LookupOut(BaseModel):
    results: list[FoundMovieOut]
    total: int = Field(description="How many movies matched, before the limit")


class DatedMovieOut(CamelOut):
    id: int
    title: str
    year: int
    tmdb_id: int
    status: str
    in_cinemas: str | None = Field(description="ISO-8601 UTC")
    digital_release: str | None = Field(description="ISO-8601 UTC")
    physical_release: str | None = Field(description="ISO-8601 UTC")
    has_file: bool
    monitored: bool


class CalendarOut(BaseModel):
    start: str
    end: str
    movies: list[DatedMovieOut]


class WantedOut(CamelOut):
    movies: list[DatedMovieOut]
    page: int
    page_size: int
    total_records: int = Field(description="How many movies are missing in all")


def build_server(context: ToolContext) -> MCPServer:
    """The `radarr` tool server."""
    server = MCPServer("radarr", title="Radarr", instructions=INSTRUCTIONS)
    tools = ToolSet(server, context.budget)

    def radarr() -> RadarrClient:
        return context.integrations.radarr

    @tools.tool(hints("List movies", read_only=True))
    async def list_movies(page: Page = 1, page_size: PageSize = 50) -> MoviesOut:
        """List the movies in Radarr's library, one page at a time, in Radarr's order; `total` counts them all."""
        listed = await service.list_movies(radarr(), page=page, page_size=page_size)
        return MoviesOut.model_validate(msgspec.to_builtins(listed))

    @tools.tool(hints("One movie", read_only=True))
    async def get_movie(movie_id: MovieId) -> MovieOut:
        """Get one movie of the library with its genres, rating and file (null while it has none)."""
        return MovieOut.model_validate(await service.get_movie(radarr(), movie_id))

    @tools.tool(hints("Look up a movie", read_only=True, open_world=True))
    async def lookup_movie(term: LookupTerm, limit: LookupLimit = 10) -> LookupOut:
        """Search TMDb through Radarr for movies matching a title; results carry the tmdbId add_movie needs and
        say whether the movie is already in the library."""
        return LookupOut.model_validate(await service.lookup_movies(radarr(), term, limit=limit))

    @tools.tool(hints("Add a movie", read_only=False), category="requests")
    async def add_movie(
        *,
        tmdb_id: TmdbId,
        quality_profile_id: QualityProfileId,
        root_folder_path: RootFolderPath,
        monitored: Monitored = True,
        minimum_availability: Annotated[
            service.Availability,
            Field(description="When Radarr considers the movie available: announced, inCinemas, released or tba"),
        ] = "released",
        search_for_movie: Annotated[bool, Field(description="Search the indexers for the movie at once")] = False,
    ) -> AddedMovieOut:
        """Add a movie to Radarr by its TMDb id; refused when it is already in the library. Counts against the
        content-request rate limit."""
        added = await service.add_movie(
            radarr(),
            context.bus,
            tmdb_id=tmdb_id,
            quality_profile_id=quality_profile_id,
            root_folder_path=root_folder_path,
            monitored=monitored,
            minimum_availability=minimum_availability,
            search_for_movie=search_for_movie,
        )
        return AddedMovieOut.model_validate(added)

    @tools.tool(hints("Search for a movie", read_only=False, open_world=True))
    async def search_movie(movie_id: MovieId) -> SearchOut:
        """Ask Radarr to search the indexers for a movie of the library; answers Radarr's command id."""
        return SearchOut.model_validate(await service.search_movie(radarr(), movie_id))

    @tools.tool(hints("Delete a movie", read_only=False, destructive=True, idempotent=True))
    async def delete_movie(movie_id: MovieId, delete_files: DeleteFiles = False) -> DeleteMovieOut:
        """Remove a movie from Radarr (and its files from disk when delete_files is true)."""
        return DeleteMovieOut.model_validate(await service.delete_movie(radarr(), movie_id, delete_files=delete_files))

    add_queue_and_health(tools, radarr, app="Radarr")

    @tools.tool(hints("Upcoming releases", read_only=True))
    async def get_calendar(start: StartDate = None, end: EndDate = None) -> CalendarOut:
        """List monitored movies with a cinema, digital or physical release between two dates (by default today
        and the 7 days after)."""
        first, last = date_range(start, end)
        return CalendarOut.model_validate(await service.calendar(radarr(), start=first, end=last))

    @tools.tool(hints("Missing movies", read_only=True))
    async def get_wanted_missing(page: Page = 1, page_size: PageSize = 20) -> WantedOut:
        """List monitored movies that have no file yet, one page at a time."""
        return WantedOut.model_validate(await service.wanted_missing(radarr(), page=page, page_size=page_size))

    return server
