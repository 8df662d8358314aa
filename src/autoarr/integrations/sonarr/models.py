"""Sonarr's resources at AutoArr's boundary: series, seasons, episodes (camelCase stops here)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from autoarr.integrations._arr_models import ArrModel, SlimModel


class SeasonStatistics(ArrModel):
    episode_file_count: int = 0
    episode_count: int = 0
    total_episode_count: int = 0
    size_on_disk: int = 0
    percent_of_episodes: float = 0.0


class Season(ArrModel):
    season_number: int
    monitored: bool = False
    statistics: SeasonStatistics | None = None


class SeriesStatistics(ArrModel):
    season_count: int = 0
    episode_file_count: int = 0
    episode_count: int = 0
    total_episode_count: int = 0
    size_on_disk: int = 0
    percent_of_episodes: float = 0.0


class SeriesAddOptions(ArrModel):
    """How Sonarr treats a series it is adding: which episodes to monitor, whether to search at once."""

    monitor: str = "all"  # all | future | missing | existing | firstSeason | lastSeason | pilot | none | ...
    search_for_missing_episodes: bool = False
    search_for_cutoff_unmet_episodes: bool = False


class Series(ArrModel):
    """A SeriesResource (library copy, or a lookup result with id 0); fields AutoArr does not name are kept."""

    id: int = 0
    title: str = ""
    sort_title: str = ""
    tvdb_id: int = 0
    tmdb_id: int = 0
    imdb_id: str = ""
    status: str = ""  # continuing | ended | upcoming | deleted
    overview: str = ""
    network: str = ""
    year: int = 0
    seasons: list[Season] = Field(default_factory=list)
    statistics: SeriesStatistics | None = None
    monitored: bool = False
    quality_profile_id: int = 0
    path: str = ""
    root_folder_path: str = ""
    folder: str = ""
    season_folder: bool = True
    series_type: str = ""  # standard | daily | anime
    genres: list[str] = Field(default_factory=list)
    added: datetime | None = None
    add_options: SeriesAddOptions | None = None


class SeriesSummary(SlimModel):
    """A series in the library list: only what AutoArr shows, so large libraries decode fast."""

    id: int
    title: str = ""
    tvdb_id: int = 0
    status: str = ""
    overview: str = ""
    network: str = ""
    year: int = 0
    seasons: list[Season] = Field(default_factory=list)
    statistics: SeriesStatistics | None = None
    monitored: bool = False
    quality_profile_id: int = 0
    path: str = ""
    added: datetime | None = None


class Episode(ArrModel):
    """An EpisodeResource (episode list, calendar, wanted/missing); `series` when Sonarr embedded it."""

    id: int
    series_id: int = 0
    season_number: int = 0
    episode_number: int = 0
    title: str = ""
    air_date: date | None = None
    air_date_utc: datetime | None = None
    has_file: bool = False
    monitored: bool = False
    episode_file_id: int = 0
    series: SeriesSummary | None = None
