"""A live AutoArr over the simulated stack, and an AutoArrClient pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from autoarr.client import AutoArrClient
from tests.live import API_KEY
from tests.stack import Wired, serve_stack


@pytest.fixture
async def wired(tmp_path: Path) -> AsyncIterator[Wired]:
    async with serve_stack(tmp_path) as wired:
        yield wired


@pytest.fixture
async def client(wired: Wired) -> AsyncIterator[AutoArrClient]:
    async with AutoArrClient(wired.live.url, API_KEY) as client:
        yield client
