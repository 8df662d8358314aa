"""`GET /api/v1/downloads/recovery`: what automatic recovery did, newest first."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel

from autoarr.events.recovery import RecoveryService
from autoarr.store.bounds import PAGE_MAX

router = APIRouter(prefix="/api/v1/downloads", tags=["downloads"])


async def get_recovery(request: Request) -> RecoveryService:
    service: RecoveryService = request.app.state.recovery_service
    return service


class AttemptOut(BaseModel):
    id: int
    download_id: str
    title: str
    owner: str
    action: str
    result: str
    attempt: int
    detail: str | None
    new_download_id: str | None
    due_at: str | None
    created_at: str
    updated_at: str


class PaginationOut(BaseModel):
    page: int
    page_size: int
    total_items: int
    total_pages: int


class AttemptsOut(BaseModel):
    attempts: list[AttemptOut]
    pagination: PaginationOut


@router.get("/recovery", summary="Recovery attempts for failed downloads, newest first")
async def recovery_attempts(
    recovery: Annotated[RecoveryService, Depends(get_recovery)],
    page: Annotated[int, Query(ge=1, le=PAGE_MAX)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
) -> AttemptsOut:
    return AttemptsOut.model_validate(await recovery.attempts(page=page, page_size=page_size))
