"""Every error class comes back in the `{error, message, details}` envelope, never a framework 422."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated

import pytest
from fastapi import APIRouter, Query
from pydantic import BaseModel

from autoarr.app import create_app
from autoarr.logs import configure_logging
from tests.live import API_KEY, LiveApp, serve, settings_for


class ApplyBody(BaseModel):
    recommendation_ids: list[int]
    dry_run: bool = False


class Nested(BaseModel):
    audit: dict[str, int]


@pytest.fixture
async def live_errors(tmp_path: Path) -> AsyncIterator[LiveApp]:
    """AutoArr plus test routes that take bodies and queries, and one that crashes."""
    configure_logging(level="info", secrets=[API_KEY])  # before create_app, as `autoarr serve` does
    app = create_app(settings_for(tmp_path / "data"))
    router = APIRouter()

    @router.post("/test/apply")
    async def apply(body: ApplyBody) -> dict[str, int]:
        return {"count": len(body.recommendation_ids)}

    @router.get("/test/page")
    async def page(page_size: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, int]:
        return {"page_size": page_size}

    @router.get("/test/crash")
    async def crash() -> None:
        raise RuntimeError(f"boom with secret {API_KEY}")

    app.include_router(router)
    async with serve(app) as live:
        yield live


def _assert_envelope(body: dict[str, object], code: str) -> None:
    assert set(body) >= {"error", "message", "details"}
    assert body["error"] == code
    assert isinstance(body["message"], str)
    assert body["message"]
    assert isinstance(body["details"], dict)


async def test_unknown_route_is_404_not_found(live: LiveApp) -> None:
    response = await live.client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    _assert_envelope(response.json(), "not_found")


async def test_wrong_method_is_405_method_not_allowed(live: LiveApp) -> None:
    response = await live.client.delete("/health")
    assert response.status_code == 405
    _assert_envelope(response.json(), "method_not_allowed")
    assert response.headers["allow"] == "GET"


async def test_a_405_allows_every_method_the_path_serves(live: LiveApp) -> None:
    response = await live.client.delete("/api/v1/settings")  # GET and PUT, two routes on one path
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, PUT"


async def test_malformed_json_is_400_invalid_request(live_errors: LiveApp) -> None:
    response = await live_errors.client.post(
        "/test/apply", content=b'{"recommendation_ids": [1,', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    body = response.json()
    _assert_envelope(body, "invalid_request")
    assert "body" in body["details"]


async def test_missing_field_is_400_with_its_path_in_details(live_errors: LiveApp) -> None:
    response = await live_errors.client.post("/test/apply", json={"dry_run": True})
    assert response.status_code == 400
    body = response.json()
    _assert_envelope(body, "invalid_request")
    assert list(body["details"]) == ["recommendation_ids"]


async def test_wrong_type_deep_in_a_list_is_400_keyed_by_its_index(live_errors: LiveApp) -> None:
    response = await live_errors.client.post("/test/apply", json={"recommendation_ids": [1, 2, "three"]})
    assert response.status_code == 400
    body = response.json()
    _assert_envelope(body, "invalid_request")
    assert list(body["details"]) == ["recommendation_ids.2"]


async def test_query_out_of_range_is_400_keyed_by_the_parameter(live_errors: LiveApp) -> None:
    response = await live_errors.client.get("/test/page", params={"page_size": 0})
    assert response.status_code == 400
    assert list(response.json()["details"]) == ["page_size"]
    assert (await live_errors.client.get("/test/page", params={"page_size": 5})).json() == {"page_size": 5}


async def test_no_response_is_ever_a_422(live_errors: LiveApp) -> None:
    for payload in ({}, [], "x", {"recommendation_ids": None}, {"recommendation_ids": [{}]}):
        response = await live_errors.client.post("/test/apply", json=payload)
        assert response.status_code == 400, payload


async def test_crash_is_500_without_trace_or_secret_and_logged_under_the_request_id(
    live_errors: LiveApp, capfd: pytest.CaptureFixture[str]
) -> None:
    response = await live_errors.client.get("/test/crash", headers={"X-Request-ID": "trace-me-123"})
    assert response.status_code == 500
    body = response.json()
    _assert_envelope(body, "internal_error")
    assert "boom" not in response.text
    assert API_KEY not in response.text
    assert "Traceback" not in response.text
    assert response.headers["x-request-id"] == "trace-me-123"
    assert response.headers["x-ratelimit-limit"] == "100"
    logged = [json.loads(line) for line in capfd.readouterr().err.splitlines() if line.startswith("{")]
    crash = next(entry for entry in logged if entry["event"] == "unhandled error")
    assert crash["request_id"] == "trace-me-123"
    assert "RuntimeError: boom with secret ***" in crash["exception"]
    assert all(API_KEY not in json.dumps(entry) for entry in logged)


async def test_request_id_is_echoed_or_generated(live: LiveApp) -> None:
    echoed = await live.client.get("/health", headers={"X-Request-ID": "abc-123"})
    assert echoed.headers["x-request-id"] == "abc-123"
    generated = await live.client.get("/health")
    assert len(generated.headers["x-request-id"]) >= 16
    bogus = await live.client.get("/health", headers={"X-Request-ID": "has spaces\tand tabs"})
    assert bogus.headers["x-request-id"] != "has spaces\tand tabs"


async def test_trailing_slash_answers_the_same_without_redirect(live: LiveApp) -> None:
    plain = await live.client.get("/health/sonarr")
    slashed = await live.client.get("/health/sonarr/")
    assert plain.status_code == slashed.status_code == 503
    assert plain.json() == slashed.json()
    assert (await live.client.get("/api/v1/health/")).status_code == 200
