"""PlexClient against the Plex simulator: libraries, items, sessions, search, settings, and failures."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from autoarr.errors import InvalidRequestError, NotFoundError, ServiceUnavailableError, UpstreamAuthError
from autoarr.integrations.plex import PlexClient
from autoarr.sim.plex import PlexState, create_plex_app
from autoarr.sim.plex_state import MOVIES, SHOWS
from tests.integrations.clients import PLEX_NOW, PLEX_TOKEN, Sim, on_socket, plex_sim, plex_test_headers

PlexSim = Sim[PlexState, PlexClient]


@pytest.fixture
async def plex() -> AsyncIterator[PlexSim]:
    async with plex_sim() as sim:
        yield sim


async def test_identity_and_server_info_name_the_server(plex: PlexSim) -> None:
    identity = await plex.client.identity()
    info = await plex.client.server_info()
    assert identity.machine_identifier == info.machine_identifier == plex.state.machine_identifier
    assert identity.version == info.version == plex.state.version
    assert (info.friendly_name, info.platform, info.my_plex) == ("MediaBox", "Linux", True)
    await plex.client.ping()


async def test_sections_carry_string_keys_their_folders_and_their_real_totals() -> None:
    async with plex_sim(state=PlexState.seeded(now=PLEX_NOW, extra_movies=120)) as plex:
        sections = await plex.client.sections()
        movies, shows = sections
        assert (movies.key, movies.title, movies.type) == ("1", "Movies", "movie")
        assert (movies.scanner, movies.agent) == ("Plex Movie", "tv.plex.agents.movie")
        assert [location.path for location in movies.locations] == ["/movies"]
        assert (shows.key, shows.type, [location.path for location in shows.locations]) == ("2", "show", ["/tv"])
        assert (movies.count, shows.count) == (len(MOVIES) + 120, len(SHOWS))
        # The totals come from empty pages: no item of the libraries was fetched to count them.
        counted = plex.recorder.requests("GET", "/library/sections/1/all")
        assert len(counted) == 1
        assert "X-Plex-Container-Size=0" in counted[0].query


async def test_section_items_come_a_page_at_a_time_with_the_total(plex: PlexSim) -> None:
    page = await plex.client.section_items("1", start=2, size=3)
    assert (page.offset, page.total, len(page.items)) == (2, len(MOVIES), 3)
    everything = await plex.client.section_items("1", size=100)
    assert [item.title for item in page.items] == [item.title for item in everything.items[2:5]]
    matrix = next(item for item in everything.items if item.title == "The Matrix")
    stored = plex.state.items[int(matrix.rating_key)]
    assert (matrix.type, matrix.year, matrix.rating, matrix.audience_rating) == ("movie", 1999, 8.7, 8.7)
    assert matrix.added_at == datetime.fromtimestamp(stored.added_at, UTC)
    assert isinstance(matrix.rating_key, str)


async def test_a_page_past_the_end_has_no_metadata_key_and_decodes_as_empty(plex: PlexSim) -> None:
    page = await plex.client.section_items("1", start=500, size=10)
    assert (page.items, page.total, page.offset) == ([], len(MOVIES), 500)


async def test_an_unknown_section_is_not_found(plex: PlexSim) -> None:
    with pytest.raises(NotFoundError) as missing:
        await plex.client.section_items("99")
    assert missing.value.message == "Library section 99 was not found in Plex"
    with pytest.raises(NotFoundError):
        await plex.client.section_items("../../:/prefs")
    assert plex.recorder.requests("GET", "/:/prefs") == []


async def test_recently_added_is_newest_first_across_sections_with_each_items_library(plex: PlexSim) -> None:
    page = await plex.client.recently_added(limit=5)
    assert len(page.items) == 5
    assert page.total > 5
    added = [item.added_at for item in page.items]
    assert all(moment is not None for moment in added)
    assert added == sorted(added, key=lambda moment: moment or datetime.min, reverse=True)
    newest = page.items[0]
    assert (newest.title, newest.grandparent_title, newest.library_section_title) == (
        "Ozymandias",
        "Breaking Bad",
        "TV Shows",
    )
    assert (newest.parent_index, newest.index, newest.library_section_id) == (5, 14, 2)
    assert "The Matrix" in {item.title for item in page.items}


async def test_refreshing_a_section_starts_its_scan(plex: PlexSim) -> None:
    await plex.client.refresh_section("2")
    assert [section.refreshing for section in plex.state.sections] == [False, True]
    sections = await plex.client.sections()
    assert sections[1].refreshing


async def test_refreshing_an_unknown_section_is_not_found(plex: PlexSim) -> None:
    with pytest.raises(NotFoundError):
        await plex.client.refresh_section("7")
    assert not any(section.refreshing for section in plex.state.sections)


async def test_sessions_say_who_plays_what_where(plex: PlexSim) -> None:
    [playing] = await plex.client.sessions()
    assert (playing.title, playing.grandparent_title, playing.session_key) == ("Ozymandias", "Breaking Bad", "7")
    assert playing.user is not None
    assert playing.player is not None
    assert playing.session is not None
    assert (playing.user.title, playing.player.state, playing.player.product) == ("walter", "playing", "Plex for Roku")
    assert playing.session.location == "lan"


async def test_no_sessions_and_an_empty_deck_are_empty_lists(plex: PlexSim) -> None:
    plex.state.sessions = []
    for item in plex.state.items.values():
        item.view_offset = 0
    assert await plex.client.sessions() == []
    assert await plex.client.on_deck() == []


async def test_on_deck_holds_what_was_started(plex: PlexSim) -> None:
    titles = {item.title for item in await plex.client.on_deck()}
    assert {"Interstellar", "Ozymandias"} <= titles


async def test_search_finds_movies_and_shows_through_the_hubs(plex: PlexSim) -> None:
    found = await plex.client.search("breaking")
    assert ("show", "Breaking Bad") in {(item.type, item.title) for item in found}
    assert [item.title for item in await plex.client.search("matrix")] == ["The Matrix"]
    assert await plex.client.search("no such title anywhere") == []
    assert plex.recorder.requests("GET", "/hubs/search")


async def test_an_empty_search_is_refused_before_plex_is_asked(plex: PlexSim) -> None:
    with pytest.raises(InvalidRequestError):
        await plex.client.search("  ")
    assert plex.recorder.requests("GET", "/hubs/search") == []


async def test_prefs_keep_their_types(plex: PlexSim) -> None:
    prefs = {setting.id: setting for setting in await plex.client.prefs()}
    assert len(prefs) == len(plex.state.prefs)
    assert (prefs["LogVerbose"].type, prefs["LogVerbose"].value, prefs["LogVerbose"].default) == ("bool", True, False)
    interval = prefs["ScheduledLibraryUpdateInterval"]
    assert (interval.value, interval.default) == (900, 3600)
    assert interval.enum_values is not None
    assert interval.enum_values.startswith("900:")
    assert prefs["ButlerUpdateChannel"].value == "16"


async def test_changing_prefs_round_trips_through_plex(plex: PlexSim) -> None:
    await plex.client.set_prefs({"LogVerbose": False, "ScheduledLibraryUpdateInterval": 3600, "FriendlyName": "Den"})
    assert plex.state.prefs["LogVerbose"].value is False
    assert plex.state.prefs["ScheduledLibraryUpdateInterval"].value == 3600
    assert plex.state.friendly_name == "Den"
    [sent] = plex.recorder.requests("PUT", "/:/prefs")
    assert "LogVerbose=false" in sent.query
    prefs = {setting.id: setting.value for setting in await plex.client.prefs()}
    assert (prefs["LogVerbose"], prefs["ScheduledLibraryUpdateInterval"], prefs["FriendlyName"]) == (False, 3600, "Den")


async def test_an_unknown_pref_is_an_invalid_request_and_nothing_changes(plex: PlexSim) -> None:
    with pytest.raises(InvalidRequestError):
        await plex.client.set_prefs({"LogVerbose": False, "NoSuchSetting": 1})
    assert plex.state.prefs["LogVerbose"].value is True


async def test_a_wrong_token_is_an_upstream_auth_error() -> None:
    async with plex_sim(token="stale-token") as plex:
        with pytest.raises(UpstreamAuthError):
            await plex.client.sections()
        with pytest.raises(UpstreamAuthError):
            await plex.client.ping()
        assert (await plex.client.identity()).machine_identifier  # /identity needs no token
        assert plex.http.breaker.failure_count == 0


async def test_a_500_and_garbage_are_service_unavailable(plex: PlexSim) -> None:
    plex.faults.error_500 = True
    with pytest.raises(ServiceUnavailableError) as failed:
        await plex.client.sections()
    assert failed.value.reason == "upstream_error"
    plex.faults.reset()
    plex.faults.malformed_json = True
    with pytest.raises(ServiceUnavailableError) as garbled:
        await plex.client.recently_added()
    assert garbled.value.reason == "bad_response"


async def test_a_stopped_server_is_unreachable() -> None:
    app = create_plex_app(PlexState.seeded(now=PLEX_NOW), token=PLEX_TOKEN)
    async with on_socket("plex", app, headers=plex_test_headers()) as (server, http):
        client = PlexClient(http)
        assert len(await client.sections()) == 2
        await server.stop()
        with pytest.raises(ServiceUnavailableError) as down:
            await client.sections()
        assert down.value.reason == "unreachable"
