"""The download jobs the whole simulated stack agrees on.

SABnzbd's `nzo_id` is the `downloadId` Sonarr and Radarr record, so the SABnzbd simulator's queue and
history and the *arr simulators' queue and history are all seeded from this one table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Owner = Literal["sonarr", "radarr", "none"]
Place = Literal["queue", "history"]


@dataclass(frozen=True)
class SimDownload:
    """One job as every simulator sees it."""

    nzo_id: str
    name: str
    category: str  # SABnzbd category: "tv", "movies" or "*"
    owner: Owner  # which *arr grabbed it ("none": added to SABnzbd by hand)
    place: Place
    status: str  # SABnzbd status: Downloading/Queued/Paused in the queue, Completed/Failed in history
    size_bytes: int
    fail_message: str = ""
    # For sonarr: the index of the series in the Sonarr seed (0-based) and the season/episode;
    # for radarr: the index of the movie in the Radarr seed.
    media_index: int = 0
    season: int = 1
    episode: int = 1


NOT_ON_SERVER = "Download failed - Not on your server(s) - https://sabnzbd.org/not-complete"

DOWNLOADS: tuple[SimDownload, ...] = (
    SimDownload(
        "SABnzbd_nzo_q7k2m1xa",
        "The.Expanse.S06E05.1080p.WEB.h264-GROUP",
        "tv",
        "sonarr",
        "queue",
        "Downloading",
        1_610_612_736,
        media_index=2,
        season=6,
        episode=5,
    ),
    SimDownload(
        "SABnzbd_nzo_r4p9w3bd",
        "Dune.Part.Two.2024.2160p.UHD.BluRay.x265-GROUP",
        "movies",
        "radarr",
        "queue",
        "Queued",
        16_320_875_724,
        media_index=7,
    ),
    SimDownload("SABnzbd_nzo_h3n8c5ee", "Ubuntu.24.04.Desktop.amd64", "*", "none", "queue", "Paused", 6_012_954_214),
    SimDownload(
        "SABnzbd_nzo_c1m5t6fg",
        "Breaking.Bad.S05E14.1080p.BluRay.x264-GROUP",
        "tv",
        "sonarr",
        "history",
        "Completed",
        2_254_857_830,
        media_index=0,
        season=5,
        episode=14,
    ),
    SimDownload(
        "SABnzbd_nzo_f8x2z7hh",
        "Oppenheimer.2023.1080p.BluRay.x264-GROUP",
        "movies",
        "radarr",
        "history",
        "Failed",
        12_884_901_888,
        fail_message=NOT_ON_SERVER,
        media_index=12,
    ),
    SimDownload(
        "SABnzbd_nzo_a6d4v9jk",
        "Severance.S02E03.720p.WEB.h264-GROUP",
        "tv",
        "sonarr",
        "history",
        "Failed",
        1_181_116_006,
        fail_message=NOT_ON_SERVER,
        media_index=5,
        season=2,
        episode=3,
    ),
    SimDownload(
        "SABnzbd_nzo_u2y7s1lm",
        "The.Matrix.1999.1080p.BluRay.x264-GROUP",
        "movies",
        "radarr",
        "history",
        "Completed",
        10_737_418_240,
        media_index=0,
    ),
    SimDownload(
        "SABnzbd_nzo_o9b3q8np",
        "Debian.12.DVD.iso",
        "*",
        "none",
        "history",
        "Failed",
        3_994_091_520,
        fail_message=NOT_ON_SERVER,
    ),
)
