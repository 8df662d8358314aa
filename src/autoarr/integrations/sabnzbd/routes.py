"""`/api/v1/downloads`: the reference's Downloads endpoints over SABnzbd."""

from __future__ import annotations

from typing import Annotated

import msgspec
from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from autoarr.integrations.deps import SabnzbdDep
from autoarr.integrations.sabnzbd import service
from autoarr.web.envelope import DELETE_DOWNLOAD_RESPONSES, SERVICE_RESPONSES

router = APIRouter(prefix="/api/v1/downloads", tags=["downloads"], responses=SERVICE_RESPONSES)


class QueueItem(BaseModel):
    nzo_id: str
    filename: str
    mb_left: float
    mb: float
    percentage: int
    eta: str = Field(description="Time left, HH:MM:SS")
    status: str
    priority: str = Field(description="Force, High, Normal, Low, Repair, ...")


class QueueOut(BaseModel):
    queue: list[QueueItem]
    speed: str = Field(description='Current speed, e.g. "5.2 MB/s"')
    size_left: str
    paused: bool
    disk_space: str = Field(description="Free space in the incomplete-download folder")


class HistoryItem(BaseModel):
    nzo_id: str
    name: str
    category: str
    status: str
    fail_message: str
    size: str
    completed: str | None = Field(description="ISO-8601 UTC; null while post-processing")


class HistoryOut(BaseModel):
    history: list[HistoryItem]
    total: int


class RetryOut(BaseModel):
    success: bool
    message: str
    nzo_id: str
    new_nzo_id: str


class QueueStateOut(BaseModel):
    success: bool
    paused: bool
    queue_status: str = Field(description="The queue status SABnzbd reports after the call")


class DeleteOut(BaseModel):
    success: bool
    message: str
    nzo_id: str


@router.get("/queue", summary="Current download queue", response_model=QueueOut)
async def queue(sabnzbd: SabnzbdDep) -> Response:
    # Queues run to hundreds of jobs: the service builds the documented shape, re-validating it would double the cost.
    return Response(msgspec.json.encode(await service.get_queue(sabnzbd)), media_type="application/json")


@router.get("/history", summary="Download history, newest first")
async def history(
    sabnzbd: SabnzbdDep,
    limit: Annotated[int, Query(ge=1, le=service.MAX_HISTORY, description="Maximum items to return")] = 50,
) -> HistoryOut:
    return HistoryOut.model_validate(await service.get_history(sabnzbd, limit=limit))


@router.post("/retry/{nzo_id}", summary="Retry a failed download")
async def retry(nzo_id: str, sabnzbd: SabnzbdDep) -> RetryOut:
    return RetryOut.model_validate(await service.retry_download(sabnzbd, nzo_id))


@router.post("/pause", summary="Pause the download queue")
async def pause(sabnzbd: SabnzbdDep) -> QueueStateOut:
    return QueueStateOut.model_validate(await service.pause_queue(sabnzbd))


@router.post("/resume", summary="Resume the download queue")
async def resume(sabnzbd: SabnzbdDep) -> QueueStateOut:
    return QueueStateOut.model_validate(await service.resume_queue(sabnzbd))


@router.delete(
    "/{nzo_id}", summary="Delete a queued download, or a finished one from history", responses=DELETE_DOWNLOAD_RESPONSES
)
async def delete(
    nzo_id: str,
    sabnzbd: SabnzbdDep,
    delete_files: Annotated[bool, Query(description="Also delete downloaded files")] = False,
) -> DeleteOut:
    return DeleteOut.model_validate(await service.delete_download(sabnzbd, nzo_id, delete_files=delete_files))
