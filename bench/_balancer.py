"""A small loopback TCP load balancer for benchmarks: `python -m bench._balancer PORT BACKEND_PORT...`.

Each new client connection goes to the next backend in turn (round robin) and its bytes are piped both
ways; HTTP keep-alive connections stay on their backend, as behind most reverse proxies. Built on asyncio
protocols over uvloop (no streams, no parsing) so that it costs as little CPU as a Python process can.
"""

from __future__ import annotations

import asyncio
import itertools
import sys
from typing import cast

import uvloop

HOST = "127.0.0.1"


class _Side(asyncio.Protocol):
    """One end of a piped pair: what it receives is written to the other end."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.peer: _Side | None = None
        self._early: list[bytes] = []  # client bytes that arrive before the backend connection is up

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's transports do not subclass asyncio's

    def data_received(self, data: bytes) -> None:
        peer = self.peer
        if peer is not None and peer.transport is not None:
            peer.transport.write(data)
        else:
            self._early.append(data)

    def pair(self, peer: _Side) -> None:
        self.peer = peer
        if self._early and peer.transport is not None:
            peer.transport.write(b"".join(self._early))
            self._early.clear()

    def pause_writing(self) -> None:  # our outgoing buffer is full: stop reading the other side
        if self.peer is not None and self.peer.transport is not None:
            self.peer.transport.pause_reading()

    def resume_writing(self) -> None:
        if self.peer is not None and self.peer.transport is not None:
            self.peer.transport.resume_reading()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.peer is not None and self.peer.transport is not None:
            self.peer.transport.close()


class _Client(_Side):
    def __init__(self, backends: itertools.cycle[int]) -> None:
        super().__init__()
        self._backends = backends

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        asyncio.get_running_loop().create_task(self._connect(next(self._backends)))

    async def _connect(self, port: int) -> None:
        loop = asyncio.get_running_loop()
        try:
            _, backend = await loop.create_connection(_Side, HOST, port)
        except OSError:
            if self.transport is not None:
                self.transport.close()
            return
        backend.pair(self)
        self.pair(backend)


async def serve(port: int, backends: list[int]) -> None:
    """Accept on `port` until cancelled, spreading connections over `backends` in turn."""
    cycle = itertools.cycle(backends)
    server = await asyncio.get_running_loop().create_server(lambda: _Client(cycle), HOST, port, backlog=1024)
    async with server:
        print("ready", flush=True)
        await server.serve_forever()


def main() -> None:
    port, *backends = (int(arg) for arg in sys.argv[1:])
    uvloop.run(serve(port, backends))


if __name__ == "__main__":
    main()
