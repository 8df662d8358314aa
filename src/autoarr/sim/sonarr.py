"""The Sonarr simulator: `seed_sonarr()` builds a `SonarrState`, `create_sonarr_app()` serves it as Sonarr v4."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp

from autoarr.sim._arr import (
    JSON,
    Collection,
    MessageError,
    NotFoundError,
    iso,
    json_response,
    page_request,
    paged,
    query_bool,
    query_int,
    query_ints,
    raw_json,
    utc_now,
)
from autoarr.sim._arr_app import arr_app, calendar_window, lookup_results, title_matches
from autoarr.sim._arr_downloads import Landing, seed_downloads
from autoarr.sim._arr_routes import API, path_id
from autoarr.sim._arr_state import ArrState, Flavor, MediaKind
from autoarr.sim.downloads import DOWNLOADS, SimDownload
from autoarr.sim.faults import Faults
from autoarr.sim.seed_catalogue import SERIES_IN_LIBRARY
from autoarr.sim.seed_media import (
    EpisodeFile,
    SeriesSpec,
    episodes_for,
    library_series,
    monitored_by,
    series_metadata,
    series_specs,
    with_statistics,
)
from autoarr.sim.seed_planted import sonarr_settings
from autoarr.sim.seed_settings import (
    SONARR_ENUMS,
    SONARR_QUALITIES,
    SabnzbdLink,
    qualities,
    quality_profiles,
)

SONARR_VERSION = "4.0.19.2979"
# fmt: off
_COMMANDS = (
    "SeriesSearch", "EpisodeSearch", "SeasonSearch", "MissingEpisodeSearch", "CutoffUnmetEpisodeSearch",
    "RefreshSeries", "RescanSeries", "RssSync", "DownloadedEpisodesScan", "RenameSeries", "RenameFiles",
    "MoveSeries", "CheckHealth", "Backup", "ApplicationUpdate", "RefreshMonitoredDownloads",
    "ProcessMonitoredDownloads", "ClearBlocklist", "ClearLog", "DeleteLogFiles", "Housekeeping",
    "MessagingCleanup",
)
_TEMPLATE: JSON = {
    "id": 0, "title": "", "sortTitle": "", "status": "", "overview": "", "network": "", "airTime": "",
    "images": [], "originalLanguage": {}, "remotePoster": "", "seasons": [], "year": 0, "path": "",
    "qualityProfileId": 0, "seasonFolder": True, "monitored": True, "monitorNewItems": "",
    "useSceneNumbering": False, "runtime": 0, "tvdbId": 0, "tvRageId": 0, "tvMazeId": 0, "tmdbId": 0,
    "seriesType": "", "cleanTitle": "", "imdbId": "", "titleSlug": "", "rootFolderPath": "", "folder": "",
    "certification": "", "genres": [], "tags": [], "added": "", "addOptions": {}, "ratings": {}, "statistics": {},
    "languageProfileId": 0, "alternateTitles": [], "ended": False,
}
_EVENT_TYPES = {
    1: "grabbed", 2: "seriesFolderImported", 3: "downloadFolderImported", 4: "downloadFailed",
    5: "episodeFileDeleted", 6: "episodeFileRenamed", 7: "downloadIgnored",
}
_STATUS = {
    "version": SONARR_VERSION, "buildTime": "2025-09-14T20:33:40Z", "isDebug": False, "isProduction": True,
    "isAdmin": False, "isUserInteractive": False, "startupPath": "/app/sonarr/bin", "appData": "/config",
    "osName": "ubuntu", "osVersion": "24.04", "isNetCore": True, "isLinux": True, "isOsx": False,
    "isWindows": False, "isDocker": True, "mode": "console", "branch": "main", "sqliteVersion": "3.46.1",
    "migrationVersion": 216, "runtimeVersion": "6.0.36", "runtimeName": ".NET",
    "packageVersion": f"{SONARR_VERSION}-ls290", "packageAuthor": "[linuxserver.io](https://linuxserver.io)",
    "packageUpdateMechanism": "docker", "databaseType": "sqLite", "databaseVersion": "3.46.1",
}
# fmt: on

SONARR = Flavor(
    app="Sonarr",
    problem_types=(
        "https://tools.ietf.org/html/rfc7231#section-6.5.4",
        "https://tools.ietf.org/html/rfc7231#section-6.5.1",
    ),
    history_model="EpisodeHistory",
    event_types=_EVENT_TYPES,
    history_media_keys=("episodeId", "seriesId"),
    commands=_COMMANDS,
    status=_STATUS,
    rejects_basic_auth=False,
    media=MediaKind(
        resource="series",
        model="Series",
        external_id="tvdbId",
        exists_message="This series has already been added",
        not_found_message="A series with this ID was not found",
        external_id_rule="greaterThan",
        title_always_required=True,
        editable=frozenset(
            {
                "monitored",
                "monitorNewItems",
                "qualityProfileId",
                "seasonFolder",
                "seriesType",
                "path",
                "tags",
                "seasons",
                "rootFolderPath",
                "useSceneNumbering",
            }
        ),
        # SeriesService.DeleteSeries reads the ids in bulk, and that query throws on a missing row.
        delete_missing=(500, "System.ApplicationException", "Expected query to return 1 rows but returned 0"),
        template=_TEMPLATE,
    ),
    media_filter=("seriesIds", "seriesId"),
    includes=("includeSeries", "includeEpisode"),
    config_enums=SONARR_ENUMS,
)


@dataclass(kw_only=True)
class SonarrState(ArrState):
    """A Sonarr instance: the shared *arr state plus series, episodes and the metadata catalogue."""

    series: Collection = field(default_factory=Collection)
    episodes: Collection = field(default_factory=Collection)
    files: dict[int, EpisodeFile] = field(default_factory=dict)  # episode id -> its file
    catalogue: dict[int, SeriesSpec] = field(default_factory=dict)  # tvdbId -> every show the lookup knows

    @property
    def library(self) -> Collection:
        return self.series

    def catalogue_entry(self, external_id: int) -> JSON | None:
        spec = self.catalogue.get(external_id)
        return None if spec is None else series_metadata(spec, self.clock())

    def episodes_of(self, series_id: int) -> list[JSON]:
        """A show's episodes, in season and episode order."""
        return [episode for episode in self.episodes.values() if episode["seriesId"] == series_id]

    def add_media(self, metadata: JSON, body: JSON) -> JSON:
        now = self.clock()
        root = body.get("rootFolderPath") or body["path"].rsplit("/", 1)[0]
        series_id = self.series.next_id
        path = body.get("path") or f"{root.rstrip('/')}/{metadata['folder']}"
        resource = library_series(
            metadata, series_id=series_id, profile_id=body["qualityProfileId"], root=root, path=path, added=now
        )
        for key in ("monitored", "seasonFolder", "seriesType", "monitorNewItems", "tags", "useSceneNumbering"):
            if key in body:
                resource[key] = body[key]
        spec = self.catalogue[metadata["tvdbId"]]
        first = self.episodes.next_id
        episodes, _ = episodes_for(spec, series_id=series_id, first_id=first, now=now, with_files=False)
        option = body.get("addOptions", {}).get("monitor", "all")
        for episode in episodes:
            episode["monitored"] = resource["monitored"] and monitored_by(
                option, episode, last_season=len(spec.seasons), now=now
            )
            self.episodes.add(episode)
        monitored_seasons = {episode["seasonNumber"] for episode in episodes if episode["monitored"]}
        resource["seasons"] = [
            {**season, "monitored": season["seasonNumber"] in monitored_seasons} for season in resource["seasons"]
        ]
        stored = self.series.add(with_statistics(resource, episodes, self.files, now))
        self.commands.post("RefreshSeries", {"seriesIds": [series_id], "isNewSeries": True})
        options = body.get("addOptions", {})
        if options.get("searchForMissingEpisodes"):
            self.commands.post("MissingEpisodeSearch", {"seriesId": series_id, "monitored": True})
        if options.get("searchForCutoffUnmetEpisodes"):
            self.commands.post("CutoffUnmetEpisodeSearch", {"seriesId": series_id, "monitored": True})
        return stored

    def media_updated(self, resource: JSON) -> None:
        # Episodes follow their season's monitored flag, and the statistics follow the episodes.
        seasons = {season["seasonNumber"]: season.get("monitored", True) for season in resource["seasons"]}
        episodes = self.episodes_of(resource["id"])
        for episode in episodes:
            wanted = resource["monitored"] and seasons.get(episode["seasonNumber"], True)
            if episode["monitored"] != wanted:
                episode["monitored"] = wanted
                self.episodes.touch(episode["id"])
        self.series.replace(with_statistics(resource, episodes, self.files, self.clock()))

    def media_removed(self, resource: JSON) -> None:
        for episode in self.episodes_of(resource["id"]):
            self.episodes.remove(episode["id"])
            self.files.pop(episode["id"], None)

    def redownload_command(self, grab: JSON) -> tuple[str, JSON]:
        return "EpisodeSearch", {"episodeIds": [grab["episodeId"]]}

    def blocklist_media(self, grab: JSON) -> JSON:
        return {"seriesId": grab["seriesId"], "episodeIds": [grab["episodeId"]]}

    def embed(self, record: JSON, includes: set[str]) -> JSON:
        extra: JSON = {}
        if "includeSeries" in includes and (series := self.series.get(record.get("seriesId", 0))) is not None:
            extra["series"] = series
        if "includeEpisode" in includes and (episode := self.episodes.get(record.get("episodeId", 0))) is not None:
            extra["episode"] = episode
        return {**record, **extra}


def seed_sonarr(
    series: int = SERIES_IN_LIBRARY,
    *,
    clock: Callable[[], datetime] = utc_now,
    sabnzbd: SabnzbdLink | None = None,
) -> SonarrState:
    """A Sonarr with `series` shows (30 real ones first, then synthetic filler for benchmarks).

    Time-relative data (what has aired, what airs this week, queue and history times) is built around
    `clock()` rounded down to the hour; pass a fixed clock for byte-identical seeds.
    """
    now = clock().replace(minute=0, second=0, microsecond=0)
    settings = sonarr_settings(sabnzbd or SabnzbdLink())
    quality = qualities(SONARR_QUALITIES)
    state = SonarrState(
        flavor=SONARR,
        started=now - timedelta(days=3, hours=4),
        quality_profiles=Collection(quality_profiles(quality)),
        root_folders=Collection(settings.root_folders),
        configs=settings.configs,
        download_clients=Collection(settings.download_clients),
        indexers=Collection(settings.indexers),
        notifications=Collection(settings.notifications),
        clock=clock,
    )
    library, lookup_only = series_specs(series)
    state.catalogue = {spec.tvdb_id: spec for spec in [*library, *lookup_only]}
    jobs = [job for job in DOWNLOADS if job.owner == "sonarr"]
    where: dict[tuple[int, int, int], JSON] = {}  # (series index, season, episode) -> episode
    for index, spec in enumerate(library):
        wanted = {
            (job.season, job.episode): job.place == "history" and job.status == "Completed"
            for job in jobs
            if job.media_index == index
        }
        first = state.episodes.next_id
        episodes, files = episodes_for(
            spec, series_id=index + 1, first_id=first, now=now, with_files=True, overrides=wanted
        )
        state.files.update(files)
        for episode in episodes:
            state.episodes.add(episode)
            where[index, episode["seasonNumber"], episode["episodeNumber"]] = episode
        metadata = series_metadata(spec, now)
        resource = library_series(
            metadata,
            series_id=index + 1,
            profile_id=2 if index % 7 == 6 else 1,
            root="/tv",
            path=f"/tv/{metadata['folder']}",
            added=now - timedelta(days=900 - index % 900, hours=index % 24),
        )
        state.series.add(with_statistics(resource, episodes, files, now))

    def landing(job: SimDownload) -> Landing | None:
        episode = where.get((job.media_index, job.season, job.episode))
        if episode is None:
            return None
        show = state.series.get(episode["seriesId"]) or {}
        return Landing(
            ids={"episodeId": episode["id"], "seriesId": episode["seriesId"]},
            queue_extra={"seasonNumber": job.season, "episodeHasFile": episode["hasFile"]},
            imported_path=f"{show.get('path')}/Season {job.season}/{job.name}.mkv",
        )

    seed_downloads(state, owner="sonarr", qualities=quality, landing=landing)
    return state


def _sonarr_routes(state: SonarrState) -> list[BaseRoute]:
    async def lookup(request: Request) -> Response:
        term = request.query_params.get("term", "").strip()
        prefix, _, value = term.partition(":")
        if prefix.lower() in {"tvdb", "tvdbid"}:
            entry = state.catalogue_entry(int(value)) if value.strip().isdigit() else None
            return json_response(lookup_results(state, [entry] if entry else []))
        in_library = {item["tvdbId"] for item in state.series.values()}
        others = [
            series_metadata(spec, state.clock()) for tvdb, spec in state.catalogue.items() if tvdb not in in_library
        ]
        return json_response(lookup_results(state, title_matches(term, [*state.series.values(), *others])))

    async def episodes(request: Request) -> Response:
        series_id = query_int(request, "seriesId")
        wanted = set(query_ints(request, "episodeIds"))
        if series_id is None and not wanted:
            raise MessageError(400, "BadRequest: seriesId or episodeIds must be provided")
        found = [
            e
            for e in state.episodes.values()
            if (series_id is None or e["seriesId"] == series_id) and (not wanted or e["id"] in wanted)
        ]
        return raw_json(state.episodes.encoded_list(found))

    async def episode(request: Request) -> Response:
        if state.episodes.get(path_id(request)) is None:
            raise NotFoundError
        return raw_json(state.episodes.encoded(path_id(request)))

    async def missing(request: Request) -> Response:
        paging = page_request(request, sort_key="episodes.airDateUtc", direction="descending")
        monitored = query_bool(request, "monitored", default=True)
        stamp = iso(state.clock())
        watched = {item["id"] for item in state.series.values() if item["monitored"] or not monitored}
        records = [
            e
            for e in state.episodes.values()
            if not e["hasFile"]
            and e["airDateUtc"] <= stamp
            and e["seriesId"] in watched
            and e["monitored"] == monitored
        ]
        by_air: Callable[[JSON], str] = lambda e: e["airDateUtc"]  # noqa: E731
        page = paged(records, paging, {"episodes.airDateUtc": by_air, "airDateUtc": by_air})
        page["records"] = [
            state.embed(e, {"includeSeries"}) if query_bool(request, "includeSeries", default=False) else e
            for e in page["records"]
        ]
        return json_response(page)

    async def calendar(request: Request) -> Response:
        start, end, unmonitored = calendar_window(request, state)
        found = sorted(
            (e for e in state.episodes.values() if start <= e["airDateUtc"] <= end and (unmonitored or e["monitored"])),
            key=lambda e: e["airDateUtc"],
        )
        if query_bool(request, "includeSeries", default=False):
            return json_response([state.embed(e, {"includeSeries"}) for e in found])
        return raw_json(state.episodes.encoded_list(found))

    return [
        Route(f"{API}/series/lookup", lookup, methods=["GET"]),
        Route(f"{API}/episode", episodes, methods=["GET"]),
        Route(f"{API}/episode/{{id:int}}", episode, methods=["GET"]),
        Route(f"{API}/wanted/missing", missing, methods=["GET"]),
        Route(f"{API}/calendar", calendar, methods=["GET"]),
    ]


def create_sonarr_app(state: SonarrState, *, api_key: str, faults: Faults | None = None) -> ASGIApp:
    """Sonarr v4's API v3 over `state`: every request but `GET /ping` needs `api_key`."""
    return arr_app(state, _sonarr_routes(state), api_key=api_key, faults=faults)
