"""Where the client finds AutoArr and its key, and the one place HTTP answers become models or typed errors."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx2
from pydantic import BaseModel, ValidationError

from autoarr import __version__
from autoarr.client.errors import (
    AutoArrConnectionError,
    AutoArrError,
    AutoArrResponseError,
    AutoArrTimeoutError,
    ErrorEnvelope,
    error_for,
)

DEFAULT_URL = "http://127.0.0.1:8000"
URL_VARIABLE = "AUTOARR_URL"
KEY_VARIABLE = "AUTOARR_API_KEY"
DATA_DIR_VARIABLE = "AUTOARR_DATA_DIR"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
M = TypeVar("M", bound=BaseModel)
Params = Mapping[str, str | int | float | bool | None]


@dataclass(frozen=True)
class Endpoint:
    """AutoArr's base URL and the key to send."""

    base_url: str
    api_key: str | None = field(default=None, repr=False)

    @property
    def websocket_url(self) -> str:
        """The base URL with ws:// or wss://."""
        scheme, rest = self.base_url.split("://", 1)
        return ("wss" if scheme == "https" else "ws") + "://" + rest


def resolve_endpoint(
    base_url: str | None = None, api_key: str | None = None, *, environ: Mapping[str, str] | None = None
) -> Endpoint:
    """Arguments first, then AUTOARR_URL / AUTOARR_API_KEY, then the default URL and a loopback server's stored key."""
    env = os.environ if environ is None else environ
    url = (base_url or env.get(URL_VARIABLE) or DEFAULT_URL).rstrip("/")
    if "://" not in url:
        raise ValueError(f"AutoArr URL must start with http:// or https://, not {url!r}")
    key = api_key or env.get(KEY_VARIABLE) or None
    if key is None and urlsplit(url).hostname in LOOPBACK_HOSTS:
        # `autoarr serve` stores a generated key in its data dir; never send it anywhere but this machine.
        key = _stored_key(Path(env.get(DATA_DIR_VARIABLE) or "data") / "api_key")
    return Endpoint(base_url=url, api_key=key)


def _stored_key(path: Path) -> str | None:
    try:
        return path.read_text().strip() or None
    except OSError:
        return None


def _retry_after(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def error_from_response(response: httpx2.Response) -> AutoArrError:
    """The typed error for an error answer, with its envelope (or one made up when the body is none)."""
    try:
        body: Any = response.json()
        envelope = ErrorEnvelope.model_validate(body)
    except (ValueError, ValidationError):
        text = response.text.strip()[:200]
        envelope = ErrorEnvelope(error=f"http_{response.status_code}", message=text or response.reason_phrase)
    return error_for(
        response.status_code,
        envelope,
        request_id=response.headers.get("X-Request-ID"),
        retry_after=_retry_after(response.headers.get("Retry-After")),
    )


class HttpSession:
    """One pooled HTTP client for AutoArr: sends the key, raises typed errors, parses answers into models."""

    def __init__(
        self,
        endpoint: Endpoint,
        *,
        timeout: float,
        transport: httpx2.AsyncBaseTransport | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        sent = {"User-Agent": f"autoarr-client/{__version__}", **(headers or {})}
        if endpoint.api_key:
            sent["X-API-Key"] = endpoint.api_key
        self.endpoint = endpoint
        self._http = httpx2.AsyncClient(
            base_url=endpoint.base_url,
            headers=sent,
            timeout=httpx2.Timeout(timeout, connect=min(timeout, 10.0)),
            transport=transport,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def send(self, method: str, path: str, *, params: Params | None = None, body: Any = None) -> httpx2.Response:
        """Send one request; connection failures and error answers become the client's typed errors."""
        query = {name: _query_value(value) for name, value in (params or {}).items() if value is not None}
        try:
            response = await self._http.request(method, path, params=query or None, json=body)
        except httpx2.TimeoutException as exc:
            raise AutoArrTimeoutError(f"AutoArr at {self.endpoint.base_url} did not answer in time: {exc}") from exc
        except httpx2.TransportError as exc:
            raise AutoArrConnectionError(f"Cannot connect to AutoArr at {self.endpoint.base_url}: {exc}") from exc
        if response.is_error:
            raise error_from_response(response)
        return response

    async def call(
        self,
        model: type[M],
        method: str,
        path: str,
        *,
        params: Params | None = None,
        body: BaseModel | None = None,
    ) -> M:
        """Send a request and parse the answer into `model`."""
        payload = body.model_dump(mode="json", exclude_unset=True) if body is not None else None
        response = await self.send(method, path, params=params, body=payload)
        try:
            return model.model_validate_json(response.content)
        except ValidationError as exc:
            raise AutoArrResponseError(f"{method} {path}: the answer is not a {model.__name__}: {exc}") from exc


def _query_value(value: str | int | float | bool) -> str | int | float:
    # httpx would send True as "True"; FastAPI reads "true".
    return str(value).lower() if isinstance(value, bool) else value
