"""Two `autoarr serve` processes on one Redis and one PostgreSQL, as a self-hoster would run them behind a proxy.

They share one rate-limit budget, one stream of events (a WebSocket client of either hears everything,
once), and one leader: only it polls SABnzbd, and when it is killed the other takes over within the lease.
"""

from __future__ import annotations

import asyncio
import json
import re
import signal
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2
import pytest
from redis.asyncio import Redis
from websockets.asyncio.client import ClientConnection, connect

from autoarr.sim.stack import SimulatedStack
from autoarr.store.database import open_database
from autoarr.store.downloads_repo import SeenDownloadRepository
from autoarr.store.recovery_repo import RecoveryRepository
from tests.live import API_KEY
from tests.process import Served, start_autoarr, wait_until_ready
from tests.stack import eventually
from tests.support.fixtures import SharedRedis
from tests.support.ports import free_port

# Renewals every 2 s with 2 s to answer: a replica stalled a few hundred milliseconds by a loaded machine
# (parallel test workers) keeps its lease, so "exactly one leads" holds between two reads of it.
LEASE_SECONDS = 6.0
SLACK = 3.0  # room to schedule processes late; the bounds themselves are the lease's own
STARTUP_DEADLINE_S = 90.0
EXPANSE = "SABnzbd_nzo_q7k2m1xa"  # downloading in the simulator's queue; a Sonarr grab
UBUNTU = "SABnzbd_nzo_h3n8c5ee"  # downloading; nobody's grab
DUNE = "SABnzbd_nzo_r4p9w3bd"


@dataclass
class Replica:
    name: str
    served: Served
    client: httpx2.AsyncClient

    @property
    def url(self) -> str:
        return self.served.url

    async def leads(self) -> bool:
        """What the replica's own metrics say: whether it runs the background work now."""
        text = (await self.client.get("/metrics")).text
        found = re.search(r"^autoarr_leader (\S+)$", text, re.MULTILINE)
        assert found is not None, "autoarr_leader missing from /metrics"
        return float(found.group(1)) == 1.0

    def websocket(self, client_id: str) -> Any:
        return connect(f"{self.url.replace('http://', 'ws://')}/ws/{client_id}?api_key={API_KEY}")


StartReplica = Callable[..., Awaitable[Replica]]


@dataclass
class Deployment:
    stack: SimulatedStack
    redis: SharedRedis
    database_url: str
    start: StartReplica

    async def pair(self, **env: str) -> tuple[Replica, Replica]:
        """Two replicas started at the same moment on a fresh database (they migrate it together): leader first."""
        one, other = await asyncio.gather(self.start("one", **env), self.start("other", **env))
        leads = [await one.leads(), await other.leads()]
        assert sorted(leads) == [False, True], "exactly one replica leads"
        return (one, other) if leads[0] else (other, one)


@pytest.fixture
async def deployment(tmp_path: Path, shared_redis: SharedRedis, postgres_url: str) -> AsyncIterator[Deployment]:
    """The simulated stack, Redis and PostgreSQL; `await deployment.start(name, **env)` adds a replica."""
    async with SimulatedStack() as stack, AsyncExitStack() as replicas:
        running: list[Served] = []
        replicas.push_async_callback(lambda: _stop_all(running))

        async def start(name: str, **extra: str) -> Replica:
            workdir = tmp_path / name
            workdir.mkdir()
            env = {
                "AUTOARR_API_KEY": API_KEY,
                "AUTOARR_DATA_DIR": str(tmp_path / "data"),  # shared, as the README says: one secrets.key
                "AUTOARR_DATABASE_URL": postgres_url,
                **shared_redis.environment(),
                "AUTOARR_LEADER_LEASE_SECONDS": str(LEASE_SECONDS),
                "AUTOARR_DOWNLOAD_POLL_SECONDS": "0.2",
                "AUTOARR_HEALTH_INTERVAL_SECONDS": "3600",
                # `leads()` polls /metrics every 20 ms while a test waits for a handover: the general budget
                # (100 a minute, shared by the replicas) would run out first. A test's own limits replace this.
                "AUTOARR_RATE_LIMITS": "general=100000/minute",
                **stack.environment(),
                **extra,
            }
            served = start_autoarr(workdir, env)
            running.append(served)
            # In a thread: the simulators run on this loop meanwhile. A generous deadline: parallel workers load CI.
            await asyncio.to_thread(wait_until_ready, served, API_KEY, deadline_s=STARTUP_DEADLINE_S)
            client = await replicas.enter_async_context(
                httpx2.AsyncClient(base_url=served.url, headers={"X-API-Key": API_KEY}, timeout=60)  # audits under load
            )
            return Replica(name, served, client)

        yield Deployment(stack=stack, redis=shared_redis, database_url=postgres_url, start=start)


async def _stop_all(running: list[Served]) -> None:
    """SIGTERM every replica still running, all at once; each must exit cleanly."""
    live = [served for served in running if served.process.poll() is None]
    codes = await asyncio.gather(*(asyncio.to_thread(served.stop) for served in live))
    assert codes == [0] * len(live), [served.stderr[-2000:] for served in live]


async def receive(ws: ClientConnection, *, within: float = 10) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(await asyncio.wait_for(ws.recv(), within))
    return message


async def join(ws: ClientConnection, room: str) -> None:
    await ws.send(json.dumps({"type": "join_room", "room": room}))
    assert await receive(ws) == {"type": "room_joined", "room": room}


async def until(ws: ClientConnection, kind: str, download_id: str) -> list[dict[str, Any]]:
    """Every message up to and including the first `kind` event about `download_id`."""
    seen: list[dict[str, Any]] = []
    while True:
        seen.append(await receive(ws))
        if seen[-1]["type"] == kind and seen[-1]["data"].get("download_id") == download_id:
            return seen


async def test_the_second_replica_sees_the_first_ones_hits(deployment: Deployment) -> None:
    a, b = await deployment.pair(AUTOARR_RATE_LIMITS="recommendations=5/minute")
    path = "/api/v1/config/recommendations"
    left = [(await a.client.get(path)).headers["x-ratelimit-remaining"] for _ in range(3)]
    assert left == ["4", "3", "2"]
    on_b = await b.client.get(path)
    assert (on_b.status_code, on_b.headers["x-ratelimit-remaining"]) == (200, "1")
    assert (await a.client.get(path)).headers["x-ratelimit-remaining"] == "0"
    refused = await b.client.get(path)
    assert refused.status_code == 429
    assert refused.json()["details"]["category"] == "recommendations"
    assert int(refused.headers["retry-after"]) >= 1


async def test_an_event_published_on_one_replica_reaches_a_websocket_client_of_the_other(
    deployment: Deployment,
) -> None:
    a, b = await deployment.pair()
    async with b.websocket("on-b") as on_b, a.websocket("on-a") as on_a:
        await join(on_b, "config_audit")
        await join(on_a, "config_audit")
        audits = []
        for _ in range(2):
            posted = await a.client.post("/api/v1/config/audit", json={"services": ["sabnzbd"]})
            assert posted.status_code == 200, posted.text
            audits.append(posted.json()["audit_id"])
        for ws in (on_b, on_a):  # each audit once, in order, on both replicas
            heard = [await receive(ws), await receive(ws)]
            assert [(m["type"], m["data"]["audit_id"]) for m in heard] == [
                ("config.audit.completed", audit_id) for audit_id in audits
            ]


async def test_a_failed_download_is_reported_once_across_both_replicas(deployment: Deployment) -> None:
    a, b = await deployment.pair(AUTOARR_RECOVERY_ENABLED="true")
    database = open_database(deployment.database_url)
    try:
        seen = SeenDownloadRepository(database.sessions)
        await eventually(seen.baseline_taken)
        async with a.websocket("on-a") as on_a, b.websocket("on-b") as on_b:
            await join(on_a, "downloads")
            await join(on_b, "downloads")
            deployment.stack.sabnzbd_state.finish(
                EXPANSE, failed=True, message="Download failed - Not on your server(s)"
            )
            deployment.stack.sabnzbd_state.finish(UBUNTU)  # a later completion closes the window looked at
            for ws in (on_a, on_b):
                heard = await until(ws, "download.completed", UBUNTU)
                failed = [m for m in heard if m["type"] == "download.failed"]
                assert [m["data"]["download_id"] for m in failed] == [EXPANSE]
                assert all(m["type"] != "download.completed" for m in heard[:-1])
        recovery = RecoveryRepository(database.sessions)
        await eventually(lambda: recovery.exists(EXPANSE))
        attempts, total = await recovery.page(page=1, page_size=10)
        assert (total, [row.download_id for row in attempts]) == (1, [EXPANSE])
        assert await seen.count() == {"seen": 7, "announced": 2}  # 5 from the baseline, then these two
    finally:
        await database.close()


async def test_killing_the_leader_moves_the_download_monitor_to_the_other_within_the_lease(
    deployment: Deployment,
) -> None:
    a, b = await deployment.pair()
    database = open_database(deployment.database_url)
    try:
        await eventually(SeenDownloadRepository(database.sessions).baseline_taken)
    finally:
        await database.close()
    async with b.websocket("on-b") as on_b:
        await join(on_b, "downloads")
        a.served.process.send_signal(signal.SIGKILL)  # no goodbye: the lease is left to lapse
        await asyncio.to_thread(a.served.process.wait, 30)
        await eventually(b.leads, within=LEASE_SECONDS + SLACK)
        deployment.stack.sabnzbd_state.finish(DUNE, failed=True, message="Download failed - CRC error")
        heard = await until(on_b, "download.failed", DUNE)
        assert [m["type"] for m in heard] == ["download.failed"]  # nothing from the jobs a had seen


async def test_a_leader_stopped_cleanly_hands_over_at_once(deployment: Deployment) -> None:
    a, b = await deployment.pair()
    probe = Redis.from_url(deployment.redis.url, decode_responses=True)
    key = f"{deployment.redis.prefix}:leader"
    try:
        holder = await probe.get(key)
        assert holder is not None
        assert await asyncio.to_thread(a.served.stop) == 0
        # The lease is handed back on the way out, not left to lapse: the key no longer names a once it has exited.
        assert await probe.get(key) != holder
    finally:
        await probe.aclose()
    await eventually(b.leads, within=LEASE_SECONDS / 3 + SLACK)
    assert "not leading any more" in a.served.stdout + a.served.stderr


async def test_settings_changed_through_one_replica_take_effect_on_the_other(deployment: Deployment) -> None:
    a, b = await deployment.pair()
    assert (await b.client.get("/api/v1/shows")).status_code == 200
    changed = await a.client.put(
        "/api/v1/settings",
        json={"rate_limits": {"recommendations": "7/minute"}, "mcp_servers": {"sonarr": {"enabled": False}}},
    )
    assert changed.status_code == 200, changed.text

    async def b_took_them() -> bool:
        limit = (await b.client.get("/api/v1/config/recommendations")).headers["x-ratelimit-limit"]
        return limit == "7" and (await b.client.get("/api/v1/shows")).status_code == 503

    await eventually(b_took_them)
    assert (await b.client.get("/api/v1/settings")).json()["rate_limits"]["recommendations"] == "7/minute"


async def test_a_replica_whose_redis_is_unreachable_refuses_to_start(tmp_path: Path) -> None:
    nowhere = f"redis://:s3cret-password@127.0.0.1:{free_port()}/0"
    env = {"AUTOARR_API_KEY": API_KEY, "AUTOARR_DATA_DIR": str(tmp_path / "data"), "AUTOARR_REDIS_URL": nowhere}
    served = start_autoarr(tmp_path, env)
    code = await asyncio.to_thread(served.process.wait, STARTUP_DEADLINE_S)
    assert code != 0
    logs = served.stdout + served.stderr
    assert "Redis" in logs or "redis" in logs
    assert "s3cret-password" not in logs


async def test_a_confirm_token_from_one_replicas_dry_run_is_spent_once_on_the_other(deployment: Deployment) -> None:
    a, b = await deployment.pair()
    assert (await a.client.post("/api/v1/config/audit", json={"services": ["sabnzbd"]})).status_code == 200
    listed = (
        await b.client.get("/api/v1/config/recommendations", params={"service": "sabnzbd", "page_size": 100})
    ).json()
    unpack = next(item["id"] for item in listed["recommendations"] if item["setting_name"] == "direct_unpack")

    async def apply(replica: Replica, **arguments: Any) -> httpx2.Response:
        body = {"tool": "apply_recommendations", "arguments": {"recommendation_ids": [unpack], **arguments}}
        return await replica.client.post("/api/v1/mcp/autoarr/call", json=body)

    dry = (await apply(a)).json()["result"]
    assert dry["confirm_token"]
    assert deployment.stack.sabnzbd_state.config.misc["direct_unpack"] == 0  # a dry run changes nothing
    spent = await apply(b, dry_run=False, confirm_token=dry["confirm_token"])
    assert spent.status_code == 200, spent.text
    assert spent.json()["result"]["summary"]["successful"] == 1
    assert deployment.stack.sabnzbd_state.config.misc["direct_unpack"] == 1
    again = await apply(a, dry_run=False, confirm_token=dry["confirm_token"])  # single use, on every replica
    assert again.status_code == 400
    assert "confirm_token" in again.json()["details"]
