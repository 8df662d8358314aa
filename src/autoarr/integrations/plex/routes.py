"""`/api/v1/media`: the reference's Media endpoints over Plex."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from autoarr.integrations.deps import PlexDep
from autoarr.integrations.plex import service
from autoarr.web.envelope import SERVICE_RESPONSES

router = APIRouter(prefix="/api/v1/media", tags=["media"], responses=SERVICE_RESPONSES)


class LibraryOut(BaseModel):
    key: str
    title: str
    type: str = Field(description="movie, show, artist or photo")
    scanner: str
    agent: str
    count: int = Field(description="How many movies or shows the library holds")


class LibrariesOut(BaseModel):
    libraries: list[LibraryOut]


class RecentItem(BaseModel):
    title: str = Field(description='Episodes are named with their show: "Show - S01E02 - Title"')
    year: int | None
    type: str = Field(description="movie or episode")
    added_at: str | None = Field(description="ISO-8601 UTC")
    library: str
    rating: float | None


class RecentOut(BaseModel):
    items: list[RecentItem]
    total: int = Field(description="How many items are in this answer")


class ScanIn(BaseModel):
    model_config = ConfigDict(coerce_numbers_to_str=True)  # {"library_key": 1} means what "1" means

    library_key: str = Field(min_length=1, description="A library key from /api/v1/media/libraries")


class ScanOut(BaseModel):
    success: bool
    message: str
    library: str = Field(description="The title of the library being scanned")


@router.get("/libraries", summary="Plex libraries with their item counts")
async def libraries(plex: PlexDep) -> LibrariesOut:
    return LibrariesOut.model_validate(await service.list_libraries(plex))


@router.get("/recently-added", summary="Movies and episodes added lately, newest first")
async def recently_added(
    plex: PlexDep,
    limit: Annotated[int, Query(ge=1, le=service.MAX_RECENT, description="Maximum items")] = service.DEFAULT_RECENT,
) -> RecentOut:
    return RecentOut.model_validate(await service.recently_added(plex, limit=limit))


@router.post("/scan", summary="Scan a library for new files")
async def scan(body: ScanIn, plex: PlexDep) -> ScanOut:
    return ScanOut.model_validate(await service.scan_library(plex, body.library_key))
