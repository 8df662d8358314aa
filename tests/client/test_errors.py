"""Where the client finds AutoArr and its key, and the typed errors that carry AutoArr's envelope."""

from __future__ import annotations

from pathlib import Path

import pytest

from autoarr.client import (
    DEFAULT_URL,
    AutoArrClient,
    AutoArrConnectionError,
    AutoArrError,
    AutoArrTimeoutError,
    InvalidRequestError,
    NotFoundError,
    RateLimitedError,
    ServiceUnavailableError,
    UnauthorizedError,
    resolve_endpoint,
)
from tests.live import API_KEY, serve_settings, settings_for
from tests.stack import Wired
from tests.support.ports import free_port


def test_arguments_win_over_the_environment() -> None:
    env = {"AUTOARR_URL": "http://env:1", "AUTOARR_API_KEY": "env-key"}
    endpoint = resolve_endpoint("https://arg:2/autoarr/", "arg-key", environ=env)
    assert (endpoint.base_url, endpoint.api_key) == ("https://arg:2/autoarr", "arg-key")
    assert endpoint.websocket_url == "wss://arg:2/autoarr"
    assert "arg-key" not in repr(endpoint)


def test_the_environment_fills_in_what_the_arguments_leave_out() -> None:
    endpoint = resolve_endpoint(environ={"AUTOARR_URL": "http://env:1", "AUTOARR_API_KEY": "env-key"})
    assert (endpoint.base_url, endpoint.api_key) == ("http://env:1", "env-key")


def test_a_local_server_s_stored_key_is_used_but_never_sent_elsewhere(tmp_path: Path) -> None:
    (tmp_path / "api_key").write_text("stored-key\n")
    env = {"AUTOARR_DATA_DIR": str(tmp_path)}
    assert resolve_endpoint(environ=env) == resolve_endpoint(DEFAULT_URL, "stored-key", environ={})
    assert resolve_endpoint("http://localhost:9000", environ=env).api_key == "stored-key"
    assert resolve_endpoint("http://media.example:8000", environ=env).api_key is None
    assert resolve_endpoint(environ={"AUTOARR_DATA_DIR": str(tmp_path / "none")}).api_key is None


def test_a_url_without_a_scheme_is_refused() -> None:
    with pytest.raises(ValueError, match="http://"):
        resolve_endpoint("127.0.0.1:8000", environ={})


async def test_a_wrong_key_is_unauthorized_with_the_envelope(wired: Wired) -> None:
    async with AutoArrClient(wired.live.url, "wrong-key") as client:
        with pytest.raises(UnauthorizedError) as caught:
            await client.health()
    error = caught.value
    assert (error.status, error.error, error.details) == (401, "unauthorized", {})
    assert "X-API-Key" in error.message
    assert error.request_id


async def test_a_missing_item_is_not_found(client: AutoArrClient) -> None:
    with pytest.raises(NotFoundError) as caught:
        await client.recommendation(424242)
    assert caught.value.error == "not_found"
    assert "424242" in caught.value.message


async def test_an_invalid_request_names_the_field(client: AutoArrClient) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        await client.history(limit=0)
    assert list(caught.value.details) == ["limit"]
    with pytest.raises(InvalidRequestError) as caught:
        await client.apply([])
    assert list(caught.value.details) == ["recommendation_ids"]


async def test_a_service_that_is_down_is_unavailable_with_the_reason(wired: Wired, client: AutoArrClient) -> None:
    await wired.stack.servers["sabnzbd"].stop()
    with pytest.raises(ServiceUnavailableError) as caught:
        await client.queue()
    assert (caught.value.status, caught.value.error) == (503, "service_unavailable")
    assert caught.value.details["reason"] == "unreachable"


async def test_a_disabled_service_is_unavailable(tmp_path: Path) -> None:
    async with (
        serve_settings(settings_for(tmp_path)) as live,
        AutoArrClient(live.url, API_KEY) as client,
    ):
        assert (await client.health()).services == {}
        with pytest.raises(ServiceUnavailableError):
            await client.service_health("sonarr")
        with pytest.raises(ServiceUnavailableError):
            await client.shows()


async def test_a_spent_budget_is_rate_limited_with_retry_after(tmp_path: Path) -> None:
    async with (
        serve_settings(settings_for(tmp_path, AUTOARR_RATE_LIMITS="health=2/minute")) as live,
        AutoArrClient(live.url, API_KEY) as client,
    ):
        await client.health()
        await client.health()
        with pytest.raises(RateLimitedError) as caught:
            await client.health()
    error = caught.value
    assert (error.status, error.error) == (429, "rate_limit_exceeded")
    assert error.retry_after is not None
    assert 0 < error.retry_after <= 60
    assert error.details == {"retry_after": error.retry_after, "category": "health"}
    assert isinstance(error, AutoArrError)


async def test_nothing_listening_is_a_connection_error() -> None:
    async with AutoArrClient(f"http://127.0.0.1:{free_port()}", API_KEY) as client:
        with pytest.raises(AutoArrConnectionError, match="Cannot connect"):
            await client.health()


async def test_an_answer_slower_than_the_timeout_is_a_timeout_error(wired: Wired) -> None:
    wired.stack.faults["sabnzbd"].slow_seconds = 2  # AutoArr waits for SABnzbd; this client will not
    async with AutoArrClient(wired.live.url, API_KEY, timeout=0.2) as client:
        with pytest.raises(AutoArrTimeoutError, match="did not answer in time"):
            await client.queue()


async def test_an_unknown_route_through_the_raw_request_is_not_found(client: AutoArrClient) -> None:
    with pytest.raises(NotFoundError):
        await client.request("GET", "/api/v1/nothing-here")
    assert (await client.request("GET", "/health"))["status"] == "healthy"
