"""The whole simulated stack: SABnzbd, Sonarr, Radarr and Plex simulators on loopback, seeded to agree."""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass, field

from autoarr.pacing import stop_tasks
from autoarr.sim.faults import Faults
from autoarr.sim.plex import create_plex_app
from autoarr.sim.plex_state import PlexState
from autoarr.sim.radarr import RadarrState, create_radarr_app, seed_radarr
from autoarr.sim.sabnzbd import create_sabnzbd_app
from autoarr.sim.sabnzbd_state import SabnzbdState
from autoarr.sim.seed_settings import SabnzbdLink
from autoarr.sim.server import SimServer
from autoarr.sim.sonarr import SonarrState, create_sonarr_app, seed_sonarr


@dataclass
class SimulatedStack:
    """Four simulators with their own keys; `environment()` is what AutoArr needs to reach them."""

    sabnzbd_key: str = field(default_factory=lambda: secrets.token_hex(16))
    sonarr_key: str = field(default_factory=lambda: secrets.token_hex(16))
    radarr_key: str = field(default_factory=lambda: secrets.token_hex(16))
    plex_token: str = field(default_factory=lambda: secrets.token_urlsafe(15))
    movies: int | None = None
    series: int | None = None

    def __post_init__(self) -> None:
        self._clock: asyncio.Task[None] | None = None
        self.faults = {name: Faults() for name in ("sabnzbd", "sonarr", "radarr", "plex")}
        self.sabnzbd_state = SabnzbdState.seeded()
        # SABnzbd's server first: it holds its port from now on, and the *arr seeds name that port.
        sabnzbd = SimServer(
            create_sabnzbd_app(self.sabnzbd_state, api_key=self.sabnzbd_key, faults=self.faults["sabnzbd"])
        )
        link = SabnzbdLink(host="127.0.0.1", port=sabnzbd.port, api_key=self.sabnzbd_key)
        self.sonarr_state: SonarrState = (
            seed_sonarr(sabnzbd=link) if self.series is None else seed_sonarr(self.series, sabnzbd=link)
        )
        self.radarr_state: RadarrState = (
            seed_radarr(sabnzbd=link) if self.movies is None else seed_radarr(self.movies, sabnzbd=link)
        )
        self.plex_state = PlexState.seeded()
        self.servers = {
            "sabnzbd": sabnzbd,
            "sonarr": SimServer(
                create_sonarr_app(self.sonarr_state, api_key=self.sonarr_key, faults=self.faults["sonarr"])
            ),
            "radarr": SimServer(
                create_radarr_app(self.radarr_state, api_key=self.radarr_key, faults=self.faults["radarr"])
            ),
            "plex": SimServer(create_plex_app(self.plex_state, token=self.plex_token, faults=self.faults["plex"])),
        }

    async def start(self) -> None:
        for server in self.servers.values():
            await server.start()

    async def stop(self) -> None:
        await self.stop_clock()
        for server in self.servers.values():
            await server.close()

    def start_clock(self, *, tick_seconds: float = 1.0) -> None:
        """Let time pass in the simulators (downloads progress, Plex scans finish), as in a live stack."""
        if self._clock is None:
            self._clock = asyncio.create_task(self._tick_forever(tick_seconds), name="sim-clock")

    async def stop_clock(self) -> None:
        clock, self._clock = self._clock, None
        await stop_tasks(clock)

    async def _tick_forever(self, tick_seconds: float) -> None:
        while True:
            await asyncio.sleep(tick_seconds)
            self.sabnzbd_state.tick(tick_seconds)
            self.plex_state.tick(tick_seconds)

    async def __aenter__(self) -> SimulatedStack:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    def environment(self) -> dict[str, str]:
        """The runtime contract's variables pointing AutoArr at this stack."""
        return {
            "SABNZBD_URL": self.servers["sabnzbd"].url,
            "SABNZBD_API_KEY": self.sabnzbd_key,
            "SONARR_URL": self.servers["sonarr"].url,
            "SONARR_API_KEY": self.sonarr_key,
            "RADARR_URL": self.servers["radarr"].url,
            "RADARR_API_KEY": self.radarr_key,
            "PLEX_URL": self.servers["plex"].url,
            "PLEX_TOKEN": self.plex_token,
        }
