"""Talking to AutoArr's tool servers as an agent does: the SDK's own client, in-process or over a transport."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from mcp import Client
from mcp.server.mcpserver import MCPServer
from mcp_types import TextContent

from autoarr.mcp.hub import McpHub
from tests.stack import Wired


def hub_of(wired: Wired) -> McpHub:
    hub: McpHub = wired.live.app.state.mcp
    return hub


async def server_of(wired: Wired, name: str) -> MCPServer:
    return await hub_of(wired).server(name)


@asynccontextmanager
async def tool_client(wired: Wired, name: str) -> AsyncIterator[Client]:
    """The SDK's client connected in-process to the running AutoArr's tool server `name`."""
    async with Client(await server_of(wired, name)) as client:
        yield client


async def call(client: Client, tool: str, **arguments: Any) -> dict[str, Any]:
    """The structured answer of a call that must succeed."""
    result = await client.call_tool(tool, arguments)
    assert not result.is_error, error_text(result.content)
    assert isinstance(result.structured_content, dict)
    return result.structured_content


async def call_error(client: Client, tool: str, **arguments: Any) -> str:
    """The text of a call that must fail (a tool error, as the agent reads it)."""
    result = await client.call_tool(tool, arguments)
    assert result.is_error, result.structured_content
    assert result.structured_content is None
    return error_text(result.content)


def error_text(content: list[Any]) -> str:
    return " ".join(block.text for block in content if isinstance(block, TextContent))
