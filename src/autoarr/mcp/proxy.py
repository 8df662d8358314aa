"""`/api/v1/mcp`: list a server's tools and call one over plain REST, as the reference describes."""

from __future__ import annotations

import time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from autoarr.errors import RateLimitedError
from autoarr.mcp.hub import McpHub
from autoarr.web.envelope import ErrorBody, error_json

_UNAVAILABLE = "The tool's service is disabled, unreachable or behind an open circuit (`mcp_connection_error`)"
router = APIRouter(
    prefix="/api/v1/mcp", tags=["mcp"], responses={503: {"model": ErrorBody, "description": _UNAVAILABLE}}
)


async def get_hub(request: Request) -> McpHub:
    hub: McpHub = request.app.state.mcp
    return hub


HubDep = Annotated[McpHub, Depends(get_hub)]


class ToolParameter(BaseModel):
    type: str = Field(description='JSON schema type, e.g. "integer", or a union such as "string | integer"')
    description: str
    default: Any = Field(None, description="Present when the argument is optional")


class ToolInfo(BaseModel):
    name: str
    description: str
    parameters: dict[str, ToolParameter]


class ToolsOut(BaseModel):
    server: str
    tools: list[ToolInfo]


class ToolCallIn(BaseModel):
    tool: str = Field(min_length=1, description="The tool's name, from GET /api/v1/mcp/{server}/tools")
    arguments: dict[str, Any] = Field(default_factory=dict, description="The tool's arguments by name")


class ToolCallOut(BaseModel):
    result: Any = Field(description="The tool's structured output")
    execution_time_ms: float


@router.get(
    "/{server}/tools",
    summary="List an MCP server's tools with their parameters",
    response_model=ToolsOut,
    response_model_exclude_unset=True,
)
async def tools(server: str, hub: HubDep) -> ToolsOut:
    listed = await hub.tools(server)
    return ToolsOut.model_validate({"server": server, "tools": listed})


@router.post(
    "/{server}/call",
    summary="Call an MCP tool; the answer is the tool's structured output",
    response_model=ToolCallOut,
)
async def call(server: str, body: ToolCallIn, hub: HubDep) -> JSONResponse:
    started = time.perf_counter()
    try:
        result = await hub.call(server, body.tool, body.arguments)
    except RateLimitedError as exc:  # an audit, apply or rollback beyond its budget
        return error_json(exc, headers={"Retry-After": str(exc.retry_after), **exc.budget_headers})
    elapsed = round((time.perf_counter() - started) * 1000, 2)
    return JSONResponse({"result": result, "execution_time_ms": elapsed})
