"""`/api/v1/shows`: the reference's TV Shows endpoints over Sonarr."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, Field

from autoarr.integrations._arr_routes import ARR_ID_MAX, AddIn, CamelOut, Page, PageSize, SearchOut, library_response
from autoarr.integrations.deps import SonarrDep
from autoarr.integrations.sonarr import service
from autoarr.web.deps import BusDep
from autoarr.web.envelope import ADD_RESPONSES, SERVICE_RESPONSES

router = APIRouter(prefix="/api/v1/shows", tags=["shows"], responses=SERVICE_RESPONSES)

SeriesId = Annotated[int, Path(ge=1, le=ARR_ID_MAX, description="Sonarr series id")]


class ShowItem(CamelOut):
    id: int
    title: str
    tvdb_id: int
    status: str = Field(description="continuing, ended, upcoming or deleted")
    overview: str
    network: str
    year: int
    seasons: int = Field(description="How many seasons (specials not counted)")
    episode_count: int = Field(description="Sonarr's statistics.episodeCount")
    monitored: bool
    quality_profile_id: int
    path: str


class ShowsOut(BaseModel):
    series: list[ShowItem]
    total: int = Field(description="How many series Sonarr has in all, whatever the page")


class SeasonStatistics(CamelOut):
    episode_count: int
    episode_file_count: int
    percent_of_episodes: float


class SeasonOut(CamelOut):
    season_number: int
    monitored: bool
    statistics: SeasonStatistics


class ShowOut(CamelOut):
    id: int
    title: str
    tvdb_id: int
    status: str
    overview: str
    network: str
    year: int
    seasons: list[SeasonOut]
    quality_profile_id: int
    path: str
    monitored: bool
    size_on_disk: int = Field(description="Bytes")


class AddShowIn(AddIn):
    tvdb_id: int = Field(gt=0, le=ARR_ID_MAX, description="TheTVDB id of the show")
    season_folder: bool = True
    search_for_missing_episodes: bool = Field(default=False, description="Search for missing episodes at once")


class AddedShowOut(CamelOut):
    id: int
    title: str
    tvdb_id: int
    added: str | None = Field(description="ISO-8601 UTC")
    quality_profile_id: int
    path: str
    monitored: bool


class DeleteShowOut(BaseModel):
    success: bool
    message: str
    series_id: int
    files_deleted: bool


@router.get("", summary="List TV shows (all of them, or one page)", response_model=ShowsOut)
async def list_shows(sonarr: SonarrDep, page: Page = None, page_size: PageSize = None) -> Response:
    return library_response(await service.list_series(sonarr, page=page, page_size=page_size))


@router.get("/{series_id}", summary="One TV show with its seasons")
async def get_show(series_id: SeriesId, sonarr: SonarrDep) -> ShowOut:
    return ShowOut.model_validate(await service.get_series(sonarr, series_id))


@router.post("", summary="Add a TV show (monitored: every episode, or none)", status_code=201, responses=ADD_RESPONSES)
async def add_show(body: AddShowIn, sonarr: SonarrDep, bus: BusDep) -> AddedShowOut:
    added = await service.add_series(
        sonarr,
        bus,
        tvdb_id=body.tvdb_id,
        quality_profile_id=body.quality_profile_id,
        root_folder_path=body.root_folder_path,
        monitored=body.monitored,
        season_folder=body.season_folder,
        search_for_missing_episodes=body.search_for_missing_episodes,
    )
    return AddedShowOut.model_validate(added)


@router.post("/{series_id}/search", summary="Search for a show's monitored episodes")
async def search_show(series_id: SeriesId, sonarr: SonarrDep) -> SearchOut:
    return SearchOut.model_validate(await service.search_series(sonarr, series_id))


@router.delete("/{series_id}", summary="Delete a TV show")
async def delete_show(
    series_id: SeriesId,
    sonarr: SonarrDep,
    delete_files: Annotated[bool, Query(description="Also delete the show's files")] = False,
) -> DeleteShowOut:
    return DeleteShowOut.model_validate(await service.delete_series(sonarr, series_id, delete_files=delete_files))
