"""MCP: the tool servers over the same service functions as the REST routes, the REST proxy, stdio and HTTP.

Nothing in this package imports the MCP SDK at import time except the modules that build servers
(`toolkit`, `servers` and the `tools` modules), which AutoArr imports only when it builds them.
"""

from __future__ import annotations

from typing import Final, Literal

McpServerName = Literal["sabnzbd", "sonarr", "radarr", "plex", "autoarr"]
MCP_SERVERS: Final[tuple[McpServerName, ...]] = ("sabnzbd", "sonarr", "radarr", "plex", "autoarr")
