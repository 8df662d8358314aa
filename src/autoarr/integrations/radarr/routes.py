"""`/api/v1/movies`: the reference's Movies endpoints over Radarr."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, Field

from autoarr.integrations._arr_routes import ARR_ID_MAX, AddIn, CamelOut, Page, PageSize, SearchOut, library_response
from autoarr.integrations.deps import RadarrDep
from autoarr.integrations.radarr import service
from autoarr.web.deps import BusDep
from autoarr.web.envelope import ADD_RESPONSES, SERVICE_RESPONSES

router = APIRouter(prefix="/api/v1/movies", tags=["movies"], responses=SERVICE_RESPONSES)

MovieId = Annotated[int, Path(ge=1, le=ARR_ID_MAX, description="Radarr movie id")]


class MovieItem(CamelOut):
    id: int
    title: str
    year: int
    tmdb_id: int
    status: str = Field(description="tba, announced, inCinemas, released or deleted")
    overview: str
    runtime: int = Field(description="Minutes")
    monitored: bool
    quality_profile_id: int
    path: str
    has_file: bool
    size_on_disk: int = Field(description="Bytes")


class MoviesOut(BaseModel):
    movies: list[MovieItem]
    total: int = Field(description="How many movies Radarr has in all, whatever the page")


class RatingOut(BaseModel):
    value: float
    votes: int


class QualityName(BaseModel):
    name: str


class QualityOut(BaseModel):
    quality: QualityName


class MovieFileOut(CamelOut):
    relative_path: str
    size: int = Field(description="Bytes")
    quality: QualityOut


class MovieOut(CamelOut):
    id: int
    title: str
    year: int
    tmdb_id: int
    status: str
    overview: str
    runtime: int
    genres: list[str]
    ratings: RatingOut = Field(description="TMDb's rating, else IMDb's")
    quality_profile_id: int
    path: str
    monitored: bool
    has_file: bool
    movie_file: MovieFileOut | None = Field(description="null while the movie has no file")


class AddMovieIn(AddIn):
    tmdb_id: int = Field(gt=0, le=ARR_ID_MAX, description="TMDb id of the movie")
    minimum_availability: service.Availability = Field(
        default="released", description="When Radarr considers the movie available to download"
    )
    search_for_movie: bool = Field(default=False, description="Search for the movie at once")


class AddedMovieOut(CamelOut):
    id: int
    title: str
    year: int
    tmdb_id: int
    added: str | None = Field(description="ISO-8601 UTC")
    quality_profile_id: int
    path: str
    monitored: bool


class DeleteMovieOut(BaseModel):
    success: bool
    message: str
    movie_id: int
    files_deleted: bool


@router.get("", summary="List movies (all of them, or one page)", response_model=MoviesOut)
async def list_movies(radarr: RadarrDep, page: Page = None, page_size: PageSize = None) -> Response:
    return library_response(await service.list_movies(radarr, page=page, page_size=page_size))


@router.get("/{movie_id}", summary="One movie with its genres, rating and file")
async def get_movie(movie_id: MovieId, radarr: RadarrDep) -> MovieOut:
    return MovieOut.model_validate(await service.get_movie(radarr, movie_id))


@router.post("", summary="Add a movie", status_code=201, responses=ADD_RESPONSES)
async def add_movie(body: AddMovieIn, radarr: RadarrDep, bus: BusDep) -> AddedMovieOut:
    added = await service.add_movie(
        radarr,
        bus,
        tmdb_id=body.tmdb_id,
        quality_profile_id=body.quality_profile_id,
        root_folder_path=body.root_folder_path,
        monitored=body.monitored,
        minimum_availability=body.minimum_availability,
        search_for_movie=body.search_for_movie,
    )
    return AddedMovieOut.model_validate(added)


@router.post("/{movie_id}/search", summary="Search for a movie")
async def search_movie(movie_id: MovieId, radarr: RadarrDep) -> SearchOut:
    return SearchOut.model_validate(await service.search_movie(radarr, movie_id))


@router.delete("/{movie_id}", summary="Delete a movie")
async def delete_movie(
    movie_id: MovieId,
    radarr: RadarrDep,
    delete_files: Annotated[bool, Query(description="Also delete the movie's files")] = False,
) -> DeleteMovieOut:
    return DeleteMovieOut.model_validate(await service.delete_movie(radarr, movie_id, delete_files=delete_files))
