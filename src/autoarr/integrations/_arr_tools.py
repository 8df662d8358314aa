"""What the Sonarr and Radarr tool servers share: argument types, the queue and health tools, their answers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Annotated

from pydantic import BaseModel, Field

from autoarr.integrations._arr import ArrClient
from autoarr.integrations._arr_routes import ARR_ID_MAX, CamelOut
from autoarr.integrations._arr_service import MAX_PAGE_SIZE, download_queue, health_checks
from autoarr.mcp.toolkit import ToolSet, hints

CALENDAR_DAYS = 7

Page = Annotated[int, Field(ge=1, description="1-based page number")]
PageSize = Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE, description=f"Items per page (1-{MAX_PAGE_SIZE})")]
LookupTerm = Annotated[str, Field(min_length=1, description="What to look for: a title, e.g. 'The Expanse'")]
LookupLimit = Annotated[int, Field(ge=1, le=50, description="Maximum results to return (1-50)")]
QualityProfileId = Annotated[
    int,
    Field(
        gt=0,
        le=ARR_ID_MAX,
        description="A quality profile id of the service; a wrong one is refused with the list of existing ones",
    ),
]
RootFolderPath = Annotated[
    str,
    Field(
        min_length=1,
        description="A root folder of the service, e.g. /tv or /movies; a wrong one is refused with the list",
    ),
]
Monitored = Annotated[bool, Field(description="Monitor it, so the service downloads what is missing")]
DeleteFiles = Annotated[bool, Field(description="Also delete its files from disk (cannot be undone)")]
StartDate = Annotated[date | None, Field(description="First day, YYYY-MM-DD (default: today, UTC)")]
EndDate = Annotated[
    date | None, Field(description=f"Last day, YYYY-MM-DD, inclusive (default: {CALENDAR_DAYS} days after start)")
]


def date_range(start: date | None, end: date | None) -> tuple[date, date]:
    """The calendar's days: today and the week after when not given."""
    first = start or datetime.now(UTC).date()
    return first, end or first + timedelta(days=CALENDAR_DAYS)


class QueueRecordOut(CamelOut):
    id: int
    title: str
    status: str
    tracked_download_status: str = Field(description="ok, warning or error")
    tracked_download_state: str = Field(description="downloading, importPending, importing, failedPending, ...")
    status_messages: list[str] = Field(description="Why an item needs attention")
    error_message: str
    download_id: str = Field(description="The download client's id (SABnzbd's nzo_id)")
    protocol: str
    download_client: str
    indexer: str
    quality: str
    size: float = Field(description="Bytes")
    sizeleft: float = Field(description="Bytes left")
    timeleft: str | None
    estimated_completion_time: str | None = Field(description="ISO-8601 UTC")
    series_id: int | None
    episode_id: int | None
    movie_id: int | None


class QueueOut(CamelOut):
    records: list[QueueRecordOut]
    page: int
    page_size: int
    total_records: int = Field(description="How many items the queue holds in all")


class HealthCheckOut(CamelOut):
    source: str
    type: str = Field(description="ok, notice, warning or error")
    message: str
    wiki_url: str


class HealthOut(BaseModel):
    healthy: bool = Field(description="True when the service reports no warning and no error")
    checks: list[HealthCheckOut]


def add_queue_and_health(tools: ToolSet, client: Callable[[], ArrClient], *, app: str) -> None:
    """Register `get_queue` and `get_health` for one of the two apps."""

    @tools.tool(
        hints(f"{app} download queue", read_only=True),
        description=(
            f"Get one page of {app}'s download queue: each item's status, what {app} thinks of it "
            "(trackedDownloadStatus/State, statusMessages), size left, ETA and the download client's id."
        ),
    )
    async def get_queue(page: Page = 1, page_size: PageSize = 20) -> QueueOut:
        return QueueOut.model_validate(await download_queue(client(), page=page, page_size=page_size))

    @tools.tool(
        hints(f"{app} health", read_only=True),
        description=f"Get {app}'s own health checks (warnings and errors about indexers, download clients, disks).",
    )
    async def get_health() -> HealthOut:
        return HealthOut.model_validate(await health_checks(client()))
