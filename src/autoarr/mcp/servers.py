"""The five tool servers by name, each built over a ToolContext (importing this module imports the MCP SDK)."""

from __future__ import annotations

from collections.abc import Callable

from mcp.server.mcpserver import MCPServer

from autoarr.audit import tools as autoarr_tools
from autoarr.integrations.plex import tools as plex_tools
from autoarr.integrations.radarr import tools as radarr_tools
from autoarr.integrations.sabnzbd import tools as sabnzbd_tools
from autoarr.integrations.sonarr import tools as sonarr_tools
from autoarr.mcp import McpServerName
from autoarr.mcp.context import ToolContext

_BUILDERS: dict[McpServerName, Callable[[ToolContext], MCPServer]] = {
    "sabnzbd": sabnzbd_tools.build_server,
    "sonarr": sonarr_tools.build_server,
    "radarr": radarr_tools.build_server,
    "plex": plex_tools.build_server,
    "autoarr": autoarr_tools.build_server,
}


def build_server(name: McpServerName, context: ToolContext) -> MCPServer:
    """One tool server."""
    return _BUILDERS[name](context)
