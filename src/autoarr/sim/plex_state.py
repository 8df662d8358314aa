"""The simulated Plex server's state: two libraries, their items, prefs, a playing session, a scan clock."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from types import MappingProxyType

from autoarr.sim.plex_prefs import Pref, PrefValue, default_prefs

MOVIE, SHOW, SEASON, EPISODE = "movie", "show", "season", "episode"
TYPE_NUMBERS = MappingProxyType({1: MOVIE, 2: SHOW, 3: SEASON, 4: EPISODE})
DAY = 86400

# (title, year, tmdb, imdb, studio, genres, minutes, rating, content rating, days since added); ids match
# the Radarr simulator's catalogue so cross-service matching works.
MovieRow = tuple[str, int, int, str, str, tuple[str, ...], int, float, str, float]
MOVIES: tuple[MovieRow, ...] = (
    ("The Matrix", 1999, 603, "tt0133093", "Warner Bros. Pictures", ("Action", "Science Fiction"), 136, 8.7, "R", 0.8),
    ("Inception", 2010, 27205, "tt1375666", "Warner Bros. Pictures", ("Science Fiction",), 148, 8.8, "PG-13", 410),
    ("Interstellar", 2014, 157336, "tt0816692", "Paramount Pictures", ("Adventure", "Drama"), 169, 8.7, "PG-13", 380),
    ("The Dark Knight", 2008, 155, "tt0468569", "Warner Bros. Pictures", ("Action", "Crime"), 152, 9.0, "PG-13", 520),
    ("Dune", 2021, 438631, "tt1160419", "Legendary Pictures", ("Science Fiction", "Adventure"), 155, 8.0, "PG-13", 300),
    ("Blade Runner 2049", 2017, 335984, "tt1856101", "Alcon Entertainment", ("Science Fiction",), 164, 8.0, "R", 260),
    ("Arrival", 2016, 329865, "tt2543164", "Paramount Pictures", ("Drama", "Science Fiction"), 116, 7.9, "PG-13", 140),
    ("Oppenheimer", 2023, 872585, "tt15398776", "Universal Pictures", ("Drama", "History"), 180, 8.3, "R", 60),
    ("Parasite", 2019, 496243, "tt6751668", "CJ Entertainment", ("Comedy", "Thriller"), 132, 8.5, "R", 200),
    ("Mad Max: Fury Road", 2015, 76341, "tt1392190", "Warner Bros. Pictures", ("Action",), 120, 8.1, "R", 90),
)  # fmt: skip
# (title, year, tvdb, tmdb, imdb, network, episodes per season, episodes on disk in the last season, days added)
ShowRow = tuple[str, int, int, int, str, str, tuple[int, ...], int, float]
SHOWS: tuple[ShowRow, ...] = (
    ("Breaking Bad", 2008, 81189, 1396, "tt0903747", "AMC", (7, 13, 13, 13, 16), 16, 700),
    ("The Expanse", 2015, 280619, 63639, "tt3230854", "Amazon", (10, 13, 13, 10, 10, 6), 4, 330),
    ("Severance", 2022, 371980, 95396, "tt11280740", "Apple TV+", (9, 10), 2, 45),
)
EPISODE_TITLES = MappingProxyType(
    {
        ("Breaking Bad", 1, 1): "Pilot",
        ("Breaking Bad", 5, 14): "Ozymandias",
        ("Breaking Bad", 5, 16): "Felina",
    }
)
RECENT_EPISODE = ("Breaking Bad", 5, 14, 0.2)  # imported from SABnzbd a few hours ago (days since added)


@dataclass
class PlexSection:
    """A library section (`Directory` in /library/sections)."""

    key: str
    title: str
    type: str
    agent: str
    scanner: str
    location: str
    uuid: str
    created_at: int
    scanned_at: int
    refreshing: bool = False
    scan_done_at: float | None = None


@dataclass
class PlexItem:
    """A metadata item: movie, show, season or episode."""

    rating_key: int
    section_key: str
    type: str
    title: str
    added_at: int
    year: int | None = None
    parent: int | None = None
    index: int | None = None
    duration_ms: int = 0
    rating: float | None = None
    content_rating: str = ""
    studio: str = ""
    summary: str = ""
    genres: tuple[str, ...] = ()
    guids: tuple[str, ...] = ()
    file: str | None = None
    size: int = 0
    view_offset: int = 0
    view_count: int = 0

    @property
    def title_sort(self) -> str:
        """The sort title: leading articles dropped, as PMS does."""
        for article in ("The ", "A ", "An "):
            if self.title.startswith(article):
                return self.title[len(article) :]
        return self.title


@dataclass
class PlexSession:
    """A playback in progress (`/status/sessions`)."""

    rating_key: int
    session_key: str
    user: str
    player_title: str
    platform: str
    product: str
    address: str
    state: str = "playing"
    bandwidth: int = 12_000


@dataclass
class PlexState:
    """Everything one simulated Plex Media Server holds; `tick` moves its clock and finishes scans."""

    now: float = field(default_factory=time.time)
    friendly_name: str = "MediaBox"
    machine_identifier: str = "5f1b6c2d8e9a4b7c0d3e6f9a2b5c8d1e4f7a0b3c"
    version: str = "1.41.3.9314-a0bfb8370"
    scan_seconds: float = 5.0
    sections: list[PlexSection] = field(default_factory=list)
    items: dict[int, PlexItem] = field(default_factory=dict)
    prefs: dict[str, Pref] = field(default_factory=dict)
    sessions: list[PlexSession] = field(default_factory=list)
    butler_running: set[str] = field(default_factory=set)
    next_rating_key: int = 1001

    @classmethod
    def seeded(cls, *, now: float | None = None, extra_movies: int = 0, extra_shows: int = 0) -> PlexState:
        """Movies (key "1", /movies) and TV Shows (key "2", /tv), planted prefs, one session.

        `extra_movies` / `extra_shows` add generated titles for larger libraries.
        """
        state = cls(now=time.time() if now is None else now)
        created = int(state.now - 900 * DAY)
        state.sections = [
            PlexSection("1", "Movies", MOVIE, "tv.plex.agents.movie", "Plex Movie", "/movies", _uuid("movies"),
                        created, int(state.now - 3600)),
            PlexSection("2", "TV Shows", SHOW, "tv.plex.agents.series", "Plex TV Series", "/tv", _uuid("tv"),
                        created, int(state.now - 3600)),
        ]  # fmt: skip
        state.prefs = {
            pref.id: pref
            for pref in default_prefs(friendly_name=state.friendly_name, machine_identifier=state.machine_identifier)
        }
        for row in MOVIES:
            title, year, tmdb, imdb, studio, genres, minutes, rating, cert, days = row
            state.add_movie(title, year, tmdb_id=tmdb, imdb_id=imdb, studio=studio, genres=genres, minutes=minutes,
                            rating=rating, content_rating=cert, added_days_ago=days)  # fmt: skip
        for number in range(extra_movies):
            state.add_movie(f"Generated Feature {number + 1:04d}", 1990 + number % 35, added_days_ago=30 + number % 900)
        for show_row in SHOWS:
            state._seed_show(show_row)
        for number in range(extra_shows):
            name, tvdb = f"Generated Series {number + 1:03d}", 900_000 + number
            generated: ShowRow = (
                name,
                2000 + number % 25,
                tvdb,
                tvdb - 100_000,
                f"tt9{number:07d}",
                "Generated",
                (8, 8),
                8,
                100.0,
            )
            state._seed_show(generated)
        state._seed_viewing()
        return state

    # ---- the clock and scans -------------------------------------------------------------------

    def tick(self, seconds: float) -> None:
        """Let time pass: scans older than `scan_seconds` finish, setting `scannedAt`; butler tasks end."""
        self.now += seconds
        for section in self.sections:
            if section.refreshing and section.scan_done_at is not None and self.now >= section.scan_done_at:
                section.refreshing = False
                section.scan_done_at = None
                section.scanned_at = int(self.now)
        self.butler_running.clear()

    def refresh(self, key: str) -> bool:
        """Start a scan of section `key` ("all" for every one); False when there is no such section."""
        targets = self.sections if key == "all" else [row for row in self.sections if row.key == key]
        for section in targets:
            section.refreshing = True
            section.scan_done_at = self.now + self.scan_seconds
        return bool(targets)

    def cancel_refresh(self, key: str) -> bool:
        """Stop a scan (DELETE on the refresh URL)."""
        targets = self.sections if key == "all" else [row for row in self.sections if row.key == key]
        for section in targets:
            section.refreshing = False
            section.scan_done_at = None
        return bool(targets)

    # ---- lookups -------------------------------------------------------------------------------

    def section(self, key: str) -> PlexSection | None:
        """A section by key."""
        return next((row for row in self.sections if row.key == key), None)

    def children(self, rating_key: int) -> list[PlexItem]:
        """Seasons of a show, episodes of a season, in index order."""
        return sorted((item for item in self.items.values() if item.parent == rating_key), key=lambda i: i.index or 0)

    def leaves(self, item: PlexItem) -> list[PlexItem]:
        """The episodes under a show or season (the item itself for a movie or episode)."""
        if item.type in {MOVIE, EPISODE}:
            return [item]
        return [leaf for child in self.children(item.rating_key) for leaf in self.leaves(child)]

    def ancestor(self, item: PlexItem, levels: int) -> PlexItem | None:
        """The parent (1) or grandparent (2)."""
        current: PlexItem | None = item
        for _ in range(levels):
            current = self.items.get(current.parent) if current and current.parent else None
        return current

    def set_prefs(self, changes: dict[str, str]) -> None:
        """PUT /:/prefs: all or nothing; KeyError for an unknown id, ValueError for a bad value."""
        parsed: dict[str, PrefValue] = {}
        for pref_id, text in changes.items():
            pref = self.prefs.get(pref_id)
            if pref is None:
                raise KeyError(pref_id)
            parsed[pref_id] = pref.parse(text)
        for pref_id, value in parsed.items():
            self.prefs[pref_id].value = value
        if "FriendlyName" in parsed:
            self.friendly_name = str(parsed["FriendlyName"])

    # ---- adding media (the demo calls these when an *arr "imports") ----------------------------

    def add_movie(
        self,
        title: str,
        year: int,
        *,
        tmdb_id: int | None = None,
        imdb_id: str | None = None,
        studio: str = "",
        genres: tuple[str, ...] = (),
        minutes: int = 120,
        rating: float | None = None,
        content_rating: str = "",
        added_days_ago: float = 0.0,
    ) -> PlexItem:
        """A movie file under /movies/Title (Year)/ in section "1"."""
        folder = f"{title.replace(':', '')} ({year})"
        guids = tuple(guid for guid in (imdb_id and f"imdb://{imdb_id}", tmdb_id and f"tmdb://{tmdb_id}") if guid)
        item = PlexItem(
            rating_key=self._next_key(),
            section_key="1",
            type=MOVIE,
            title=title,
            added_at=int(self.now - added_days_ago * DAY),
            year=year,
            duration_ms=minutes * 60_000,
            rating=rating,
            content_rating=content_rating,
            studio=studio,
            summary=f"{title} ({year}).",
            genres=genres,
            guids=guids,
            file=f"/movies/{folder}/{folder} Bluray-1080p.mkv",
            size=minutes * 60 * 1_250_000,
        )
        self.items[item.rating_key] = item
        return item

    def add_episode(self, show_title: str, season: int, episode: int, *, title: str | None = None) -> PlexItem:
        """An episode file under /tv/Show/Season NN/ in section "2"; the show and season must exist."""
        show = next(item for item in self.items.values() if item.type == SHOW and item.title == show_title)
        season_item = next(child for child in self.children(show.rating_key) if child.index == season)
        name = title or EPISODE_TITLES.get((show_title, season, episode), f"Episode {episode}")
        code = f"S{season:02d}E{episode:02d}"
        item = PlexItem(
            rating_key=self._next_key(),
            section_key="2",
            type=EPISODE,
            title=name,
            added_at=int(self.now),
            year=show.year,
            parent=season_item.rating_key,
            index=episode,
            duration_ms=47 * 60_000,
            content_rating=show.content_rating,
            summary=f"{show_title} {code}.",
            file=f"/tv/{show_title}/Season {season:02d}/{show_title} - {code} - {name} WEBDL-1080p.mkv",
            size=1_800_000_000,
        )
        self.items[item.rating_key] = item
        return item

    # ---- seeding -------------------------------------------------------------------------------

    def _next_key(self) -> int:
        key = self.next_rating_key
        self.next_rating_key += 1
        return key

    def _seed_show(self, row: ShowRow) -> None:
        title, year, tvdb, tmdb, imdb, network, seasons, last_on_disk, days = row
        added = int(self.now - days * DAY)
        show = PlexItem(self._next_key(), "2", SHOW, title, added, year=year, index=1, studio=network,
                        content_rating="TV-MA", summary=f"{title} ({year}).", genres=("Drama",),
                        guids=(f"imdb://{imdb}", f"tmdb://{tmdb}", f"tvdb://{tvdb}"))  # fmt: skip
        self.items[show.rating_key] = show
        for number, count in enumerate(seasons, 1):
            season = PlexItem(self._next_key(), "2", SEASON, f"Season {number}", added, parent=show.rating_key,
                              index=number)  # fmt: skip
            self.items[season.rating_key] = season
            on_disk = last_on_disk if number == len(seasons) else count
            for episode in range(1, on_disk + 1):
                item = self.add_episode(title, number, episode)
                item.added_at = added + (number * 20 + episode) * 3600
        if title == RECENT_EPISODE[0]:
            recent = self._episode(title, RECENT_EPISODE[1], RECENT_EPISODE[2])
            recent.added_at = int(self.now - RECENT_EPISODE[3] * DAY)

    def _episode(self, show_title: str, season: int, episode: int) -> PlexItem:
        show = next(item for item in self.items.values() if item.type == SHOW and item.title == show_title)
        season_item = next(child for child in self.children(show.rating_key) if child.index == season)
        return next(child for child in self.children(season_item.rating_key) if child.index == episode)

    def _seed_viewing(self) -> None:
        interstellar = next(item for item in self.items.values() if item.title == "Interstellar")
        interstellar.view_offset = 61 * 60_000
        self._episode("Severance", 2, 2).view_offset = 20 * 60_000
        for episode in range(1, 14):
            self._episode("Breaking Bad", 5, episode).view_count = 1
        playing = self._episode("Breaking Bad", 5, 14)
        playing.view_offset = 12 * 60_000
        self.sessions = [
            PlexSession(playing.rating_key, "7", "walter", "Living Room TV", "Roku", "Plex for Roku", "192.168.1.50")
        ]


def _uuid(seed: str) -> str:
    digest = hashlib.sha256(seed.encode()).hexdigest()
    return f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"
