"""Plex libraries, what was added lately, and scans, shaped as the reference's Media endpoints (REST and MCP)."""

from __future__ import annotations

from typing import Any

from autoarr.errors import InvalidRequestError, NotFoundError
from autoarr.formatting import iso_utc
from autoarr.integrations.plex.client import PlexClient
from autoarr.integrations.plex.models import PlexItem, PlexSection, PlexSession

DEFAULT_RECENT = 20
MAX_RECENT = 200


def _library(section: PlexSection) -> dict[str, Any]:
    return {
        "key": section.key,
        "title": section.title,
        "type": section.type,
        "scanner": section.scanner,
        "agent": section.agent,
        "count": section.count or 0,
    }


def _title(item: PlexItem) -> str:
    """An episode is named by its show as well (`Show - S01E02 - Title`); anything else by its own title."""
    if item.type != "episode" or not item.grandparent_title:
        return item.title
    numbers = f"S{item.parent_index or 0:02d}E{item.index or 0:02d}"
    return (
        f"{item.grandparent_title} - {numbers} - {item.title}"
        if item.title
        else f"{item.grandparent_title} - {numbers}"
    )


def _recent_item(item: PlexItem) -> dict[str, Any]:
    return {
        "title": _title(item),
        "year": item.year,
        "type": item.type,
        "added_at": iso_utc(item.added_at),
        "library": item.library_section_title,
        "rating": item.rating if item.rating is not None else item.audience_rating,
    }


async def list_libraries(plex: PlexClient) -> dict[str, Any]:
    """Every library section with the real number of top-level items (movies, shows) it holds."""
    return {"libraries": [_library(section) for section in await plex.sections()]}


async def recently_added(plex: PlexClient, *, limit: int = DEFAULT_RECENT) -> dict[str, Any]:
    """The newest `limit` movies and episodes of every library, newest first; `total` is how many were returned."""
    if not 1 <= limit <= MAX_RECENT:
        raise InvalidRequestError(f"limit is 1 to {MAX_RECENT}", details={"limit": f"must be 1 to {MAX_RECENT}"})
    page = await plex.recently_added(limit=limit)
    items = [_recent_item(item) for item in page.items[:limit]]
    return {"items": items, "total": len(items)}


async def scan_library(plex: PlexClient, library_key: str) -> dict[str, Any]:
    """Start a scan of one library section; 404 for a key Plex does not have."""
    section = next((found for found in await plex.sections() if found.key == library_key), None)
    if section is None:
        raise NotFoundError(f"Library '{library_key}' was not found in Plex", details={"library_key": library_key})
    await plex.refresh_section(section.key)
    return {"success": True, "message": "Library scan triggered", "library": section.title}


# ---- playback, on deck and search (MCP tools) -------------------------------------------------------

MAX_SEARCH = 50


def _progress(item: PlexItem) -> int | None:
    """How far playback got, in percent (None when Plex does not know the duration)."""
    if not item.duration:
        return None
    return min(100, round(100 * item.view_offset / item.duration))


def _session(session: PlexSession) -> dict[str, Any]:
    player = session.player
    return {
        "title": _title(session),
        "type": session.type,
        "user": session.user.title if session.user is not None else "",
        "player": player.title if player is not None else "",
        "product": player.product if player is not None else "",
        "platform": player.platform if player is not None else "",
        "state": player.state if player is not None else "",
        "local": player.local if player is not None else False,
        "bandwidth_kbps": session.session.bandwidth if session.session is not None else 0,
        "progress_percent": _progress(session),
    }


async def sessions(plex: PlexClient) -> dict[str, Any]:
    """What is playing right now, for whom, on which player; `total` is how many streams there are."""
    playing = [_session(session) for session in await plex.sessions()]
    return {"sessions": playing, "total": len(playing)}


async def on_deck(plex: PlexClient, *, limit: int = DEFAULT_RECENT) -> dict[str, Any]:
    """Movies and episodes started and not finished (Plex's On Deck), with how far each got."""
    if not 1 <= limit <= MAX_RECENT:
        raise InvalidRequestError(f"limit is 1 to {MAX_RECENT}", details={"limit": f"must be 1 to {MAX_RECENT}"})
    started = (await plex.on_deck(limit=limit))[:limit]
    items = [{**_recent_item(item), "progress_percent": _progress(item)} for item in started]
    return {"items": items, "total": len(items)}


async def search(plex: PlexClient, query: str, *, limit: int = 10) -> dict[str, Any]:
    """Movies, shows and episodes of every library whose title matches `query`."""
    if not 1 <= limit <= MAX_SEARCH:
        raise InvalidRequestError(f"limit is 1 to {MAX_SEARCH}", details={"limit": f"must be 1 to {MAX_SEARCH}"})
    found = [
        {
            "title": _title(item),
            "year": item.year,
            "type": item.type,
            "library": item.library_section_title,
            "rating_key": item.rating_key,
        }
        for item in (await plex.search(query, limit=limit))[:limit]
    ]
    return {"items": found, "total": len(found)}
