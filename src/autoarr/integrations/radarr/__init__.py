"""Radarr: the client and its boundary models."""

from autoarr.integrations.radarr.client import RadarrClient
from autoarr.integrations.radarr.models import Movie, MovieAddOptions, MovieFile, MovieSummary, Ratings

__all__ = ["Movie", "MovieAddOptions", "MovieFile", "MovieSummary", "RadarrClient", "Ratings"]
