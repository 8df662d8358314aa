"""The Radarr simulator: `seed_radarr()` builds a `RadarrState`, `create_radarr_app()` serves it as Radarr v6."""

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
    json_response,
    page_request,
    paged,
    query_bool,
    query_int,
    raw_json,
    utc_now,
)
from autoarr.sim._arr_app import arr_app, calendar_window, lookup_results, title_matches
from autoarr.sim._arr_downloads import Landing, quality_of, seed_downloads
from autoarr.sim._arr_routes import API
from autoarr.sim._arr_state import ArrState, Flavor, MediaKind
from autoarr.sim._arr_validate import password_hash
from autoarr.sim.downloads import DOWNLOADS, SimDownload
from autoarr.sim.faults import Faults
from autoarr.sim.seed_catalogue import MOVIES_IN_LIBRARY, UPCOMING_MOVIES
from autoarr.sim.seed_movies import (
    MovieSpec,
    library_movie,
    movie_file,
    movie_metadata,
    movie_specs,
    quality_for,
    with_file,
)
from autoarr.sim.seed_planted import radarr_settings
from autoarr.sim.seed_settings import (
    RADARR_ENUMS,
    RADARR_QUALITIES,
    SabnzbdLink,
    qualities,
    quality_profiles,
)

RADARR_VERSION = "6.0.3.10276"
RADARR_ADMIN_PASSWORD = "radarr-sim-password"  # noqa: S105 - the simulator's seeded login, documented for tests
# fmt: off
_COMMANDS = (
    "MoviesSearch", "MissingMoviesSearch", "CutoffUnmetMoviesSearch", "RefreshMovie", "RescanMovie", "RssSync",
    "DownloadedMoviesScan", "RenameMovie", "RenameFiles", "MoveMovie", "RefreshCollections", "ImportListSync",
    "CheckHealth", "Backup", "ApplicationUpdate", "RefreshMonitoredDownloads", "ProcessMonitoredDownloads",
    "ClearBlocklist", "ClearLog", "DeleteLogFiles", "Housekeeping", "MessagingCleanup",
)
_TEMPLATE: JSON = {
    "id": 0, "title": "", "originalTitle": "", "originalLanguage": {}, "alternateTitles": [], "sortTitle": "",
    "sizeOnDisk": 0, "status": "", "overview": "", "inCinemas": "", "physicalRelease": "", "digitalRelease": "",
    "releaseDate": "", "images": [], "website": "", "remotePoster": "", "year": 0, "youTubeTrailerId": "",
    "studio": "", "path": "", "qualityProfileId": 0, "hasFile": False, "movieFileId": 0, "monitored": True,
    "minimumAvailability": "", "isAvailable": True, "folderName": "", "runtime": 0, "cleanTitle": "", "imdbId": "",
    "tmdbId": 0, "titleSlug": "", "rootFolderPath": "", "folder": "", "certification": "", "genres": [],
    "keywords": [], "tags": [], "added": "", "addOptions": {}, "ratings": {}, "movieFile": {}, "collection": {},
    "popularity": 0.0, "statistics": {},
}
_EVENT_TYPES = {
    1: "grabbed", 3: "downloadFolderImported", 4: "downloadFailed", 6: "movieFileDeleted",
    7: "movieFolderImported", 8: "movieFileRenamed", 9: "downloadIgnored",
}
_STATUS = {
    "version": RADARR_VERSION, "buildTime": "2025-11-14T09:12:05Z", "isDebug": False, "isProduction": True,
    "isAdmin": False, "isUserInteractive": False, "startupPath": "/app/radarr/bin", "appData": "/config",
    "osName": "ubuntu", "osVersion": "24.04", "isNetCore": True, "isLinux": True, "isOsx": False,
    "isWindows": False, "isDocker": True, "mode": "console", "branch": "master", "databaseType": "sqLite",
    "databaseVersion": "3.46.1", "migrationVersion": 242, "runtimeVersion": "8.0.21", "runtimeName": ".NET",
    "packageVersion": f"{RADARR_VERSION}-ls285", "packageAuthor": "[linuxserver.io](https://linuxserver.io)",
    "packageUpdateMechanism": "docker",
}
# fmt: on

RADARR = Flavor(
    app="Radarr",
    problem_types=(
        "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        "https://tools.ietf.org/html/rfc9110#section-15.5.1",
    ),
    history_model="MovieHistory",
    event_types=_EVENT_TYPES,
    history_media_keys=("movieId",),
    commands=_COMMANDS,
    status=_STATUS,
    rejects_basic_auth=True,
    media=MediaKind(
        resource="movie",
        model="Movie",
        external_id="tmdbId",
        exists_message="This movie has already been added",
        not_found_message="A movie with this ID was not found",
        external_id_rule="notEmpty",
        title_always_required=False,
        editable=frozenset({"monitored", "qualityProfileId", "minimumAvailability", "path", "tags", "rootFolderPath"}),
        delete_missing=(404, "NzbDrone.Core.Datastore.ModelNotFoundException", "Movie with ID {id} does not exist"),
        template=_TEMPLATE,
    ),
    media_filter=("movieIds", "movieId"),
    includes=("includeMovie",),
    config_enums=RADARR_ENUMS,
)


@dataclass(kw_only=True)
class RadarrState(ArrState):
    """A Radarr instance: the shared *arr state plus movies and the metadata catalogue."""

    movies: Collection = field(default_factory=Collection)
    catalogue: dict[int, MovieSpec] = field(default_factory=dict)  # tmdbId -> every movie the lookup knows

    @property
    def library(self) -> Collection:
        return self.movies

    def catalogue_entry(self, external_id: int) -> JSON | None:
        spec = self.catalogue.get(external_id)
        return None if spec is None else movie_metadata(spec, self.clock())

    def by_imdb(self, imdb_id: str) -> JSON | None:
        """The catalogue metadata of an IMDb id."""
        spec = next((item for item in self.catalogue.values() if item.imdb_id == imdb_id), None)
        return None if spec is None else movie_metadata(spec, self.clock())

    def add_media(self, metadata: JSON, body: JSON) -> JSON:
        root = body.get("rootFolderPath") or body["path"].rsplit("/", 1)[0]
        movie_id = self.movies.next_id
        movie = library_movie(
            metadata, movie_id=movie_id, profile_id=body["qualityProfileId"], root=root.rstrip("/"), added=self.clock()
        )
        for key in ("monitored", "minimumAvailability", "tags"):
            if key in body:
                movie[key] = body[key]
        if body.get("path"):
            movie["path"] = movie["folderName"] = body["path"]
        self.movies.add(movie)
        self.commands.post("RefreshMovie", {"movieIds": [movie_id], "isNewMovie": True})
        if body.get("addOptions", {}).get("searchForMovie"):
            self.commands.post("MoviesSearch", {"movieIds": [movie_id]})
        return movie

    def redownload_command(self, grab: JSON) -> tuple[str, JSON]:
        return "MoviesSearch", {"movieIds": [grab["movieId"]]}

    def blocklist_media(self, grab: JSON) -> JSON:
        return {"movieId": grab["movieId"]}

    def embed(self, record: JSON, includes: set[str]) -> JSON:
        movie = self.movies.get(record.get("movieId", 0)) if "includeMovie" in includes else None
        return record if movie is None else {**record, "movie": movie}


def seed_radarr(
    movies: int = MOVIES_IN_LIBRARY,
    *,
    clock: Callable[[], datetime] = utc_now,
    sabnzbd: SabnzbdLink | None = None,
) -> RadarrState:
    """A Radarr with `movies` movies (150 real ones first, then synthetic filler for benchmarks).

    Release dates of the three upcoming films, queue and history times are built around `clock()` rounded
    down to the hour; pass a fixed clock for byte-identical seeds. The admin login is `admin` /
    `RADARR_ADMIN_PASSWORD`.
    """
    now = clock().replace(minute=0, second=0, microsecond=0)
    settings = radarr_settings(sabnzbd or SabnzbdLink(), admin_password_hash=password_hash(RADARR_ADMIN_PASSWORD))
    quality = qualities(RADARR_QUALITIES)
    state = RadarrState(
        flavor=RADARR,
        started=now - timedelta(days=3, hours=4),
        quality_profiles=Collection(quality_profiles(quality, language={"id": 1, "name": "English"})),
        root_folders=Collection(settings.root_folders),
        configs=settings.configs,
        download_clients=Collection(settings.download_clients),
        indexers=Collection(settings.indexers),
        notifications=Collection(settings.notifications),
        clock=clock,
    )
    library, lookup_only = movie_specs(movies)
    state.catalogue = {spec.tmdb_id: spec for spec in [*library, *lookup_only]}
    jobs = {job.media_index: job for job in DOWNLOADS if job.owner == "radarr"}
    for index, spec in enumerate(library):
        quality_name = quality_for(index, spec)
        movie = library_movie(
            movie_metadata(spec, now),
            movie_id=index + 1,
            profile_id=2 if "2160" in quality_name else 1,
            root="/movies",
            added=now - timedelta(days=1500 - index % 1500, hours=index % 24),
        )
        job = jobs.get(index)
        # Upcoming films, the downloads still in flight or failed, and every 23rd film have no file yet.
        if spec.tmdb_id not in UPCOMING_MOVIES and index % 23 != 22 and (job is None or job.status == "Completed"):
            # A film SABnzbd has just delivered holds exactly that release.
            release, size = (job.name, job.size_bytes) if job else (None, None)
            chosen = quality_of(job.name, quality)["quality"] if job else quality[quality_name]
            movie = with_file(movie, movie_file(movie, quality=chosen, index=index, release=release, size=size))
        state.movies.add(movie)

    def landing(job: SimDownload) -> Landing | None:
        movie = state.movies.get(job.media_index + 1)
        if movie is None:
            return None
        imported = movie.get("movieFile", {}).get("path", f"{movie['path']}/{job.name}.mkv")
        return Landing(ids={"movieId": movie["id"]}, queue_extra={}, imported_path=imported)

    seed_downloads(state, owner="radarr", qualities=quality, landing=landing)
    return state


def _radarr_routes(state: RadarrState) -> list[BaseRoute]:
    def not_found(text: str) -> MessageError:
        return MessageError(500, text, f"NzbDrone.Core.Exceptions.MovieNotFoundException: {text}")

    async def lookup_tmdb(request: Request) -> Response:
        tmdb_id = query_int(request, "tmdbId", 0) or 0
        found = state.catalogue_entry(tmdb_id)
        if found is None:
            raise not_found(f"Movie with tmdbId {tmdb_id} was not found, it may have been removed from TMDb.")
        return json_response(lookup_results(state, [found])[0])

    async def lookup_imdb(request: Request) -> Response:
        imdb_id = request.query_params.get("imdbId", "")
        found = state.by_imdb(imdb_id)
        if found is None:
            raise not_found(f"Movie with IMDb {imdb_id} was not found, it may have been removed from TMDb.")
        return json_response(lookup_results(state, [found])[0])

    async def lookup(request: Request) -> Response:
        term = request.query_params.get("term", "").strip()
        prefix, _, value = term.partition(":")
        if prefix.lower() in {"tmdb", "tmdbid"}:
            entry = state.catalogue_entry(int(value)) if value.strip().isdigit() else None
            return json_response(lookup_results(state, [entry] if entry else []))
        if prefix.lower() == "imdb":
            entry = state.by_imdb(value.strip())
            return json_response(lookup_results(state, [entry] if entry else []))
        in_library = {item["tmdbId"] for item in state.movies.values()}
        others = [
            movie_metadata(spec, state.clock()) for tmdb, spec in state.catalogue.items() if tmdb not in in_library
        ]
        return json_response(lookup_results(state, title_matches(term, [*state.movies.values(), *others])))

    async def missing(request: Request) -> Response:
        paging = page_request(request, sort_key="movieMetadata.sortTitle", direction="ascending")
        monitored = query_bool(request, "monitored", default=True)
        records = [movie for movie in state.movies.values() if not movie["hasFile"] and movie["monitored"] == monitored]
        by_title: Callable[[JSON], str] = lambda movie: movie["sortTitle"]  # noqa: E731
        sorters = {
            "movieMetadata.sortTitle": by_title,
            "sortTitle": by_title,
            "movieMetadata.year": lambda movie: movie["year"],
        }
        return json_response(paged(records, paging, sorters))

    async def calendar(request: Request) -> Response:
        start, end, unmonitored = calendar_window(request, state)
        dates = ("inCinemas", "digitalRelease", "physicalRelease")
        found = [
            movie
            for movie in state.movies.values()
            if (unmonitored or movie["monitored"]) and any(start <= movie.get(key, "") <= end for key in dates)
        ]
        return raw_json(state.movies.encoded_list(found))

    return [
        Route(f"{API}/movie/lookup/tmdb", lookup_tmdb, methods=["GET"]),
        Route(f"{API}/movie/lookup/imdb", lookup_imdb, methods=["GET"]),
        Route(f"{API}/movie/lookup", lookup, methods=["GET"]),
        Route(f"{API}/wanted/missing", missing, methods=["GET"]),
        Route(f"{API}/calendar", calendar, methods=["GET"]),
    ]


def create_radarr_app(state: RadarrState, *, api_key: str, faults: Faults | None = None) -> ASGIApp:
    """Radarr v6's API v3 over `state`: every request but `GET /ping` needs `api_key`."""
    return arr_app(state, _radarr_routes(state), api_key=api_key, faults=faults)
