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
