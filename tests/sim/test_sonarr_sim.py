"""The Sonarr simulator: its seed, series, lookups, episodes, wanted/missing, calendar and planted settings."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx2

from autoarr.sim.downloads import DOWNLOADS
from autoarr.sim.sonarr import SonarrState, create_sonarr_app, seed_sonarr
from tests.sim.conftest import ARR_KEY, FIXED_NOW, arr_client, fixed_clock
from tests.sim.openapi_check import assert_valid

API = "/api/v3"
NEW_SHOW = 423625  # The Penguin: known to the lookup, not in the default library


def new_series(**changes: Any) -> dict[str, Any]:
    """A POST /series body as a client builds it from a lookup result."""
    body: dict[str, Any] = {
        "title": "The Penguin",
        "tvdbId": NEW_SHOW,
        "qualityProfileId": 1,
        "rootFolderPath": "/tv",
        "monitored": True,
        "seasonFolder": True,
        "addOptions": {"monitor": "all", "searchForMissingEpisodes": True},
    }
    return {**body, **changes}


# --- seed ------------------------------------------------------------------------------------------------------


def test_the_default_seed_is_a_believable_library_in_download_table_order(sonarr_state: SonarrState) -> None:
    shows = sonarr_state.series.values()
    assert len(shows) >= 25
    assert (shows[0]["title"], shows[0]["tvdbId"]) == ("Breaking Bad", 81189)
    assert [shows[index]["title"] for index in (2, 5)] == ["The Expanse", "Severance"]
    assert len({show["tvdbId"] for show in shows}) == len(shows)
    assert len({show["path"] for show in shows}) == len(shows)
    for show in shows:
        episodes = sonarr_state.episodes_of(show["id"])
        stats = show["statistics"]
        assert stats["totalEpisodeCount"] == len(episodes) > 0
        assert stats["episodeFileCount"] == sum(episode["hasFile"] for episode in episodes)
        assert stats["seasonCount"] == len(show["seasons"])
        assert stats["sizeOnDisk"] == sum(season["statistics"]["sizeOnDisk"] for season in show["seasons"])
        due = [e for e in episodes if e["hasFile"] or (e["monitored"] and e["airDateUtc"] <= "2026-11-27T12:00:00Z")]
        assert stats["episodeCount"] == len(due)
        assert stats["percentOfEpisodes"] == round(stats["episodeFileCount"] * 100 / len(due), 2)
    ended = [show for show in shows if show["status"] == "ended"]
    assert sum(show["statistics"]["percentOfEpisodes"] < 100 for show in ended) >= 3, "some aired episodes are missing"


def test_the_downloads_in_flight_have_no_file_and_the_imported_one_has(sonarr_state: SonarrState) -> None:
    for job in (job for job in DOWNLOADS if job.owner == "sonarr"):
        show = sonarr_state.series.values()[job.media_index]
        episode = next(
            e
            for e in sonarr_state.episodes_of(show["id"])
            if (e["seasonNumber"], e["episodeNumber"]) == (job.season, job.episode)
        )
        assert episode["hasFile"] is (job.status == "Completed"), job.name


def test_seeding_is_deterministic_for_a_fixed_clock() -> None:
    first, second = seed_sonarr(clock=fixed_clock), seed_sonarr(clock=fixed_clock)
    assert first.series.encoded_list() == second.series.encoded_list()
    assert first.episodes.encoded_list() == second.episodes.encoded_list()


async def test_the_size_knob_builds_a_thousand_distinct_series() -> None:
    state = seed_sonarr(1000, clock=fixed_clock)
    async with arr_client(create_sonarr_app(state, api_key=ARR_KEY)) as client:
        shows = (await client.get(f"{API}/series")).json()
    assert len(shows) == 1000
    assert len({show["tvdbId"] for show in shows}) == len({show["title"] for show in shows}) == 1000
    assert_valid("sonarr", f"{API}/series", shows[:40] + shows[-40:])


# --- series ----------------------------------------------------------------------------------------------------


async def test_series_list_by_id_and_tvdb_filter_match_the_document(sonarr: httpx2.AsyncClient) -> None:
    shows = (await sonarr.get(f"{API}/series")).json()
    assert_valid("sonarr", f"{API}/series", shows)
    one = (await sonarr.get(f"{API}/series/3")).json()
    assert_valid("sonarr", f"{API}/series/{{id}}", one)
    assert one == shows[2]
    assert [show["id"] for show in (await sonarr.get(f"{API}/series", params={"tvdbId": 81189})).json()] == [1]
    assert (await sonarr.get(f"{API}/series", params={"tvdbId": 1})).json() == []
    bad = await sonarr.get(f"{API}/series", params={"tvdbId": "abc"})
    assert (bad.status_code, list(bad.json()["errors"])) == (400, ["tvdbId"])
    missing = await sonarr.get(f"{API}/series/999")
    assert (missing.status_code, missing.json()["title"]) == (404, "Not Found")


async def test_lookup_by_tvdb_gives_the_library_copy_or_the_catalogue_entry(sonarr: httpx2.AsyncClient) -> None:
    owned = (await sonarr.get(f"{API}/series/lookup", params={"term": "tvdb:81189"})).json()
    assert_valid("sonarr", f"{API}/series/lookup", owned)
    assert (owned[0]["id"], owned[0]["title"], owned[0]["path"]) == (1, "Breaking Bad", "/tv/Breaking Bad")
    assert owned[0]["remotePoster"].startswith("https://")
    new = (await sonarr.get(f"{API}/series/lookup", params={"term": f"tvdbid:{NEW_SHOW}"})).json()
    assert_valid("sonarr", f"{API}/series/lookup", new)
    assert (new[0]["id"], new[0]["title"], new[0]["folder"]) == (0, "The Penguin", "The Penguin")
    assert "path" not in new[0]
    text = (await sonarr.get(f"{API}/series/lookup", params={"term": "the"})).json()
    assert_valid("sonarr", f"{API}/series/lookup", text)
    assert {"The Expanse", "The Penguin"} <= {show["title"] for show in text}
    assert (await sonarr.get(f"{API}/series/lookup", params={"term": "tvdb:abc"})).json() == []


async def test_adding_a_series_answers_201_and_the_library_episodes_and_commands_follow(
    sonarr: httpx2.AsyncClient, sonarr_state: SonarrState
) -> None:
    response = await sonarr.post(f"{API}/series", json=new_series())
    assert response.status_code == 201
    added = response.json()
    assert_valid("sonarr", f"{API}/series", added, method="post")
    assert response.headers["location"] == f"http://sim{API}/series/{added['id']}"
    assert (added["path"], added["addOptions"]["monitor"], added["added"]) == (
        "/tv/The Penguin",
        "all",
        "2026-11-27T12:00:00Z",
    )
    fetched = (await sonarr.get(f"{API}/series/{added['id']}")).json()
    assert fetched["tvdbId"] == NEW_SHOW
    assert "addOptions" not in fetched
    episodes = (await sonarr.get(f"{API}/episode", params={"seriesId": added["id"]})).json()
    assert_valid("sonarr", f"{API}/episode", episodes)
    assert len(episodes) == 8
    assert not any(episode["hasFile"] for episode in episodes)
    assert [command["name"] for command in (await sonarr.get(f"{API}/command")).json()] == [
        "RefreshSeries",
        "MissingEpisodeSearch",
    ]
    assert sonarr_state.commands.named("MissingEpisodeSearch")[0]["body"]["seriesId"] == added["id"]


async def test_adding_with_monitor_none_leaves_every_episode_unmonitored(sonarr: httpx2.AsyncClient) -> None:
    body = new_series(addOptions={"monitor": "none"})
    added = (await sonarr.post(f"{API}/series", json=body)).json()
    episodes = (await sonarr.get(f"{API}/episode", params={"seriesId": added["id"]})).json()
    assert {episode["monitored"] for episode in episodes} == {False}
    assert {season["monitored"] for season in added["seasons"]} == {False}


async def test_adding_a_series_breaks_validation_like_sonarr(sonarr: httpx2.AsyncClient) -> None:
    cases = [
        (new_series(tvdbId=81189, title="Breaking Bad"), "TvdbId", "This series has already been added"),
        (new_series(qualityProfileId=0), "QualityProfileId", "'Quality Profile Id' must be greater than '0'."),
        (new_series(qualityProfileId=42), "QualityProfileId", "Quality Profile does not exist"),
        (new_series(rootFolderPath="/nope"), "RootFolderPath", "Root folder '/nope' does not exist"),
        (new_series(tvdbId=0), "TvdbId", "'Tvdb Id' must be greater than '0'."),
        (new_series(tvdbId=77777777), "TvdbId", "A series with this ID was not found"),
        (new_series(title=""), "Title", "'Title' must not be empty."),
    ]
    for body, prop, message in cases:
        response = await sonarr.post(f"{API}/series", json=body)
        assert response.status_code == 400, body
        failures = response.json()
        assert isinstance(failures, list)
        assert (prop, message) in {(item["propertyName"], item["errorMessage"]) for item in failures}, failures
    assert len((await sonarr.get(f"{API}/series")).json()) == 30


async def test_updating_a_series_answers_202_and_episodes_follow_the_season_flags(sonarr: httpx2.AsyncClient) -> None:
    show = (await sonarr.get(f"{API}/series/1")).json()
    show["qualityProfileId"] = 2
    show["seasons"] = [{**season, "monitored": season["seasonNumber"] != 1} for season in show["seasons"]]
    show["statistics"] = {"seasonCount": 99}  # read-only: ignored
    response = await sonarr.put(f"{API}/series/1", json=show)
    assert response.status_code == 202
    assert_valid("sonarr", f"{API}/series/{{id}}", response.json(), method="put")
    fetched = (await sonarr.get(f"{API}/series/1")).json()
    assert fetched["qualityProfileId"] == 2
    assert fetched["statistics"]["seasonCount"] == 5
    episodes = (await sonarr.get(f"{API}/episode", params={"seriesId": 1})).json()
    assert {e["monitored"] for e in episodes if e["seasonNumber"] == 1} == {False}
    assert {e["monitored"] for e in episodes if e["seasonNumber"] == 2} == {True}
    missing = await sonarr.put(f"{API}/series/999", json=show)
    assert (missing.status_code, missing.json()["message"]) == (404, "Series with ID 999 does not exist")


async def test_deleting_a_series_frees_its_space_or_leaves_an_unmapped_folder(
    sonarr: httpx2.AsyncClient, sonarr_state: SonarrState
) -> None:
    free = (await sonarr.get(f"{API}/rootfolder/1")).json()["freeSpace"]
    doomed = (await sonarr.get(f"{API}/series/1")).json()
    deleted = await sonarr.delete(f"{API}/series/1", params={"deleteFiles": "true"})
    assert (deleted.status_code, deleted.content) == (200, b"")
    assert (await sonarr.get(f"{API}/series/1")).status_code == 404
    assert (await sonarr.get(f"{API}/rootfolder/1")).json()["freeSpace"] == free + doomed["statistics"]["sizeOnDisk"]
    assert sonarr_state.episodes_of(1) == []

    kept = await sonarr.delete(f"{API}/series/2")
    assert kept.status_code == 200
    folder = (await sonarr.get(f"{API}/rootfolder/1")).json()
    assert "/tv/Game of Thrones" in {item["path"] for item in folder["unmappedFolders"]}
    assert_valid("sonarr", f"{API}/rootfolder/{{id}}", folder)

    missing = await sonarr.delete(f"{API}/series/999")
    assert (missing.status_code, missing.json()["message"]) == (500, "Expected query to return 1 rows but returned 0")


# --- episodes, wanted, calendar ----------------------------------------------------------------------------------


async def test_episodes_need_a_series_or_ids(sonarr: httpx2.AsyncClient) -> None:
    response = await sonarr.get(f"{API}/episode")
    assert response.status_code == 400
    assert response.json()["message"] == "BadRequest: seriesId or episodeIds must be provided"
    two = (await sonarr.get(f"{API}/episode", params={"episodeIds": "1,2"})).json()
    assert [episode["id"] for episode in two] == [1, 2]
    assert_valid("sonarr", f"{API}/episode/{{id}}", (await sonarr.get(f"{API}/episode/5")).json())


async def test_wanted_missing_pages_aired_monitored_episodes_without_files(sonarr: httpx2.AsyncClient) -> None:
    page = (await sonarr.get(f"{API}/wanted/missing", params={"pageSize": 20, "includeSeries": "true"})).json()
    assert_valid("sonarr", f"{API}/wanted/missing", page)
    assert (page["sortKey"], page["sortDirection"], page["pageSize"]) == ("episodes.airDateUtc", "descending", 20)
    assert page["totalRecords"] > 20
    records = page["records"]
    assert len(records) == 20
    assert all(not r["hasFile"] and r["monitored"] and r["airDateUtc"] <= "2026-11-27T12:00:00Z" for r in records)
    assert [r["airDateUtc"] for r in records] == sorted((r["airDateUtc"] for r in records), reverse=True)
    assert all(record["series"]["id"] == record["seriesId"] for record in records)
    severance = next(job for job in DOWNLOADS if job.name.startswith("Severance"))
    everything = (await sonarr.get(f"{API}/wanted/missing", params={"pageSize": 1000})).json()["records"]
    assert (6, severance.season, severance.episode) in {
        (r["seriesId"], r["seasonNumber"], r["episodeNumber"]) for r in everything
    }


async def test_the_calendar_shows_the_episodes_airing_in_the_window(sonarr: httpx2.AsyncClient) -> None:
    default = (await sonarr.get(f"{API}/calendar")).json()
    assert_valid("sonarr", f"{API}/calendar", default)
    assert default, "an airing show has an episode today or tomorrow"
    start, end = FIXED_NOW.replace(hour=0), FIXED_NOW.replace(hour=0) + timedelta(days=2)
    assert all(start.strftime("%Y-%m-%d") <= e["airDate"] <= end.strftime("%Y-%m-%d") for e in default)
    month = (
        await sonarr.get(
            f"{API}/calendar", params={"start": "2026-11-01", "end": "2026-12-31", "includeSeries": "true"}
        )
    ).json()
    assert_valid("sonarr", f"{API}/calendar", month)
    assert len(month) > len(default)
    assert {e["series"]["title"] for e in month} >= {"The Boys", "Slow Horses", "Foundation"}


async def test_health_warns_about_a_short_api_key(sonarr_state: SonarrState) -> None:
    async with arr_client(create_sonarr_app(sonarr_state, api_key="short"), key="short") as client:
        health = (await client.get(f"{API}/health")).json()
    assert_valid("sonarr", f"{API}/health", health)
    assert [item["source"] for item in health] == ["ApiKeyValidationCheck"]


# --- planted settings ------------------------------------------------------------------------------------------------


async def test_the_planted_sub_optimal_settings_are_served(sonarr: httpx2.AsyncClient) -> None:
    host = (await sonarr.get(f"{API}/config/host")).json()
    assert (host["authenticationMethod"], host["logLevel"], host["analyticsEnabled"]) == ("none", "trace", True)
    assert (await sonarr.get(f"{API}/config/indexer")).json()["rssSyncInterval"] == 0
    assert (await sonarr.get(f"{API}/config/naming")).json()["renameEpisodes"] is False
    media = (await sonarr.get(f"{API}/config/mediamanagement")).json()
    assert (media["recycleBin"], media["minimumFreeSpaceWhenImporting"], media["downloadPropersAndRepacks"]) == (
        "",
        100,
        "preferAndUpgrade",
    )
    client = (await sonarr.get(f"{API}/downloadclient/1")).json()
    fields = {item["name"]: item["value"] for item in client["fields"]}
    assert (client["implementation"], fields["tvCategory"]) == ("Sabnzbd", "sonarr")
    assert (await sonarr.get(f"{API}/notification/1")).json()["implementation"] == "PlexServer"
