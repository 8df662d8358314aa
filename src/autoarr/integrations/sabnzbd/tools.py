"""SABnzbd as MCP tools: the Downloads service functions, SABnzbd's status, and its tuning settings."""

from __future__ import annotations

from typing import Annotated, Any

from mcp.server.mcpserver import MCPServer
from pydantic import BaseModel, Field

from autoarr.integrations.sabnzbd import service
from autoarr.integrations.sabnzbd.client import SabnzbdClient
from autoarr.integrations.sabnzbd.routes import DeleteOut, HistoryOut, QueueOut, QueueStateOut, RetryOut
from autoarr.mcp.context import ToolContext
from autoarr.mcp.toolkit import ToolSet, hints

INSTRUCTIONS = (
    "SABnzbd, the Usenet downloader. Jobs are named by their nzo_id (from get_queue or get_history). "
    "Writes act at once: pause/resume the whole queue, retry a failed job, delete a job. set_config changes "
    "only tuning settings of the misc section; folders, scripts, servers and credentials are never writable here."
)

NzoId = Annotated[
    str,
    Field(min_length=1, description="The job's nzo_id, e.g. SABnzbd_nzo_abc123, as get_queue or get_history show it"),
]
HistoryLimit = Annotated[
    int, Field(ge=1, le=service.MAX_HISTORY, description="Maximum items to return, newest first (1-1000)")
]
FailedOnly = Annotated[bool, Field(description="Only jobs that failed")]
DeleteFiles = Annotated[bool, Field(description="Also delete the files downloaded so far (or the finished files)")]
Section = Annotated[
    str | None,
    Field(description="One section, e.g. misc, servers, categories; omit for the whole configuration"),
]
Keyword = Annotated[
    str,
    Field(
        description=(
            "The misc setting to change; only tuning settings are accepted, e.g. cache_limit, bandwidth_perc, "
            "direct_unpack, pre_check, fail_hopeless_jobs, queue_limit (any other is refused with the list)"
        )
    ),
]
Value = Annotated[
    str | int | float | bool,
    Field(description='The new value as SABnzbd takes it: 1/0 or true/false for switches, "1G" for sizes'),
]


class ServerOut(BaseModel):
    name: str
    active: bool
    connections: int = Field(description="Connections configured")
    error: str = Field(description="Why SABnzbd cannot use the server, empty when it can")


class WarningOut(BaseModel):
    type: str = Field(description="WARNING or ERROR")
    text: str
    time: str | None = Field(description="ISO-8601 UTC")


class StatusOut(BaseModel):
    version: str
    paused: bool
    speed_limit_percent: int = Field(
        description="Speed limit in percent of bandwidth_max; 100, or 0 while bandwidth_max is unset, means none"
    )
    download_disk_free: str = Field(description="Free space in the incomplete-download folder")
    download_disk_total: str
    complete_disk_free: str = Field(description="Free space in the completed-download folder")
    complete_disk_total: str
    servers: list[ServerOut]
    warnings: list[WarningOut]


class ConfigOut(BaseModel):
    config: dict[str, Any] = Field(description='Sections by name; keys, passwords and logins read "<redacted>"')


class SetConfigOut(BaseModel):
    success: bool
    section: str
    keyword: str
    previous_value: Any = Field(description="The value before the change")
    value: Any = Field(description="The value SABnzbd stored, as it reports it")


def build_server(context: ToolContext) -> MCPServer:
    """The `sabnzbd` tool server."""
    server = MCPServer("sabnzbd", title="SABnzbd", instructions=INSTRUCTIONS)
    tools = ToolSet(server, context.budget)

    def sabnzbd() -> SabnzbdClient:
        return context.integrations.sabnzbd

    @tools.tool(hints("Download queue", read_only=True))
    async def get_queue() -> QueueOut:
        """Get the current download queue: every job with progress and ETA, the speed, what is left, the pause
        state and the free disk space."""
        return QueueOut.model_validate(await service.get_queue(sabnzbd()))

    @tools.tool(hints("Download history", read_only=True))
    async def get_history(limit: HistoryLimit = 50, failed_only: FailedOnly = False) -> HistoryOut:
        """Get download history, newest first: finished and failed jobs with their size, category and failure
        message; `total` counts every matching job."""
        return HistoryOut.model_validate(await service.get_history(sabnzbd(), limit=limit, failed_only=failed_only))

    @tools.tool(hints("Pause the queue", read_only=False, idempotent=True))
    async def pause_queue() -> QueueStateOut:
        """Pause all downloading (jobs stay queued); answers the queue state SABnzbd reports afterwards."""
        return QueueStateOut.model_validate(await service.pause_queue(sabnzbd()))

    @tools.tool(hints("Resume the queue", read_only=False, idempotent=True))
    async def resume_queue() -> QueueStateOut:
        """Resume downloading after a pause; answers the queue state SABnzbd reports afterwards."""
        return QueueStateOut.model_validate(await service.resume_queue(sabnzbd()))

    @tools.tool(hints("Retry a failed download", read_only=False))
    async def retry_download(nzo_id: NzoId) -> RetryOut:
        """Requeue a failed job from history; SABnzbd gives it a new nzo_id (new_nzo_id)."""
        return RetryOut.model_validate(await service.retry_download(sabnzbd(), nzo_id))

    @tools.tool(hints("Delete a download", read_only=False, destructive=True, idempotent=True))
    async def delete_download(nzo_id: NzoId, delete_files: DeleteFiles = False) -> DeleteOut:
        """Remove a job from the queue, or a finished job from history; not_found when SABnzbd has neither,
        conflict while the job is mid post-processing (try again when that stage ends)."""
        answer = await service.delete_download(sabnzbd(), nzo_id, delete_files=delete_files)
        return DeleteOut.model_validate(answer)

    @tools.tool(hints("SABnzbd status", read_only=True))
    async def get_status() -> StatusOut:
        """Get SABnzbd's version, pause state, speed limit, free disk space, news servers with their errors,
        and current warnings."""
        return StatusOut.model_validate(await service.get_status(sabnzbd()))

    @tools.tool(hints("SABnzbd configuration", read_only=True))
    async def get_config(section: Section = None) -> ConfigOut:
        """Get SABnzbd's configuration, or one section of it; API keys, passwords and logins are redacted."""
        return ConfigOut.model_validate(await service.get_config(sabnzbd(), section=section))

    @tools.tool(hints("Change a tuning setting", read_only=False, destructive=True, idempotent=True))
    async def set_config(keyword: Keyword, value: Value) -> SetConfigOut:
        """Change one tuning setting of SABnzbd's misc section and verify that SABnzbd stored it; answers the
        previous and the stored value. Folders, scripts, servers and credentials cannot be changed."""
        return SetConfigOut.model_validate(await service.set_config(sabnzbd(), keyword, value=value))

    return server
