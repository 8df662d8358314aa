"""JSON (and minimal XML) bodies of the simulated Plex server, shaped as PMS sends them."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import quoteattr

from autoarr.sim.plex_state import EPISODE, MOVIE, SEASON, SHOW, PlexItem, PlexSection, PlexSession, PlexState

MEDIA_TAG_PREFIX = "/system/bundle/media/flags/"
LIBRARY_IDENTIFIER = "com.plexapp.plugins.library"


def section_directory(state: PlexState, section: PlexSection) -> dict[str, Any]:
    """One `Directory` of /library/sections."""
    return {
        "allowSync": True,
        "art": f"/:/resources/{section.type}-fanart.jpg",
        "composite": f"/library/sections/{section.key}/composite/{section.scanned_at}",
        "filters": True,
        "refreshing": section.refreshing,
        "thumb": f"/:/resources/{section.type}.png",
        "key": section.key,
        "type": section.type,
        "title": section.title,
        "agent": section.agent,
        "scanner": section.scanner,
        "language": "en-US",
        "uuid": section.uuid,
        "updatedAt": section.scanned_at,
        "createdAt": section.created_at,
        "scannedAt": section.scanned_at,
        "content": True,
        "directory": True,
        "contentChangedAt": section.scanned_at,
        "hidden": False,
        "Location": [{"id": int(section.key), "path": section.location}],
    }


def metadata(state: PlexState, item: PlexItem, *, with_section: bool = False, guids: bool = False) -> dict[str, Any]:
    """A `Metadata` element; `with_section` adds librarySection* (cross-section lists do)."""
    key = f"/library/metadata/{item.rating_key}"
    body: dict[str, Any] = {"ratingKey": str(item.rating_key), "key": key}
    if item.type in {SHOW, SEASON}:
        body["key"] = f"{key}/children"
    body["guid"] = f"plex://{item.type}/{item.rating_key:024x}"
    body["type"] = item.type
    body["title"] = item.title
    if with_section:
        section = state.section(item.section_key)
        body["librarySectionID"] = int(item.section_key)
        body["librarySectionTitle"] = section.title if section else ""
        body["librarySectionKey"] = f"/library/sections/{item.section_key}"
    if item.type in {MOVIE, SHOW}:
        body.update(_title_fields(item))
    elif item.type == SEASON:
        body.update(_season_fields(state, item))
    else:
        body.update(_episode_fields(state, item))
    body["addedAt"] = item.added_at
    body["updatedAt"] = item.added_at
    if item.view_offset:
        body["viewOffset"] = item.view_offset
        body["lastViewedAt"] = int(state.now - 3600)
    if item.view_count:
        body["viewCount"] = item.view_count
    if item.file is not None:
        body["Media"] = [_media(item)]
    if item.genres:
        body["Genre"] = [{"tag": genre} for genre in item.genres]
    if guids and item.guids:
        body["Guid"] = [{"id": guid} for guid in item.guids]
    if item.type in {SHOW, SEASON}:
        leaves = state.leaves(item)
        body["leafCount"] = len(leaves)
        body["viewedLeafCount"] = sum(1 for leaf in leaves if leaf.view_count)
        if item.type == SHOW:
            body["childCount"] = len(state.children(item.rating_key))
    return body


def _title_fields(item: PlexItem) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "titleSort": item.title_sort,
        "studio": item.studio,
        "contentRating": item.content_rating,
        "summary": item.summary,
        "year": item.year,
        "thumb": f"/library/metadata/{item.rating_key}/thumb/{item.added_at}",
        "art": f"/library/metadata/{item.rating_key}/art/{item.added_at}",
        "originallyAvailableAt": f"{item.year}-06-01",
    }
    if item.type == SHOW:
        fields["index"] = 1
    if item.rating is not None:
        fields["rating"] = item.rating
        fields["audienceRating"] = item.rating
    if item.duration_ms:
        fields["duration"] = item.duration_ms
    return fields


def _season_fields(state: PlexState, item: PlexItem) -> dict[str, Any]:
    show = state.ancestor(item, 1)
    return {
        "parentRatingKey": str(item.parent),
        "parentKey": f"/library/metadata/{item.parent}",
        "parentTitle": show.title if show else "",
        "index": item.index,
        "thumb": f"/library/metadata/{item.rating_key}/thumb/{item.added_at}",
    }


def _episode_fields(state: PlexState, item: PlexItem) -> dict[str, Any]:
    season, show = state.ancestor(item, 1), state.ancestor(item, 2)
    return {
        "grandparentRatingKey": str(show.rating_key) if show else "",
        "grandparentKey": f"/library/metadata/{show.rating_key}" if show else "",
        "grandparentTitle": show.title if show else "",
        "parentRatingKey": str(item.parent),
        "parentKey": f"/library/metadata/{item.parent}",
        "parentTitle": season.title if season else "",
        "parentIndex": season.index if season else 0,
        "index": item.index,
        "contentRating": item.content_rating,
        "summary": item.summary,
        "year": item.year,
        "thumb": f"/library/metadata/{item.rating_key}/thumb/{item.added_at}",
        "duration": item.duration_ms,
        "originallyAvailableAt": f"{item.year}-01-20",
    }


def _media(item: PlexItem) -> dict[str, Any]:
    file = item.file or ""
    return {
        "id": item.rating_key * 10,
        "duration": item.duration_ms,
        "bitrate": int(item.size * 8 / max(item.duration_ms, 1)),
        "width": 1920,
        "height": 1080,
        "aspectRatio": 1.78,
        "audioChannels": 6,
        "audioCodec": "eac3",
        "videoCodec": "h264",
        "videoResolution": "1080",
        "container": "mkv",
        "videoFrameRate": "24p",
        "Part": [
            {
                "id": item.rating_key * 10,
                "key": f"/library/parts/{item.rating_key * 10}/{item.added_at}/file.mkv",
                "duration": item.duration_ms,
                "file": file,
                "size": item.size,
                "container": "mkv",
            }
        ],
    }


def session(state: PlexState, playing: PlexSession) -> dict[str, Any]:
    """One `/status/sessions` Metadata element: the item plus User, Player and Session."""
    item = state.items[playing.rating_key]
    body = metadata(state, item, with_section=True)
    body["sessionKey"] = playing.session_key
    body["User"] = {"id": "1", "title": playing.user, "thumb": "https://plex.tv/users/1a2b3c4d/avatar"}
    body["Player"] = {
        "address": playing.address,
        "machineIdentifier": f"{playing.session_key}-{playing.platform.lower()}-client",
        "model": "4800X",
        "platform": playing.platform,
        "platformVersion": "12.5.0",
        "product": playing.product,
        "profile": playing.platform,
        "state": playing.state,
        "title": playing.player_title,
        "vendor": playing.platform,
        "version": "8.5.1",
        "local": True,
        "relayed": False,
        "secure": True,
        "userID": 1,
    }
    body["Session"] = {"id": f"session-{playing.session_key}", "bandwidth": playing.bandwidth, "location": "lan"}
    return body


def to_xml(tag: str, body: dict[str, Any]) -> str:
    """The same data as PMS's XML: scalars become attributes, lists and objects child elements."""
    attributes = "".join(
        f" {key}={quoteattr(_xml_scalar(value))}"
        for key, value in body.items()
        if value is not None and not isinstance(value, list | dict)
    )
    children = "".join(
        to_xml(key, child)
        for key, value in body.items()
        for child in (value if isinstance(value, list) else [value] if isinstance(value, dict) else [])
    )
    return f"<{tag}{attributes}>{children}</{tag}>" if children else f"<{tag}{attributes} />"


def _xml_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


__all__ = ["EPISODE", "LIBRARY_IDENTIFIER", "MEDIA_TAG_PREFIX", "metadata", "section_directory", "session", "to_xml"]
