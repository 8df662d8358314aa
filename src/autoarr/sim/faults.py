"""Failure switches every simulator honours: slow, 500, malformed JSON, wrong key.

"Down" is not a switch here: a simulator is down when its `SimServer` stops listening,
which is the only honest way to make a client see a refused connection.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send


@dataclass
class Faults:
    """Mutable failure switches, flipped by tests while the simulator runs."""

    slow_seconds: float = 0.0
    error_500: bool = False
    malformed_json: bool = False
    reject_key: bool = False
    requests_seen: int = 0  # every HTTP request that reached the simulator, so tests can prove none did

    def reset(self) -> None:
        """Turn every switch off."""
        self.slow_seconds = 0.0
        self.error_500 = False
        self.malformed_json = False
        self.reject_key = False


class FaultMiddleware:
    """ASGI middleware applying the generic switches (the key switch is each simulator's own)."""

    def __init__(self, app: ASGIApp, faults: Faults) -> None:
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.faults.requests_seen += 1
        if self.faults.slow_seconds:
            await asyncio.sleep(self.faults.slow_seconds)
        if self.faults.error_500:
            await _send_body(send, 500, b'{"message":"simulated failure"}')
            return
        if self.faults.malformed_json:
            await _send_body(send, 200, b'{"this is": not json')
            return
        await self.app(scope, receive, send)


async def _send_body(send: Send, status: int, body: bytes) -> None:
    start: Message = {
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
    }
    await send(start)
    await send({"type": "http.response.body", "body": body})
