"""The Plex simulator answers in the shapes plex-api-spec.yaml defines, checks tokens, and keeps state."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path
from typing import Any

import httpx2
import jsonschema
import pytest
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from autoarr.sim.faults import Faults
from autoarr.sim.plex import PlexState, create_plex_app
from autoarr.sim.server import SimServer

SPEC_PATH = Path(__file__).resolve().parents[1] / "contracts" / "plex-api-spec.yaml"
SPEC_URI = "urn:plex-api-spec"
TOKEN = "plex-token-for-tests"
NOW = 1_795_812_000.0
JSON = {"Accept": "application/json", "X-Plex-Token": TOKEN}


# ---- a $ref-resolving validator over the OpenAPI 3.1 document (its schemas are JSON Schema 2020-12) ----


@cache
def _registry() -> Registry[Any]:
    spec = yaml.load(SPEC_PATH.read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return Registry().with_resource(SPEC_URI, Resource(contents=spec, specification=DRAFT202012))


def _pointer(*parts: str) -> str:
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def response_schema(path: str, method: str = "get") -> dict[str, str]:
    """The 200 JSON schema the spec gives for an operation, as a $ref into the document."""
    pointer = _pointer(path, method, "responses", "200", "content", "application/json", "schema")
    return {"$ref": f"{SPEC_URI}#/paths/{pointer}"}


def component(name: str) -> dict[str, str]:
    """A components/schemas entry, as a $ref."""
    return {"$ref": f"{SPEC_URI}#/components/schemas/{name}"}


def spec_errors(schema: dict[str, str], body: Any) -> list[str]:
    """Every violation of the schema, as readable strings (empty when the body conforms)."""
    validator = jsonschema.Draft202012Validator(schema, registry=_registry())
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(body)]


# ---- fixtures --------------------------------------------------------------------------------------


@pytest.fixture
def state() -> PlexState:
    return PlexState.seeded(now=NOW)


@asynccontextmanager
async def client(state: PlexState, faults: Faults | None = None) -> AsyncIterator[httpx2.AsyncClient]:
    app = create_plex_app(state, token=TOKEN, faults=faults)
    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app), base_url="http://sim", headers=JSON) as http:
        yield http


async def get_json(http: httpx2.AsyncClient, path: str, **params: str) -> Any:
    response = await http.get(path, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


# ---- the validator itself ----------------------------------------------------------------------------


def test_the_spec_validator_rejects_a_wrong_type() -> None:
    good = {
        "MediaContainer": {
            "size": 1,
            "Metadata": [{"ratingKey": "1", "key": "/k", "title": "t", "type": "movie", "addedAt": 1}],
        }
    }
    bad = {"MediaContainer": {"size": 1, "Metadata": [{"ratingKey": 1, "key": "/k", "title": "t", "type": "movie"}]}}
    assert spec_errors(component("MediaContainerWithMetadata"), good) == []
    errors = spec_errors(component("MediaContainerWithMetadata"), bad)
    assert any("'addedAt' is a required property" in error for error in errors)
    assert any("1 is not of type 'string'" in error for error in errors)


# ---- shapes against the spec -------------------------------------------------------------------------

SPEC_CASES = [
    ("/", {}, response_schema("/")),
    ("/library/sections", {}, response_schema("/library/sections/all")),
    ("/library/sections/1/all", {"includeGuids": "1"}, response_schema("/library/sections/{sectionId}/all")),
    ("/library/sections/2/all", {"type": "4"}, response_schema("/library/sections/{sectionId}/all")),
    ("/library/sections/2/all", {"type": "3"}, response_schema("/library/sections/{sectionId}/all")),
    ("/library/metadata/1001", {}, response_schema("/library/metadata/{ids}")),
    ("/status/sessions", {}, response_schema("/status/sessions")),
    ("/hubs/search", {"query": "the"}, response_schema("/hubs/search")),
    ("/:/prefs", {}, response_schema("/:/prefs")),
    ("/butler", {}, response_schema("/butler")),
    # Not in the spec; checked against the generic container of Metadata.
    ("/library/recentlyAdded", {}, component("MediaContainerWithMetadata")),
    ("/library/sections/2/recentlyAdded", {}, component("MediaContainerWithMetadata")),
    ("/library/onDeck", {}, component("MediaContainerWithMetadata")),
    ("/search", {"query": "breaking"}, component("MediaContainerWithMetadata")),
]


@pytest.mark.parametrize(("path", "params", "schema"), SPEC_CASES, ids=[f"{c[0]}{c[1]}" for c in SPEC_CASES])
async def test_response_matches_the_spec(
    state: PlexState, path: str, params: dict[str, str], schema: dict[str, str]
) -> None:
    async with client(state) as http:
        body = await get_json(http, path, **params)
    assert spec_errors(schema, body) == []
    if "MediaContainer" in body:
        container = body["MediaContainer"]
        listed = next((value for key, value in container.items() if isinstance(value, list)), None)
        assert listed, f"{path} should list something in the seeded state"
        if "size" in container and "Hub" not in container:
            assert container["size"] == len(listed)


async def test_identity_needs_no_token_and_matches_the_spec(state: PlexState) -> None:
    app = create_plex_app(state, token=TOKEN)
    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app), base_url="http://sim") as http:
        response = await http.get("/identity", headers={"Accept": "application/json"})
    body = response.json()
    assert spec_errors(response_schema("/identity"), body) == []
    assert body["MediaContainer"] == {
        "size": 0,
        "apiVersion": "1.1.1",
        "claimed": True,
        "machineIdentifier": state.machine_identifier,
        "version": state.version,
    }


async def test_items_use_plex_json_types(state: PlexState) -> None:
    async with client(state) as http:
        movies = (await get_json(http, "/library/sections/1/all"))["MediaContainer"]["Metadata"]
        episodes = (await get_json(http, "/library/sections/2/all", type="4"))["MediaContainer"]["Metadata"]
    for item in [*movies, *episodes]:
        assert isinstance(item["ratingKey"], str)
        assert item["key"] == f"/library/metadata/{item['ratingKey']}"
        assert isinstance(item["addedAt"], int)
        assert isinstance(item["year"], int)
        assert isinstance(item["Media"][0]["Part"][0]["file"], str)
    assert all(item["Media"][0]["Part"][0]["file"].startswith("/movies/") for item in movies)
    assert all(item["Media"][0]["Part"][0]["file"].startswith("/tv/") for item in episodes)
    assert "librarySectionID" not in movies[0]  # on the container in a per-section listing


# ---- tokens ---------------------------------------------------------------------------------------


async def test_token_by_header_or_query_and_401_otherwise(state: PlexState) -> None:
    app = create_plex_app(state, token=TOKEN)
    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app), base_url="http://sim") as http:
        missing = await http.get("/library/sections", headers={"Accept": "application/json"})
        wrong = await http.get("/library/sections", headers={"X-Plex-Token": "nope"})
        by_header = await http.get("/library/sections", headers=JSON)
        by_query = await http.get(
            "/library/sections", params={"X-Plex-Token": TOKEN}, headers={"Accept": "application/json"}
        )
    assert (missing.status_code, wrong.status_code) == (401, 401)
    assert missing.headers["content-type"].startswith("text/html")
    assert "401 Unauthorized" in missing.text
    assert by_header.json() == by_query.json()
    assert by_header.json()["MediaContainer"]["size"] == 2


async def test_reject_key_fault_turns_every_request_away(state: PlexState) -> None:
    faults = Faults(reject_key=True)
    async with client(state, faults) as http:
        denied = [(await http.get(path)).status_code for path in ("/library/sections", "/identity", "/:/prefs")]
        faults.reset()
        healed = await http.get("/library/sections")
    assert denied == [401, 401, 401]
    assert healed.status_code == 200


async def test_error_500_fault(state: PlexState) -> None:
    async with client(state, Faults(error_500=True)) as http:
        assert (await http.get("/identity")).status_code == 500


# ---- library ---------------------------------------------------------------------------------------


async def test_sections_are_movies_and_tv_with_their_locations(state: PlexState) -> None:
    async with client(state) as http:
        container = (await get_json(http, "/library/sections"))["MediaContainer"]
    rows = [(row["key"], row["title"], row["type"], row["Location"][0]["path"]) for row in container["Directory"]]
    assert rows == [("1", "Movies", "movie", "/movies"), ("2", "TV Shows", "show", "/tv")]
    assert all(row["refreshing"] is False and isinstance(row["scannedAt"], int) for row in container["Directory"])


async def test_paging_by_headers_or_query_with_total_size(state: PlexState) -> None:
    async with client(state) as http:
        by_headers = await http.get(
            "/library/sections/1/all", headers={"X-Plex-Container-Start": "2", "X-Plex-Container-Size": "3"}
        )
        by_query = await http.get(
            "/library/sections/1/all", params={"X-Plex-Container-Start": "2", "X-Plex-Container-Size": "3"}
        )
        past_end = await http.get("/library/sections/1/all", params={"X-Plex-Container-Start": "50"})
        everything = await http.get("/library/sections/1/all")
    page = by_headers.json()["MediaContainer"]
    assert (page["size"], page["totalSize"], page["offset"]) == (3, 10, 2)
    assert by_headers.headers["X-Plex-Container-Total-Size"] == "10"
    assert by_headers.headers["X-Plex-Container-Start"] == "2"
    assert by_query.json() == by_headers.json()
    titles = [item["title"] for item in everything.json()["MediaContainer"]["Metadata"]]
    assert [item["title"] for item in page["Metadata"]] == titles[2:5]
    empty = past_end.json()["MediaContainer"]
    assert empty["size"] == 0
    assert "Metadata" not in empty


async def test_type_and_sort_filters(state: PlexState) -> None:
    async with client(state) as http:
        shows = (await get_json(http, "/library/sections/2/all"))["MediaContainer"]
        newest = (await get_json(http, "/library/sections/1/all", sort="addedAt:desc"))["MediaContainer"]["Metadata"]
        seasons = (await get_json(http, "/library/sections/2/all", type="3"))["MediaContainer"]["Metadata"]
    assert [item["title"] for item in shows["Metadata"]] == ["Breaking Bad", "The Expanse", "Severance"]
    assert shows["Metadata"][0]["leafCount"] == 62
    assert [item["addedAt"] for item in newest] == sorted((item["addedAt"] for item in newest), reverse=True)
    assert newest[0]["title"] == "The Matrix"
    assert {item["type"] for item in seasons} == {"season"}


async def test_refresh_sets_refreshing_then_the_clock_updates_scanned_at(state: PlexState) -> None:
    async with client(state) as http:
        before = (await get_json(http, "/library/sections"))["MediaContainer"]["Directory"][0]
        started = await http.get("/library/sections/1/refresh")
        during = (await get_json(http, "/library/sections"))["MediaContainer"]["Directory"]
        state.tick(10)
        after = (await get_json(http, "/library/sections"))["MediaContainer"]["Directory"]
        posted = await http.post("/library/sections/2/refresh", params={"force": "1"})
        unknown = await http.get("/library/sections/9/refresh")
    assert (started.status_code, started.content) == (200, b"")
    assert [row["refreshing"] for row in during] == [True, False]
    assert after[0]["refreshing"] is False
    assert after[0]["scannedAt"] == int(NOW + 10) > before["scannedAt"]
    assert posted.status_code == 200
    assert state.sections[1].refreshing is True
    assert unknown.status_code == 404


async def test_recently_added_items_carry_their_section(state: PlexState) -> None:
    state.add_movie("Arrival of the New", 2025, tmdb_id=1, imdb_id="tt0000001")
    async with client(state) as http:
        recent = (await get_json(http, "/library/recentlyAdded"))["MediaContainer"]["Metadata"]
        tv = (await get_json(http, "/library/sections/2/recentlyAdded"))["MediaContainer"]
    assert [(item["title"], item["librarySectionID"]) for item in recent[:3]] == [
        ("Arrival of the New", 1),
        ("Ozymandias", 2),
        ("The Matrix", 1),
    ]
    assert recent[1]["librarySectionTitle"] == "TV Shows"
    assert recent[1]["librarySectionKey"] == "/library/sections/2"
    assert recent[1]["grandparentTitle"] == "Breaking Bad"
    assert (tv["librarySectionID"], tv["Metadata"][0]["title"]) == (2, "Ozymandias")
    assert "librarySectionID" not in tv["Metadata"][0]


async def test_on_deck_sessions_search_and_metadata(state: PlexState) -> None:
    async with client(state) as http:
        deck = (await get_json(http, "/library/onDeck"))["MediaContainer"]["Metadata"]
        sessions = (await get_json(http, "/status/sessions"))["MediaContainer"]
        hubs = (await get_json(http, "/hubs/search", query="matrix"))["MediaContainer"]["Hub"]
        found = (await get_json(http, "/search", query="severance"))["MediaContainer"]["Metadata"]
        rating_key = hubs[0]["Metadata"][0]["ratingKey"]
        detail = (await get_json(http, f"/library/metadata/{rating_key}"))["MediaContainer"]["Metadata"][0]
        missing = await http.get("/library/metadata/999999")
        no_query = await http.get("/search")
        children = (await get_json(http, f"/library/metadata/{found[0]['ratingKey']}/children"))["MediaContainer"]
    assert {item["title"] for item in deck} == {"Interstellar", "Episode 2", "Ozymandias"}
    assert sessions["size"] == 1
    playing = sessions["Metadata"][0]
    assert (playing["title"], playing["Player"]["state"], playing["Session"]["location"]) == (
        "Ozymandias",
        "playing",
        "lan",
    )
    assert playing["User"]["title"] == "walter"
    assert [(hub["title"], hub["size"]) for hub in hubs] == [("Movies", 1), ("Shows", 0), ("Episodes", 0)]
    assert "Metadata" not in hubs[1]
    assert detail["title"] == "The Matrix"
    assert {"imdb://tt0133093", "tmdb://603"} <= {guid["id"] for guid in detail["Guid"]}
    assert missing.status_code == 404
    assert no_query.status_code == 400
    assert [item["title"] for item in children["Metadata"]] == ["Season 1", "Season 2"]


async def test_library_size_knob(state: PlexState) -> None:
    big = PlexState.seeded(now=NOW, extra_movies=500, extra_shows=3)
    async with client(big) as http:
        movies = (await http.get("/library/sections/1/all", headers={"X-Plex-Container-Size": "100"})).json()
        shows = (await get_json(http, "/library/sections/2/all"))["MediaContainer"]
    assert (movies["MediaContainer"]["size"], movies["MediaContainer"]["totalSize"]) == (100, 510)
    assert shows["totalSize"] == 6


# ---- prefs and butler ----------------------------------------------------------------------------------


async def test_planted_prefs_are_reported(state: PlexState) -> None:
    async with client(state) as http:
        settings = (await get_json(http, "/:/prefs"))["MediaContainer"]["Setting"]
    values = {row["id"]: row["value"] for row in settings}
    planted = {
        "secureConnections": 2,
        "FSEventLibraryUpdatesEnabled": False,
        "ScheduledLibraryUpdateInterval": 900,
        "TranscoderTempDirectory": "",
        "LogVerbose": True,
        "logTokens": True,
        "RelayEnabled": True,
        "allowedNetworks": "",
        "GenerateBIFBehavior": "asap",
        "autoEmptyTrash": False,
        "ButlerTaskBackupDatabase": False,
    }
    assert {key: values[key] for key in planted} == planted
    secure = next(row for row in settings if row["id"] == "secureConnections")
    assert (secure["type"], secure["default"], secure["enumValues"]) == ("int", 1, "0:Required|1:Preferred|2:Disabled")


async def test_prefs_put_round_trip(state: PlexState) -> None:
    async with client(state) as http:
        changed = await http.put(
            "/:/prefs",
            params={
                "FSEventLibraryUpdatesEnabled": "true",
                "LogVerbose": "0",
                "ScheduledLibraryUpdateInterval": "3600",
                "TranscoderTempDirectory": "/transcode",
                "FriendlyName": "Den Server",
            },
        )
        values = {row["id"]: row["value"] for row in (await get_json(http, "/:/prefs"))["MediaContainer"]["Setting"]}
        server = (await get_json(http, "/"))["MediaContainer"]
    assert (changed.status_code, changed.content) == (200, b"")
    assert values["FSEventLibraryUpdatesEnabled"] is True
    assert values["LogVerbose"] is False
    assert values["ScheduledLibraryUpdateInterval"] == 3600
    assert values["TranscoderTempDirectory"] == "/transcode"
    assert server["friendlyName"] == "Den Server"


async def test_prefs_put_rejects_unknown_ids_and_bad_values_without_changing_anything(state: PlexState) -> None:
    async with client(state) as http:
        unknown = await http.put("/:/prefs", params={"LogVerbose": "false", "NoSuchPref": "1"})
        bad_bool = await http.put("/:/prefs", params={"LogVerbose": "maybe"})
        bad_int = await http.put("/:/prefs", params={"secureConnections": "high"})
    assert [unknown.status_code, bad_bool.status_code, bad_int.status_code] == [400, 400, 400]
    assert state.prefs["LogVerbose"].value is True
    assert state.prefs["secureConnections"].value == 2


async def test_butler_lists_tasks_and_starts_one(state: PlexState) -> None:
    async with client(state) as http:
        tasks = (await get_json(http, "/butler"))["ButlerTasks"]["ButlerTask"]
        first = await http.post("/butler/OptimizeDatabase")
        second = await http.post("/butler/OptimizeDatabase")
        unknown = await http.post("/butler/NoSuchTask")
    enabled = {task["name"]: task["enabled"] for task in tasks}
    assert enabled["BackupDatabase"] is False
    assert enabled["OptimizeDatabase"] is True
    assert [first.status_code, second.status_code, unknown.status_code] == [200, 202, 404]


# ---- XML and a real socket ---------------------------------------------------------------------------


async def test_xml_is_the_default_format(state: PlexState) -> None:
    app = create_plex_app(state, token=TOKEN)
    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app), base_url="http://sim") as http:
        response = await http.get("/library/sections", headers={"X-Plex-Token": TOKEN})
    assert response.headers["content-type"].startswith("text/xml")
    root = ET.fromstring(response.text)
    assert (root.tag, root.get("size")) == ("MediaContainer", "2")
    directories = root.findall("Directory")
    assert [(row.get("key"), row.get("refreshing"), row.find("Location").get("path")) for row in directories] == [  # type: ignore[union-attr]
        ("1", "0", "/movies"),
        ("2", "0", "/tv"),
    ]


async def test_over_a_real_socket(state: PlexState) -> None:
    async with (
        SimServer(create_plex_app(state, token=TOKEN)) as server,
        httpx2.AsyncClient(base_url=server.url) as http,
    ):
        sections = await http.get("/library/sections", headers=JSON)
        denied = await http.get("/library/sections")
    assert [row["title"] for row in sections.json()["MediaContainer"]["Directory"]] == ["Movies", "TV Shows"]
    assert denied.status_code == 401
