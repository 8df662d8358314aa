"""Plex as MCP tools: the Media service functions, what is playing, On Deck and search."""

from __future__ import annotations

from typing import Annotated

from mcp.server.mcpserver import MCPServer
from pydantic import BaseModel, Field

from autoarr.integrations.plex import service
from autoarr.integrations.plex.client import PlexClient
from autoarr.integrations.plex.routes import LibrariesOut, RecentItem, RecentOut, ScanOut
from autoarr.mcp.context import ToolContext
from autoarr.mcp.toolkit import ToolSet, hints

INSTRUCTIONS = (
    "Plex Media Server. Libraries are named by their key (get_libraries). Everything here reads, except "
    "scan_library, which makes Plex look for new files in one library."
)

Limit = Annotated[int, Field(ge=1, le=service.MAX_RECENT, description=f"Maximum items (1-{service.MAX_RECENT})")]
LibraryKey = Annotated[str, Field(min_length=1, description="The library's key, e.g. '1', from get_libraries")]
Query = Annotated[str, Field(min_length=1, description="Words of the title to look for")]
SearchLimit = Annotated[int, Field(ge=1, le=service.MAX_SEARCH, description=f"Maximum items (1-{service.MAX_SEARCH})")]


class SessionOut(BaseModel):
    title: str = Field(description='Episodes are named with their show: "Show - S01E02 - Title"')
    type: str
    user: str
    player: str
    product: str
    platform: str
    state: str = Field(description="playing, paused or buffering")
    local: bool = Field(description="Playing on the local network")
    bandwidth_kbps: int
    progress_percent: int | None


class SessionsOut(BaseModel):
    sessions: list[SessionOut]
    total: int


class DeckItem(RecentItem):
    progress_percent: int | None = Field(description="How far playback got")


class OnDeckOut(BaseModel):
    items: list[DeckItem]
    total: int


class FoundItem(BaseModel):
    title: str
    year: int | None
    type: str = Field(description="movie, show, season or episode")
    library: str
    rating_key: str = Field(description="Plex's id of the item")


class SearchOut(BaseModel):
    items: list[FoundItem]
    total: int


def build_server(context: ToolContext) -> MCPServer:
    """The `plex` tool server."""
    server = MCPServer("plex", title="Plex", instructions=INSTRUCTIONS)
    tools = ToolSet(server, context.budget)

    def plex() -> PlexClient:
        return context.integrations.plex

    @tools.tool(hints("Plex libraries", read_only=True))
    async def get_libraries() -> LibrariesOut:
        """List the Plex libraries with their key, type and how many movies or shows each holds."""
        return LibrariesOut.model_validate(await service.list_libraries(plex()))

    @tools.tool(hints("Recently added", read_only=True))
    async def get_recently_added(limit: Limit = service.DEFAULT_RECENT) -> RecentOut:
        """List the movies and episodes added to Plex lately, newest first."""
        return RecentOut.model_validate(await service.recently_added(plex(), limit=limit))

    @tools.tool(hints("Scan a library", read_only=False, idempotent=True))
    async def scan_library(library_key: LibraryKey) -> ScanOut:
        """Make Plex scan one library for new, changed and removed files (it runs in the background)."""
        return ScanOut.model_validate(await service.scan_library(plex(), library_key))

    @tools.tool(hints("Search Plex", read_only=True), name="search")
    async def search_media(query: Query, limit: SearchLimit = 10) -> SearchOut:
        """Search every Plex library for movies, shows and episodes by title."""
        return SearchOut.model_validate(await service.search(plex(), query, limit=limit))

    @tools.tool(hints("Playing now", read_only=True))
    async def get_sessions() -> SessionsOut:
        """List what is playing on Plex right now: the title, the user, the player, and how far it got."""
        return SessionsOut.model_validate(await service.sessions(plex()))

    @tools.tool(hints("On Deck", read_only=True))
    async def get_on_deck(limit: Limit = service.DEFAULT_RECENT) -> OnDeckOut:
        """List the movies and episodes started and not finished (Plex's On Deck), with how far each got."""
        return OnDeckOut.model_validate(await service.on_deck(plex(), limit=limit))

    return server
