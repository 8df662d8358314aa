"""SonarrClient against the Sonarr simulator (the shared *arr calls are in test_arr_client)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta

import httpx2
import pytest

from autoarr.errors import InvalidRequestError, NotFoundError
from autoarr.integrations._arr import arr_headers
from autoarr.integrations.sonarr import SonarrClient
from autoarr.sim.sonarr import SonarrState
from tests.integrations.clients import ARR_KEY, FIXED_NOW, Sim, sonarr_sim

NEW_SHOW = 423625  # The Penguin: known to Sonarr's lookup, not in the seeded library
BREAKING_BAD = 81189

SonarrSim = Sim[SonarrState, SonarrClient]


@pytest.fixture
async def sonarr() -> AsyncIterator[SonarrSim]:
    async with sonarr_sim() as sim:
        yield sim


async def test_the_series_list_holds_every_show_with_the_fields_autoarr_shows(sonarr: SonarrSim) -> None:
    shows = await sonarr.client.list_series()
    assert len(shows) == len(sonarr.state.series)
    breaking_bad = next(show for show in shows if show.tvdb_id == BREAKING_BAD)
    assert (breaking_bad.title, breaking_bad.network, breaking_bad.year, breaking_bad.status) == (
        "Breaking Bad",
        "AMC",
        2008,
        "ended",
    )
    assert breaking_bad.statistics is not None
    assert (breaking_bad.statistics.season_count, breaking_bad.statistics.episode_count) == (5, 62)
    assert (breaking_bad.path, breaking_bad.quality_profile_id, breaking_bad.monitored) == ("/tv/Breaking Bad", 1, True)
    assert breaking_bad.overview
    assert breaking_bad.model_extra in (None, {})  # the list decodes only what AutoArr uses


async def test_one_series_comes_with_its_seasons_and_keeps_the_fields_autoarr_does_not_name(sonarr: SonarrSim) -> None:
    show = await sonarr.client.get_series(1)
    stored = sonarr.state.series.get(1)
    assert stored is not None
    assert (show.id, show.tvdb_id, show.title) == (1, BREAKING_BAD, "Breaking Bad")
    assert [season.season_number for season in show.seasons] == [1, 2, 3, 4, 5]
    first = show.seasons[0]
    assert first.monitored
    assert first.statistics is not None
    assert (first.statistics.episode_count, first.statistics.episode_file_count) == (7, 7)
    assert show.statistics is not None
    assert show.statistics.size_on_disk == stored["statistics"]["sizeOnDisk"]
    assert show.added is not None
    assert show.added.isoformat().startswith(stored["added"][:19])
    assert show.model_extra is not None
    assert show.model_extra["images"] == stored["images"]


async def test_a_missing_series_is_not_found(sonarr: SonarrSim) -> None:
    with pytest.raises(NotFoundError) as missing:
        await sonarr.client.get_series(999)
    assert missing.value.message == "Series 999 was not found in Sonarr"


async def test_lookup_by_tvdb_id_finds_a_show_outside_the_library(sonarr: SonarrSim) -> None:
    found = await sonarr.client.lookup_by_tvdb_id(NEW_SHOW)
    assert (found.id, found.title, found.tvdb_id) == (0, "The Penguin", NEW_SHOW)
    assert sonarr.recorder.requests("GET", "/api/v3/series/lookup")[-1].query == f"term=tvdb%3A{NEW_SHOW}"
    owned = await sonarr.client.lookup_by_tvdb_id(BREAKING_BAD)
    assert (owned.id, owned.path) == (1, "/tv/Breaking Bad")


async def test_lookup_of_an_unknown_tvdb_id_is_not_found(sonarr: SonarrSim) -> None:
    with pytest.raises(NotFoundError):
        await sonarr.client.lookup_by_tvdb_id(1)


async def test_free_text_lookup_matches_titles(sonarr: SonarrSim) -> None:
    titles = {show.title for show in await sonarr.client.lookup_series("the")}
    assert {"The Expanse", "The Penguin"} <= titles


async def test_adding_a_series_stores_it_with_the_chosen_profile_folder_and_options(sonarr: SonarrSim) -> None:
    lookup = await sonarr.client.lookup_by_tvdb_id(NEW_SHOW)
    added = await sonarr.client.add_series(
        lookup,
        quality_profile_id=2,
        root_folder_path="/tv",
        monitor="none",
        search_for_missing_episodes=True,
    )
    stored = sonarr.state.series.get(added.id)
    assert stored is not None
    assert (stored["tvdbId"], stored["qualityProfileId"], stored["rootFolderPath"], stored["path"]) == (
        NEW_SHOW,
        2,
        "/tv",
        "/tv/The Penguin",
    )
    assert (added.tvdb_id, added.path, added.added) == (NEW_SHOW, "/tv/The Penguin", FIXED_NOW)
    # addOptions reached Sonarr and did their work: nothing monitored, a search for missing episodes queued.
    assert not any(episode["monitored"] for episode in sonarr.state.episodes_of(added.id))
    searches = sonarr.state.commands.named("MissingEpisodeSearch")
    assert [command["body"]["seriesId"] for command in searches] == [added.id]
    body = sonarr.recorder.requests("POST", "/api/v3/series")[-1].json()
    assert body["addOptions"] == {"monitor": "none", "searchForMissingEpisodes": True}
    assert (body["monitored"], body["seasonFolder"]) == (True, True)
    # The lookup result goes back whole, fields AutoArr does not model included.
    assert lookup.model_extra is not None
    assert body["remotePoster"] == lookup.model_extra["remotePoster"]
    assert body["images"] == lookup.model_extra["images"]


async def test_adding_a_series_twice_is_an_invalid_request_naming_the_field(sonarr: SonarrSim) -> None:
    lookup = await sonarr.client.lookup_by_tvdb_id(NEW_SHOW)
    await sonarr.client.add_series(lookup, quality_profile_id=1, root_folder_path="/tv")
    with pytest.raises(InvalidRequestError) as rejected:
        await sonarr.client.add_series(lookup, quality_profile_id=1, root_folder_path="/tv")
    assert rejected.value.details == {"tvdbId": "This series has already been added"}
    assert rejected.value.message == "Sonarr rejected the request: This series has already been added"
    assert len(sonarr.state.series) == 31


async def test_adding_with_an_unknown_profile_and_folder_reports_both_fields(sonarr: SonarrSim) -> None:
    lookup = await sonarr.client.lookup_by_tvdb_id(NEW_SHOW)
    with pytest.raises(InvalidRequestError) as rejected:
        await sonarr.client.add_series(lookup, quality_profile_id=99, root_folder_path="/nowhere")
    assert rejected.value.details == {
        "qualityProfileId": "Quality Profile does not exist",
        "rootFolderPath": "Root folder '/nowhere' does not exist",
    }


async def test_deleting_a_series_removes_it_and_passes_delete_files(sonarr: SonarrSim) -> None:
    await sonarr.client.delete_series(2, delete_files=True)
    assert sonarr.state.series.get(2) is None
    assert sonarr.state.episodes_of(2) == []
    assert "deleteFiles=true" in sonarr.recorder.requests("DELETE", "/api/v3/series/2")[0].query


async def test_deleting_a_missing_series_is_not_found_and_sonarr_never_sees_the_delete(sonarr: SonarrSim) -> None:
    with pytest.raises(NotFoundError) as missing:
        await sonarr.client.delete_series(999)
    assert missing.value.message == "Series 999 was not found in Sonarr"
    assert sonarr.recorder.requests("DELETE", "/api/v3/series") == []
    assert sonarr.http.breaker.failure_count == 0


async def test_a_delete_that_loses_a_race_is_not_found_and_no_outage(sonarr: SonarrSim) -> None:
    rival = httpx2.AsyncClient(
        transport=httpx2.ASGITransport(sonarr.recorder), base_url="http://sim", headers=arr_headers(ARR_KEY)
    )

    async def another_delete_lands_first(request: httpx2.Request) -> None:
        if request.method == "DELETE":
            assert (await rival.delete(request.url.path)).status_code == 200

    sonarr.http.client.event_hooks["request"].append(another_delete_lands_first)
    async with rival:
        with pytest.raises(NotFoundError) as lost:
            await sonarr.client.delete_series(3)
    # The series passed the existence check, then the rival's DELETE won: ours met Sonarr's 500.
    assert len(sonarr.recorder.requests("DELETE", "/api/v3/series/3")) == 2
    assert lost.value.message == "Series 3 was not found in Sonarr"
    assert sonarr.http.breaker.failure_count == 0  # a lost race is no outage


async def test_a_series_search_is_a_command_whose_id_is_a_string_sonarr_can_be_asked_about(sonarr: SonarrSim) -> None:
    command_id = await sonarr.client.search_series(1)
    assert isinstance(command_id, str)
    assert command_id.isdigit()
    [queued] = sonarr.state.commands.named("SeriesSearch")
    assert (str(queued["id"]), queued["body"]["seriesId"]) == (command_id, 1)
    first = await sonarr.client.command(command_id)
    second = await sonarr.client.command(command_id)
    assert (first.id, first.name, first.body["seriesId"]) == (command_id, "SeriesSearch", 1)
    assert (first.status, second.status, second.result) == ("started", "completed", "successful")


async def test_unknown_command_ids_are_not_found(sonarr: SonarrSim) -> None:
    with pytest.raises(NotFoundError):
        await sonarr.client.command("4242")
    with pytest.raises(NotFoundError):
        await sonarr.client.command("cmd_../../system")
    assert sonarr.recorder.requests("GET", "/api/v3/command/cmd") == []


async def test_the_episodes_of_a_series_are_all_there(sonarr: SonarrSim) -> None:
    episodes = await sonarr.client.episodes(1)
    assert len(episodes) == 62
    assert {episode.series_id for episode in episodes} == {1}
    assert sum(episode.has_file for episode in episodes) == 59


async def test_the_calendar_lists_the_weeks_episodes_with_their_series(sonarr: SonarrSim) -> None:
    start = date(2026, 11, 27)
    episodes = await sonarr.client.calendar(start, start + timedelta(days=7))
    assert episodes
    assert all(episode.air_date_utc is not None for episode in episodes)
    assert all(
        start <= episode.air_date_utc.date() <= start + timedelta(days=7)
        for episode in episodes
        if episode.air_date_utc
    )
    assert all(episode.series is not None and episode.series.title for episode in episodes)
    query = sonarr.recorder.requests("GET", "/api/v3/calendar")[0].query
    assert "start=2026-11-27" in query
    assert "end=2026-12-04" in query


async def test_wanted_missing_pages_through_every_missing_episode(sonarr: SonarrSim) -> None:
    first = await sonarr.client.wanted_missing(page=1, page_size=10)
    assert first.total_records == 64
    assert len(first.records) == 10
    assert all(not episode.has_file and episode.monitored for episode in first.records)
    assert first.records[0].series is not None
