"""The state both *arr simulators keep: settings, providers, commands, queue, history and blocklist."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from autoarr.sim._arr import JSON, SECRET_MASK, Collection, MessageError, iso, split_camel, utc_now
from autoarr.sim.downloads import SimDownload

SECRET_PRIVACY = frozenset({"apiKey", "password"})


@dataclass(frozen=True)
class MediaKind:
    """How one app names and checks its media resource (Sonarr series, Radarr movie)."""

    resource: str  # the path segment: "series" / "movie"
    model: str  # the C# model in "X with ID n does not exist": "Series" / "Movie"
    external_id: str  # "tvdbId" / "tmdbId"
    exists_message: str  # "This series has already been added"
    not_found_message: str  # AddSeriesService's "A series with this ID was not found"
    external_id_rule: str  # "greaterThan" (Sonarr's TvdbId) or "notEmpty" (Radarr's TmdbId)
    title_always_required: bool  # Sonarr always; Radarr only when tmdbId <= 0
    editable: frozenset[str]  # what a PUT may change
    delete_missing: tuple[int, str, str]  # DELETE of a missing id: status, exception, message ("{id}" filled in)
    template: Mapping[str, Any]  # a value of the right JSON type for each field a body may carry


@dataclass(frozen=True)
class Flavor:
    """What differs between Sonarr and Radarr where the code is otherwise the same."""

    app: str  # "Sonarr"
    problem_types: tuple[str, str]  # ProblemDetails `type` for 404 and 400 (net6 vs net8 RFC links)
    history_model: str  # the model name in "X with ID n does not exist"
    event_types: Mapping[int, str]  # history eventType ints (query) to names (records)
    history_media_keys: tuple[str, ...]  # the media ids a history record carries
    commands: tuple[str, ...]  # canonical command names (without the "Command" suffix)
    status: Mapping[str, Any]  # the static part of /system/status
    rejects_basic_auth: bool  # Radarr v6 refuses authenticationMethod "basic"; Sonarr 4.0.19 still takes it
    media: MediaKind
    media_filter: tuple[str, str]  # queue/history filter: ("seriesIds", "seriesId") / ("movieIds", "movieId")
    includes: tuple[str, ...]  # the include* query flags queue and history honour
    config_enums: Mapping[str, tuple[str, ...]]  # enum-typed config fields and their allowed strings


class CommandLog:
    """Posted commands; each observation moves a command one step: queued, started, completed."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self._clock = clock
        self._commands: dict[int, JSON] = {}
        self._ids = itertools.count(1)

    def post(self, name: str, args: Mapping[str, Any], *, user_agent: str | None = None) -> JSON:
        """Queue a command under its canonical name and return its resource."""
        now = iso(self._clock())
        body: JSON = {
            **args,
            "sendUpdatesToClient": True,
            "updateScheduledTask": True,
            "completionMessage": "Completed",
            "requiresDiskAccess": False,
            "isExclusive": False,
            "isLongRunning": False,
            "name": name,
            "trigger": "manual",
            "suppressMessages": False,
        }
        command: JSON = {
            "id": next(self._ids),
            "name": name,
            "commandName": split_camel(name),
            "body": body,
            "priority": "normal",
            "status": "queued",
            "result": "unknown",
            "queued": now,
            "trigger": "manual",
            "stateChangeTime": now,
            "sendUpdatesToClient": True,
            "updateScheduledTask": True,
        }
        if user_agent:
            command["clientUserAgent"] = user_agent
        self._commands[command["id"]] = command
        return dict(command)

    def observe(self, command_id: int) -> JSON | None:
        """A command as a GET sees it (after moving it one step on), or None."""
        command = self._commands.get(command_id)
        if command is None:
            return None
        self._advance(command)
        return dict(command)

    def observe_all(self) -> list[JSON]:
        """Every command as GET /command sees them."""
        return [self.observe(command_id) or {} for command_id in list(self._commands)]

    def named(self, name: str) -> list[JSON]:
        """The commands posted under a canonical name, oldest first (without moving them on)."""
        return [dict(command) for command in self._commands.values() if command["name"] == name]

    def _advance(self, command: JSON) -> None:
        now = self._clock()
        if command["status"] == "queued":
            command.update(status="started", started=iso(now), stateChangeTime=iso(now))
        elif command["status"] == "started":
            seconds = max((now - datetime.fromisoformat(command["started"])).total_seconds(), 0.0)
            hours, rest = divmod(seconds, 3600)
            minutes, secs = divmod(rest, 60)
            command.update(
                status="completed",
                result="successful",
                message="Completed",
                ended=iso(now),
                stateChangeTime=iso(now),
                duration=f"{int(hours):02d}:{int(minutes):02d}:{secs:010.7f}",
            )


def canonical_command(flavor: Flavor, name: object) -> str:
    """The known command a posted `name` means (any case, "Command" suffix optional), else the apps' 500."""
    wanted = str(name or "").lower().removesuffix("command")
    for known in flavor.commands:
        if known.lower() == wanted:
            return known
    raise MessageError(
        500,
        "Sequence contains no matching element",
        "System.InvalidOperationException: Sequence contains no matching element\n"
        "   at System.Linq.ThrowHelper.ThrowNoMatchException()\n"
        "   at NzbDrone.Core.Messaging.Commands.KnownTypes.GetImplementation(String name)",
    )


@dataclass(kw_only=True)
class ArrState:
    """Everything a Sonarr or Radarr simulator serves apart from its media; mutated by the routes."""

    flavor: Flavor
    started: datetime
    quality_profiles: Collection
    root_folders: Collection
    configs: dict[str, JSON]
    download_clients: Collection
    indexers: Collection
    notifications: Collection
    queue: Collection = field(default_factory=Collection)
    history: Collection = field(default_factory=Collection)
    blocklist: Collection = field(default_factory=Collection)
    clock: Callable[[], datetime] = utc_now
    api_key: str = ""  # set by the app factory: the key the app answers to, shown in config/host
    client_removals: list[str] = field(default_factory=list)  # downloadIds DELETE /queue removed from SABnzbd
    tracker: Callable[[SimDownload], None] | None = None  # set by the seed: records a job as grabbed
    commands: CommandLog = field(init=False)
    _traces: itertools.count[int] = field(init=False, default_factory=lambda: itertools.count(1))

    def __post_init__(self) -> None:
        self.commands = CommandLog(self.clock)

    def trace_id(self) -> str:
        """A W3C trace id like the ones in ASP.NET ProblemDetails (deterministic: a counter)."""
        number = next(self._traces)
        return f"00-{number:032x}-{number:016x}-00"

    @property
    def library(self) -> Collection:
        """The app's media: series or movies (overridden by each app)."""
        raise NotImplementedError

    def catalogue_entry(self, external_id: int) -> JSON | None:
        """The metadata the app's lookup knows for a tvdbId/tmdbId, library or not, with id 0 (overridden)."""
        raise NotImplementedError

    def add_media(self, metadata: JSON, body: JSON) -> JSON:
        """Add a looked-up title to the library as a POST body asks; returns the stored resource (overridden)."""
        raise NotImplementedError

    def media_updated(self, resource: JSON) -> None:
        """Follow-up of a PUT (Sonarr: episodes follow their season's monitored flag); default none."""

    def media_removed(self, resource: JSON) -> None:
        """Follow-up of a DELETE (Sonarr: its episodes go); default none."""

    def embed(self, record: JSON, includes: set[str]) -> JSON:
        """A queue or history record with the media the include* flags ask for (overridden by each app)."""
        return record

    def redownload_command(self, grab: JSON) -> tuple[str, JSON]:
        """The search the app queues after a failed grab (overridden by each app)."""
        raise NotImplementedError

    def blocklist_media(self, grab: JSON) -> JSON:
        """The media ids a blocklist record carries for a grab (overridden by each app)."""
        raise NotImplementedError

    def fail_download(
        self, grab: JSON, *, message: str, skip_redownload: bool = False, when: datetime | None = None
    ) -> None:
        """What marking a grab failed does: a downloadFailed history record, a blocklist entry, maybe a search."""
        now = iso(when or self.clock())
        media = {key: grab[key] for key in self.flavor.history_media_keys}
        data = {
            key: grab["data"][key] for key in ("downloadClient", "downloadClientName", "indexer") if key in grab["data"]
        }
        record = {
            **media,
            "sourceTitle": grab["sourceTitle"],
            "languages": grab["languages"],
            "quality": grab["quality"],
            "customFormats": [],
            "customFormatScore": 0,
            "qualityCutoffNotMet": False,
            "date": now,
            "downloadId": grab["downloadId"],
            "eventType": "downloadFailed",
            "data": {**data, "message": message, "size": grab["data"].get("size", "0")},
        }
        self.history.add(record)
        self.blocklist.add(
            {
                **self.blocklist_media(grab),
                "sourceTitle": grab["sourceTitle"],
                "languages": grab["languages"],
                "quality": grab["quality"],
                "customFormats": [],
                "date": now,
                "protocol": "usenet",
                "indexer": grab["data"].get("indexer", ""),
                "message": message,
            }
        )
        for item in self.queue.values():
            if item.get("downloadId") == grab["downloadId"]:
                self.queue.remove(item["id"])
        if not skip_redownload and self.configs["downloadclient"]["autoRedownloadFailed"]:
            name, args = self.redownload_command(grab)
            self.commands.post(name, args)

    def track(self, job: SimDownload) -> None:
        """Record a SABnzbd job as grabbed by this app (queued, imported or failed as the job says)."""
        if self.tracker is None:
            raise RuntimeError("track() needs a seeded state")
        self.tracker(job)

    def grab_of(self, download_id: str) -> JSON | None:
        """The grabbed history record of a download id."""
        for record in self.history.values():
            if record["downloadId"] == download_id and record["eventType"] == "grabbed":
                return record
        return None


# --- provider resources (download clients, indexers, notifications) -----------------------------------------


def mask_secrets(resource: JSON) -> JSON:
    """A provider resource as GET shows it: apiKey and password fields read "********" when set."""
    fields = [
        {**item, "value": SECRET_MASK} if item.get("privacy") in SECRET_PRIVACY and item.get("value") else item
        for item in resource.get("fields", [])
    ]
    return {**resource, "fields": fields}


def merge_provider(stored: JSON | None, body: JSON) -> JSON:
    """A provider PUT/POST body applied over the stored resource; a "********" secret keeps the stored value."""
    stored_fields = {item["name"]: item for item in (stored or {}).get("fields", [])}
    merged = {**(stored or {}), **{key: value for key, value in body.items() if key != "fields"}}
    fields: list[JSON] = []
    for item in body.get("fields", stored_fields.values()):
        if not isinstance(item, dict) or "name" not in item:
            continue
        known = stored_fields.get(item["name"], {})
        value = item.get("value")
        if value == SECRET_MASK and known.get("privacy") in SECRET_PRIVACY:
            value = known.get("value")
        field_resource = {**known, **{key: val for key, val in item.items() if val is not None}}
        if value is None:
            field_resource.pop("value", None)
        else:
            field_resource["value"] = value
        fields.append(field_resource)
    merged["fields"] = fields
    return merged


def field_value(resource: JSON, name: str) -> Any:
    """The stored value of a provider field (None when the field is absent)."""
    for item in resource.get("fields", []):
        if item["name"] == name:
            return item.get("value")
    return None
