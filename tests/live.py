"""AutoArr served for real on a loopback port, with an httpx2 client pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx2
from fastapi import FastAPI

from autoarr.app import create_app
from autoarr.settings import Settings
from autoarr.sim.server import SimServer

API_KEY = "test-key-0f9e8d7c6b5a4f3e2d1c"


def settings_for(data_dir: Path, **values: object) -> Settings:
    """Settings from exactly these values (never the developer's environment)."""
    return Settings.from_mapping({"AUTOARR_API_KEY": API_KEY, "AUTOARR_DATA_DIR": str(data_dir), **values})


@dataclass
class LiveApp:
    app: FastAPI
    server: SimServer
    client: httpx2.AsyncClient  # sends the key
    anonymous: httpx2.AsyncClient  # sends no key

    @property
    def url(self) -> str:
        return self.server.url


@asynccontextmanager
async def serve(app: FastAPI) -> AsyncIterator[LiveApp]:
    """Run the app under uvicorn on 127.0.0.1 (lifespan included) until the block ends."""
    server = SimServer(app, lifespan=True)
    async with (
        server,
        httpx2.AsyncClient(base_url=server.url, headers={"X-API-Key": API_KEY}) as client,
        httpx2.AsyncClient(base_url=server.url) as anonymous,
    ):
        yield LiveApp(app=app, server=server, client=client, anonymous=anonymous)


@asynccontextmanager
async def serve_settings(settings: Settings) -> AsyncIterator[LiveApp]:
    async with serve(create_app(settings)) as live:
        yield live
