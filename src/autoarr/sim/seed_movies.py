"""Deterministic movies, with files, ratings and media info, for the Radarr simulator (catalogue, then synthetic)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from autoarr.sim._arr import JSON, iso
from autoarr.sim.seed_catalogue import MOVIES, MOVIES_IN_LIBRARY, RELEASE_GROUPS, STUDIOS, UPCOMING_MOVIES
from autoarr.sim.seed_media import (
    NEVER,
    Noise,
    clean_title,
    folder_name,
    language,
    library_images,
    slug,
    synthetic_title,
    with_article,
)

_KEYWORDS = (
    "based on novel or book",
    "dystopia",
    "artificial intelligence",
    "heist",
    "revenge",
    "time travel",
    "friendship",
    "survival",
    "small town",
    "coming of age",
    "space",
    "investigation",
    "family",
    "betrayal",
)
_MB_PER_MINUTE = {"Bluray-1080p": 70_000_000, "WEBDL-1080p": 38_000_000, "Remux-2160p": 390_000_000}


@dataclass(frozen=True)
class MovieSpec:
    """One movie as the metadata source (TMDb) describes it; year 0 means "this year, not out yet"."""

    title: str
    year: int
    tmdb_id: int
    imdb_id: str
    studio: str
    genres: tuple[str, ...]
    runtime: int
    certification: str
    language: str
    collection: tuple[str, int] | None


def movie_specs(count: int) -> tuple[list[MovieSpec], list[MovieSpec]]:
    """The library's first `count` movies (catalogue first, then synthetic) and the lookup-only rest."""
    rows = [MovieSpec(*row) for row in MOVIES]
    library = rows[: min(count, MOVIES_IN_LIBRARY)]
    lookup_only = rows[len(library) :]
    for index in range(max(count - MOVIES_IN_LIBRARY, 0)):
        library.append(
            MovieSpec(
                synthetic_title(index),
                1970 + index % 55,
                5_000_000 + index,
                f"tt{80_000_000 + index}",
                STUDIOS[index % len(STUDIOS)],
                ("Drama", "Thriller"),
                95 + index % 60,
                "R",
                "English",
                None,
            )
        )
    return library, lookup_only


def movie_metadata(spec: MovieSpec, now: datetime) -> JSON:
    """A movie as `movie/lookup` describes it before it is in the library (id 0)."""
    rng = Noise(spec.tmdb_id)
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    upcoming = spec.tmdb_id in UPCOMING_MOVIES
    if upcoming:
        offset = spec.tmdb_id % 40 - 20  # some in cinemas already, some announced
        cinemas = today + timedelta(days=offset)
        digital = today + timedelta(days=1) if offset < 0 else cinemas + timedelta(days=60)
    else:
        cinemas = datetime(spec.year, 1, 1, tzinfo=UTC) + timedelta(days=rng.below(330))
        digital = cinemas + timedelta(days=rng.between(60, 120))
    physical = digital + timedelta(days=rng.between(14, 45))
    status = ("inCinemas" if cinemas <= now else "announced") if upcoming else "released"
    year = spec.year or now.year
    title_year = f"{folder_name(spec.title)} ({year})"
    art = f"https://image.tmdb.org/t/p/original/{rng.hex(20)}"
    resource: JSON = {
        "id": 0,
        "title": spec.title,
        "originalTitle": spec.title,
        "originalLanguage": language(spec.language),
        "alternateTitles": [],
        "secondaryYearSourceId": 0,
        "sortTitle": spec.title.lower().removeprefix("the "),
        "sizeOnDisk": 0,
        "status": status,
        "overview": _overview(spec, year, rng),
        "inCinemas": iso(cinemas),
        "physicalRelease": iso(physical),
        "digitalRelease": iso(digital),
        "releaseDate": iso(digital),
        "images": [
            {"coverType": "poster", "remoteUrl": f"{art}p.jpg"},
            {"coverType": "fanart", "remoteUrl": f"{art}f.jpg"},
        ],
        "website": f"https://www.{slug(spec.studio).replace('-', '')}.com/movies/{slug(spec.title)}",
        "year": year,
        "youTubeTrailerId": rng.hex(11),
        "studio": spec.studio,
        "qualityProfileId": 0,
        "hasFile": False,
        "movieFileId": 0,
        "monitored": True,
        "minimumAvailability": "released",
        "isAvailable": not upcoming,
        "folderName": title_year,
        "runtime": spec.runtime,
        "cleanTitle": clean_title(spec.title),
        "imdbId": spec.imdb_id,
        "tmdbId": spec.tmdb_id,
        "titleSlug": f"{slug(spec.title)}-{spec.tmdb_id}",
        "folder": title_year,
        "certification": spec.certification,
        "genres": list(spec.genres),
        "keywords": rng.picks(_KEYWORDS, 5),
        "tags": [],
        "added": NEVER,
        "ratings": _ratings(rng, upcoming=upcoming),
        "popularity": round(rng.uniform(8, 160), 3),
        "statistics": {"movieFileCount": 0, "sizeOnDisk": 0, "releaseGroups": []},
    }
    if spec.collection is not None:
        resource["collection"] = {"title": spec.collection[0], "tmdbId": spec.collection[1]}
    return resource


def _overview(spec: MovieSpec, year: int, rng: Noise) -> str:
    genres = " and ".join(genre.lower() for genre in spec.genres[:2])
    themes = ", ".join(rng.picks(_KEYWORDS, 3))
    return (
        f"{spec.title} ({year}) is {with_article(genres)} film from {spec.studio}, running {spec.runtime} minutes. "
        f"Its story turns on {themes}, following a handful of people who are pushed, one decision at a time, "
        "towards the point where nothing they relied on still holds. Critics singled out its craft and its "
        "restraint; audiences came back for the characters, and the film has kept finding new viewers since "
        "its release on the big screen and at home."
    )


def _ratings(rng: Noise, *, upcoming: bool) -> JSON:
    if upcoming:
        return {"tmdb": {"votes": 0, "value": 0.0, "type": "user"}}
    imdb = round(rng.uniform(6.2, 9.2), 1)
    return {
        "imdb": {"votes": rng.between(50_000, 2_900_000), "value": imdb, "type": "user"},
        "tmdb": {
            "votes": rng.between(5_000, 35_000),
            "value": round(imdb - rng.uniform(0.1, 0.6), 3),
            "type": "user",
        },
        "metacritic": {"votes": 0, "value": rng.between(55, 98), "type": "user"},
        "rottenTomatoes": {"votes": 0, "value": rng.between(60, 99), "type": "user"},
        "trakt": {"votes": rng.between(2_000, 70_000), "value": round(imdb - 0.2, 1), "type": "user"},
    }


def quality_for(index: int, spec: MovieSpec) -> str:
    """The quality the library holds a movie in: every fifth in 2160p Remux, recent films as WEB, else Bluray."""
    if index % 5 == 4:
        return "Remux-2160p"
    return "WEBDL-1080p" if spec.year >= 2023 else "Bluray-1080p"


def movie_file(movie: JSON, *, quality: JSON, index: int, release: str | None = None, size: int | None = None) -> JSON:
    """The movieFile of a library movie; `release` and `size` pin it to a known download."""
    rng = Noise(movie["tmdbId"] * 31)
    name = quality["name"]
    uhd = "2160" in name
    group = release.rsplit("-", 1)[-1] if release else rng.pick(RELEASE_GROUPS)
    source = "WEB" if name.startswith("WEB") else "BluRay"
    scene = release or f"{movie['cleanTitle']}.{movie['year']}.{name.split('-')[-1]}.{source}-{group}"
    codec = "x265" if uhd else "x264"
    audio = ("TrueHD Atmos", 7.1) if uhd else rng.pick((("DTS", 5.1), ("AC3", 5.1), ("EAC3", 5.1)))
    relative = f"{movie['folder']} {{imdb-{movie['imdbId']}}} [{name}][{audio[0]} {audio[1]}][{codec}]-{group}.mkv"
    runtime = movie["runtime"]
    file: JSON = {
        "id": index + 1,
        "movieId": movie["id"],
        "relativePath": relative,
        "path": f"{movie['path']}/{relative}",
        "size": size or int(runtime * _MB_PER_MINUTE.get(name, 50_000_000) * rng.uniform(0.9, 1.1)),
        "dateAdded": movie["added"],
        "sceneName": scene,
        "releaseGroup": group,
        "edition": "",
        "languages": [movie["originalLanguage"]],
        "quality": {"quality": quality, "revision": {"version": 1, "real": 0, "isRepack": False}},
        "customFormats": [],
        "customFormatScore": 0,
        "indexerFlags": 0,
        "mediaInfo": {
            "audioBitrate": rng.between(640_000, 4_600_000),
            "audioChannels": audio[1],
            "audioCodec": audio[0],
            "audioLanguages": "eng",
            "audioStreamCount": rng.between(1, 4),
            "videoBitDepth": 10 if uhd else 8,
            "videoBitrate": 0,
            "videoCodec": codec,
            "videoFps": 23.976,
            "videoDynamicRange": "HDR" if uhd else "",
            "videoDynamicRangeType": "DV HDR10" if uhd else "",
            "resolution": "3840x1600" if uhd else "1920x800",
            "runTime": f"{runtime // 60}:{runtime % 60:02d}:{rng.below(60):02d}",
            "scanType": "Progressive",
            "subtitles": "eng/fre/ger/spa",
        },
        "originalFilePath": f"{scene}/{scene}.mkv",
        "qualityCutoffNotMet": False,
    }
    return file


def library_movie(metadata: JSON, *, movie_id: int, profile_id: int, root: str, added: datetime) -> JSON:
    """Fill a fresh `movie_metadata` dict in as a library movie (no file yet): id, path, profile, poster URLs."""
    path = f"{root}/{metadata['folder']}"
    metadata.update(
        id=movie_id,
        path=path,
        folderName=path,
        rootFolderPath=root,
        qualityProfileId=profile_id,
        added=iso(added),
        images=library_images(metadata["images"], movie_id),
    )
    return metadata


def with_file(movie: JSON, file: JSON) -> JSON:
    """Fill `movie` in as holding `file`: hasFile, movieFileId, movieFile, sizeOnDisk and statistics follow it."""
    size: int = file["size"]
    movie.update(
        hasFile=True,
        movieFileId=file["id"],
        movieFile=file,
        sizeOnDisk=size,
        statistics={"movieFileCount": 1, "sizeOnDisk": size, "releaseGroups": [file["releaseGroup"]]},
    )
    return movie
