"""The streamable-HTTP transport: `/mcp/<server>/` (behind the gateway's API-key check, like every path)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from autoarr.errors import AutoArrError
from autoarr.web.envelope import send_error

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer

    from autoarr.mcp.hub import McpHub


def streamable_http_app(server: MCPServer) -> ASGIApp:
    """The server's stateless, JSON-answering HTTP app, served at the root of its mount."""
    from mcp.server.transport_security import TransportSecuritySettings

    # No DNS-rebinding check on Host/Origin: AutoArr is reached by any name its owner gives it, and a
    # rebound browser page cannot send the X-API-Key every request needs.
    security = TransportSecuritySettings(enable_dns_rebinding_protection=False)
    return server.streamable_http_app(
        streamable_http_path="/", stateless_http=True, json_response=True, transport_security=security
    )


class McpEndpoint:
    """The ASGI app of the route `/mcp/{server}`: hands the request to that server's streamable HTTP app.

    A route, not a mount: the gateway strips trailing slashes, so `/mcp/sabnzbd/` arrives as `/mcp/sabnzbd`.
    """

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # the transport is plain HTTP POSTs; a WebSocket has nothing to talk to
            await send({"type": "websocket.close", "code": 4404, "reason": "not_found"})
            return
        hub: McpHub = scope["app"].state.mcp
        try:
            app = await hub.http_app(scope["path_params"]["server"])
        except AutoArrError as exc:
            await send_error(send, exc, [])
            return
        # The server's app answers at its own root: everything up to here becomes its root path.
        path: str = scope["path"]
        await app({**scope, "root_path": path, "path": f"{path}/"}, receive, send)


def http_route() -> Route:
    """The route `/mcp/{server}` (any method; the transport uses POST, and GET/DELETE answer 405 from the SDK)."""
    return Route("/mcp/{server}", endpoint=McpEndpoint(), include_in_schema=False)
