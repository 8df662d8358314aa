"""The stdio transport: one tool server on this process's stdin/stdout, for agents that start it themselves.

Standard output carries nothing but the protocol: logs go to standard error, and so does a generated key.
Rate limits: no HTTP gateway counts the calls here, so the server's budget charges every call to `general`
as well as to its own category (audit, apply, requests, recommendations). The limiter and the confirm
tokens are this process's own, or shared with the running AutoArr through Redis when `AUTOARR_REDIS_URL` is
set. No background work runs here (health checks, download monitor, scheduled audits stay with `serve`).
"""

from __future__ import annotations

from autoarr.mcp.context import ToolContext
from autoarr.mcp.hub import server_name


async def serve_stdio(context: ToolContext, name: str) -> None:
    """Serve the tool server called `name` until the agent closes standard input."""
    from autoarr.mcp.servers import build_server

    await build_server(server_name(name), context).run_stdio_async()
