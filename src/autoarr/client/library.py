"""Typed requests and answers of the TV shows (Sonarr), movies (Radarr) and media (Plex) endpoints.

Shows and movies arrive in the *arr apps' camelCase (`tvdbId`); here they are read as snake_case attributes
(`show.tvdb_id`), and `to_wire()` gives the camelCase back.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import ConfigDict, Field
from pydantic.alias_generators import to_camel

from autoarr.client.models import ApiModel, RequestModel

Availability = Literal["announced", "inCinemas", "released", "tba"]


class CamelModel(ApiModel):
    """An answer in camelCase on the wire, snake_case in Python."""

    model_config = ConfigDict(alias_generator=to_camel)


# TV shows (Sonarr)


class ShowSummary(CamelModel):
    id: int
    title: str
    tvdb_id: int
    status: str = Field(description="continuing, ended, upcoming or deleted")
    overview: str
    network: str
    year: int
    seasons: int = Field(description="How many seasons (specials not counted)")
    episode_count: int
    monitored: bool
    quality_profile_id: int
    path: str


class ShowList(ApiModel):
    series: list[ShowSummary]
    total: int = Field(description="How many series Sonarr has in all, whatever the page")


class SeasonStatistics(CamelModel):
    episode_count: int
    episode_file_count: int
    percent_of_episodes: float


class Season(CamelModel):
    season_number: int
    monitored: bool
    statistics: SeasonStatistics


class Show(CamelModel):
    id: int
    title: str
    tvdb_id: int
    status: str
    overview: str
    network: str
    year: int
    seasons: list[Season]
    quality_profile_id: int
    path: str
    monitored: bool
    size_on_disk: int = Field(description="Bytes")


class AddShowRequest(RequestModel):
    tvdb_id: int
    quality_profile_id: int
    root_folder_path: str
    title: str | None = Field(default=None, description="For your own reference; Sonarr's lookup names the show")
    monitored: bool = True
    season_folder: bool = True
    search_for_missing_episodes: bool = False


class AddedShow(CamelModel):
    id: int
    title: str
    tvdb_id: int
    added: datetime | None = None
    quality_profile_id: int
    path: str
    monitored: bool


class SearchResult(ApiModel):
    success: bool
    message: str
    command_id: str = Field(description="The service's own command id")


class DeleteShowResult(ApiModel):
    success: bool
    message: str
    series_id: int
    files_deleted: bool


# Movies (Radarr)


class MovieSummary(CamelModel):
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


class MovieList(ApiModel):
    movies: list[MovieSummary]
    total: int = Field(description="How many movies Radarr has in all, whatever the page")


class Rating(ApiModel):
    value: float
    votes: int


class QualityName(ApiModel):
    name: str


class Quality(ApiModel):
    quality: QualityName


class MovieFile(CamelModel):
    relative_path: str
    size: int = Field(description="Bytes")
    quality: Quality


class Movie(CamelModel):
    id: int
    title: str
    year: int
    tmdb_id: int
    status: str
    overview: str
    runtime: int
    genres: list[str]
    ratings: Rating
    quality_profile_id: int
    path: str
    monitored: bool
    has_file: bool
    movie_file: MovieFile | None = Field(default=None, description="None while the movie has no file")


class AddMovieRequest(RequestModel):
    tmdb_id: int
    quality_profile_id: int
    root_folder_path: str
    title: str | None = Field(default=None, description="For your own reference; Radarr's lookup names the movie")
    monitored: bool = True
    search_for_movie: bool = False
    minimum_availability: Availability = "released"


class AddedMovie(CamelModel):
    id: int
    title: str
    year: int
    tmdb_id: int
    added: datetime | None = None
    quality_profile_id: int
    path: str
    monitored: bool


class DeleteMovieResult(ApiModel):
    success: bool
    message: str
    movie_id: int
    files_deleted: bool


# Media (Plex)


class Library(ApiModel):
    key: str
    title: str
    type: str = Field(description="movie, show, artist or photo")
    scanner: str
    agent: str
    count: int


class LibraryList(ApiModel):
    libraries: list[Library]


class RecentItem(ApiModel):
    title: str
    year: int | None = None
    type: str = Field(description="movie or episode")
    added_at: datetime | None = None
    library: str
    rating: float | None = None


class RecentlyAdded(ApiModel):
    items: list[RecentItem]
    total: int


class ScanRequest(RequestModel):
    library_key: str


class ScanResult(ApiModel):
    success: bool
    message: str
    library: str = Field(description="The title of the library being scanned")
