"""Every `plex` tool through the SDK's client, in-process, against the Plex simulator."""

from __future__ import annotations

from tests import reference
from tests.mcp_tools.support import call, call_error, tool_client
from tests.stack import Wired


async def test_libraries_and_recently_added_answer_the_rest_shapes(wired: Wired) -> None:
    async with tool_client(wired, "plex") as client:
        libraries = await call(client, "get_libraries")
        recent = await call(client, "get_recently_added", limit=5)
        too_many = await call_error(client, "get_recently_added", limit=500)
    assert libraries == (await wired.live.client.get("/api/v1/media/libraries")).json()
    reference.assert_shape(libraries, reference.LIBRARIES)
    assert recent == (await wired.live.client.get("/api/v1/media/recently-added", params={"limit": 5})).json()
    assert "limit" in too_many


async def test_scan_starts_a_scan_of_that_library_only(wired: Wired) -> None:
    state = wired.stack.plex_state
    movies = next(section for section in state.sections if section.title == "Movies")
    async with tool_client(wired, "plex") as client:
        scanned = await call(client, "scan_library", library_key=movies.key)
        unknown = await call_error(client, "scan_library", library_key="99")
    assert scanned == {**reference.SCAN, "library": "Movies"}
    assert [section.title for section in state.sections if section.refreshing] == ["Movies"]
    assert "not_found: Library '99' was not found in Plex" in unknown


async def test_sessions_say_who_plays_what_where_and_how_far(wired: Wired) -> None:
    async with tool_client(wired, "plex") as client:
        playing = await call(client, "get_sessions")
    assert playing["total"] == 1
    (session,) = playing["sessions"]
    assert session["title"] == "Breaking Bad - S05E14 - Ozymandias"
    assert (session["user"], session["player"], session["product"]) == ("walter", "Living Room TV", "Plex for Roku")
    assert 0 < session["progress_percent"] < 100
    assert "192.168" not in str(playing)  # the player's address is nobody's business


async def test_on_deck_lists_what_was_started_and_not_finished(wired: Wired) -> None:
    async with tool_client(wired, "plex") as client:
        deck = await call(client, "get_on_deck", limit=10)
    titles = {item["title"]: item["progress_percent"] for item in deck["items"]}
    assert "Interstellar" in titles
    assert "Severance - S02E02 - Episode 2" in titles
    assert all(0 < percent < 100 for percent in titles.values() if percent is not None)
    assert deck["total"] == len(deck["items"])


async def test_search_finds_titles_across_libraries(wired: Wired) -> None:
    async with tool_client(wired, "plex") as client:
        found = await call(client, "search", query="Breaking", limit=5)
        empty = await call_error(client, "search", query="")
    assert found["items"]
    assert found["items"][0]["title"].startswith("Breaking Bad")
    assert all(item["rating_key"] for item in found["items"])
    assert len(found["items"]) <= 5
    assert "query" in empty
