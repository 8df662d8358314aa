"""The client's models read every example body of the API reference, keep unknown fields, and give the wire back."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from autoarr.client import library as lib
from autoarr.client import models as m
from autoarr.client.models import ApiModel, SettingsUpdate
from tests import reference

HEALTH = {
    "status": "healthy",
    "services": {
        "sabnzbd": {
            "healthy": True,
            "latency_ms": 45.2,
            "error": None,
            "last_check": "2025-01-08T10:30:00Z",
            "circuit_breaker_state": "closed",
        }
    },
    "timestamp": "2025-01-08T10:30:00Z",
}
BREAKER = {"state": "closed", "failure_count": 0, "success_count": 15, "threshold": 5, "timeout": 60.0}
APPLY = {
    "results": [
        {
            "recommendation_id": 1,
            "success": True,
            "message": "Configuration applied successfully",
            "previous_value": "200M",
            "new_value": "500M",
            "rollback_available": True,
        },
        {
            "recommendation_id": 2,
            "success": False,
            "message": "Service connection failed",
            "error": "mcp_connection_error",
        },
    ],
    "summary": {"total": 3, "successful": 2, "failed": 1},
    "dry_run": False,
}
SETTINGS = {
    "mcp_servers": {"sabnzbd": {"enabled": True, "url": "http://sabnzbd:8080", "connected": True}},
    "llm": {"provider": "claude", "model": "claude-3-sonnet-20240229"},
    "audit": {"auto_audit_enabled": False, "auto_audit_interval_hours": 24},
}
SETTINGS_UPDATED = {
    "success": True,
    "message": "Settings updated successfully",
    "updated_settings": {"audit": {"auto_audit_enabled": True, "auto_audit_interval_hours": 12}},
}
MCP_TOOLS = {
    "server": "sabnzbd",
    "tools": [
        {"name": "get_queue", "description": "Get current download queue", "parameters": {}},
        {
            "name": "get_history",
            "description": "Get download history",
            "parameters": {"limit": {"type": "integer", "description": "Maximum items to return", "default": 50}},
        },
    ],
}
MCP_CALL = {"result": {"queue": [], "speed": "5.2 MB/s"}, "execution_time_ms": 45.2}

EXAMPLES: list[tuple[type[BaseModel], dict[str, Any]]] = [
    (m.Health, HEALTH),
    (m.ServiceHealth, HEALTH["services"]["sabnzbd"]),  # type: ignore[index]
    (m.CircuitBreaker, BREAKER),
    (m.Queue, reference.QUEUE),
    (m.History, reference.HISTORY),
    (m.RetryResult, reference.RETRY),
    (m.QueueState, reference.PAUSE),
    (m.DeleteDownloadResult, reference.DELETE_DOWNLOAD),
    (m.AuditResult, reference.AUDIT),
    (m.Recommendation, reference.RECOMMENDATION),
    (m.AuditHistoryItem, reference.AUDIT_HISTORY_ITEM),
    (m.Pagination, reference.PAGINATION),
    (m.ApplyResult, APPLY),
    (lib.ShowList, reference.SHOWS),
    (lib.Show, reference.SHOW),
    (lib.AddedShow, reference.SHOW_ADDED),
    (lib.SearchResult, reference.SHOW_SEARCH),
    (lib.DeleteShowResult, reference.SHOW_DELETED),
    (lib.MovieList, reference.MOVIES),
    (lib.Movie, reference.MOVIE),
    (lib.AddedMovie, reference.MOVIE_ADDED),
    (lib.DeleteMovieResult, reference.MOVIE_DELETED),
    (lib.LibraryList, reference.LIBRARIES),
    (lib.RecentlyAdded, reference.RECENTLY_ADDED),
    (lib.ScanResult, reference.SCAN),
    (m.AutoArrSettings, SETTINGS),
    (m.SettingsUpdateResult, SETTINGS_UPDATED),
    (m.McpToolList, MCP_TOOLS),
    (m.McpCallResult, MCP_CALL),
]


@pytest.mark.parametrize(("model", "example"), EXAMPLES, ids=[model.__name__ for model, _ in EXAMPLES])
def test_each_reference_example_reads_and_writes_back_unchanged(
    model: type[BaseModel], example: dict[str, Any]
) -> None:
    parsed = model.model_validate(example)
    assert isinstance(parsed, ApiModel)
    assert parsed.to_wire() == example


def test_unknown_fields_are_kept() -> None:
    show = lib.ShowSummary.model_validate({**reference.SHOWS["series"][0], "ratingKey": 7})  # type: ignore[index]
    assert show.model_extra == {"ratingKey": 7}
    assert show.to_wire()["ratingKey"] == 7


def test_camel_case_is_read_as_snake_case_attributes() -> None:
    movie = lib.Movie.model_validate(reference.MOVIE)
    assert (movie.tmdb_id, movie.quality_profile_id, movie.has_file) == (603, 1, True)
    assert movie.movie_file is not None
    assert movie.movie_file.relative_path == "The Matrix (1999) Bluray-1080p.mkv"


def test_a_settings_update_sends_only_what_was_set_and_hides_secrets_in_repr() -> None:
    update = SettingsUpdate(
        mcp_servers={"sonarr": m.McpServerUpdate(url="http://sonarr:8989", api_key="s3cret")},
        monitoring=m.MonitoringUpdate(download_poll_seconds=None),
    )
    assert "s3cret" not in repr(update)
    assert update.model_dump(mode="json", exclude_unset=True) == {
        "mcp_servers": {"sonarr": {"url": "http://sonarr:8989", "api_key": "s3cret"}},
        "monitoring": {"download_poll_seconds": None},
    }
