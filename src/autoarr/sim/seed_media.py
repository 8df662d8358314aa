"""Deterministic series, episodes and their statistics for the Sonarr simulator (catalogue rows, then synthetic)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from autoarr.sim._arr import JSON, iso
from autoarr.sim.seed_catalogue import (
    LANGUAGE_IDS,
    NETWORKS,
    RELEASE_GROUPS,
    SERIES,
    SERIES_IN_LIBRARY,
    TITLE_ADJECTIVES,
    TITLE_NOUNS,
)

T = TypeVar("T")
NEVER = "0001-01-01T00:00:00Z"  # DateTime.MinValue, what a lookup result shows as `added`
_KNOWN_EPISODES = {(81189, 1, 1): "Pilot", (81189, 5, 14): "Ozymandias", (371980, 2, 3): "Who Is Alive?"}


@dataclass(frozen=True)
class SeriesSpec:
    """One show as the metadata source (SkyHook) describes it."""

    title: str
    year: int
    tvdb_id: int
    imdb_id: str
    tmdb_id: int
    tvmaze_id: int
    network: str
    status: str
    seasons: tuple[int, ...]  # episodes per season
    genres: tuple[str, ...]
    runtime: int
    certification: str
    language: str
    airing: bool  # its last season is airing now: episodes around the seed's `now`


_MASK = (1 << 64) - 1
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_NOT_FOLDER = re.compile(r'[<>:"/\\|?*]')


class Noise:
    """Deterministic pseudo-random numbers keyed by an integer (a 64-bit LCG, high bits only).

    A seeded `random.Random` per item costs more than building the item, and 10,000 movies must seed fast.
    """

    def __init__(self, key: int) -> None:
        self._state = (key * 0x9E3779B97F4A7C15 + 0xD1B54A32D192ED03) & _MASK

    def bits(self) -> int:
        """The next 53 random bits."""
        self._state = (self._state * 6364136223846793005 + 1442695040888963407) & _MASK
        return self._state >> 11

    def random(self) -> float:
        """A float in [0, 1)."""
        self._state = (self._state * 6364136223846793005 + 1442695040888963407) & _MASK
        return (self._state >> 11) / 9007199254740992.0

    def below(self, bound: int) -> int:
        """An int in [0, bound)."""
        self._state = (self._state * 6364136223846793005 + 1442695040888963407) & _MASK
        return ((self._state >> 11) * bound) >> 53

    def between(self, low: int, high: int) -> int:
        """An int in [low, high)."""
        return low + self.below(high - low)

    def uniform(self, low: float, high: float) -> float:
        """A float in [low, high)."""
        return low + (high - low) * self.random()

    def pick(self, items: Sequence[T]) -> T:
        """One of the items."""
        return items[self.below(len(items))]

    def picks(self, items: Sequence[T], count: int) -> list[T]:
        """`count` distinct items, in a deterministic order."""
        start, step = self.below(len(items)), 1 + self.below(len(items) - 1)
        chosen: list[T] = []
        index = start
        while len(chosen) < count:
            if items[index] not in chosen:
                chosen.append(items[index])
            index = (index + step) % len(items)
            if index == start:
                step, index = 1, (index + 1) % len(items)
        return chosen

    def hex(self, size: int) -> str:
        """`size` hex digits."""
        return "".join(f"{self.bits():014x}" for _ in range(size // 14 + 1))[:size]


def slug(title: str) -> str:
    """`The Office (US)` -> `the-office-us`, as titleSlug is built."""
    return _NOT_SLUG.sub("-", title.lower()).strip("-")


def clean_title(title: str) -> str:
    """`The Office (US)` -> `theofficeus`, as cleanTitle is built."""
    return _NOT_SLUG.sub("", title.lower())


def folder_name(title: str) -> str:
    """A title made safe as a folder name (colons and the like dropped)."""
    return _NOT_FOLDER.sub("", title).strip()


def with_article(words: str) -> str:
    """`adventure` -> `an adventure`, `drama` -> `a drama`."""
    return f"{'an' if words[:1] in 'aeiou' else 'a'} {words}"


def language(name: str) -> JSON:
    """A Language resource."""
    return {"id": LANGUAGE_IDS.get(name, 1), "name": name}


def synthetic_title(index: int) -> str:
    """The title of filler item `index`, unique per index: adjective, noun and, past 400, a number."""
    adjective = TITLE_ADJECTIVES[index % len(TITLE_ADJECTIVES)]
    noun = TITLE_NOUNS[(index // len(TITLE_ADJECTIVES)) % len(TITLE_NOUNS)]
    cycle = index // (len(TITLE_ADJECTIVES) * len(TITLE_NOUNS))
    return f"The {adjective} {noun}" + (f" {cycle + 1}" if cycle else "")


def series_specs(count: int) -> tuple[list[SeriesSpec], list[SeriesSpec]]:
    """The library's first `count` shows (catalogue first, then synthetic) and the lookup-only rest."""
    rows = [SeriesSpec(*row) for row in SERIES]
    library = rows[: min(count, SERIES_IN_LIBRARY)]
    lookup_only = rows[len(library) :]
    for index in range(max(count - SERIES_IN_LIBRARY, 0)):
        noise = Noise(index)
        seasons = tuple(noise.between(6, 14) for _ in range(noise.between(1, 7)))
        status = noise.pick(("ended", "continuing"))
        library.append(
            SeriesSpec(
                synthetic_title(index),
                1995 + index % 30,
                900_000 + index,
                f"tt{90_000_000 + index}",
                9_000_000 + index,
                900_000 + index,
                NETWORKS[index % len(NETWORKS)],
                status,
                seasons,
                ("Drama",),
                45,
                "TV-14",
                "English",
                False,
            )
        )
    return library, lookup_only


def air_dates(spec: SeriesSpec, now: datetime) -> list[list[datetime]]:
    """Weekly air dates per season; an airing show's last season started three weeks before `now`."""
    base = datetime(spec.year, 1, 1, 1, 0, tzinfo=UTC) + timedelta(days=spec.tvdb_id % 200)
    count = len(spec.seasons)
    premieres = [base + timedelta(days=365 * season) for season in range(count)]
    if spec.airing:
        today = now.replace(hour=1, minute=0, second=0, microsecond=0)
        last = today - timedelta(days=21 - spec.tvdb_id % 3)
        step = (last - timedelta(days=200) - base) / max(count - 1, 1)
        premieres = [base + step * season for season in range(count - 1)] + [last]
    return [
        [premiere + timedelta(weeks=n) for n in range(length)]
        for premiere, length in zip(premieres, spec.seasons, strict=True)
    ]


def series_metadata(spec: SeriesSpec, now: datetime) -> JSON:
    """A show as `series/lookup` describes it before it is in the library (id 0)."""
    dates = air_dates(spec, now)
    name = folder_name(spec.title)
    art = f"https://artworks.thetvdb.com/banners/v4/series/{spec.tvdb_id}"
    aired = [date for season in dates for date in season if date <= now]
    resource: JSON = {
        "id": 0,
        "title": spec.title,
        "alternateTitles": [],
        "sortTitle": spec.title.lower().removeprefix("the "),
        "status": spec.status,
        "ended": spec.status == "ended",
        "overview": _series_overview(spec),
        "network": spec.network,
        "airTime": "21:00",
        "images": [
            {"coverType": cover, "remoteUrl": f"{art}/{cover}s/{spec.tvdb_id}.jpg"}
            for cover in ("banner", "poster", "fanart")
        ],
        "originalLanguage": language(spec.language),
        "seasons": [{"seasonNumber": number, "monitored": True} for number in range(1, len(spec.seasons) + 1)],
        "year": spec.year,
        "qualityProfileId": 0,
        "seasonFolder": True,
        "monitored": True,
        "monitorNewItems": "all",
        "useSceneNumbering": False,
        "runtime": spec.runtime,
        "tvdbId": spec.tvdb_id,
        "tvRageId": 0,
        "tvMazeId": spec.tvmaze_id,
        "tmdbId": spec.tmdb_id,
        "seriesType": "standard",
        "cleanTitle": clean_title(spec.title),
        "imdbId": spec.imdb_id,
        "titleSlug": slug(spec.title),
        "folder": name,
        "certification": spec.certification,
        "genres": list(spec.genres),
        "tags": [],
        "added": NEVER,
        "ratings": {"votes": 1_000 + spec.tvdb_id % 40_000, "value": round(7.0 + (spec.tvdb_id % 25) / 10, 1)},
        "statistics": {
            "seasonCount": len(spec.seasons),
            "episodeFileCount": 0,
            "episodeCount": 0,
            "totalEpisodeCount": 0,
            "sizeOnDisk": 0,
            "percentOfEpisodes": 0.0,
        },
        "languageProfileId": 1,
    }
    if dates and dates[0]:
        resource["firstAired"] = iso(dates[0][0])
    if aired and spec.status == "ended":
        resource["lastAired"] = iso(max(aired))
    return resource


def _series_overview(spec: SeriesSpec) -> str:
    genres = " and ".join(genre.lower() for genre in spec.genres[:2])
    seasons = len(spec.seasons)
    return (
        f"{spec.title} is {with_article(genres)} series from {spec.network} that premiered in {spec.year}. "
        f"Across {seasons} season{'s' if seasons > 1 else ''} and {sum(spec.seasons)} episodes it follows people "
        "whose choices keep catching up with them."
    )


@dataclass(frozen=True)
class EpisodeFile:
    """What the statistics need of an episode's file."""

    size: int
    release_group: str


def episodes_for(
    spec: SeriesSpec,
    *,
    series_id: int,
    first_id: int,
    now: datetime,
    with_files: bool,
    overrides: Mapping[tuple[int, int], bool] | None = None,
) -> tuple[list[JSON], dict[int, EpisodeFile]]:
    """A show's episodes and their files; most aired ones have a file when `with_files` (an existing library).

    `overrides` forces hasFile for (season, episode) pairs, e.g. the downloads the stack is busy with.
    """
    rng = Noise(spec.tvdb_id)
    wanted = overrides or {}
    episodes: list[JSON] = []
    files: dict[int, EpisodeFile] = {}
    for season, dates in enumerate(air_dates(spec, now), start=1):
        for number, aired in enumerate(dates, start=1):
            has_file = wanted.get((season, number), with_files and aired <= now and rng.random() < 0.95)
            episode: JSON = {
                "id": first_id + len(episodes),
                "seriesId": series_id,
                "tvdbId": spec.tvdb_id * 100 + len(episodes),
                "episodeFileId": 0,
                "seasonNumber": season,
                "episodeNumber": number,
                "title": _KNOWN_EPISODES.get((spec.tvdb_id, season, number)) or _episode_title(rng),
                "airDate": aired.isoformat()[:10],
                "airDateUtc": iso(aired),
                "runtime": spec.runtime,
                "hasFile": has_file,
                "monitored": True,
                "unverifiedSceneNumbering": False,
            }
            if number == len(dates):
                episode["finaleType"] = "series" if spec.status == "ended" and season == len(spec.seasons) else "season"
            if has_file:
                episode["episodeFileId"] = episode["id"]
                size = int(spec.runtime * 36_000_000 * rng.uniform(0.85, 1.15))
                files[episode["id"]] = EpisodeFile(size, rng.pick(RELEASE_GROUPS))
            episodes.append(episode)
    return episodes, files


def _episode_title(rng: Noise) -> str:
    return f"{rng.pick(TITLE_ADJECTIVES)} {rng.pick(TITLE_NOUNS)}"


def with_statistics(
    series: JSON, episodes: Sequence[Mapping[str, Any]], files: Mapping[int, EpisodeFile], now: datetime
) -> JSON:
    """The series with `seasons[].statistics`, `statistics`, `previousAiring` and `nextAiring` from its episodes."""
    seasons: list[JSON] = []
    totals = {"episodeFileCount": 0, "episodeCount": 0, "totalEpisodeCount": 0, "sizeOnDisk": 0}
    groups: set[str] = set()
    for season in series["seasons"]:
        mine = [episode for episode in episodes if episode["seasonNumber"] == season["seasonNumber"]]
        stats = _stats(mine, files, now)
        seasons.append({**season, "statistics": stats})
        groups.update(stats["releaseGroups"])
        for key in totals:
            totals[key] += stats[key]
    result = {key: value for key, value in series.items() if key not in {"previousAiring", "nextAiring"}}
    result["seasons"] = seasons
    result["statistics"] = {
        "seasonCount": len(seasons),
        **totals,
        "releaseGroups": sorted(groups),
        "percentOfEpisodes": _percent(totals["episodeFileCount"], totals["episodeCount"]),
    }
    result.update(_airings(episodes, now))
    return result


def _stats(episodes: Sequence[Mapping[str, Any]], files: Mapping[int, EpisodeFile], now: datetime) -> JSON:
    stamp = iso(now)
    held = [files[episode["id"]] for episode in episodes if episode["hasFile"] and episode["id"] in files]
    counted = [
        episode
        for episode in episodes
        if episode["hasFile"] or (episode["monitored"] and episode["airDateUtc"] <= stamp)
    ]
    stats: JSON = {
        **_airings(episodes, now),
        "episodeFileCount": len(held),
        "episodeCount": len(counted),
        "totalEpisodeCount": len(episodes),
        "sizeOnDisk": sum(file.size for file in held),
        "releaseGroups": sorted({file.release_group for file in held}),
        "percentOfEpisodes": _percent(len(held), len(counted)),
    }
    return stats


def _airings(episodes: Sequence[Mapping[str, Any]], now: datetime) -> JSON:
    stamp = iso(now)
    past = [episode["airDateUtc"] for episode in episodes if episode["airDateUtc"] <= stamp]
    future = [episode["airDateUtc"] for episode in episodes if episode["airDateUtc"] > stamp]
    found: JSON = {}
    if past:
        found["previousAiring"] = max(past)
    if future:
        found["nextAiring"] = min(future)
    return found


def _percent(part: int, whole: int) -> float:
    return round(part * 100.0 / whole, 2) if whole else 0.0


def library_series(metadata: JSON, *, series_id: int, profile_id: int, root: str, path: str, added: datetime) -> JSON:
    """A show as the library holds it (statistics still to be filled in by `with_statistics`)."""
    resource = {key: value for key, value in metadata.items() if key != "folder"}
    resource.update(
        id=series_id,
        path=path,
        rootFolderPath=root,
        qualityProfileId=profile_id,
        added=iso(added),
        images=library_images(metadata["images"], series_id),
    )
    return resource


def library_images(images: Sequence[JSON], media_id: int) -> list[JSON]:
    """Cover images as a library item shows them: the remote URL plus the app's own MediaCover URL."""
    return [
        {**image, "url": f"/MediaCover/{media_id}/{image['coverType']}.jpg?lastWrite=638400000000000000"}
        for image in images
    ]


def monitored_by(option: str, episode: Mapping[str, Any], *, last_season: int, now: datetime) -> bool:
    """Whether `addOptions.monitor` leaves an episode of a newly added show monitored (a new show has no files)."""
    aired = episode["airDateUtc"] <= iso(now)
    season, number = episode["seasonNumber"], episode["episodeNumber"]
    rules: dict[str, bool] = {
        "none": False,
        "skip": False,
        "existing": bool(episode["hasFile"]),
        "future": not aired,
        "pilot": (season, number) == (1, 1),
        "firstSeason": season == 1,
        "lastSeason": season == last_season,
        "latestSeason": season == last_season,
        "recent": not aired,
    }
    return rules.get(option, True)
