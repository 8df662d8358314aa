"""`/api/v1/media` over the Plex simulator: shapes as the reference, Plex's state after a scan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from autoarr.sim.stack import SimulatedStack
from tests import reference
from tests.live import serve_settings, settings_for
from tests.stack import Wired, serve_stack

NULLABLE = frozenset({"year", "rating", "added_at"})


@pytest.fixture
async def wired(tmp_path: Path) -> AsyncIterator[Wired]:
    overrides = {"AUTOARR_CIRCUIT_FAILURE_THRESHOLD": "1", "AUTOARR_CIRCUIT_TIMEOUT_SECONDS": "3600"}
    async with serve_stack(tmp_path, **overrides) as wired:
        yield wired


async def test_libraries_have_the_references_fields_and_real_counts(wired: Wired) -> None:
    response = await wired.live.client.get("/api/v1/media/libraries/")
    assert response.status_code == 200
    body = response.json()
    reference.assert_shape(body, reference.LIBRARIES)
    state = wired.stack.plex_state
    expected = [
        {
            "key": section.key,
            "title": section.title,
            "type": section.type,
            "scanner": section.scanner,
            "agent": section.agent,
            # Top-level items only: a TV library counts its shows, not their seasons and episodes.
            "count": sum(
                1 for item in state.items.values() if item.section_key == section.key and item.type == section.type
            ),
        }
        for section in state.sections
    ]
    assert body["libraries"] == expected
    assert [library["count"] for library in body["libraries"]] == [10, 3]


async def test_libraries_count_a_large_library_in_full(tmp_path: Path) -> None:
    async with serve_stack(tmp_path) as wired:
        for number in range(120):
            wired.stack.plex_state.add_movie(f"Bulk Feature {number:03d}", 2001, added_days_ago=400)
        body = (await wired.live.client.get("/api/v1/media/libraries")).json()
        assert body["libraries"][0]["count"] == 130


async def test_recently_added_is_newest_first_with_the_references_fields(wired: Wired) -> None:
    response = await wired.live.client.get("/api/v1/media/recently-added")
    assert response.status_code == 200
    body = response.json()
    reference.assert_shape(body, reference.RECENTLY_ADDED, nullable=NULLABLE)
    assert len(body["items"]) == body["total"] == 20  # the default limit
    stamps = [item["added_at"] for item in body["items"]]
    assert all(stamp.endswith("Z") for stamp in stamps)
    assert stamps == sorted(stamps, reverse=True)
    assert {item["type"] for item in body["items"]} <= {"movie", "episode"}
    assert {item["library"] for item in body["items"]} <= {"Movies", "TV Shows"}
    newest = body["items"][0]  # the episode SABnzbd delivered a few hours ago
    assert newest == {
        "title": "Breaking Bad - S05E14 - Ozymandias",
        "year": 2008,
        "type": "episode",
        "added_at": newest["added_at"],
        "library": "TV Shows",
        "rating": None,
    }
    matrix = next(item for item in body["items"] if item["title"] == "The Matrix")
    assert (matrix["type"], matrix["library"], matrix["year"]) == ("movie", "Movies", 1999)
    assert isinstance(matrix["rating"], float)


async def test_recently_added_honours_the_limit(wired: Wired) -> None:
    body = (await wired.live.client.get("/api/v1/media/recently-added", params={"limit": 5})).json()
    assert len(body["items"]) == body["total"] == 5
    most = (await wired.live.client.get("/api/v1/media/recently-added", params={"limit": 200})).json()
    assert len(most["items"]) == most["total"] == 143  # every movie and episode the simulator holds
    assert most["items"][:5] == body["items"]


@pytest.mark.parametrize("limit", ["0", "201", "-1", "lots"])
async def test_invalid_limits_are_400(wired: Wired, limit: str) -> None:
    response = await wired.live.client.get("/api/v1/media/recently-added", params={"limit": limit})
    assert response.status_code == 400
    assert list(response.json()["details"]) == ["limit"]


@pytest.mark.parametrize("key", ["2", 2])
async def test_scan_starts_a_scan_in_plex_and_names_the_library(wired: Wired, key: Any) -> None:
    response = await wired.live.client.post("/api/v1/media/scan/", json={"library_key": key})
    assert response.status_code == 200
    body = response.json()
    reference.assert_shape(body, reference.SCAN)
    assert body == {"success": True, "message": "Library scan triggered", "library": "TV Shows"}
    sections = {section.key: section.refreshing for section in wired.stack.plex_state.sections}
    assert sections == {"1": False, "2": True}


@pytest.mark.parametrize("key", ["9", "abc", "1/../2"])
async def test_scanning_an_unknown_library_is_404_and_scans_nothing(wired: Wired, key: str) -> None:
    response = await wired.live.client.post("/api/v1/media/scan", json={"library_key": key})
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert response.json()["details"] == {"library_key": key}
    assert not any(section.refreshing for section in wired.stack.plex_state.sections)


@pytest.mark.parametrize("body", [{}, {"library_key": ""}, {"library_key": None}, {"key": "1"}])
async def test_a_scan_without_a_library_key_is_400(wired: Wired, body: dict[str, Any]) -> None:
    response = await wired.live.client.post("/api/v1/media/scan", json=body)
    assert response.status_code == 400
    assert list(response.json()["details"]) == ["library_key"]


async def test_plex_down_is_503_then_its_open_circuit_is_503_without_calling_it(wired: Wired) -> None:
    await wired.stack.servers["plex"].stop()
    down = await wired.live.client.get("/api/v1/media/libraries")
    assert down.status_code == 503
    assert down.json()["details"]["reason"] == "unreachable"
    await wired.stack.servers["plex"].start()
    seen = wired.stack.faults["plex"].requests_seen
    for method, path, body in [("GET", "/recently-added", None), ("POST", "/scan", {"library_key": "1"})]:
        response = await wired.live.client.request(method, "/api/v1/media" + path, json=body)
        assert response.status_code == 503
        assert response.json()["details"]["reason"] == "circuit_open"
    assert wired.stack.faults["plex"].requests_seen == seen
    assert not wired.stack.plex_state.sections[0].refreshing


async def test_plex_rejecting_the_token_is_503_upstream_auth(wired: Wired) -> None:
    wired.stack.faults["plex"].reject_key = True
    response = await wired.live.client.get("/api/v1/media/recently-added")
    assert response.status_code == 503
    assert response.json()["details"]["reason"] == "upstream_auth"


async def test_a_disabled_plex_is_503(tmp_path: Path) -> None:
    async with SimulatedStack() as stack:
        env = {key: value for key, value in stack.environment().items() if not key.startswith("PLEX")}
        async with serve_settings(settings_for(tmp_path, **env)) as live:
            for method, path, body in [
                ("GET", "/libraries", None),
                ("GET", "/recently-added", None),
                ("POST", "/scan", {"library_key": "1"}),
            ]:
                response = await live.client.request(method, "/api/v1/media" + path, json=body)
                assert response.status_code == 503, path
                assert response.json()["error"] == "service_unavailable"
                assert response.json()["details"]["reason"] == "disabled"
            assert stack.faults["plex"].requests_seen == 0


async def test_every_answer_matches_the_openapi_document(wired: Wired) -> None:
    spec = (await wired.live.client.get("/openapi.json")).json()
    answers = [("GET", "/libraries", None), ("GET", "/recently-added", None), ("POST", "/scan", {"library_key": "1"})]
    for method, path, body in answers:
        response = await wired.live.client.request(method, "/api/v1/media" + path, json=body)
        assert response.status_code == 200, path
        reference.assert_documented(spec, method, "/api/v1/media" + path, 200, response.json())
