"""SimServer: a stopped simulator refuses connections but keeps its port for its restart; close gives it back."""

from __future__ import annotations

import socket

import httpx2
import pytest
from starlette.responses import PlainTextResponse

from autoarr.sim.server import SimServer


def _bindable(port: int) -> bool:
    """Whether a plain bind gets the port: what the kernel checks before it hands a port to bind(0) or connect()."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


async def test_a_stopped_server_refuses_keeps_its_port_and_serves_there_again() -> None:
    server = SimServer(PlainTextResponse("up"))
    async with httpx2.AsyncClient(timeout=5) as http, server:
        assert (await http.get(server.url)).text == "up"
        await server.stop()
        with pytest.raises(httpx2.ConnectError):
            await http.get(server.url)
        assert not _bindable(server.port)  # nobody else can take it before the restart
        await server.start()
        assert (await http.get(server.url)).text == "up"


async def test_closing_a_server_that_never_started_gives_its_port_back() -> None:
    server = SimServer(PlainTextResponse("up"))
    assert not _bindable(server.port)  # reserved from the start: `url` is known before start()
    await server.close()
    assert _bindable(server.port)
