"""The one ASGI middleware every request crosses: request id, client address, rate limit, key, log, metrics.

It runs before routing, so unknown routes, wrong methods, WebSocket handshakes and crashes all get
the same key check, the same rate-limit headers and the same envelope.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from autoarr.context import request_id_var
from autoarr.errors import InternalError, NotFoundError, RateLimitedError, UnauthorizedError
from autoarr.logs import get_logger
from autoarr.settings import IpNetwork
from autoarr.web.apikey import ApiKeyChecker
from autoarr.web.clientaddr import client_address
from autoarr.web.envelope import send_error, send_json
from autoarr.web.metrics import HttpMetrics
from autoarr.web.ratelimit import RateLimiter, category_for

_CLIENT_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")
_PRE_ROUTING = "-"  # route label for requests answered before routing (401, 429)


@dataclass
class GatewayState:
    """What the gateway needs; the lifespan fills in what is built at start-up.

    `quick_answers` maps a GET path to a function giving its JSON body from memory: the gateway answers
    those itself, after the same key check, budget and records as any request, without the framework's
    routing (about a third of a request's cost). `/health` is one: monitors and load balancers poll it.
    """

    trusted_proxies: tuple[IpNetwork, ...]
    metrics: HttpMetrics = field(default_factory=HttpMetrics)
    keys: ApiKeyChecker | None = None
    limiter: RateLimiter | None = None
    quick_answers: dict[str, Callable[[], bytes]] = field(default_factory=dict)


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            candidate = str(value.decode("latin-1"))
            if _CLIENT_REQUEST_ID.match(candidate):
                return candidate
            break
    return os.urandom(16).hex()


def _relative_path(scope: Scope) -> str:
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root) :] or "/"
    return path


def _strip_trailing_slash(scope: Scope) -> None:
    """`/api/v1/shows/` and `/api/v1/shows` are one route, answered alike and without a redirect."""
    path: str = scope["path"]
    if len(path) > 1 and path.endswith("/"):
        scope["path"] = path.rstrip("/") or "/"
        raw: bytes | None = scope.get("raw_path")
        if raw is not None:
            scope["raw_path"] = raw.rstrip(b"/") or b"/"


@dataclass
class _Record:
    """One request's metrics and access log line, written once (a WebSocket at its handshake)."""

    gateway: Gateway
    scope: Scope
    started: float
    request_id: str
    method: str
    path: str
    client: str
    route: str | None = None  # set when the gateway answers itself; otherwise the router's match
    done: bool = False

    def once(self, status: int) -> None:
        if self.done:
            return
        self.done = True
        elapsed = time.perf_counter() - self.started
        route_label = self.route or getattr(self.scope.get("route"), "path", None) or _PRE_ROUTING
        self.gateway.state.metrics.observe(method=self.method, route=route_label, status=status, seconds=elapsed)
        if self.gateway.access_log:
            self.gateway.log.info(
                "request",
                request_id=self.request_id,
                method=self.method,
                path=self.path,
                route=route_label,
                status=status,
                duration_ms=round(elapsed * 1000, 2),
                client=self.client,
            )


class _RouteDenial:
    """A close before the handshake (the router knows no such WebSocket route) answered as a 404 envelope.

    Without it the server turns that close into a bare 403; with the ASGI denial-response extension the
    client reads the same `{error, message, details}` as any unknown route.
    """

    def __init__(self, send: Send, scope: Scope, headers: list[tuple[bytes, bytes]]) -> None:
        self._send = send
        self._scope = scope  # the router writes the matched endpoint into it
        self._path = scope.get("path", "")
        self._headers = headers
        self._can_deny = "websocket.http.response" in (scope.get("extensions") or {})
        self.accepted = False
        self.denied = False

    async def __call__(self, message: Message) -> None:
        if message["type"] == "websocket.accept":
            self.accepted = True
        elif message["type"] == "websocket.close" and self._unrouted() and not self.denied:
            self.denied = True
            missing = NotFoundError(f"No WebSocket route {self._path}")
            await send_error(self._send, missing, self._headers, kind="websocket.http.response")
            return
        await self._send(message)

    def _unrouted(self) -> bool:
        """A close before any accept, from the router itself: no route matched (a route's own close passes)."""
        return not self.accepted and self._can_deny and "endpoint" not in self._scope


_STARTS = frozenset({"http.response.start", "websocket.accept"})  # the messages that carry response headers


def _add_headers(
    headers: Sequence[tuple[bytes, bytes]], extra: list[tuple[bytes, bytes]], status: int
) -> list[tuple[bytes, bytes]]:
    """The response's headers plus the gateway's; a 429 the app answered keeps its own budget's X-RateLimit-*."""
    if status == 429:
        own = {name.lower() for name, _ in headers}
        return [*headers, *(header for header in extra if header[0] not in own)]
    return [*headers, *extra]


class Gateway:
    """Pure ASGI middleware (no BaseHTTPMiddleware: it would cost a task per request)."""

    def __init__(self, app: ASGIApp, state: GatewayState) -> None:
        self.app = app
        self.state = state
        # Bound once: a lazy proxy would rebuild the logger on every request.
        self.log = get_logger("autoarr.access").bind()
        self.access_log = self.log.is_enabled_for(logging.INFO)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        keys, limiter = self.state.keys, self.state.limiter
        if keys is None or limiter is None:
            raise RuntimeError("the gateway was called before the lifespan started")
        started = time.perf_counter()
        _strip_trailing_slash(scope)
        request_id = _request_id(scope)
        token = request_id_var.set(request_id)
        method = scope.get("method", "GET")
        path = _relative_path(scope)
        address = client_address(scope, self.state.trusted_proxies)
        authenticated = keys.matches(keys.presented_key(scope, path))
        verdict = await limiter.hit(category_for(method, path), keys.identity if authenticated else f"ip:{address}")
        extra = [(b"x-request-id", request_id.encode()), *verdict.headers()]
        status = 0  # 0 until the response starts
        record = _Record(self, scope, started=started, request_id=request_id, method=method, path=path, client=address)

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] in _STARTS:
                status = message.get("status", 101)  # a WebSocket's accept is its 101
                message["headers"] = _add_headers(message.get("headers", ()), extra, status)
                if status == 101:  # a WebSocket is recorded at its handshake, not over its whole (long) life
                    record.once(101)
            await send(message)

        try:
            if scope["type"] == "websocket":
                status = await self._websocket(
                    scope,
                    receive,
                    send,
                    recorded=send_with_headers,
                    allowed=verdict.allowed,
                    auth=authenticated,
                    headers=extra,
                )
            elif not verdict.allowed:
                limited = RateLimitedError(retry_after=verdict.retry_after(time.time()), category=verdict.category)
                await send_error(send_with_headers, limited, [(b"retry-after", str(limited.retry_after).encode())])
            elif not authenticated:
                await send_error(
                    send_with_headers, UnauthorizedError("Missing or invalid API key (send it as X-API-Key)"), []
                )
            else:
                try:
                    if method == "GET" and (quick := self.state.quick_answers.get(path)) is not None:
                        record.route = path
                        await send_json(send_with_headers, 200, quick())
                    else:
                        await self.app(scope, receive, send_with_headers)
                except Exception:
                    # The trace goes to the log under the request id; the client sees no trace and no secret.
                    self.log.exception("unhandled error", request_id=request_id)
                    if status:
                        raise
                    await send_error(send_with_headers, InternalError("Internal server error"), [])
        finally:
            record.once(status or 500)
            request_id_var.reset(token)

    async def _websocket(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        *,
        recorded: Send,
        allowed: bool,
        auth: bool,
        headers: list[tuple[bytes, bytes]],
    ) -> int:
        """Let an authenticated handshake through (`recorded` notes its accept); otherwise accept and close at
        once with a code a browser can read. Returns the status the handshake is recorded under.
        """
        if allowed and auth:
            denial = _RouteDenial(recorded, scope, headers)
            await self.app(scope, receive, denial)
            return 404 if denial.denied else 101 if denial.accepted else 403  # 403: the server's own refusal
        message = await receive()
        if message["type"] != "websocket.connect":
            return 400
        status, code, reason = (429, 4429, "rate_limit_exceeded") if not allowed else (401, 4401, "unauthorized")
        # The raw send: a refused handshake is recorded as 401/429, not as the 101 it technically is.
        await send({"type": "websocket.accept", "headers": headers})
        await send({"type": "websocket.close", "code": code, "reason": reason})
        return status
