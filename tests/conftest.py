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
