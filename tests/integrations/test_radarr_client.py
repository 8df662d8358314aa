"""RadarrClient against the Radarr simulator (the shared *arr calls are in test_arr_client)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta

import httpx2
import pytest

from autoarr.errors import InvalidRequestError, NotFoundError, ServiceUnavailableError, UpstreamAuthError
from autoarr.integrations._arr import arr_headers
from autoarr.integrations.radarr import RadarrClient
from autoarr.sim.radarr import RadarrState, create_radarr_app, seed_radarr
from tests.integrations.clients import ARR_KEY, FIXED_NOW, Sim, fixed_clock, on_socket, radarr_sim, service_http

NEW_MOVIE = 1233413  # Sinners: known to Radarr's lookups, not in the seeded library
MATRIX = 603

RadarrSim = Sim[RadarrState, RadarrClient]


@pytest.fixture
async def radarr() -> AsyncIterator[RadarrSim]:
    async with radarr_sim() as sim:
        yield sim


async def test_the_movie_list_holds_every_movie_with_the_fields_autoarr_shows(radarr: RadarrSim) -> None:
    movies = await radarr.client.list_movies()
    assert len(movies) == len(radarr.state.movies) == 150
    matrix = next(movie for movie in movies if movie.tmdb_id == MATRIX)
    stored = radarr.state.movies.get(matrix.id)
    assert stored is not None
    assert (matrix.title, matrix.year, matrix.status, matrix.runtime) == ("The Matrix", 1999, "released", 136)
    assert (matrix.monitored, matrix.has_file, matrix.quality_profile_id) == (True, True, 1)
    assert (matrix.path, matrix.size_on_disk) == ("/movies/The Matrix (1999)", stored["sizeOnDisk"])
    assert matrix.overview == stored["overview"]
    assert not hasattr(matrix, "movie_file")  # the list decodes only what AutoArr uses
    assert sum(not movie.has_file for movie in movies) == sum(
        not movie["hasFile"] for movie in radarr.state.movies.values()
    )


async def test_a_large_library_read_over_a_socket_arrives_whole_and_in_order() -> None:
    # 2,000 movies are about 7 MB: the client decodes them a megabyte at a time as the chunks arrive.
    state = seed_radarr(2000, clock=fixed_clock)
    app = create_radarr_app(state, api_key=ARR_KEY)
    async with on_socket("radarr", app, headers=arr_headers(ARR_KEY)) as (_, http):
        movies = await RadarrClient(http).list_movies()
    stored = list(state.movies.values())
    assert [(movie.id, movie.title, movie.size_on_disk) for movie in movies] == [
        (record["id"], record["title"], record["sizeOnDisk"]) for record in stored
    ]


async def test_nulls_where_the_openapi_document_allows_them_read_as_absent_fields() -> None:
    # Radarr itself leaves nulls out; a server that writes them for its nullable fields means the same.
    sent = {"id": 7, "title": None, "overview": None, "hasFile": None, "movieFile": None, "ratings": {"imdb": None}}
    listed = [{"id": 7, "title": None, "sizeOnDisk": None}, {"id": 8, "title": "Eight"}]

    def radarr(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, json=listed if request.url.path.endswith("/movie") else sent)

    http = service_http("radarr", base_url="http://radarr", headers={}, transport=httpx2.MockTransport(radarr))
    async with http.client:
        movie = await RadarrClient(http).get_movie(7)
        movies = await RadarrClient(http).list_movies()
    assert (movie.id, movie.title, movie.overview, movie.has_file, movie.movie_file) == (7, "", "", False, None)
    assert movie.ratings is not None
    assert movie.ratings.imdb is None
    assert [(m.id, m.title, m.size_on_disk) for m in movies] == [(7, "", 0), (8, "Eight", 0)]


async def test_one_movie_comes_with_genres_ratings_and_its_file(radarr: RadarrSim) -> None:
    movie = await radarr.client.get_movie(1)
    stored = radarr.state.movies.get(1)
    assert stored is not None
    assert (movie.title, movie.tmdb_id, movie.genres) == ("The Matrix", MATRIX, ["Action", "Science Fiction"])
    assert movie.ratings is not None
    assert movie.ratings.tmdb is not None
    assert movie.ratings.imdb is not None
    assert (movie.ratings.tmdb.value, movie.ratings.tmdb.votes) == (7.849, 22807)
    assert (movie.ratings.imdb.value, movie.ratings.imdb.votes) == (8.1, 1427890)
    assert movie.movie_file is not None
    assert movie.movie_file.relative_path == stored["movieFile"]["relativePath"]
    assert movie.movie_file.size == stored["movieFile"]["size"]
    assert movie.movie_file.quality is not None
    assert movie.movie_file.quality.quality.name == "Bluray-1080p"
    assert movie.model_extra is not None
    assert movie.model_extra["collection"] == {"title": "The Matrix Collection", "tmdbId": 2344}


async def test_a_missing_movie_is_not_found(radarr: RadarrSim) -> None:
    with pytest.raises(NotFoundError) as missing:
        await radarr.client.get_movie(9999)
    assert missing.value.message == "Movie 9999 was not found in Radarr"


async def test_lookup_by_tmdb_id_finds_a_movie_outside_the_library(radarr: RadarrSim) -> None:
    found = await radarr.client.lookup_by_tmdb_id(NEW_MOVIE)
    assert (found.id, found.title, found.tmdb_id) == (0, "Sinners", NEW_MOVIE)
    owned = await radarr.client.lookup_by_tmdb_id(MATRIX)
    assert (owned.id, owned.title) == (1, "The Matrix")
    by_imdb = await radarr.client.lookup_by_imdb_id("tt0133093")
    assert by_imdb.tmdb_id == MATRIX


async def test_an_unknown_tmdb_id_is_not_found_and_radarrs_500_does_not_count_against_it(radarr: RadarrSim) -> None:
    with pytest.raises(NotFoundError) as missing:
        await radarr.client.lookup_by_tmdb_id(1)
    assert missing.value.message == "TMDb id 1 was not found by Radarr"
    with pytest.raises(NotFoundError):
        await radarr.client.lookup_by_imdb_id("tt0000000")
    assert radarr.http.breaker.failure_count == 0
    assert radarr.http.breaker.state == "closed"


async def test_a_real_500_from_the_lookup_is_still_service_unavailable(radarr: RadarrSim) -> None:
    radarr.faults.error_500 = True
    with pytest.raises(ServiceUnavailableError) as failed:
        await radarr.client.lookup_by_tmdb_id(MATRIX)
    assert failed.value.reason == "upstream_error"


async def test_free_text_lookup_matches_titles(radarr: RadarrSim) -> None:
    found = await radarr.client.lookup_movies("matrix")
    assert "The Matrix" in {movie.title for movie in found}


async def test_adding_a_movie_stores_it_with_the_chosen_profile_folder_and_options(radarr: RadarrSim) -> None:
    lookup = await radarr.client.lookup_by_tmdb_id(NEW_MOVIE)
    added = await radarr.client.add_movie(
        lookup,
        quality_profile_id=2,
        root_folder_path="/movies",
        minimum_availability="inCinemas",
        search_for_movie=True,
    )
    stored = radarr.state.movies.get(added.id)
    assert stored is not None
    assert (stored["tmdbId"], stored["qualityProfileId"], stored["rootFolderPath"]) == (NEW_MOVIE, 2, "/movies")
    assert (stored["minimumAvailability"], stored["monitored"]) == ("inCinemas", True)
    assert (added.id, added.added, added.has_file) == (151, FIXED_NOW, False)
    [search] = radarr.state.commands.named("MoviesSearch")
    assert search["body"]["movieIds"] == [added.id]
    body = radarr.recorder.requests("POST", "/api/v3/movie")[0].json()
    assert body["addOptions"] == {"monitor": "movieOnly", "searchForMovie": True}
    assert lookup.model_extra is not None
    assert body["images"] == lookup.model_extra["images"]


async def test_adding_without_a_search_queues_none(radarr: RadarrSim) -> None:
    lookup = await radarr.client.lookup_by_tmdb_id(NEW_MOVIE)
    await radarr.client.add_movie(lookup, quality_profile_id=1, root_folder_path="/movies", monitored=False)
    assert radarr.state.commands.named("MoviesSearch") == []
    assert radarr.state.movies.get(151) is not None
    assert (radarr.state.movies.get(151) or {})["monitored"] is False


async def test_adding_a_movie_twice_is_an_invalid_request_naming_the_field(radarr: RadarrSim) -> None:
    lookup = await radarr.client.lookup_by_tmdb_id(NEW_MOVIE)
    await radarr.client.add_movie(lookup, quality_profile_id=1, root_folder_path="/movies")
    with pytest.raises(InvalidRequestError) as rejected:
        await radarr.client.add_movie(lookup, quality_profile_id=1, root_folder_path="/movies")
    assert rejected.value.details == {"tmdbId": "This movie has already been added"}
    assert len(radarr.state.movies) == 151


async def test_adding_with_a_bad_profile_reports_the_field(radarr: RadarrSim) -> None:
    lookup = await radarr.client.lookup_by_tmdb_id(NEW_MOVIE)
    with pytest.raises(InvalidRequestError) as rejected:
        await radarr.client.add_movie(lookup, quality_profile_id=0, root_folder_path="/movies")
    assert rejected.value.details == {"qualityProfileId": "'Quality Profile Id' must be greater than '0'."}


async def test_deleting_a_movie_removes_it(radarr: RadarrSim) -> None:
    await radarr.client.delete_movie(1, delete_files=True)
    assert radarr.state.movies.get(1) is None
    assert "deleteFiles=true" in radarr.recorder.requests("DELETE", "/api/v3/movie/1")[0].query


async def test_deleting_a_missing_movie_is_not_found(radarr: RadarrSim) -> None:
    with pytest.raises(NotFoundError) as missing:
        await radarr.client.delete_movie(9999)
    assert missing.value.message == "Movie 9999 was not found in Radarr"
    assert len(radarr.state.movies) == 150


async def test_a_movie_search_is_a_command_whose_id_is_a_string_radarr_can_be_asked_about(radarr: RadarrSim) -> None:
    command_id = await radarr.client.search_movies([1, 2])
    assert command_id.isdigit()
    [queued] = radarr.state.commands.named("MoviesSearch")
    assert (str(queued["id"]), queued["body"]["movieIds"]) == (command_id, [1, 2])
    command = await radarr.client.command(command_id)
    assert (command.id, command.name, command.command_name, command.status) == (
        command_id,
        "MoviesSearch",
        "Movies Search",
        "started",
    )


async def test_the_calendar_lists_releases_in_the_window(radarr: RadarrSim) -> None:
    start = date(2026, 11, 20)
    movies = await radarr.client.calendar(start, start + timedelta(days=14))
    assert "The Odyssey" in {movie.title for movie in movies}
    assert all(movie.monitored for movie in movies)


async def test_wanted_missing_pages_through_monitored_movies_without_a_file(radarr: RadarrSim) -> None:
    expected = [m for m in radarr.state.movies.values() if m["monitored"] and not m["hasFile"]]
    page = await radarr.client.wanted_missing(page=1, page_size=5)
    assert page.total_records == len(expected) == 11
    assert len(page.records) == 5
    assert all(not movie.has_file for movie in page.records)


async def test_a_wrong_key_is_an_upstream_auth_error() -> None:
    async with radarr_sim(key="wrong") as sim:
        with pytest.raises(UpstreamAuthError):
            await sim.client.get_movie(1)
        assert sim.recorder.requests("GET", "/api/v3/movie/1")


async def test_a_stopped_server_is_unreachable() -> None:
    app = create_radarr_app(seed_radarr(clock=fixed_clock), api_key=ARR_KEY)
    async with on_socket("radarr", app, headers=arr_headers(ARR_KEY)) as (server, http):
        client = RadarrClient(http)
        await client.ping()
        await server.stop()
        with pytest.raises(ServiceUnavailableError) as down:
            await client.ping()
        assert down.value.reason == "unreachable"
        assert http.breaker.failure_count == 1
