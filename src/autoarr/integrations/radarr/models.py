"""Radarr's resources at AutoArr's boundary: movies, their files and ratings (camelCase stops here)."""

from __future__ import annotations

from datetime import datetime

import msgspec
from pydantic import Field

from autoarr.integrations._arr_models import ArrModel, QualityModel


class Rating(ArrModel):
    votes: int = 0
    value: float = 0.0
    type: str = ""


class Ratings(ArrModel):
    """Ratings by source (Radarr v4+); other sources are kept as extra fields."""

    imdb: Rating | None = None
    tmdb: Rating | None = None
    metacritic: Rating | None = None
    rotten_tomatoes: Rating | None = None
    trakt: Rating | None = None


class MovieFile(ArrModel):
    id: int = 0
    relative_path: str = ""
    path: str = ""
    size: int = 0
    quality: QualityModel | None = None
    date_added: datetime | None = None


class MovieAddOptions(ArrModel):
    """How Radarr treats a movie it is adding."""

    monitor: str = "movieOnly"  # movieOnly | movieAndCollection | none
    search_for_movie: bool = False


class Movie(ArrModel):
    """A MovieResource (library copy, or a lookup result with id 0); fields AutoArr does not name are kept."""

    id: int = 0
    title: str = ""
    original_title: str = ""
    sort_title: str = ""
    year: int = 0
    tmdb_id: int = 0
    imdb_id: str = ""
    status: str = ""  # tba | announced | inCinemas | released | deleted
    overview: str = ""
    runtime: int = 0
    genres: list[str] = Field(default_factory=list)
    ratings: Ratings | None = None
    studio: str = ""
    certification: str = ""
    quality_profile_id: int = 0
    path: str = ""
    root_folder_path: str = ""
    folder: str = ""
    monitored: bool = False
    minimum_availability: str = ""  # tba | announced | inCinemas | released
    is_available: bool = False
    has_file: bool = False
    size_on_disk: int = 0
    movie_file: MovieFile | None = None
    in_cinemas: datetime | None = None
    digital_release: datetime | None = None
    physical_release: datetime | None = None
    added: datetime | None = None
    add_options: MovieAddOptions | None = None


class MovieSummary(msgspec.Struct, rename="camel"):
    """A movie in the library list: the reference's list item, decoded straight from Radarr's movie.

    A msgspec struct rather than a pydantic model: it skips the fields it does not name about three
    times faster, `json_stream.ArrayStream` decodes the list while Radarr is still sending it, and it
    encodes as the reference's item as it is (field order included), so 10,000 need no re-shaping.
    """

    id: int
    title: str = ""
    year: int = 0
    tmdb_id: int = 0
    status: str = ""
    overview: str = ""
    runtime: int = 0
    monitored: bool = False
    quality_profile_id: int = 0
    path: str = ""
    has_file: bool = False
    size_on_disk: int = 0
