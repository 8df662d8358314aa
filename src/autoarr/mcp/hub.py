"""The tool servers of a running AutoArr: built on first use, listed and called by the proxy, served over HTTP.

The MCP SDK takes about a second to import, so nothing here imports it until the first MCP request: start-up
stays as fast as without MCP. Each server is built when it is first asked for, by a task of its own (started
in a context of its own, so that no request's id sticks to it) that keeps its streamable-HTTP session
manager running until AutoArr stops.
"""

from __future__ import annotations

import asyncio
import contextvars
import importlib
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from starlette.types import ASGIApp

from autoarr.errors import AutoArrError, InternalError, InvalidRequestError, NotFoundError
from autoarr.logs import get_logger
from autoarr.mcp import MCP_SERVERS, McpServerName
from autoarr.mcp.context import ToolContext

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer

log = get_logger("autoarr.mcp")


@dataclass(frozen=True)
class _Running:
    server: MCPServer
    http_app: ASGIApp


def server_name(name: str) -> McpServerName:
    """`name` as a server name; 404 for one that is none of the five."""
    for known in MCP_SERVERS:
        if known == name:
            return known
    raise NotFoundError(f"Unknown MCP server '{name}'", details={"server": f"one of {', '.join(MCP_SERVERS)}"})


class McpHub:
    """The five tool servers over one ToolContext, each started when first needed and stopped with AutoArr."""

    def __init__(self, context: ToolContext) -> None:
        self._context = context
        self._running: dict[McpServerName, asyncio.Future[_Running]] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._stop = asyncio.Event()

    async def server(self, name: str) -> MCPServer:
        """The tool server called `name` (404 when there is none)."""
        return (await self._started(server_name(name))).server

    async def http_app(self, name: str) -> ASGIApp:
        """The streamable-HTTP app of the server called `name` (404 when there is none)."""
        return (await self._started(server_name(name))).http_app

    async def _started(self, name: McpServerName) -> _Running:
        running = self._running.get(name)
        if running is None:
            running = self._running[name] = asyncio.get_running_loop().create_future()
            task = asyncio.create_task(self._run(name, running), name=f"mcp-{name}", context=contextvars.Context())
            self._tasks.append(task)
        return await asyncio.shield(running)

    async def _run(self, name: McpServerName, running: asyncio.Future[_Running]) -> None:
        try:
            started = time.perf_counter()
            # Imported in a thread: a second of imports must not stall the requests being served meanwhile.
            await asyncio.to_thread(importlib.import_module, "autoarr.mcp.servers")
            from autoarr.mcp.http import streamable_http_app
            from autoarr.mcp.servers import build_server

            server = build_server(name, self._context)
            app = streamable_http_app(server)
            async with server.session_manager.run():
                log.info("mcp server started", server=name, seconds=round(time.perf_counter() - started, 3))
                running.set_result(_Running(server=server, http_app=app))
                await self._stop.wait()
        except Exception as exc:
            log.exception("mcp server failed", server=name)
            if not running.done():
                running.set_exception(exc)

    async def aclose(self) -> None:
        """Stop the servers (in-flight HTTP calls are cancelled)."""
        self._stop.set()
        await asyncio.gather(*self._tasks)

    async def tools(self, name: str) -> list[dict[str, Any]]:
        """The reference's listing: each tool's name, description and parameters (type, description, default)."""
        server = await self.server(name)
        return [
            {"name": tool.name, "description": tool.description or "", "parameters": _parameters(tool.input_schema)}
            for tool in await server.list_tools()
        ]

    async def call(self, name: str, tool: str, arguments: dict[str, Any]) -> Any:
        """The tool's structured answer; the AutoArr error the REST proxy answers with when it fails."""
        from mcp.server.mcpserver.exceptions import ToolError, UnexpectedToolError
        from mcp_types import CallToolResult

        from autoarr.mcp.toolkit import ServiceToolError

        server = await self.server(name)
        if tool not in {known.name for known in await server.list_tools()}:
            raise NotFoundError(f"MCP server '{name}' has no tool '{tool}'", details={"tool": tool})
        try:
            result = await server.call_tool(tool, arguments)
        except ToolError as exc:
            cause = exc.__cause__
            if isinstance(cause, ServiceToolError):
                raise cause.error from exc
            if isinstance(cause, ValidationError) and not isinstance(exc, UnexpectedToolError):
                raise _invalid_arguments(tool, cause) from exc
            log.exception("mcp tool failed", server=name, tool=tool, error=repr(cause or exc))
            raise InternalError(f"The tool '{tool}' failed unexpectedly") from exc
        return result.structured_content if isinstance(result, CallToolResult) else None


def _invalid_arguments(tool: str, error: ValidationError) -> AutoArrError:
    details: dict[str, Any] = {}
    for problem in error.errors():
        path = ".".join(str(part) for part in ("arguments", *problem.get("loc", ())))
        details.setdefault(path, problem.get("msg", "invalid value"))
    first, said = next(iter(details.items()))
    return InvalidRequestError(f"Invalid arguments for tool '{tool}': {first}: {said}", details=details)


def _type(schema: dict[str, Any]) -> str:
    """A JSON schema's type in a word or a union ("integer", "string | null" drops the null)."""
    if "type" in schema:
        kind = schema["type"]
        return " | ".join(kind) if isinstance(kind, list) else str(kind)
    options = [_type(option) for option in schema.get("anyOf", []) if option.get("type") != "null"]
    return " | ".join(dict.fromkeys(options)) or "object"


def _parameters(input_schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    parameters: dict[str, dict[str, Any]] = {}
    for argument, schema in input_schema.get("properties", {}).items():
        entry: dict[str, Any] = {"type": _type(schema), "description": schema.get("description", "")}
        if "default" in schema:
            entry["default"] = schema["default"]
        parameters[argument] = entry
    return parameters
