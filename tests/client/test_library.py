"""The client's shows, movies and media calls over the simulators: camelCase read as attributes, the services' state."""

from __future__ import annotations

import pytest

from autoarr.client import AutoArrClient, InvalidRequestError, NotFoundError
from tests.stack import Wired

THE_PENGUIN = 423625  # in Sonarr's lookup catalogue, not in its library
SINNERS = 1233413  # in Radarr's lookup catalogue, not in its library


async def test_shows_all_or_a_page(wired: Wired, client: AutoArrClient) -> None:
    everything = await client.shows()
    stored = wired.stack.sonarr_state.series.values()
    assert everything.total == len(stored) == len(everything.series)
    first = everything.series[0]
    assert (first.title, first.tvdb_id, first.seasons, first.path) == ("Breaking Bad", 81189, 5, "/tv/Breaking Bad")
    assert first.to_wire()["tvdbId"] == 81189
    page = await client.shows(page=2, page_size=7)
    assert [s.id for s in page.series] == [s.id for s in everything.series[7:14]]
    assert page.total == everything.total


async def test_one_show_with_its_seasons(client: AutoArrClient) -> None:
    show = await client.show(1)
    assert [season.season_number for season in show.seasons] == [1, 2, 3, 4, 5]
    assert show.seasons[0].statistics.episode_count > 0
    assert show.size_on_disk > 0
    with pytest.raises(NotFoundError):
        await client.show(999)


async def test_add_search_and_delete_a_show(wired: Wired, client: AutoArrClient) -> None:
    state = wired.stack.sonarr_state
    added = await client.add_show(tvdb_id=THE_PENGUIN, quality_profile_id=1, root_folder_path="/tv", monitored=False)
    assert (added.title, added.tvdb_id, added.monitored) == ("The Penguin", THE_PENGUIN, False)
    assert added.added is not None
    stored = state.series.get(added.id)
    assert stored is not None
    assert (stored["tvdbId"], stored["monitored"]) == (THE_PENGUIN, False)

    search = await client.search_show(added.id)
    assert search.success is True
    assert [str(c["id"]) for c in state.commands.named("SeriesSearch")] == [search.command_id]

    deleted = await client.delete_show(added.id, delete_files=True)
    assert (deleted.series_id, deleted.files_deleted) == (added.id, True)
    assert state.series.get(added.id) is None


async def test_a_bad_show_addition_names_the_field(wired: Wired, client: AutoArrClient) -> None:
    before = len(wired.stack.sonarr_state.series)
    with pytest.raises(InvalidRequestError) as caught:
        await client.add_show(tvdb_id=THE_PENGUIN, quality_profile_id=77, root_folder_path="/tv")
    assert set(caught.value.details) == {"quality_profile_id"}
    assert len(wired.stack.sonarr_state.series) == before


async def test_movies_all_or_a_page_and_one_in_full(client: AutoArrClient) -> None:
    everything = await client.movies()
    assert everything.total == len(everything.movies)
    assert (await client.movies(page=1, page_size=3)).movies == everything.movies[:3]
    matrix = await client.movie(1)
    assert (matrix.title, matrix.year, matrix.tmdb_id) == ("The Matrix", 1999, 603)
    assert matrix.genres
    assert matrix.ratings.votes > 0
    assert matrix.movie_file is not None
    assert matrix.movie_file.quality.quality.name
    assert matrix.to_wire()["movieFile"]["relativePath"] == matrix.movie_file.relative_path


async def test_add_search_and_delete_a_movie(wired: Wired, client: AutoArrClient) -> None:
    state = wired.stack.radarr_state
    added = await client.add_movie(
        tmdb_id=SINNERS, quality_profile_id=1, root_folder_path="/movies", minimum_availability="inCinemas"
    )
    assert (added.title, added.year, added.tmdb_id) == ("Sinners", 2025, SINNERS)
    stored = state.movies.get(added.id)
    assert stored is not None
    assert stored["minimumAvailability"] == "inCinemas"

    search = await client.search_movie(added.id)
    searches = state.commands.named("MoviesSearch")
    assert [(str(c["id"]), c["body"]["movieIds"]) for c in searches] == [(search.command_id, [added.id])]

    deleted = await client.delete_movie(added.id)
    assert (deleted.movie_id, deleted.files_deleted) == (added.id, False)
    assert state.movies.get(added.id) is None
    with pytest.raises(NotFoundError):
        await client.delete_movie(added.id)


async def test_plex_libraries_recently_added_and_a_scan(wired: Wired, client: AutoArrClient) -> None:
    libraries = await client.libraries()
    assert [(lib.key, lib.title, lib.count) for lib in libraries.libraries] == [
        ("1", "Movies", 10),
        ("2", "TV Shows", 3),
    ]
    recent = await client.recently_added(limit=3)
    assert len(recent.items) == recent.total == 3
    times = [item.added_at for item in recent.items if item.added_at is not None]
    assert times == sorted(times, reverse=True)

    scan = await client.scan_library("2")
    assert (scan.success, scan.library) == (True, "TV Shows")
    assert {s.key: s.refreshing for s in wired.stack.plex_state.sections} == {"1": False, "2": True}
    with pytest.raises(NotFoundError):
        await client.scan_library("9")
