"""Health and circuit breakers end to end: AutoArr over the simulated stack on real sockets."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from autoarr.bus import ServiceHealthChanged
from autoarr.errors import ServiceUnavailableError
from autoarr.integrations.health_checks import HealthMonitor
from autoarr.sim.stack import SimulatedStack
from tests.live import serve_settings, settings_for
from tests.stack import Wired, eventually, serve_stack


@pytest.fixture
async def wired(tmp_path: Path) -> AsyncIterator[Wired]:
    # A long open period, so a loaded machine never sees the circuit half-open before the test asks it to.
    overrides = {"AUTOARR_CIRCUIT_FAILURE_THRESHOLD": "2", "AUTOARR_CIRCUIT_TIMEOUT_SECONDS": "3600"}
    async with serve_stack(tmp_path, **overrides) as wired:
        yield wired


async def test_all_four_healthy_after_the_first_check(wired: Wired) -> None:
    body = (await wired.live.client.get("/health")).json()
    assert body["status"] == "healthy"
    assert set(body["services"]) == {"sabnzbd", "sonarr", "radarr", "plex"}
    for name, service in body["services"].items():
        assert service["healthy"] is True, name
        assert service["error"] is None
        assert service["latency_ms"] >= 0
        assert service["last_check"].endswith("Z")
        assert service["circuit_breaker_state"] == "closed"
    one = (await wired.live.client.get("/api/v1/health/plex")).json()
    assert one["healthy"] is True


async def test_a_service_going_down_opens_its_breaker_fails_fast_and_recovers(wired: Wired) -> None:
    bus = wired.live.app.state.kit.bus
    events = bus.subscribe(types=[ServiceHealthChanged])
    sonarr = wired.stack.servers["sonarr"]
    await sonarr.stop()
    await wired.health_monitor.check_all()
    await wired.health_monitor.check_all()  # threshold 2: the second failure opens the circuit

    body = (await wired.live.client.get("/health")).json()
    assert body["status"] == "degraded"
    assert body["services"]["sonarr"]["healthy"] is False
    assert body["services"]["sonarr"]["circuit_breaker_state"] == "open"
    assert "unreachable" in body["services"]["sonarr"]["error"]
    breaker = (await wired.live.client.get("/health/circuit-breaker/sonarr")).json()
    assert breaker == {"state": "open", "failure_count": 2, "success_count": 0, "threshold": 2, "timeout": 3600.0}
    announced = [(await events.get()).data for _ in range(events.pending())]
    assert [(e.service, e.healthy, e.circuit_breaker_state) for e in announced] == [  # type: ignore[attr-defined]
        ("sonarr", False, "closed"),  # first failure: down, circuit still closed
        ("sonarr", False, "open"),  # second failure opened it
    ]

    # Back up, but the circuit is still open: calls fail fast and the simulator sees none of them.
    await sonarr.start()
    seen = wired.stack.faults["sonarr"].requests_seen
    with pytest.raises(ServiceUnavailableError) as refused:
        await wired.live.app.state.integrations.sonarr.ping()
    assert refused.value.reason == "circuit_open"
    assert wired.stack.faults["sonarr"].requests_seen == seen

    # After the timeout exactly one probe goes through, and the service is healthy again. The open period
    # is shortened here rather than waited out, so the states before it hold however slow the machine is.
    slot = wired.live.app.state.integrations.get("sonarr")
    slot.breaker.timeout = 0.05
    await eventually(lambda: slot.breaker.state == "half_open")
    await wired.health_monitor.check_all()
    assert wired.stack.faults["sonarr"].requests_seen == seen + 1
    body = (await wired.live.client.get("/health")).json()
    assert body["status"] == "healthy"
    assert body["services"]["sonarr"]["circuit_breaker_state"] == "closed"
    recovered = [(await events.get()).data for _ in range(events.pending())]
    assert [(e.service, e.healthy, e.circuit_breaker_state) for e in recovered] == [  # type: ignore[attr-defined]
        ("sonarr", True, "closed")
    ]


async def test_a_circuit_opened_by_ordinary_calls_turns_health_unhealthy_at_once(wired: Wired) -> None:
    events = wired.live.app.state.kit.bus.subscribe(types=[ServiceHealthChanged])
    rounds = wired.health_monitor.rounds
    wired.stack.faults["radarr"].error_500 = True
    for _ in range(2):  # threshold 2: the movie list fails twice and the circuit opens
        assert (await wired.live.client.get("/api/v1/movies/")).status_code == 503

    async def reported() -> bool:
        return (await wired.live.client.get("/health/radarr")).json()["healthy"] is False

    await eventually(reported)
    assert wired.health_monitor.rounds == rounds  # no scheduled round did it (they are an hour apart)
    radarr = (await wired.live.client.get("/health/radarr")).json()
    assert radarr["circuit_breaker_state"] == "open"
    assert "circuit is open" in radarr["error"]
    assert (await wired.live.client.get("/health")).json()["status"] == "degraded"
    changed = (await events.get()).data
    assert (changed.service, changed.healthy, changed.circuit_breaker_state) == ("radarr", False, "open")  # type: ignore[attr-defined]

    # The service recovers and a call is the probe that closes the circuit: health follows at once too.
    wired.stack.faults["radarr"].error_500 = False
    slot = wired.live.app.state.integrations.get("radarr")
    slot.breaker.timeout = 0.05
    await eventually(lambda: slot.breaker.state == "half_open")
    assert (await wired.live.client.get("/api/v1/movies/")).status_code == 200

    async def healthy_again() -> bool:
        return (await wired.live.client.get("/health/radarr")).json()["healthy"] is True

    await eventually(healthy_again)
    assert wired.health_monitor.rounds == rounds


async def test_a_circuit_that_calls_open_after_a_failed_check_is_announced(wired: Wired) -> None:
    events = wired.live.app.state.kit.bus.subscribe(types=[ServiceHealthChanged])
    wired.stack.faults["sonarr"].error_500 = True
    await wired.health_monitor.check_all()  # down, circuit still closed (threshold 2)
    assert (await wired.live.client.get("/api/v1/shows/")).status_code == 503  # the second failure opens it

    async def announced_twice() -> bool:
        return events.pending() >= 2

    await eventually(announced_twice)
    seen = [(await events.get()).data for _ in range(events.pending())]
    assert [(e.service, e.healthy, e.circuit_breaker_state) for e in seen] == [  # type: ignore[attr-defined]
        ("sonarr", False, "closed"),
        ("sonarr", False, "open"),
    ]


async def test_overlapping_checks_of_a_service_announce_its_change_once(wired: Wired) -> None:
    events = wired.live.app.state.kit.bus.subscribe(types=[ServiceHealthChanged])
    wired.stack.faults["radarr"].reject_key = True  # down, and the circuit stays closed: one change in all
    await asyncio.gather(*(wired.health_monitor.check_all() for _ in range(3)))
    announced = [(await events.get()).data for _ in range(events.pending())]
    assert [(e.service, e.healthy) for e in announced] == [("radarr", False)]  # type: ignore[attr-defined]


async def test_a_rejected_key_is_reported_and_never_opens_the_circuit(wired: Wired) -> None:
    wired.stack.faults["radarr"].reject_key = True
    for _ in range(4):
        await wired.health_monitor.check_all()
    radarr = (await wired.live.client.get("/health/radarr")).json()
    assert radarr["healthy"] is False
    assert "rejected" in radarr["error"]
    assert radarr["circuit_breaker_state"] == "closed"


async def test_every_service_down_is_unhealthy_and_health_still_answers_200(wired: Wired) -> None:
    for server in wired.stack.servers.values():
        await server.stop()
    await wired.health_monitor.check_all()
    response = await wired.live.client.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "unhealthy"


async def test_disabled_services_are_not_listed_and_answer_503(tmp_path: Path) -> None:
    async with SimulatedStack() as stack:
        env = {k: v for k, v in stack.environment().items() if k.startswith("PLEX")}
        async with serve_settings(settings_for(tmp_path, **env)) as live:
            monitor: HealthMonitor = live.app.state.health_monitor
            await eventually(lambda: monitor.rounds >= 1)
            body = (await live.client.get("/health")).json()
            assert set(body["services"]) == {"plex"}
            disabled = await live.client.get("/health/sonarr")
            assert disabled.status_code == 503
            assert disabled.json()["error"] == "service_unavailable"
            assert (await live.client.get("/health/circuit-breaker/sonarr")).status_code == 503
            assert (await live.client.get("/health/circuit-breaker/emby")).status_code == 404
