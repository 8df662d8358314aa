"""`/api/v1/movies` over the Radarr simulator: shapes as the reference, Radarr's state after each write."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from autoarr.bus import ContentAdded
from autoarr.sim.stack import SimulatedStack
from tests import reference
from tests.live import serve_settings, settings_for
from tests.stack import Wired, serve_stack

SINNERS = 1233413  # in Radarr's lookup catalogue, not in its library
SUPERMAN = 1061474  # likewise
THE_MATRIX = 603  # movie 1 of the library
WITHOUT_FILE = 23  # GoodFellas: every 23rd film of the seed has no file yet
ADD = {"title": "Sinners", "tmdb_id": SINNERS, "quality_profile_id": 1, "root_folder_path": "/movies"}


@pytest.fixture
async def wired(tmp_path: Path) -> AsyncIterator[Wired]:
    overrides = {"AUTOARR_CIRCUIT_FAILURE_THRESHOLD": "1", "AUTOARR_CIRCUIT_TIMEOUT_SECONDS": "3600"}
    async with serve_stack(tmp_path, **overrides) as wired:
        yield wired


def _radarr_movie(wired: Wired, movie_id: int) -> dict[str, Any]:
    movie = wired.stack.radarr_state.movies.get(movie_id)
    assert movie is not None, movie_id
    return movie


async def test_the_list_has_the_references_fields_and_every_movie(wired: Wired) -> None:
    body = (await wired.live.client.get("/api/v1/movies/")).json()
    reference.assert_shape(body, reference.MOVIES)
    stored = wired.stack.radarr_state.movies.values()
    assert body["total"] == len(stored) == len(body["movies"]) == 150
    assert [item["id"] for item in body["movies"]] == [movie["id"] for movie in stored]
    matrix = body["movies"][0]
    assert (matrix["title"], matrix["year"], matrix["tmdbId"]) == ("The Matrix", 1999, THE_MATRIX)
    assert matrix["sizeOnDisk"] == stored[0]["sizeOnDisk"] > 0
    assert matrix["hasFile"] is True
    without_file = body["movies"][WITHOUT_FILE - 1]
    assert (without_file["hasFile"], without_file["sizeOnDisk"]) == (False, 0)


async def test_both_spellings_of_the_collection_answer_alike(wired: Wired) -> None:
    with_slash = await wired.live.client.get("/api/v1/movies/")
    without = await wired.live.client.get("/api/v1/movies")
    assert with_slash.status_code == without.status_code == 200
    assert with_slash.content == without.content
    assert (await wired.live.client.get("/api/v1/movies/1/")).json()["id"] == 1


async def test_a_page_is_a_slice_and_total_stays_the_full_count(wired: Wired) -> None:
    body = (await wired.live.client.get("/api/v1/movies", params={"page": 3, "page_size": 40})).json()
    reference.assert_shape(body, reference.MOVIES)
    assert [item["id"] for item in body["movies"]] == list(range(81, 121))
    assert body["total"] == 150
    last = (await wired.live.client.get("/api/v1/movies", params={"page": 4, "page_size": 40})).json()
    assert [item["id"] for item in last["movies"]] == list(range(121, 151))
    only_size = (await wired.live.client.get("/api/v1/movies", params={"page_size": 1000})).json()
    assert len(only_size["movies"]) == 150


@pytest.mark.parametrize(
    ("params", "field"),
    [({"page": -1}, "page"), ({"page_size": "ten"}, "page_size"), ({"page_size": 0}, "page_size")],
)
async def test_invalid_paging_is_400_naming_the_parameter(wired: Wired, params: dict[str, Any], field: str) -> None:
    response = await wired.live.client.get("/api/v1/movies", params=params)
    assert response.status_code == 400
    assert list(response.json()["details"]) == [field]


async def test_the_detail_has_genres_the_tmdb_rating_and_the_file(wired: Wired) -> None:
    response = await wired.live.client.get("/api/v1/movies/1")
    assert response.status_code == 200
    body = response.json()
    reference.assert_shape(body, reference.MOVIE)
    stored = _radarr_movie(wired, 1)
    assert body["genres"] == stored["genres"] == ["Action", "Science Fiction"]
    tmdb = stored["ratings"]["tmdb"]
    assert body["ratings"] == {"value": tmdb["value"], "votes": tmdb["votes"]}
    file = stored["movieFile"]
    assert body["movieFile"] == {
        "relativePath": file["relativePath"],
        "size": file["size"],
        "quality": {"quality": {"name": file["quality"]["quality"]["name"]}},
    }


async def test_a_movie_without_a_file_has_a_null_movie_file(wired: Wired) -> None:
    body = (await wired.live.client.get(f"/api/v1/movies/{WITHOUT_FILE}")).json()
    reference.assert_shape({**body, "movieFile": reference.MOVIE["movieFile"]}, reference.MOVIE)
    assert body["hasFile"] is False
    assert body["movieFile"] is None


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        (
            {"imdb": {"votes": 120, "value": 7.5, "type": "user"}, "tmdb": {"votes": 0, "value": 0, "type": "user"}},
            {"value": 7.5, "votes": 120},
        ),
        ({"imdb": {"votes": 99, "value": 6.1, "type": "user"}}, {"value": 6.1, "votes": 99}),
        ({}, {"value": 0.0, "votes": 0}),
    ],
)
async def test_without_a_tmdb_rating_imdbs_is_shown(
    wired: Wired, ratings: dict[str, Any], expected: dict[str, Any]
) -> None:
    movie = _radarr_movie(wired, 5)
    movie["ratings"] = ratings
    wired.stack.radarr_state.movies.touch(5)
    body = (await wired.live.client.get("/api/v1/movies/5")).json()
    assert body["ratings"] == expected


@pytest.mark.parametrize(("path", "status"), [("/999", 404), ("/x1", 400), ("/-4", 400)])
async def test_unknown_or_malformed_ids_are_404_or_400(wired: Wired, path: str, status: int) -> None:
    response = await wired.live.client.get("/api/v1/movies" + path)
    assert response.status_code == status


async def test_adding_a_movie_creates_it_in_radarr_and_announces_it(wired: Wired) -> None:
    events = wired.bus.subscribe(types=[ContentAdded])
    response = await wired.live.client.post("/api/v1/movies/", json=ADD, headers={"X-Request-ID": "add-sinners"})
    assert response.status_code == 201
    body = response.json()
    reference.assert_shape(body, reference.MOVIE_ADDED)
    assert (body["title"], body["year"], body["tmdbId"], body["monitored"]) == ("Sinners", 2025, SINNERS, True)
    assert body["path"].startswith("/movies/Sinners")
    assert body["added"].endswith("Z")
    stored = _radarr_movie(wired, body["id"])
    assert (stored["tmdbId"], stored["qualityProfileId"], stored["rootFolderPath"]) == (SINNERS, 1, "/movies")
    assert (stored["monitored"], stored["minimumAvailability"]) == (True, "released")
    assert wired.stack.radarr_state.commands.named("MoviesSearch") == []  # search_for_movie defaults to false
    event = await events.get()
    assert event.request_id == "add-sinners"
    assert event.data == ContentAdded(
        request_id="add-sinners", content_id=str(body["id"]), title="Sinners", type="movie"
    )


async def test_add_options_reach_radarr(wired: Wired) -> None:
    body = {
        "title": "Superman",
        "tmdb_id": SUPERMAN,
        "quality_profile_id": 2,
        "root_folder_path": "/movies/",
        "monitored": False,
        "search_for_movie": True,
        "minimum_availability": "inCinemas",
    }
    response = await wired.live.client.post("/api/v1/movies", json=body)
    assert response.status_code == 201
    movie_id = response.json()["id"]
    stored = _radarr_movie(wired, movie_id)
    assert (stored["qualityProfileId"], stored["monitored"], stored["minimumAvailability"]) == (2, False, "inCinemas")
    searches = wired.stack.radarr_state.commands.named("MoviesSearch")
    assert [command["body"]["movieIds"] for command in searches] == [[movie_id]]


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"tmdb_id": None}, {"tmdb_id"}),
        ({"tmdb_id": 0}, {"tmdb_id"}),
        ({"tmdb_id": -603}, {"tmdb_id"}),
        ({"tmdb_id": 987_654_321}, {"tmdb_id"}),  # Radarr's lookup knows no such movie (it answers 500)
        ({"tmdb_id": THE_MATRIX}, {"tmdb_id"}),  # already in the library
        ({"quality_profile_id": 77}, {"quality_profile_id"}),
        ({"root_folder_path": "/films"}, {"root_folder_path"}),
        ({"tmdb_id": THE_MATRIX, "root_folder_path": "/films"}, {"tmdb_id", "root_folder_path"}),
        ({"minimum_availability": "someday"}, {"minimum_availability"}),
        ({"quality_profile_id": "best"}, {"quality_profile_id"}),
    ],
)
async def test_bad_additions_are_400_naming_each_field_and_radarr_is_unchanged(
    wired: Wired, change: dict[str, Any], fields: set[str]
) -> None:
    before = len(wired.stack.radarr_state.movies)
    body = {key: value for key, value in {**ADD, **change}.items() if value is not None}
    response = await wired.live.client.post("/api/v1/movies", json=body)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
    assert set(response.json()["details"]) == fields
    assert len(wired.stack.radarr_state.movies) == before
    assert wired.integrations.get("radarr").breaker.state == "closed"  # an unknown id is no outage


async def test_search_queues_a_movies_search_in_radarr_and_returns_its_id(wired: Wired) -> None:
    response = await wired.live.client.post("/api/v1/movies/1/search")
    assert response.status_code == 200
    body = response.json()
    reference.assert_shape(body, reference.MOVIE_SEARCH)
    assert body["message"] == "Search triggered for The Matrix"
    searches = wired.stack.radarr_state.commands.named("MoviesSearch")
    assert [(str(command["id"]), command["body"]["movieIds"]) for command in searches] == [(body["command_id"], [1])]


async def test_searching_a_missing_movie_is_404_and_queues_nothing(wired: Wired) -> None:
    response = await wired.live.client.post("/api/v1/movies/9999/search")
    assert response.status_code == 404
    assert wired.stack.radarr_state.commands.named("MoviesSearch") == []


@pytest.mark.parametrize("delete_files", [False, True])
async def test_delete_passes_delete_files_to_radarr(wired: Wired, delete_files: bool) -> None:
    state = wired.stack.radarr_state
    size = _radarr_movie(wired, 1)["statistics"]["sizeOnDisk"]
    free_before = state.root_folders.values()[0]["freeSpace"]
    response = await wired.live.client.delete("/api/v1/movies/1", params={"delete_files": str(delete_files).lower()})
    assert response.status_code == 200
    body = response.json()
    reference.assert_shape(body, reference.MOVIE_DELETED)
    assert body == {
        "success": True,
        "message": "Movie deleted successfully",
        "movie_id": 1,
        "files_deleted": delete_files,
    }
    assert state.movies.get(1) is None
    folder = state.root_folders.values()[0]
    left_behind = [unmapped["path"] for unmapped in folder["unmappedFolders"]]
    if delete_files:
        assert folder["freeSpace"] == free_before + size
        assert left_behind == []
    else:
        assert folder["freeSpace"] == free_before
        assert left_behind == ["/movies/The Matrix (1999)"]


async def test_deleting_a_missing_movie_is_404(wired: Wired) -> None:
    response = await wired.live.client.delete("/api/v1/movies/9999/")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


async def test_adding_spends_the_requests_budget_and_reading_the_general_one(wired: Wired) -> None:
    added = await wired.live.client.post("/api/v1/movies", json=ADD)
    assert added.headers["X-RateLimit-Limit"] == "30"
    listed = await wired.live.client.get("/api/v1/movies")
    assert listed.headers["X-RateLimit-Limit"] == "100"


async def test_radarr_down_is_503_and_then_its_open_circuit_is_503_without_calling_it(wired: Wired) -> None:
    await wired.stack.servers["radarr"].stop()
    down = await wired.live.client.post("/api/v1/movies", json=ADD)
    assert down.status_code == 503
    assert down.json()["details"]["reason"] == "unreachable"
    await wired.stack.servers["radarr"].start()
    seen = wired.stack.faults["radarr"].requests_seen
    response = await wired.live.client.get("/api/v1/movies")
    assert response.status_code == 503
    assert response.json()["details"]["reason"] == "circuit_open"
    assert wired.stack.faults["radarr"].requests_seen == seen
    assert (await wired.live.client.get("/api/v1/shows/1")).status_code == 200


async def test_a_radarr_sending_garbage_is_503(wired: Wired) -> None:
    wired.stack.faults["radarr"].malformed_json = True
    response = await wired.live.client.get("/api/v1/movies/1")
    assert response.status_code == 503
    assert response.json()["details"]["reason"] == "bad_response"


async def test_a_disabled_radarr_is_503(tmp_path: Path) -> None:
    async with SimulatedStack() as stack:
        env = {key: value for key, value in stack.environment().items() if not key.startswith("RADARR")}
        async with serve_settings(settings_for(tmp_path, **env)) as live:
            for method, path, body in [("GET", "/", None), ("POST", "/", ADD), ("DELETE", "/1", None)]:
                response = await live.client.request(method, "/api/v1/movies" + path, json=body)
                assert response.status_code == 503, (method, path)
                assert response.json()["details"]["reason"] == "disabled"
            assert stack.faults["radarr"].requests_seen == 0


async def test_every_answer_matches_the_openapi_document(wired: Wired) -> None:
    spec = (await wired.live.client.get("/openapi.json")).json()
    answers = [
        ("GET", "/api/v1/movies", "", None, 200),
        ("GET", "/api/v1/movies/{movie_id}", "/1", None, 200),
        ("GET", "/api/v1/movies/{movie_id}", f"/{WITHOUT_FILE}", None, 200),
        ("POST", "/api/v1/movies", "", ADD, 201),
        ("POST", "/api/v1/movies/{movie_id}/search", "/1/search", None, 200),
        ("DELETE", "/api/v1/movies/{movie_id}", "/1", None, 200),
    ]
    for method, documented, path, body, status in answers:
        response = await wired.live.client.request(method, "/api/v1/movies" + path, json=body)
        assert response.status_code == status, (method, path)
        reference.assert_documented(spec, method, documented, status, response.json())
