"""Plex Media Server's JSON at AutoArr's boundary: containers, sections, items, sessions, settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

C = TypeVar("C")
PrefValue = bool | int | float | str


class PlexModel(BaseModel):
    """A PMS JSON object: camelCase attributes on the wire, snake_case here, unknown fields kept.

    Keys and rating keys are strings in PMS's JSON; numbers are coerced so an odd server cannot crash a list.
    """

    model_config = ConfigDict(
        extra="allow",
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        coerce_numbers_to_str=True,
    )


class PlexIdentity(PlexModel):
    machine_identifier: str = ""
    version: str = ""
    claimed: bool = False


class PlexServerInfo(PlexModel):
    friendly_name: str = ""
    machine_identifier: str = ""
    version: str = ""
    platform: str = ""
    platform_version: str = ""
    my_plex: bool = False
    my_plex_username: str = ""
    my_plex_signin_state: str = ""
    transcoder_active_video_sessions: int = 0
    updated_at: datetime | None = None


class PlexLocation(PlexModel):
    id: int = 0
    path: str = ""


class PlexSection(PlexModel):
    """A library section (`Directory` of /library/sections); `count` is filled in by the client."""

    key: str
    title: str = ""
    type: str = ""  # movie | show | artist | photo
    agent: str = ""
    scanner: str = ""
    language: str = ""
    uuid: str = ""
    refreshing: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None
    scanned_at: datetime | None = None
    locations: list[PlexLocation] = Field(default_factory=list, alias="Location")
    count: int | None = None  # not PMS's: the section's total, read from /library/sections/{key}/all


class PlexItem(PlexModel):
    """A `Metadata` element: movie, show, season or episode."""

    rating_key: str = ""
    key: str = ""
    guid: str = ""
    type: str = ""  # movie | show | season | episode | ...
    title: str = ""
    year: int | None = None
    summary: str = ""
    added_at: datetime | None = None
    updated_at: datetime | None = None
    library_section_id: int | None = Field(default=None, alias="librarySectionID")
    library_section_title: str = ""
    library_section_key: str = ""
    rating: float | None = None
    audience_rating: float | None = None
    user_rating: float | None = None
    content_rating: str = ""
    studio: str = ""
    duration: int | None = None  # milliseconds
    view_count: int = 0
    view_offset: int = 0
    grandparent_title: str = ""  # episode: the show
    parent_title: str = ""  # episode: the season
    parent_index: int | None = None  # episode: the season number
    index: int | None = None  # episode number, season number


class PlexUser(PlexModel):
    id: str = ""
    title: str = ""


class PlexPlayer(PlexModel):
    title: str = ""
    address: str = ""
    machine_identifier: str = ""
    platform: str = ""
    product: str = ""
    state: str = ""  # playing | paused | buffering
    local: bool = False


class PlexSessionInfo(PlexModel):
    id: str = ""
    bandwidth: int = 0
    location: str = ""  # lan | wan


class PlexSession(PlexItem):
    """A playback in progress: the item plus who plays it where."""

    session_key: str = ""
    user: PlexUser | None = Field(default=None, alias="User")
    player: PlexPlayer | None = Field(default=None, alias="Player")
    session: PlexSessionInfo | None = Field(default=None, alias="Session")


class PlexSetting(PlexModel):
    """One server setting of /:/prefs; `value` and `default` follow `type` (bool, int, double, text)."""

    id: str
    label: str = ""
    summary: str = ""
    type: str = ""
    default: PrefValue | None = None
    value: PrefValue | None = None
    hidden: bool = False
    advanced: bool = False
    group: str = ""
    enum_values: str | None = None


class PlexHub(PlexModel):
    title: str = ""
    type: str = ""
    size: int = 0
    metadata: list[PlexItem] = Field(default_factory=list, alias="Metadata")


# The containers: an empty list may be missing altogether (`size: 0` and no key), hence the defaults.


class SectionsContainer(PlexModel):
    directory: list[PlexSection] = Field(default_factory=list, alias="Directory")


class ItemsContainer(PlexModel):
    size: int = 0
    total_size: int | None = None
    offset: int = 0
    metadata: list[PlexItem] = Field(default_factory=list, alias="Metadata")


class SessionsContainer(PlexModel):
    metadata: list[PlexSession] = Field(default_factory=list, alias="Metadata")


class SettingsContainer(PlexModel):
    setting: list[PlexSetting] = Field(default_factory=list, alias="Setting")


class HubsContainer(PlexModel):
    hub: list[PlexHub] = Field(default_factory=list, alias="Hub")


class Envelope(BaseModel, Generic[C]):
    """`{"MediaContainer": {...}}`, the shape of every PMS JSON answer."""

    media_container: C = Field(alias="MediaContainer")


@dataclass(frozen=True)
class PlexPage:
    """A slice of a longer list: the items, where the slice starts, and how many there are in all."""

    items: list[PlexItem]
    offset: int
    total: int
