"""Run a simulator (or AutoArr itself, in tests) on a real loopback socket; stop and restart it on one port."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Iterator
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
    """A socket bound to the port (0: any free one) that `_bind_beside` can share later."""
    with _closed_on_error() as sock:
        sock.bind(("127.0.0.1", port))  # before SO_REUSEPORT: the bind itself must get a port nobody holds
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        return sock


def _bind_beside(port: int) -> socket.socket:
    """A second socket on a port a `_bind` socket still holds (SO_REUSEPORT on both, same user)."""
    with _closed_on_error() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(("127.0.0.1", port))
        return sock


@contextlib.contextmanager
def _closed_on_error() -> Iterator[socket.socket]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a restart may find the port in TIME_WAIT
        yield sock
    except BaseException:
        sock.close()
        raise


class SimServer:
    """uvicorn serving one ASGI app on 127.0.0.1; `stop()` makes it really unreachable."""

    def __init__(self, app: ASGIApp, *, lifespan: bool = False) -> None:
        self.app = app
        # The port is bound now and held until start(): `url` is known at once, and no other test can
        # take the port in between (free_port() followed by a later bind races under parallel tests).
        self._socket: socket.socket | None = _bind(0)
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
        if self._server is None:
            return
        # Bound beside the listener before it closes (both SO_REUSEPORT), so the port is never free for the
        # kernel to hand out while uvicorn shuts down. Not listening, it takes no connections.
        placeholder = None
        with contextlib.suppress(OSError):  # then start() binds the port again, and says so if it cannot
            placeholder = _bind_beside(self.port)
        await self._shut_down()
        self._socket = placeholder

    async def close(self) -> None:
        """Stop, and give the port back."""
        await self._shut_down()
        sock, self._socket = self._socket, None
        if sock is not None:
            sock.close()

    async def _shut_down(self) -> None:
        """Stop uvicorn if it runs."""
        server, task = self._server, self._task
        self._server, self._task = None, None
        if server is None or task is None:
            return
        server.should_exit = True
        await task

    async def __aenter__(self) -> SimServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
