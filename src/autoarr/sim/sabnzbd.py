"""A stateful SABnzbd 3.7.1 simulator speaking the real `/api` (service-apis.md part A)."""

from __future__ import annotations

import json
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp

from autoarr.sim.faults import FaultMiddleware, Faults
from autoarr.sim.sabnzbd_modes import MODES, NOT_IMPLEMENTED, ApiRequest, Body, error
from autoarr.sim.sabnzbd_render import VERSION
from autoarr.sim.sabnzbd_state import SabnzbdState

__all__ = ["SabnzbdState", "create_sabnzbd_app"]

JSON_TYPE = "application/json;charset=UTF-8"
TEXT_TYPE = "text/plain;charset=utf-8"
HTML_TYPE = "text/html;charset=utf-8"
KEY_REQUIRED = "API Key Required"
KEY_INCORRECT = "API Key Incorrect"
NZB_KEY_MODES = frozenset({"addfile", "addurl", "addlocalfile", "version", "auth"})
OPEN_MODES = frozenset({"version", "auth"})


# Not simulated on purpose: the Host-header check (test clients use made-up hosts), and `output=xml`,
# which is answered like `output=json`.


class _SabnzbdApi:
    """The one endpoint: auth, then dispatch on `mode`."""

    def __init__(self, state: SabnzbdState, *, api_key: str, nzb_key: str | None, faults: Faults) -> None:
        self.state = state
        self.api_key = api_key
        self.nzb_key = nzb_key
        self.faults = faults

    async def handle(self, request: Request) -> Response:
        """Answer one API call."""
        req = await _read(request)
        mode = req.get("mode") or ""
        denied = self._check_key(req, mode, request)
        if denied is not None:
            return denied
        if mode == "version":
            return _reply(req, {"version": VERSION})
        if mode == "auth":
            return _reply(req, {"auth": self._auth(req.get("key"))})
        handler = MODES.get(mode)
        body = handler(self.state, req) if handler else error(NOT_IMPLEMENTED)
        return _reply(req, body)

    def _check_key(self, req: ApiRequest, mode: str, request: Request) -> Response | None:
        key = req.get("apikey")
        if self.faults.reject_key:
            return _denied(KEY_INCORRECT if key else KEY_REQUIRED)
        if mode in OPEN_MODES or key == self.api_key:
            return None
        if key and self.nzb_key and key == self.nzb_key and mode in NZB_KEY_MODES:
            return None
        client = f"{request.client.host if request.client else 'unknown'} [{request.headers.get('user-agent', '')}]"
        if not key:
            text = (
                f"API key missing, please enter the API key from Config->General into your 3rd party program: {client}"
            )
            self.state.add_warning(text, origin="interface.py374")
            return _denied(KEY_REQUIRED)
        text = f"API key incorrect, Use the API key from Config->General in your 3rd party program: {client}"
        self.state.add_warning(text, origin="interface.py374")
        return _denied(KEY_INCORRECT)

    def _auth(self, key: str | None) -> str:
        # SABnzbd's own quirk: with no key at all it answers "apikey", the method it wants.
        if not key or key == self.api_key:
            return "apikey"
        return "nzbkey" if self.nzb_key and key == self.nzb_key else "badkey"


async def _read(request: Request) -> ApiRequest:
    req = ApiRequest()
    for key, value in request.query_params.multi_items():
        req.params.setdefault(key, []).append(value)
    if request.method == "POST":
        async with request.form() as form:
            for key, item in form.multi_items():
                if isinstance(item, UploadFile):
                    req.files[key] = (item.filename or key, await item.read())
                else:
                    req.params.setdefault(key, []).append(item)
    return req


def _denied(text: str) -> Response:
    return Response(text, status_code=403, headers={"content-type": HTML_TYPE})


def _reply(req: ApiRequest, body: Body) -> Response:
    if req.get("output") in {"json", "xml"}:
        return Response(json.dumps(body), headers={"content-type": JSON_TYPE})
    return Response(_plain(body), headers={"content-type": TEXT_TYPE})


def _plain(body: dict[str, Any]) -> str:
    """SABnzbd without `output=json`: "ok", "error: ...", a bare value, or a Python repr."""
    if body == {"status": True}:
        return "ok\n"
    if body.get("status") is False and "error" in body:
        return f"error: {body['error']}\n"
    if len(body) == 1:
        (value,) = body.values()
        if isinstance(value, str | int | float):
            return f"{value}\n"
    return f"{body!r}\n"


def create_sabnzbd_app(
    state: SabnzbdState, *, api_key: str, nzb_key: str | None = None, faults: Faults | None = None
) -> ASGIApp:
    """The simulator as an ASGI app at `/api` and `/sabnzbd/api`; the keys are written into its config."""
    state.config.misc["api_key"] = api_key
    state.config.misc["nzb_key"] = nzb_key or ""
    endpoint = _SabnzbdApi(state, api_key=api_key, nzb_key=nzb_key, faults=faults or Faults())
    routes = [Route(path, endpoint.handle, methods=["GET", "POST"]) for path in ("/api", "/sabnzbd/api")]
    return FaultMiddleware(Starlette(routes=routes), endpoint.faults)
