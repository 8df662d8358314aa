"""Sonarr: the client and its boundary models."""

from autoarr.integrations.sonarr.client import SonarrClient
from autoarr.integrations.sonarr.models import Episode, Season, Series, SeriesAddOptions, SeriesSummary

__all__ = ["Episode", "Season", "Series", "SeriesAddOptions", "SeriesSummary", "SonarrClient"]
