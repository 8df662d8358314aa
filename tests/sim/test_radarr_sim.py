"""The Radarr simulator: its seed and size knob, movies, lookups, wanted/missing, calendar and planted settings."""

from __future__ import annotations

import statistics
from typing import Any

import httpx2

from autoarr.sim.downloads import DOWNLOADS
from autoarr.sim.radarr import RADARR_ADMIN_PASSWORD, RadarrState, create_radarr_app, seed_radarr
from tests.sim.conftest import ARR_KEY, arr_client, fixed_clock
from tests.sim.openapi_check import assert_valid

API = "/api/v3"
NEW_MOVIE = 1233413  # Sinners: known to the lookups, not in the default library


def new_movie(**changes: Any) -> dict[str, Any]:
    """A POST /movie body as a client builds it from a lookup result."""
    body: dict[str, Any] = {
        "title": "Sinners",
        "tmdbId": NEW_MOVIE,
        "qualityProfileId": 1,
        "rootFolderPath": "/movies",
        "monitored": True,
        "minimumAvailability": "released",
        "addOptions": {"searchForMovie": True},
    }
    return {**body, **changes}


# --- seed and size knob ----------------------------------------------------------------------------------------


def test_the_default_seed_holds_150_full_sized_movies_in_download_table_order(radarr_state: RadarrState) -> None:
    movies = radarr_state.movies.values()
    assert len(movies) == 150
    assert (movies[0]["title"], movies[0]["tmdbId"]) == ("The Matrix", 603)
    assert [movies[index]["title"] for index in (7, 12)] == ["Dune: Part Two", "Oppenheimer"]
    assert len({movie["tmdbId"] for movie in movies}) == 150
    sizes = [len(radarr_state.movies.encoded(movie["id"])) for movie in movies if movie["hasFile"]]
    assert 3_000 <= statistics.mean(sizes) <= 4_000
    with_files = [movie for movie in movies if movie["hasFile"]]
    assert len(with_files) > 130
    for movie in with_files:
        assert movie["movieFile"]["movieId"] == movie["id"]
        assert movie["sizeOnDisk"] == movie["movieFile"]["size"] == movie["statistics"]["sizeOnDisk"]
        assert set(movie["ratings"]) == {"imdb", "tmdb", "metacritic", "rottenTomatoes", "trakt"}


def test_the_movies_sabnzbd_handled_match_the_download_table(radarr_state: RadarrState) -> None:
    for job in (job for job in DOWNLOADS if job.owner == "radarr"):
        movie = radarr_state.movies.values()[job.media_index]
        assert movie["hasFile"] is (job.status == "Completed"), job.name
        if job.status == "Completed":
            assert (movie["movieFile"]["sceneName"], movie["movieFile"]["size"]) == (job.name, job.size_bytes)


async def test_the_size_knob_serves_ten_thousand_movies() -> None:
    state = seed_radarr(10_000, clock=fixed_clock)
    async with arr_client(create_radarr_app(state, api_key=ARR_KEY)) as client:
        response = await client.get(f"{API}/movie")
        assert response.status_code == 200
        movies = response.json()
        assert len(movies) == 10_000
        assert len({movie["id"] for movie in movies}) == len({movie["tmdbId"] for movie in movies}) == 10_000
        assert_valid("radarr", f"{API}/movie", movies[:30] + movies[5_000:5_030] + movies[-30:])
        assert (await client.get(f"{API}/movie")).content == response.content  # served from the encoded cache
        await client.delete(f"{API}/movie/10000")
        assert len((await client.get(f"{API}/movie")).json()) == 9_999


def test_seeding_is_deterministic_for_a_fixed_clock() -> None:
    assert seed_radarr(clock=fixed_clock).movies.encoded_list() == seed_radarr(clock=fixed_clock).movies.encoded_list()


# --- movies and lookups ----------------------------------------------------------------------------------------


async def test_movie_list_by_id_and_tmdb_filter_match_the_document(radarr: httpx2.AsyncClient) -> None:
    movies = (await radarr.get(f"{API}/movie")).json()
    assert_valid("radarr", f"{API}/movie", movies)
    matrix = (await radarr.get(f"{API}/movie/1")).json()
    assert_valid("radarr", f"{API}/movie/{{id}}", matrix)
    assert matrix == movies[0]
    assert [movie["id"] for movie in (await radarr.get(f"{API}/movie", params={"tmdbId": 603})).json()] == [1]
    missing = await radarr.get(f"{API}/movie/999")
    assert (missing.status_code, missing.json()["type"]) == (404, "https://tools.ietf.org/html/rfc9110#section-15.5.5")


async def test_lookups_by_tmdb_imdb_and_text(radarr: httpx2.AsyncClient) -> None:
    owned = (await radarr.get(f"{API}/movie/lookup/tmdb", params={"tmdbId": 603})).json()
    assert_valid("radarr", f"{API}/movie/lookup/tmdb", owned)
    assert (owned["id"], owned["path"]) == (1, "/movies/The Matrix (1999)")
    assert owned["remotePoster"].startswith("https://image.tmdb.org/")
    new = (await radarr.get(f"{API}/movie/lookup/imdb", params={"imdbId": "tt31193180"})).json()
    assert_valid("radarr", f"{API}/movie/lookup/imdb", new)
    assert (new["id"], new["title"], new["hasFile"]) == (0, "Sinners", False)
    by_term = (await radarr.get(f"{API}/movie/lookup", params={"term": f"tmdb:{NEW_MOVIE}"})).json()
    assert [movie["title"] for movie in by_term] == ["Sinners"]
    text = (await radarr.get(f"{API}/movie/lookup", params={"term": "matrix"})).json()
    assert_valid("radarr", f"{API}/movie/lookup", text)
    assert [movie["title"] for movie in text] == ["The Matrix", "The Matrix Reloaded", "The Matrix Revolutions"]
    unknown = await radarr.get(f"{API}/movie/lookup/tmdb", params={"tmdbId": 424242424})
    assert unknown.status_code == 500
    assert unknown.json()["message"] == "Movie with tmdbId 424242424 was not found, it may have been removed from TMDb."


async def test_adding_a_movie_answers_201_and_queues_refresh_and_search(
    radarr: httpx2.AsyncClient, radarr_state: RadarrState
) -> None:
    response = await radarr.post(f"{API}/movie", json=new_movie())
    assert response.status_code == 201
    added = response.json()
    assert_valid("radarr", f"{API}/movie", added, method="post")
    assert response.headers["location"] == f"http://sim{API}/movie/{added['id']}"
    assert (added["id"], added["path"], added["hasFile"]) == (151, "/movies/Sinners (2025)", False)
    assert (await radarr.get(f"{API}/movie/151")).json()["tmdbId"] == NEW_MOVIE
    assert [command["name"] for command in (await radarr.get(f"{API}/command")).json()] == [
        "RefreshMovie",
        "MoviesSearch",
    ]
    assert radarr_state.commands.named("MoviesSearch")[0]["body"]["movieIds"] == [151]


async def test_adding_a_movie_breaks_validation_like_radarr(radarr: httpx2.AsyncClient) -> None:
    cases = [
        (new_movie(tmdbId=603, title="The Matrix"), "TmdbId", "This movie has already been added"),
        (new_movie(qualityProfileId=0), "QualityProfileId", "'Quality Profile Id' must be greater than '0'."),
        (new_movie(qualityProfileId=9), "QualityProfileId", "Quality Profile does not exist"),
        (new_movie(rootFolderPath="/films"), "RootFolderPath", "Root folder '/films' does not exist"),
        (new_movie(tmdbId=0), "TmdbId", "'Tmdb Id' must not be empty."),
        (new_movie(tmdbId=31337), "TmdbId", "A movie with this ID was not found"),
    ]
    for body, prop, message in cases:
        response = await radarr.post(f"{API}/movie", json=body)
        assert response.status_code == 400, body
        assert (prop, message) in {(item["propertyName"], item["errorMessage"]) for item in response.json()}


async def test_updating_and_deleting_movies(radarr: httpx2.AsyncClient) -> None:
    movie = (await radarr.get(f"{API}/movie/2")).json()
    response = await radarr.put(f"{API}/movie/2", json={**movie, "monitored": False, "title": "Renamed?"})
    assert response.status_code == 202
    assert_valid("radarr", f"{API}/movie/{{id}}", response.json(), method="put")
    fetched = (await radarr.get(f"{API}/movie/2")).json()
    assert (fetched["monitored"], fetched["title"]) == (False, "The Matrix Reloaded")

    deleted = await radarr.delete(f"{API}/movie/2", params={"deleteFiles": "false"})
    assert (deleted.status_code, deleted.content) == (200, b"")
    assert (await radarr.get(f"{API}/movie/2")).status_code == 404
    unmapped = (await radarr.get(f"{API}/rootfolder/1")).json()["unmappedFolders"]
    assert [item["name"] for item in unmapped] == ["The Matrix Reloaded (2003)"]
    missing = await radarr.delete(f"{API}/movie/999")
    assert missing.status_code == 404
    assert missing.json()["message"] == "Movie with ID 999 does not exist"
    assert "description" in missing.json()


# --- wanted, calendar, failed downloads ------------------------------------------------------------------------


async def test_wanted_missing_pages_monitored_movies_without_files(radarr: httpx2.AsyncClient) -> None:
    page = (await radarr.get(f"{API}/wanted/missing", params={"pageSize": 5})).json()
    assert_valid("radarr", f"{API}/wanted/missing", page)
    assert (page["sortKey"], page["sortDirection"]) == ("movieMetadata.sortTitle", "ascending")
    assert page["totalRecords"] > 5
    assert all(not movie["hasFile"] and movie["monitored"] for movie in page["records"])
    titles = {
        movie["title"]
        for movie in (await radarr.get(f"{API}/wanted/missing", params={"pageSize": 100})).json()["records"]
    }
    assert {"Oppenheimer", "Dune: Part Two", "The Odyssey"} <= titles


async def test_the_calendar_shows_releases_in_the_window(radarr: httpx2.AsyncClient) -> None:
    default = (await radarr.get(f"{API}/calendar")).json()
    assert_valid("radarr", f"{API}/calendar", default)
    assert {movie["title"] for movie in default} == {"The Odyssey", "Dune: Part Three"}  # digital release tomorrow
    window = ("2026-11-27T00:00:00Z", "2026-11-29T00:00:00Z")
    for movie in default:
        dates = [movie[key] for key in ("inCinemas", "digitalRelease", "physicalRelease")]
        assert any(window[0] <= date <= window[1] for date in dates), movie["title"]
    wide = (
        await radarr.get(f"{API}/calendar", params={"start": "2026-11-01T00:00:00Z", "end": "2027-01-31T00:00:00Z"})
    ).json()
    assert {"The Odyssey", "Avengers: Doomsday", "Dune: Part Three"} <= {movie["title"] for movie in wide}


async def test_a_failed_grab_is_not_searched_again_until_auto_redownload_is_switched_on(
    radarr: httpx2.AsyncClient, radarr_state: RadarrState
) -> None:
    grabs = (await radarr.get(f"{API}/history", params={"eventType": 1, "pageSize": 50})).json()["records"]
    matrix = next(grab for grab in grabs if grab["movieId"] == 1)
    await radarr.post(f"{API}/history/failed/{matrix['id']}")
    assert radarr_state.commands.named("MoviesSearch") == []
    assert (await radarr.put(f"{API}/config/downloadclient/1", json={"autoRedownloadFailed": True})).status_code == 202
    await radarr.post(f"{API}/history/failed/{matrix['id']}")
    assert [command["body"]["movieIds"] for command in radarr_state.commands.named("MoviesSearch")] == [[1]]


# --- host rules and planted settings --------------------------------------------------------------------------------


async def test_radarr_refuses_basic_authentication(radarr: httpx2.AsyncClient) -> None:
    host = (await radarr.get(f"{API}/config/host")).json()
    response = await radarr.put(f"{API}/config/host/1", json={**host, "authenticationMethod": "basic"})
    assert response.status_code == 400
    assert [item["errorMessage"] for item in response.json()] == [
        "'Basic' is no longer supported, switch to 'Forms' instead."
    ]


async def test_the_planted_sub_optimal_settings_are_served(radarr: httpx2.AsyncClient) -> None:
    host = (await radarr.get(f"{API}/config/host")).json()
    assert (host["authenticationMethod"], host["authenticationRequired"]) == ("forms", "disabledForLocalAddresses")
    assert (host["username"], host["backupRetention"], host["analyticsEnabled"]) == ("admin", 2, True)
    assert host["password"] != RADARR_ADMIN_PASSWORD
    media = (await radarr.get(f"{API}/config/mediamanagement")).json()
    assert (media["copyUsingHardlinks"], media["recycleBin"]) == (False, "")
    handling = (await radarr.get(f"{API}/config/downloadclient")).json()
    assert (handling["enableCompletedDownloadHandling"], handling["autoRedownloadFailed"]) == (True, False)
    indexer_config = (await radarr.get(f"{API}/config/indexer")).json()
    assert (indexer_config["allowHardcodedSubs"], indexer_config["retention"]) == (True, 1100)
    client = (await radarr.get(f"{API}/downloadclient/1")).json()
    fields = {item["name"]: item["value"] for item in client["fields"]}
    assert (client["removeCompletedDownloads"], fields["movieCategory"]) == (False, "movies")
    health = {item["source"]: item for item in (await radarr.get(f"{API}/health")).json()}
    assert health["RootFolderCheck"]["message"] == "Missing root folder: /movies-4k"
    assert "IndexerSearchCheck" in health
