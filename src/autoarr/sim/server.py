"""Run a simulator (or AutoArr itself, in tests) on a real loopback socket; stop and restart it on one port."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from typing import Literal

import uvicorn
from starlette.types import ASGIApp


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _bind(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a restart may find the port in TIME_WAIT
    sock.bind(("127.0.0.1", port))
    return sock


class SimServer:
    """uvicorn serving one ASGI app on 127.0.0.1; `stop()` makes it really unreachable."""

    def __init__(self, app: ASGIApp, *, port: int | None = None, lifespan: bool = False) -> None:
        self.app = app
        # The port is bound now and held until start(): `url` is known at once, and no other test can
        # take the port in between (free_port() followed by a later bind races under parallel tests).
        self._socket: socket.socket | None = _bind(port or 0)
        self.port: int = self._socket.getsockname()[1]
        self.lifespan: Literal["on", "off"] = "on" if lifespan else "off"
        self._server: uvicorn.Server | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        return self._server is not None

    async def start(self) -> None:
        """Listen on the port (the same one after a stop) and return once requests are served."""
        if self._server is not None:
            return
        config = uvicorn.Config(
            self.app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan=self.lifespan,
            access_log=False,
            # As `autoarr serve` does: forwarded headers are AutoArr's gateway's business alone.
            proxy_headers=False,
            ws_per_message_deflate=False,
            ws="websockets-sansio",
        )
        server = uvicorn.Server(config)
        sock, self._socket = self._socket or _bind(self.port), None
        self._server = server
        self._task = asyncio.create_task(server.serve(sockets=[sock]))
        while not server.started:  # uvicorn offers a flag, not an event
            if self._task.done():
                self._server = None
                sock.close()
                # uvicorn exits the process on a failed start; here that must be an ordinary error.
                raise RuntimeError(f"server on port {self.port} could not start: {self._task.exception()!r}")
            await asyncio.sleep(0.01)

    async def stop(self) -> None:
        """Close the listening socket and every connection; the port refuses connections afterwards.

        The port stays bound (not listening) until `start()` serves on it again, so nothing else takes it
        meanwhile; `close()` gives it back.
        """
        server, task = self._server, self._task
        self._server, self._task = None, None
        if server is None or task is None:
            return
        server.should_exit = True
        await task
        with contextlib.suppress(OSError):  # taken in the instant between: start() will say so
            self._socket = _bind(self.port)

    async def close(self) -> None:
        """Stop, and give the port back."""
        await self.stop()
        sock, self._socket = self._socket, None
        if sock is not None:
            sock.close()

    async def __aenter__(self) -> SimServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
