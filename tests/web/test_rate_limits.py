"""Moving-window budgets per category and per key, announced on every response."""

from __future__ import annotations

import time
from pathlib import Path

from autoarr.web.ratelimit import category_for
from tests.live import API_KEY, serve_settings, settings_for


async def test_headers_count_down_on_every_response_errors_included(tmp_path: Path) -> None:
    async with serve_settings(settings_for(tmp_path, AUTOARR_RATE_LIMITS="general=5/minute")) as live:
        seen = []
        for path in ("/api/v1/a", "/api/v1/b", "/metrics"):  # two 404s and a 200 share the general budget
            response = await live.client.get(path)
            assert response.headers["x-ratelimit-limit"] == "5"
            seen.append(int(response.headers["x-ratelimit-remaining"]))
            reset = int(response.headers["x-ratelimit-reset"])
            assert time.time() - 1 <= reset <= time.time() + 61
        assert seen == [4, 3, 2]


async def test_exhausted_budget_is_429_with_retry_after_and_the_contract_body(tmp_path: Path) -> None:
    async with serve_settings(settings_for(tmp_path, AUTOARR_RATE_LIMITS="health=3/minute")) as live:
        statuses = [(await live.client.get("/health")).status_code for _ in range(3)]
        assert statuses == [200, 200, 200]
        refused = await live.client.get("/health")
        assert refused.status_code == 429
        body = refused.json()
        retry_after = int(refused.headers["retry-after"])
        assert 1 <= retry_after <= 60
        assert body == {
            "error": "rate_limit_exceeded",
            "message": f"Rate limit exceeded. Try again in {retry_after} seconds.",
            "details": {"retry_after": retry_after, "category": "health"},
            "retry_after": retry_after,
        }
        assert refused.headers["x-ratelimit-remaining"] == "0"
        assert "x-request-id" in refused.headers
        # Other categories keep their own budget.
        assert (await live.client.get("/metrics")).status_code == 200


async def test_default_limits_are_the_references(tmp_path: Path) -> None:
    async with serve_settings(settings_for(tmp_path)) as live:
        assert (await live.client.get("/health")).headers["x-ratelimit-limit"] == "60"
        assert (await live.client.get("/metrics")).headers["x-ratelimit-limit"] == "100"


async def test_budgets_are_per_key_and_per_address_without_one(tmp_path: Path) -> None:
    async with serve_settings(settings_for(tmp_path, AUTOARR_RATE_LIMITS="health=2/minute")) as live:
        for _ in range(2):
            assert (await live.anonymous.get("/health")).status_code == 401
        # The address without a key has spent its budget; the key holder has not.
        assert (await live.anonymous.get("/health")).status_code == 429
        keyed = await live.client.get("/health")
        assert keyed.status_code == 200
        assert keyed.headers["x-ratelimit-remaining"] == "1"


async def test_x_forwarded_for_counts_only_from_a_trusted_proxy(tmp_path: Path) -> None:
    limits = {"AUTOARR_RATE_LIMITS": "general=1/minute"}
    async with serve_settings(settings_for(tmp_path / "a", **limits)) as untrusted:
        first = await untrusted.anonymous.get("/x", headers={"X-Forwarded-For": "203.0.113.7"})
        second = await untrusted.anonymous.get("/x", headers={"X-Forwarded-For": "203.0.113.8"})
        # Not behind a trusted proxy: the header is ignored, both came from 127.0.0.1.
        assert (first.status_code, second.status_code) == (401, 429)
    trusted = {**limits, "AUTOARR_TRUSTED_PROXIES": "127.0.0.1"}
    async with serve_settings(settings_for(tmp_path / "b", **trusted)) as proxied:
        first = await proxied.anonymous.get("/x", headers={"X-Forwarded-For": "203.0.113.7"})
        second = await proxied.anonymous.get("/x", headers={"X-Forwarded-For": "203.0.113.8"})
        again = await proxied.anonymous.get("/x", headers={"X-Forwarded-For": "203.0.113.7"})
        assert (first.status_code, second.status_code, again.status_code) == (401, 401, 429)
        # A client cannot hide behind a forged hop: the right-most untrusted address is the one counted.
        forged = await proxied.anonymous.get("/x", headers={"X-Forwarded-For": "198.51.100.1, 203.0.113.8"})
        assert forged.status_code == 429


def test_routes_map_to_the_contracts_categories() -> None:
    cases = {
        ("GET", "/health"): "health",
        ("GET", "/health/sabnzbd"): "health",
        ("GET", "/api/v1/health/circuit-breaker/sonarr"): "health",
        ("POST", "/api/v1/config/audit"): "audit",
        ("GET", "/api/v1/config/audit/history"): "recommendations",
        ("POST", "/api/v1/config/apply"): "apply",
        ("POST", "/api/v1/config/rollback"): "apply",
        ("POST", "/api/v1/shows/"): "requests",
        ("POST", "/api/v1/movies"): "requests",
        ("GET", "/api/v1/shows"): "general",
        ("GET", "/api/v1/config/recommendations"): "recommendations",
        ("GET", "/api/v1/config/recommendations/7"): "recommendations",
        ("GET", "/openapi.json"): "general",
        ("GET", "/ws/client-1"): "general",
    }
    for (method, path), category in cases.items():
        assert category_for(method, path) == category, (method, path)


async def test_key_identity_never_holds_the_key_itself(tmp_path: Path) -> None:
    async with serve_settings(settings_for(tmp_path)) as live:
        keys = live.app.state.kit.keys
        assert API_KEY not in keys.identity
