"""Every `sonarr` and `radarr` tool through the SDK's client, in-process, against the simulators."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from autoarr.bus import ContentAdded
from tests import reference
from tests.mcp_tools.support import call, call_error, tool_client
from tests.stack import Wired

THE_PENGUIN = 423625  # in Sonarr's lookup catalogue, not in its library
BREAKING_BAD = 81189  # series 1 of Sonarr's library
SINNERS = 1233413  # in Radarr's lookup catalogue, not in its library


async def test_sonarr_library_tools_answer_the_rest_shapes(wired: Wired) -> None:
    async with tool_client(wired, "sonarr") as client:
        page = await call(client, "list_series", page=1, page_size=3)
        one = await call(client, "get_series", series_id=1)
        missing = await call_error(client, "get_series", series_id=999)
    rest = (await wired.live.client.get("/api/v1/shows", params={"page": 1, "page_size": 3})).json()
    assert page == rest
    assert page["total"] == len(wired.stack.sonarr_state.series.values())
    assert one == (await wired.live.client.get("/api/v1/shows/1")).json()
    assert one["tvdbId"] == BREAKING_BAD
    assert "not_found: Series 999 was not found in Sonarr" in missing


async def test_sonarr_lookup_then_add_then_search_then_delete(wired: Wired) -> None:
    events = wired.bus.subscribe(types=[ContentAdded])
    async with tool_client(wired, "sonarr") as client:
        found = await call(client, "lookup_series", term="Penguin")
        penguin = next(item for item in found["results"] if item["tvdbId"] == THE_PENGUIN)
        assert (penguin["inLibrary"], penguin["id"]) == (False, None)
        added = await call(
            client, "add_series", tvdb_id=THE_PENGUIN, quality_profile_id=1, root_folder_path="/tv", monitored=False
        )
        again = await call_error(
            client, "add_series", tvdb_id=THE_PENGUIN, quality_profile_id=1, root_folder_path="/tv"
        )
        bad_profile = await call_error(
            client, "add_series", tvdb_id=THE_PENGUIN + 1, quality_profile_id=42, root_folder_path="/tv"
        )
        searched = await call(client, "search_series", series_id=added["id"])
        deleted = await call(client, "delete_series", series_id=added["id"], delete_files=True)
    reference.assert_shape(added, reference.SHOW_ADDED)
    assert (added["title"], added["monitored"]) == ("The Penguin", False)
    assert (await events.get()).data == ContentAdded(
        request_id=None, content_id=str(added["id"]), title="The Penguin", type="series"
    )
    assert "invalid_request" in again
    assert "already in Sonarr" in again
    assert "quality_profile_id" in bad_profile
    assert "known: 1" in bad_profile
    searches = wired.stack.sonarr_state.commands.named("SeriesSearch")
    assert [str(command["id"]) for command in searches] == [searched["command_id"]]
    assert deleted == {
        "success": True,
        "message": "Series deleted successfully",
        "series_id": added["id"],
        "files_deleted": True,
    }
    assert wired.stack.sonarr_state.series.get(added["id"]) is None


async def test_radarr_library_tools_answer_the_rest_shapes(wired: Wired) -> None:
    async with tool_client(wired, "radarr") as client:
        page = await call(client, "list_movies", page=2, page_size=5)
        one = await call(client, "get_movie", movie_id=1)
        missing = await call_error(client, "get_movie", movie_id=99_999)
    assert page == (await wired.live.client.get("/api/v1/movies", params={"page": 2, "page_size": 5})).json()
    assert one == (await wired.live.client.get("/api/v1/movies/1")).json()
    assert "not_found" in missing


async def test_radarr_lookup_then_add_then_search_then_delete(wired: Wired) -> None:
    async with tool_client(wired, "radarr") as client:
        found = await call(client, "lookup_movie", term="Sinners", limit=3)
        assert len(found["results"]) <= 3
        sinners = next(item for item in found["results"] if item["tmdbId"] == SINNERS)
        assert sinners["inLibrary"] is False
        added = await call(
            client,
            "add_movie",
            tmdb_id=SINNERS,
            quality_profile_id=1,
            root_folder_path="/movies",
            minimum_availability="announced",
        )
        bad = await call_error(
            client, "add_movie", tmdb_id=SINNERS, quality_profile_id=1, root_folder_path="/movies", monitored="maybe"
        )
        searched = await call(client, "search_movie", movie_id=added["id"])
        deleted = await call(client, "delete_movie", movie_id=added["id"])
    reference.assert_shape(added, reference.MOVIE_ADDED)
    searches = wired.stack.radarr_state.commands.named("MoviesSearch")
    assert [(str(command["id"]), command["body"]["movieIds"]) for command in searches] == [
        (searched["command_id"], [added["id"]])
    ]
    assert "monitored" in bad
    assert deleted["files_deleted"] is False
    assert wired.stack.radarr_state.movies.get(added["id"]) is None


@pytest.mark.parametrize("app", ["sonarr", "radarr"])
async def test_queue_and_health_come_from_the_service(wired: Wired, app: str) -> None:
    state = wired.stack.sonarr_state if app == "sonarr" else wired.stack.radarr_state
    client_of = wired.integrations.sonarr if app == "sonarr" else wired.integrations.radarr
    async with tool_client(wired, app) as client:
        queue = await call(client, "get_queue", page=1, page_size=50)
        health = await call(client, "get_health")
        bad_page = await call_error(client, "get_queue", page=0)
    assert queue["totalRecords"] == len(state.queue.values())
    assert {record["id"] for record in queue["records"]} == {item["id"] for item in state.queue.values()}
    assert all(record["downloadId"].startswith("SABnzbd_nzo_") for record in queue["records"])
    assert [check["message"] for check in health["checks"]] == [check.message for check in await client_of.health()]
    assert health["healthy"] is not any(check["type"] in ("warning", "error") for check in health["checks"])
    assert "validation error" in bad_page
    assert "page" in bad_page


async def test_calendars_default_to_the_coming_week_and_refuse_a_backwards_range(wired: Wired) -> None:
    today = datetime.now(UTC).date()
    async with tool_client(wired, "sonarr") as sonarr:
        week = await call(sonarr, "get_calendar")
        year = await call(sonarr, "get_calendar", start=str(today - timedelta(days=365)), end=str(today))
        backwards = await call_error(sonarr, "get_calendar", start=str(today), end=str(today - timedelta(days=1)))
    async with tool_client(wired, "radarr") as radarr:
        movies = await call(radarr, "get_calendar", start="2000-01-01", end=str(today + timedelta(days=365)))
    assert (week["start"], week["end"]) == (str(today), str(today + timedelta(days=7)))
    for episode in week["episodes"]:
        aired = datetime.fromisoformat(episode["airDateUtc"].replace("Z", "+00:00")).date()
        assert today <= aired <= today + timedelta(days=8)
        assert episode["seriesTitle"]
    assert year["episodes"]
    assert "invalid_request: end is before start" in backwards
    assert movies["movies"]
    assert all(movie["monitored"] for movie in movies["movies"])


async def test_wanted_missing_pages_through_what_has_no_file(wired: Wired) -> None:
    async with tool_client(wired, "sonarr") as sonarr:
        episodes = await call(sonarr, "get_wanted_missing", page=1, page_size=5)
    async with tool_client(wired, "radarr") as radarr:
        movies = await call(radarr, "get_wanted_missing", page_size=100)
    assert len(episodes["episodes"]) <= 5
    assert episodes["totalRecords"] >= len(episodes["episodes"])
    assert not any(episode["hasFile"] for episode in episodes["episodes"])
    aired_before = datetime.now(UTC) + timedelta(minutes=1)
    assert all(
        datetime.fromisoformat(e["airDateUtc"].replace("Z", "+00:00")) <= aired_before for e in episodes["episodes"]
    )
    without_file = [m for m in wired.stack.radarr_state.movies.values() if not m["hasFile"] and m["monitored"]]
    assert movies["totalRecords"] == len(without_file)
    assert {movie["id"] for movie in movies["movies"]} <= {movie["id"] for movie in without_file}
