"""Every route, known or not, HTTP or WebSocket, requires AutoArr's key."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from fastapi import WebSocket
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from autoarr.app import create_app
from tests.live import API_KEY, LiveApp, serve, settings_for


@pytest.fixture
async def live_ws(tmp_path: Path) -> AsyncIterator[LiveApp]:
    """AutoArr plus a test WebSocket route that echoes what it receives."""
    app = create_app(settings_for(tmp_path / "data"))

    async def echo(websocket: WebSocket) -> None:
        await websocket.accept()
        text = await websocket.receive_text()
        await websocket.send_text(f"echo:{text}")
        await websocket.close()

    async def refuse(websocket: WebSocket) -> None:
        await websocket.close(code=1008, reason="not today")  # a route's own refusal, before accepting

    app.add_api_websocket_route("/test/ws-echo", echo)
    app.add_api_websocket_route("/test/ws-refuse", refuse)
    async with serve(app) as live:
        yield live


def _concrete_paths(live: LiveApp) -> list[tuple[str, str]]:
    """Every operation the OpenAPI document lists, plus the routes it leaves out (docs, the document)."""
    schema = live.app.openapi()
    paths = [("GET", "/docs"), ("GET", "/redoc"), ("GET", "/openapi.json")]
    for path, item in schema["paths"].items():
        concrete = re.sub(r"\{[^}]+\}", "sabnzbd", path)
        paths.extend((method.upper(), concrete) for method in item)
    return paths


async def test_every_registered_route_answers_401_without_the_key(live: LiveApp) -> None:
    paths = _concrete_paths(live)
    assert ("GET", "/health") in paths
    assert ("GET", "/metrics") in paths
    assert ("GET", "/openapi.json") in paths
    for method, path in paths:
        response = await live.anonymous.request(method, path)
        assert response.status_code == 401, (method, path)
        assert response.json() == {
            "error": "unauthorized",
            "message": "Missing or invalid API key (send it as X-API-Key)",
            "details": {},
        }


async def test_a_wrong_key_is_refused_and_the_right_one_accepted(live: LiveApp) -> None:
    wrong = await live.anonymous.get("/health", headers={"X-API-Key": API_KEY + "x"})
    assert wrong.status_code == 401
    right = await live.anonymous.get("/health", headers={"X-API-Key": API_KEY})
    assert right.status_code == 200


async def test_unknown_routes_ask_for_the_key_before_saying_not_found(live: LiveApp) -> None:
    assert (await live.anonymous.get("/no/such/route")).status_code == 401
    assert (await live.client.get("/no/such/route")).status_code == 404


async def test_query_key_opens_the_docs_but_not_the_api(live: LiveApp) -> None:
    docs = await live.anonymous.get("/docs", params={"api_key": API_KEY})
    assert docs.status_code == 200
    assert "swagger" in docs.text.lower()
    spec = await live.anonymous.get("/openapi.json", params={"api_key": API_KEY})
    assert spec.status_code == 200
    assert spec.json()["info"]["title"] == "AutoArr"
    # The API itself takes the key only in the header.
    assert (await live.anonymous.get("/health", params={"api_key": API_KEY})).status_code == 401


def _ws_url(live: LiveApp, path: str) -> str:
    return live.url.replace("http://", "ws://") + path


async def test_websocket_without_key_is_closed_with_4401(live_ws: LiveApp) -> None:
    async with connect(_ws_url(live_ws, "/test/ws-echo")) as ws:
        with pytest.raises(ConnectionClosed) as closed:
            await ws.recv()
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4401
    assert closed.value.rcvd.reason == "unauthorized"


@pytest.mark.parametrize("how", ["header", "query"])
async def test_websocket_with_key_in_header_or_query_is_served(live_ws: LiveApp, how: str) -> None:
    headers = {"X-API-Key": API_KEY} if how == "header" else {}
    query = f"?api_key={API_KEY}" if how == "query" else ""
    async with connect(_ws_url(live_ws, "/test/ws-echo" + query), additional_headers=headers) as ws:
        await ws.send("hello")
        assert await ws.recv() == "echo:hello"


async def test_a_websocket_to_an_unknown_route_is_a_404_envelope(live_ws: LiveApp) -> None:
    headers = {"X-API-Key": API_KEY, "X-Request-ID": "nowhere-1"}
    with pytest.raises(InvalidStatus) as refused:
        async with connect(_ws_url(live_ws, "/test/ws-nowhere"), additional_headers=headers):
            pass
    answer = refused.value.response
    assert answer.status_code == 404
    assert json.loads(answer.body) == {
        "error": "not_found",
        "message": "No WebSocket route /test/ws-nowhere",
        "details": {},
    }
    assert answer.headers["x-request-id"] == "nowhere-1"
    assert "x-ratelimit-remaining" in answer.headers


async def test_a_routes_own_refusal_is_not_reported_as_an_unknown_route(live_ws: LiveApp) -> None:
    with pytest.raises(InvalidStatus) as refused:
        async with connect(_ws_url(live_ws, "/test/ws-refuse"), additional_headers={"X-API-Key": API_KEY}):
            pass
    assert refused.value.response.status_code == 403  # the server's answer to a close before accepting


@pytest.mark.parametrize("key", [API_KEY, "wrong-key"])
async def test_a_websocket_handshake_carries_the_request_id_and_the_budget(live_ws: LiveApp, key: str) -> None:
    headers = {"X-API-Key": key, "X-Request-ID": "handshake-7"}
    async with connect(_ws_url(live_ws, "/test/ws-echo"), additional_headers=headers) as ws:
        assert ws.response is not None
        answered = ws.response.headers
    assert answered["x-request-id"] == "handshake-7"
    assert int(answered["x-ratelimit-limit"]) > int(answered["x-ratelimit-remaining"]) >= 0
    assert int(answered["x-ratelimit-reset"]) > 0
