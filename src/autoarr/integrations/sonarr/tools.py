"""Sonarr as MCP tools: the TV Shows service functions, lookups, the queue, the calendar, wanted episodes, health."""

from __future__ import annotations

from typing import Annotated

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
from autoarr.integrations.sonarr import service
from autoarr.integrations.sonarr.client import SonarrClient
from autoarr.integrations.sonarr.routes import AddedShowOut, DeleteShowOut, ShowOut, ShowsOut
from autoarr.mcp.context import ToolContext
from autoarr.mcp.toolkit import ToolSet, hints

INSTRUCTIONS = (
    "Sonarr manages TV series. Series in the library have a Sonarr id (list_series, get_series); shows not yet "
    "added are found with lookup_series and added by their TVDB id with add_series."
)

SeriesId = Annotated[int, Field(ge=1, le=ARR_ID_MAX, description="Sonarr's series id, from list_series")]
TvdbId = Annotated[int, Field(gt=0, le=ARR_ID_MAX, description="TheTVDB id of the show, from lookup_series")]


class FoundSeriesOut(CamelOut):
    title: str
    year: int
    tvdb_id: int
    status: str
    network: str
    overview: str
    seasons: int = Field(description="How many seasons (specials not counted)")
    in_library: bool = Field(description="Already in Sonarr")
    id: int | None = Field(description="Sonarr's id when in the library")


class LookupOut(BaseModel):
    results: list[FoundSeriesOut]
    total: int = Field(description="How many shows matched, before the limit")


class EpisodeOut(CamelOut):
    id: int
    series_id: int
    series_title: str
    season_number: int
    episode_number: int
    title: str
    air_date_utc: str | None = Field(description="ISO-8601 UTC")
    has_file: bool
    monitored: bool


class CalendarOut(BaseModel):
    start: str
    end: str
    episodes: list[EpisodeOut]


class WantedOut(CamelOut):
    episodes: list[EpisodeOut]
    page: int
    page_size: int
    total_records: int = Field(description="How many episodes are missing in all")


def build_server(context: ToolContext) -> MCPServer:
    """The `sonarr` tool server."""
    server = MCPServer("sonarr", title="Sonarr", instructions=INSTRUCTIONS)
    tools = ToolSet(server, context.budget)

    def sonarr() -> SonarrClient:
        return context.integrations.sonarr

    @tools.tool(hints("List TV series", read_only=True))
    async def list_series(page: Page = 1, page_size: PageSize = 50) -> ShowsOut:
        """List the TV series in Sonarr's library, one page at a time, in Sonarr's order; `total` counts them
        all."""
        return ShowsOut.model_validate(await service.list_series(sonarr(), page=page, page_size=page_size))

    @tools.tool(hints("One TV series", read_only=True))
    async def get_series(series_id: SeriesId) -> ShowOut:
        """Get one series of the library with its seasons, their episode statistics and its size on disk."""
        return ShowOut.model_validate(await service.get_series(sonarr(), series_id))

    @tools.tool(hints("Look up a show", read_only=True, open_world=True))
    async def lookup_series(term: LookupTerm, limit: LookupLimit = 10) -> LookupOut:
        """Search TheTVDB through Sonarr for shows matching a title; results carry the tvdbId add_series needs
        and say whether the show is already in the library."""
        return LookupOut.model_validate(await service.lookup_series(sonarr(), term, limit=limit))

    @tools.tool(hints("Add a TV series", read_only=False), category="requests")
    async def add_series(
        *,
        tvdb_id: TvdbId,
        quality_profile_id: QualityProfileId,
        root_folder_path: RootFolderPath,
        monitored: Monitored = True,
        season_folder: Annotated[bool, Field(description="Keep each season in its own folder")] = True,
        search_for_missing_episodes: Annotated[
            bool, Field(description="Search the indexers for every missing episode at once")
        ] = False,
    ) -> AddedShowOut:
        """Add a show to Sonarr by its TVDB id (every episode monitored, or none); refused when it is already
        in the library. Counts against the content-request rate limit."""
        added = await service.add_series(
            sonarr(),
            context.bus,
            tvdb_id=tvdb_id,
            quality_profile_id=quality_profile_id,
            root_folder_path=root_folder_path,
            monitored=monitored,
            season_folder=season_folder,
            search_for_missing_episodes=search_for_missing_episodes,
        )
        return AddedShowOut.model_validate(added)

    @tools.tool(hints("Search for a series' episodes", read_only=False, open_world=True))
    async def search_series(series_id: SeriesId) -> SearchOut:
        """Ask Sonarr to search the indexers for every monitored, missing episode of a series; answers Sonarr's
        command id."""
        return SearchOut.model_validate(await service.search_series(sonarr(), series_id))

    @tools.tool(hints("Delete a TV series", read_only=False, destructive=True, idempotent=True))
    async def delete_series(series_id: SeriesId, delete_files: DeleteFiles = False) -> DeleteShowOut:
        """Remove a series from Sonarr (and its files from disk when delete_files is true)."""
        return DeleteShowOut.model_validate(await service.delete_series(sonarr(), series_id, delete_files=delete_files))

    add_queue_and_health(tools, sonarr, app="Sonarr")

    @tools.tool(hints("Upcoming episodes", read_only=True))
    async def get_calendar(start: StartDate = None, end: EndDate = None) -> CalendarOut:
        """List the monitored episodes airing between two dates (by default today and the 7 days after), in
        air order."""
        first, last = date_range(start, end)
        return CalendarOut.model_validate(await service.calendar(sonarr(), start=first, end=last))

    @tools.tool(hints("Missing episodes", read_only=True))
    async def get_wanted_missing(page: Page = 1, page_size: PageSize = 20) -> WantedOut:
        """List monitored episodes that have aired and have no file yet, one page at a time."""
        return WantedOut.model_validate(await service.wanted_missing(sonarr(), page=page, page_size=page_size))

    return server
