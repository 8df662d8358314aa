"""Fixtures shared by the whole suite."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.live import LiveApp, serve_settings, settings_for


@pytest.fixture
async def live(tmp_path: Path) -> AsyncIterator[LiveApp]:
    """AutoArr with default settings and no services, served on loopback."""
    async with serve_settings(settings_for(tmp_path / "data")) as app:
        yield app


# The real-program fixtures (they skip with an install hint outside CI, and fail under CI=true).
from tests.support.fixtures import (  # noqa: E402, F401
    nntp_server,
    postgres_server,
    postgres_url,
    real_sabnzbd,
    real_sabnzbd_factory,
    redis_server,
    shared_redis,
    store_per_data_dir,
)
