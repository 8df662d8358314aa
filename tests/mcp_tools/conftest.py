"""AutoArr wired to the simulated stack, for the MCP tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.stack import Wired, serve_stack


@pytest.fixture
async def wired(tmp_path: Path) -> AsyncIterator[Wired]:
    async with serve_stack(tmp_path) as wired:
        yield wired
