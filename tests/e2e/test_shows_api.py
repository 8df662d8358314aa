"""`/api/v1/shows` over the Sonarr simulator: shapes as the reference, Sonarr's state after each write."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx2
import pytest

from autoarr.bus import ContentAdded
from autoarr.sim.stack import SimulatedStack
from tests import reference
from tests.live import serve_settings, settings_for
from tests.stack import Wired, serve_stack

THE_PENGUIN = 423625  # in Sonarr's lookup catalogue, not in its library
FALLOUT = 416744  # likewise, two seasons
BREAKING_BAD = 81189  # series 1 of the library
ADD = {"title": "The Penguin", "tvdb_id": THE_PENGUIN, "quality_profile_id": 1, "root_folder_path": "/tv"}


@pytest.fixture
async def wired(tmp_path: Path) -> AsyncIterator[Wired]:
    overrides = {"AUTOARR_CIRCUIT_FAILURE_THRESHOLD": "1", "AUTOARR_CIRCUIT_TIMEOUT_SECONDS": "3600"}
    async with serve_stack(tmp_path, **overrides) as wired:
        yield wired


def _sonarr_series(wired: Wired) -> list[dict[str, Any]]:
    return wired.stack.sonarr_state.series.values()


async def test_the_list_has_the_references_fields_and_every_series(wired: Wired) -> None:
    body = (await wired.live.client.get("/api/v1/shows/")).json()
    reference.assert_shape(body, reference.SHOWS)
    stored = _sonarr_series(wired)
    assert body["total"] == len(stored) == len(body["series"])
    assert [item["id"] for item in body["series"]] == [series["id"] for series in stored]
    breaking_bad = body["series"][0]
    assert breaking_bad["title"] == "Breaking Bad"
    assert breaking_bad["tvdbId"] == BREAKING_BAD
    assert breaking_bad["seasons"] == 5  # a count, not the list
    assert breaking_bad["episodeCount"] == stored[0]["statistics"]["episodeCount"]
    assert breaking_bad["path"] == "/tv/Breaking Bad"


async def test_both_spellings_of_the_collection_answer_alike(wired: Wired) -> None:
    with_slash = await wired.live.client.get("/api/v1/shows/")
    without = await wired.live.client.get("/api/v1/shows")
    assert with_slash.status_code == without.status_code == 200
    assert with_slash.json() == without.json()
    assert (await wired.live.client.get("/api/v1/shows/1/")).json()["id"] == 1


async def test_a_page_is_a_slice_and_total_stays_the_full_count(wired: Wired) -> None:
    everything = (await wired.live.client.get("/api/v1/shows")).json()["series"]
    body = (await wired.live.client.get("/api/v1/shows", params={"page": 2, "page_size": 7})).json()
    reference.assert_shape(body, reference.SHOWS)
    assert [item["id"] for item in body["series"]] == [item["id"] for item in everything[7:14]]
    assert body["total"] == len(everything)
    past_the_end = (await wired.live.client.get("/api/v1/shows", params={"page": 99, "page_size": 10})).json()
    assert past_the_end == {"series": [], "total": len(everything)}
    first_hundred = (await wired.live.client.get("/api/v1/shows", params={"page": 1})).json()
    assert len(first_hundred["series"]) == min(100, len(everything))


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": 0}, "page"),
        ({"page": "x"}, "page"),
        ({"page_size": 0}, "page_size"),
        ({"page_size": 1001}, "page_size"),
    ],
)
async def test_invalid_paging_is_400_naming_the_parameter(wired: Wired, params: dict[str, Any], field: str) -> None:
    response = await wired.live.client.get("/api/v1/shows", params=params)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
    assert list(response.json()["details"]) == [field]


async def test_the_detail_has_seasons_with_statistics_and_the_size_on_disk(wired: Wired) -> None:
    response = await wired.live.client.get("/api/v1/shows/1")
    assert response.status_code == 200
    body = response.json()
    reference.assert_shape(body, reference.SHOW)
    stored = wired.stack.sonarr_state.series.get(1)
    assert stored is not None
    assert body["sizeOnDisk"] == stored["statistics"]["sizeOnDisk"] > 0
    assert [season["seasonNumber"] for season in body["seasons"]] == [1, 2, 3, 4, 5]
    for shown, season in zip(body["seasons"], stored["seasons"], strict=True):
        assert shown["statistics"] == {
            "episodeCount": season["statistics"]["episodeCount"],
            "episodeFileCount": season["statistics"]["episodeFileCount"],
            "percentOfEpisodes": season["statistics"]["percentOfEpisodes"],
        }


@pytest.mark.parametrize(("path", "status"), [("/999", 404), ("/abc", 400), ("/0", 400)])
async def test_unknown_or_malformed_ids_are_404_or_400(wired: Wired, path: str, status: int) -> None:
    response = await wired.live.client.get("/api/v1/shows" + path)
    assert response.status_code == status
    assert response.json()["error"] == ("not_found" if status == 404 else "invalid_request")


async def test_adding_a_show_creates_it_in_sonarr_and_announces_it(wired: Wired) -> None:
    events = wired.bus.subscribe(types=[ContentAdded])
    response = await wired.live.client.post("/api/v1/shows/", json=ADD, headers={"X-Request-ID": "add-penguin-1"})
    assert response.status_code == 201
    body = response.json()
    reference.assert_shape(body, reference.SHOW_ADDED)
    assert body["added"].endswith("Z")
    assert (body["title"], body["tvdbId"], body["path"], body["monitored"]) == (
        "The Penguin",
        THE_PENGUIN,
        "/tv/The Penguin",
        True,
    )
    stored = wired.stack.sonarr_state.series.get(body["id"])
    assert stored is not None
    assert (stored["tvdbId"], stored["qualityProfileId"], stored["rootFolderPath"]) == (THE_PENGUIN, 1, "/tv")
    assert stored["monitored"] is True
    # addOptions.monitor "all": every episode is monitored; no search was asked for.
    episodes = wired.stack.sonarr_state.episodes_of(body["id"])
    assert episodes
    assert all(episode["monitored"] for episode in episodes)
    assert wired.stack.sonarr_state.commands.named("MissingEpisodeSearch") == []
    event = await events.get()
    assert event.type == "content.added"
    assert event.request_id == "add-penguin-1"
    assert event.data == ContentAdded(
        request_id="add-penguin-1", content_id=str(body["id"]), title="The Penguin", type="series"
    )


async def test_an_unmonitored_show_monitors_nothing_and_a_search_reaches_sonarr(wired: Wired) -> None:
    body = {
        "title": "Fallout",
        "tvdb_id": FALLOUT,
        "quality_profile_id": 2,
        "root_folder_path": "/tv/",
        "monitored": False,
        "season_folder": False,
        "search_for_missing_episodes": True,
    }
    response = await wired.live.client.post("/api/v1/shows", json=body)
    assert response.status_code == 201
    series_id = response.json()["id"]
    assert response.json()["monitored"] is False
    stored = wired.stack.sonarr_state.series.get(series_id)
    assert stored is not None
    assert (stored["qualityProfileId"], stored["seasonFolder"], stored["monitored"]) == (2, False, False)
    # addOptions.monitor "none": no episode and no season is monitored.
    assert not any(episode["monitored"] for episode in wired.stack.sonarr_state.episodes_of(series_id))
    assert not any(season["monitored"] for season in stored["seasons"])
    searches = wired.stack.sonarr_state.commands.named("MissingEpisodeSearch")
    assert [command["body"]["seriesId"] for command in searches] == [series_id]


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"tvdb_id": None}, {"tvdb_id"}),
        ({"tvdb_id": 0}, {"tvdb_id"}),
        ({"tvdb_id": -5}, {"tvdb_id"}),
        ({"tvdb_id": "many"}, {"tvdb_id"}),
        ({"tvdb_id": 999_999_999}, {"tvdb_id"}),  # Sonarr's lookup knows no such show
        ({"tvdb_id": BREAKING_BAD}, {"tvdb_id"}),  # already in the library
        ({"quality_profile_id": 42}, {"quality_profile_id"}),
        ({"root_folder_path": "/nowhere"}, {"root_folder_path"}),
        ({"quality_profile_id": 42, "root_folder_path": "/nowhere"}, {"quality_profile_id", "root_folder_path"}),
        ({"root_folder_path": None, "monitored": "perhaps"}, {"root_folder_path", "monitored"}),
    ],
)
async def test_bad_additions_are_400_naming_each_field_and_sonarr_is_unchanged(
    wired: Wired, change: dict[str, Any], fields: set[str]
) -> None:
    before = len(_sonarr_series(wired))
    body = {key: value for key, value in {**ADD, **change}.items() if value is not None}
    response = await wired.live.client.post("/api/v1/shows", json=body)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
    assert set(response.json()["details"]) == fields
    assert len(_sonarr_series(wired)) == before


async def test_an_already_added_show_says_where_it_is(wired: Wired) -> None:
    response = await wired.live.client.post("/api/v1/shows", json={**ADD, "tvdb_id": BREAKING_BAD})
    assert "Breaking Bad" in response.json()["details"]["tvdb_id"]
    assert "already" in response.json()["details"]["tvdb_id"]


async def test_an_add_that_loses_a_race_to_another_is_a_conflict(wired: Wired) -> None:
    sonarr = wired.stack.servers["sonarr"]
    rival = httpx2.AsyncClient(base_url=sonarr.url, headers={"X-Api-Key": wired.stack.sonarr_key})

    async def another_add_lands_first(request: httpx2.Request) -> None:
        if request.method == "POST" and request.url.path == "/api/v3/series":
            assert (await rival.post("/api/v3/series", content=request.content)).status_code == 201

    client = wired.live.app.state.integrations.get("sonarr").http.client
    client.event_hooks["request"].append(another_add_lands_first)
    async with rival:
        response = await wired.live.client.post("/api/v1/shows/", json=ADD)
    assert response.status_code == 409
    body = response.json()
    assert body["error"] == "conflict"
    assert "by another request" in body["message"]
    assert "already in Sonarr" in body["details"]["tvdb_id"]
    assert [series["tvdbId"] for series in _sonarr_series(wired)].count(THE_PENGUIN) == 1
    assert wired.live.app.state.integrations.get("sonarr").breaker.failure_count == 0


async def test_deletes_racing_for_one_show_give_one_success_and_not_found_for_the_rest(wired: Wired) -> None:
    answers = await asyncio.gather(*(wired.live.client.delete("/api/v1/shows/4") for _ in range(6)))
    assert sorted(response.status_code for response in answers) == [200, 404, 404, 404, 404, 404]
    assert wired.live.app.state.integrations.get("sonarr").breaker.failure_count == 0


async def test_a_body_that_is_not_json_is_400(wired: Wired) -> None:
    response = await wired.live.client.post(
        "/api/v1/shows", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


async def test_search_queues_a_series_search_in_sonarr_and_returns_its_id(wired: Wired) -> None:
    response = await wired.live.client.post("/api/v1/shows/1/search")
    assert response.status_code == 200
    body = response.json()
    reference.assert_shape(body, reference.SHOW_SEARCH)
    assert body["message"] == "Search triggered for Breaking Bad"
    searches = wired.stack.sonarr_state.commands.named("SeriesSearch")
    assert [(str(command["id"]), command["body"]["seriesId"]) for command in searches] == [(body["command_id"], 1)]
    command = (await wired.integrations.sonarr.command(body["command_id"])).name
    assert command == "SeriesSearch"


async def test_searching_a_missing_show_is_404_and_queues_nothing(wired: Wired) -> None:
    response = await wired.live.client.post("/api/v1/shows/999/search")
    assert response.status_code == 404
    assert wired.stack.sonarr_state.commands.named("SeriesSearch") == []


async def test_delete_without_files_leaves_the_folder_behind(wired: Wired) -> None:
    response = await wired.live.client.delete("/api/v1/shows/3/")
    assert response.status_code == 200
    body = response.json()
    reference.assert_shape(body, reference.SHOW_DELETED)
    assert body == {"success": True, "message": "Series deleted successfully", "series_id": 3, "files_deleted": False}
    assert wired.stack.sonarr_state.series.get(3) is None
    folder = wired.stack.sonarr_state.root_folders.values()[0]
    assert "/tv/The Expanse" in [unmapped["path"] for unmapped in folder["unmappedFolders"]]


async def test_delete_files_is_passed_to_sonarr(wired: Wired) -> None:
    state = wired.stack.sonarr_state
    size = next(series for series in _sonarr_series(wired) if series["id"] == 2)["statistics"]["sizeOnDisk"]
    free_before = state.root_folders.values()[0]["freeSpace"]
    response = await wired.live.client.delete("/api/v1/shows/2", params={"delete_files": "true"})
    assert response.json()["files_deleted"] is True
    assert state.series.get(2) is None
    folder = state.root_folders.values()[0]
    assert folder["freeSpace"] == free_before + size  # Sonarr deleted the files
    assert "/tv/Game of Thrones" not in [unmapped["path"] for unmapped in folder["unmappedFolders"]]


async def test_deleting_a_missing_show_is_404_not_sonarrs_500(wired: Wired) -> None:
    response = await wired.live.client.delete("/api/v1/shows/999")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert wired.integrations.get("sonarr").breaker.state == "closed"


async def test_adding_spends_the_requests_budget_and_reading_the_general_one(wired: Wired) -> None:
    added = await wired.live.client.post("/api/v1/shows/", json=ADD)
    assert added.headers["X-RateLimit-Limit"] == "30"
    searched = await wired.live.client.post("/api/v1/shows/1/search")
    assert searched.headers["X-RateLimit-Limit"] == "100"
    listed = await wired.live.client.get("/api/v1/shows/")
    assert listed.headers["X-RateLimit-Limit"] == "100"
    assert int(added.headers["X-RateLimit-Remaining"]) == 29


async def test_sonarr_down_is_503_and_then_its_open_circuit_is_503_without_calling_it(wired: Wired) -> None:
    await wired.stack.servers["sonarr"].stop()
    down = await wired.live.client.get("/api/v1/shows")
    assert down.status_code == 503
    assert down.json()["error"] == "service_unavailable"
    assert down.json()["details"]["reason"] == "unreachable"
    await wired.stack.servers["sonarr"].start()
    seen = wired.stack.faults["sonarr"].requests_seen
    for method, path in [("GET", "/1"), ("POST", "/1/search"), ("DELETE", "/1")]:
        response = await wired.live.client.request(method, "/api/v1/shows" + path)
        assert response.status_code == 503
        assert response.json()["details"]["reason"] == "circuit_open"
    assert wired.stack.faults["sonarr"].requests_seen == seen
    assert (await wired.live.client.get("/api/v1/movies/1")).status_code == 200


async def test_a_sonarr_failing_with_500s_is_503(wired: Wired) -> None:
    wired.stack.faults["sonarr"].error_500 = True
    response = await wired.live.client.post("/api/v1/shows", json=ADD)
    assert response.status_code == 503
    assert response.json()["details"]["reason"] == "upstream_error"


async def test_a_disabled_sonarr_is_503_on_every_route(tmp_path: Path) -> None:
    async with SimulatedStack() as stack:
        env = {key: value for key, value in stack.environment().items() if not key.startswith("SONARR")}
        async with serve_settings(settings_for(tmp_path, **env)) as live:
            for method, path, body in [
                ("GET", "", None),
                ("GET", "/1", None),
                ("POST", "", ADD),
                ("POST", "/1/search", None),
                ("DELETE", "/1", None),
            ]:
                response = await live.client.request(method, "/api/v1/shows" + path, json=body)
                assert response.status_code == 503, (method, path)
                assert response.json()["details"]["reason"] == "disabled"
            assert stack.faults["sonarr"].requests_seen == 0


async def test_every_answer_matches_the_openapi_document(wired: Wired) -> None:
    spec = (await wired.live.client.get("/openapi.json")).json()
    answers = [
        ("GET", "/api/v1/shows", "", None, 200),
        ("GET", "/api/v1/shows/{series_id}", "/1", None, 200),
        ("POST", "/api/v1/shows", "", ADD, 201),
        ("POST", "/api/v1/shows/{series_id}/search", "/1/search", None, 200),
        ("DELETE", "/api/v1/shows/{series_id}", "/1", None, 200),
    ]
    for method, documented, path, body, status in answers:
        response = await wired.live.client.request(method, "/api/v1/shows" + path, json=body)
        assert response.status_code == status, (method, path)
        reference.assert_documented(spec, method, documented, status, response.json())
