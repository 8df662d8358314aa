"""What every tool server shares: honest annotations, and one wrapper that budgets, translates and scrubs.

Tools raise, they never return error strings: an AutoArr error becomes a `ServiceToolError`, whose text the
agent reads ("not_found: ...") and whose `error` the REST proxy answers with. Every answer is scrubbed of
the configured secrets before it leaves, whatever a service put in it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import ToolAnnotations
from pydantic import BaseModel

from autoarr.errors import AutoArrError, McpConnectionError, ServiceUnavailableError
from autoarr.logs import scrub
from autoarr.mcp.context import Budget
from autoarr.settings import RateCategory

ToolFn = TypeVar("ToolFn", bound=Callable[..., Awaitable[BaseModel]])


def hints(
    title: str, *, read_only: bool, destructive: bool = False, idempotent: bool = False, open_world: bool = False
) -> ToolAnnotations:
    """MCP tool annotations, every hint stated (the protocol's defaults assume the worst: destructive)."""
    return ToolAnnotations(
        title=title,
        read_only_hint=read_only,
        destructive_hint=destructive and not read_only,
        idempotent_hint=idempotent or read_only,
        open_world_hint=open_world,
    )


def proxied(error: AutoArrError) -> AutoArrError:
    """The error as seen through MCP: a service that is down, disabled or behind an open circuit is an
    `mcp_connection_error`."""
    if isinstance(error, ServiceUnavailableError) and not isinstance(error, McpConnectionError):
        return McpConnectionError(error.service, error.message, reason=error.reason, details=error.details)
    return error


class ServiceToolError(ToolError):
    """An AutoArr error raised by a tool: its code and message for the agent, the error itself for the proxy."""

    def __init__(self, error: AutoArrError) -> None:
        self.error = proxied(error)
        text = f"{self.error.code}: {self.error.message}"
        if self.error.details:
            text += f" {json.dumps(self.error.details, default=str)}"
        super().__init__(scrub(text))


def scrubbed(value: Any) -> Any:
    """JSON with every configured secret (and credential-looking parameter) replaced in every string."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {key: scrubbed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [scrubbed(item) for item in value]
    return value


class ToolSet:
    """Registers tools on one server, each wrapped to spend its budget, translate errors and scrub its answer."""

    def __init__(self, server: MCPServer, budget: Budget) -> None:
        self.server = server
        self._budget = budget

    def tool(
        self,
        annotations: ToolAnnotations,
        *,
        category: RateCategory | None = None,
        name: str | None = None,
        description: str | None = None,
    ) -> Callable[[ToolFn], ToolFn]:
        """Register the decorated coroutine; `category` is the rate-limit budget of its REST twin beyond general."""

        def register(fn: ToolFn) -> ToolFn:
            @functools.wraps(fn)
            async def call(**arguments: Any) -> Any:
                try:
                    await self._budget.spend(category)
                    answer = await fn(**arguments)
                except AutoArrError as exc:
                    raise ServiceToolError(exc) from exc
                # The SDK validates this against the declared model and publishes it as structured content.
                return scrubbed(answer.model_dump(mode="json", by_alias=True))

            text = description or " ".join((fn.__doc__ or "").split())  # one line, as the model reads it
            self.server.add_tool(call, name=name, description=text, annotations=annotations)
            return fn

        return register
