"""The resources Sonarr and Radarr share (queue, history, commands, profiles...), and the model bases.

camelCase stops here: attributes are snake_case, the wire names are their camelCase aliases.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter
from pydantic.alias_generators import to_camel

JSON = dict[str, Any]
R = TypeVar("R")


class ArrModel(BaseModel):
    """A resource as the *arr apps send it: camelCase on the wire, snake_case here, unknown fields kept."""

    model_config = ConfigDict(extra="allow", alias_generator=to_camel, validate_by_name=True, validate_by_alias=True)

    def to_wire(self) -> JSON:
        """The resource as the app takes it back: camelCase, only the fields it sent or that were set here."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


class SlimModel(ArrModel):
    """A library-sized list item: only the declared fields are decoded, the rest is skipped."""

    model_config = ConfigDict(extra="ignore")


class SystemStatus(ArrModel):
    app_name: str = ""
    instance_name: str = ""
    version: str = ""
    branch: str = ""
    authentication: str = ""
    url_base: str = ""
    start_time: datetime | None = None


class HealthCheck(ArrModel):
    source: str = ""
    type: str = ""  # ok | notice | warning | error
    message: str = ""
    wiki_url: str = ""


class QualityProfile(ArrModel):
    id: int
    name: str = ""
    upgrade_allowed: bool = False
    cutoff: int = 0
    items: list[JSON] = Field(default_factory=list)


class UnmappedFolder(ArrModel):
    name: str = ""
    path: str = ""


class RootFolder(ArrModel):
    id: int
    path: str = ""
    accessible: bool = False
    free_space: int | None = None
    unmapped_folders: list[UnmappedFolder] = Field(default_factory=list)


class Quality(ArrModel):
    id: int = 0
    name: str = ""
    source: str = ""
    resolution: int = 0


class QualityModel(ArrModel):
    quality: Quality = Field(default_factory=Quality)


class QueueItem(ArrModel):
    id: int
    title: str = ""
    status: str = ""
    tracked_download_status: str = ""
    tracked_download_state: str = ""
    status_messages: list[JSON] = Field(default_factory=list)
    error_message: str = ""
    download_id: str = ""
    protocol: str = ""
    download_client: str = ""
    indexer: str = ""
    output_path: str = ""
    size: float = 0.0
    sizeleft: float = 0.0
    timeleft: str | None = None
    estimated_completion_time: datetime | None = None
    added: datetime | None = None
    quality: QualityModel | None = None
    series_id: int | None = None  # Sonarr
    episode_id: int | None = None  # Sonarr
    season_number: int | None = None  # Sonarr
    movie_id: int | None = None  # Radarr


class HistoryRecord(ArrModel):
    id: int
    event_type: str = ""
    date: datetime | None = None
    download_id: str = ""
    source_title: str = ""
    quality: QualityModel | None = None
    data: dict[str, Any] = Field(default_factory=dict)
    series_id: int | None = None  # Sonarr
    episode_id: int | None = None  # Sonarr
    movie_id: int | None = None  # Radarr


class BlocklistItem(ArrModel):
    id: int
    source_title: str = ""
    date: datetime | None = None
    message: str = ""
    indexer: str = ""
    protocol: str = ""
    series_id: int | None = None  # Sonarr
    episode_ids: list[int] = Field(default_factory=list)  # Sonarr
    movie_id: int | None = None  # Radarr


class Command(ArrModel):
    """A queued command; `id` is a string, as AutoArr's API hands out `command_id`s."""

    model_config = ConfigDict(coerce_numbers_to_str=True)

    id: str
    name: str = ""
    command_name: str = ""
    status: str = ""  # queued | started | completed | failed | aborted | cancelled | orphaned
    result: str = ""
    message: str = ""
    queued: datetime | None = None
    started: datetime | None = None
    ended: datetime | None = None
    body: JSON = Field(default_factory=dict)


class ArrPage(ArrModel, Generic[R]):
    """One page of a paging endpoint (queue, history, wanted/missing, blocklist)."""

    page: int = 1
    page_size: int = 0
    sort_key: str | None = None
    sort_direction: str | None = None
    total_records: int = 0
    records: list[R] = Field(default_factory=list)


_OBJECT = TypeAdapter(dict[str, Any])
_OBJECTS = TypeAdapter(list[dict[str, Any]])


def json_object(content: bytes) -> JSON:
    """Decode a JSON object body as it is (a ValueError otherwise, which ServiceHttp counts as a bad body)."""
    return _OBJECT.validate_json(content)


def json_objects(content: bytes) -> list[JSON]:
    """Decode a JSON array of objects as it is."""
    return _OBJECTS.validate_json(content)
