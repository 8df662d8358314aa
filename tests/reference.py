"""The reference's example bodies (autoarr-api.md), and a field-by-field shape comparison against them."""

from __future__ import annotations

from typing import Any

QUEUE = {
    "queue": [
        {
            "nzo_id": "SABnzbd_nzo_abc123",
            "filename": "Movie.Title.2024.1080p.mkv",
            "mb_left": 1536.5,
            "mb": 2048.0,
            "percentage": 25,
            "eta": "00:15:30",
            "status": "Downloading",
            "priority": "Normal",
        }
    ],
    "speed": "5.2 MB/s",
    "size_left": "15.2 GB",
    "paused": False,
    "disk_space": "250.5 GB",
}
HISTORY = {
    "history": [
        {
            "nzo_id": "SABnzbd_nzo_xyz789",
            "name": "Show.S01E01.1080p",
            "category": "tv",
            "status": "Completed",
            "fail_message": "",
            "size": "1.5 GB",
            "completed": "2025-01-08T09:45:00Z",
        }
    ],
    "total": 150,
}
RETRY = {"success": True, "message": "Download retried successfully", "nzo_id": "a", "new_nzo_id": "b"}
PAUSE = {"success": True, "paused": True, "queue_status": "Paused"}
DELETE_DOWNLOAD = {"success": True, "message": "Download deleted successfully", "nzo_id": "a"}


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if value is None:
        return "null"
    return type(value).__name__


def assert_shape(actual: Any, example: Any, *, path: str = "$", nullable: frozenset[str] = frozenset()) -> None:
    """Same keys and the same JSON kinds as the reference's example, recursively (lists by their first item)."""
    if isinstance(example, dict):
        assert isinstance(actual, dict), f"{path}: {actual!r} is not an object"
        assert set(actual) == set(example), f"{path}: keys {sorted(actual)} != reference {sorted(example)}"
        for key, value in example.items():
            assert_shape(actual[key], value, path=f"{path}.{key}", nullable=nullable)
    elif isinstance(example, list):
        assert isinstance(actual, list), f"{path}: {actual!r} is not a list"
        for item in actual:
            assert_shape(item, example[0], path=f"{path}[]", nullable=nullable)
    elif actual is None and path.rsplit(".", 1)[-1] in nullable:
        return
    else:
        assert _kind(actual) == _kind(example), f"{path}: {actual!r} is a {_kind(actual)}, reference a {_kind(example)}"


AUDIT = {
    "audit_id": "audit_abc123",
    "timestamp": "2025-01-08T10:30:00Z",
    "services_audited": ["sabnzbd", "sonarr"],
    "total_recommendations": 8,
    "recommendations_by_priority": {"critical": 1, "high": 3, "medium": 3, "low": 1},
    "summary": {"sabnzbd": {"issues_found": 5, "recommendations": 5}},
}
RECOMMENDATION = {
    "id": 1,
    "service": "sabnzbd",
    "category": "performance",
    "setting_name": "article_cache_max",
    "current_value": "200M",
    "recommended_value": "500M",
    "priority": "high",
    "rationale": "Increasing article cache improves download speeds for slower connections",
    "impact": "15-25% faster downloads",
    "applied": False,
    "created_at": "2025-01-08T10:30:00Z",
}
PAGINATION = {"page": 1, "page_size": 10, "total_items": 25, "total_pages": 3}
AUDIT_HISTORY_ITEM = {
    "audit_id": "audit_abc123",
    "timestamp": "2025-01-08T10:30:00Z",
    "services": ["sabnzbd", "sonarr"],
    "total_recommendations": 8,
    "critical_count": 1,
    "high_count": 3,
    "medium_count": 3,
    "low_count": 1,
    "applied_count": 5,
}

# TV Shows (Sonarr)
SHOWS = {
    "series": [
        {
            "id": 1,
            "title": "Breaking Bad",
            "tvdbId": 81189,
            "status": "ended",
            "overview": "A high school chemistry teacher...",
            "network": "AMC",
            "year": 2008,
            "seasons": 5,
            "episodeCount": 62,
            "monitored": True,
            "qualityProfileId": 1,
            "path": "/tv/Breaking Bad",
        }
    ],
    "total": 25,
}
SHOW = {
    "id": 123,
    "title": "Breaking Bad",
    "tvdbId": 81189,
    "status": "ended",
    "overview": "A high school chemistry teacher...",
    "network": "AMC",
    "year": 2008,
    "seasons": [
        {
            "seasonNumber": 1,
            "monitored": True,
            "statistics": {"episodeCount": 7, "episodeFileCount": 7, "percentOfEpisodes": 100},
        }
    ],
    "qualityProfileId": 1,
    "path": "/tv/Breaking Bad",
    "monitored": True,
    "sizeOnDisk": 15360000000,
}
SHOW_ADDED = {
    "id": 124,
    "title": "Breaking Bad",
    "tvdbId": 81189,
    "added": "2025-01-08T10:30:00Z",
    "qualityProfileId": 1,
    "path": "/tv/Breaking Bad",
    "monitored": True,
}
SHOW_SEARCH = {"success": True, "message": "Search triggered for Breaking Bad", "command_id": "cmd_789"}
SHOW_DELETED = {"success": True, "message": "Series deleted successfully", "series_id": 123, "files_deleted": False}

# Movies (Radarr)
MOVIES = {
    "movies": [
        {
            "id": 1,
            "title": "The Matrix",
            "year": 1999,
            "tmdbId": 603,
            "status": "released",
            "overview": "A computer hacker learns...",
            "runtime": 136,
            "monitored": True,
            "qualityProfileId": 1,
            "path": "/movies/The Matrix (1999)",
            "hasFile": True,
            "sizeOnDisk": 8589934592,
        }
    ],
    "total": 150,
}
MOVIE = {
    "id": 123,
    "title": "The Matrix",
    "year": 1999,
    "tmdbId": 603,
    "status": "released",
    "overview": "A computer hacker learns...",
    "runtime": 136,
    "genres": ["Action", "Science Fiction"],
    "ratings": {"value": 8.2, "votes": 18500},
    "qualityProfileId": 1,
    "path": "/movies/The Matrix (1999)",
    "monitored": True,
    "hasFile": True,
    "movieFile": {
        "relativePath": "The Matrix (1999) Bluray-1080p.mkv",
        "size": 8589934592,
        "quality": {"quality": {"name": "Bluray-1080p"}},
    },
}
MOVIE_ADDED = {
    "id": 151,
    "title": "The Matrix",
    "year": 1999,
    "tmdbId": 603,
    "added": "2025-01-08T10:30:00Z",
    "qualityProfileId": 1,
    "path": "/movies/The Matrix (1999)",
    "monitored": True,
}
MOVIE_SEARCH = {"success": True, "message": "Search triggered for The Matrix", "command_id": "cmd_456"}
MOVIE_DELETED = {"success": True, "message": "Movie deleted successfully", "movie_id": 123, "files_deleted": False}

# Media (Plex)
LIBRARIES = {
    "libraries": [
        {
            "key": "1",
            "title": "Movies",
            "type": "movie",
            "scanner": "Plex Movie Scanner",
            "agent": "com.plexapp.agents.themoviedb",
            "count": 450,
        }
    ]
}
RECENTLY_ADDED = {
    "items": [
        {
            "title": "The Matrix",
            "year": 1999,
            "type": "movie",
            "added_at": "2025-01-08T09:30:00Z",
            "library": "Movies",
            "rating": 8.2,
        }
    ],
    "total": 10,
}
SCAN = {"success": True, "message": "Library scan triggered", "library": "Movies"}


def assert_documented(openapi: dict[str, Any], method: str, path: str, status: int, body: Any) -> None:
    """The body validates against what AutoArr's own /openapi.json says the operation answers."""
    import jsonschema

    content = openapi["paths"][path][method.lower()]["responses"][str(status)]["content"]
    schema = {**content["application/json"]["schema"], "components": openapi["components"]}
    jsonschema.Draft202012Validator(schema).validate(body)
