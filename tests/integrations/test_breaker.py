"""The circuit breaker state machine, on a fake clock."""

from __future__ import annotations

import pytest

from autoarr.integrations.breaker import BreakerState, CircuitBreaker, CircuitOpenError


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _breaker(clock: FakeClock, changes: list[tuple[BreakerState, BreakerState]] | None = None) -> CircuitBreaker:
    def record(old: BreakerState, new: BreakerState) -> None:
        if changes is not None:
            changes.append((old, new))

    return CircuitBreaker("sonarr", threshold=3, timeout=60, clock=clock, on_change=record)


def test_consecutive_failures_open_it_and_a_success_resets_the_count() -> None:
    clock = FakeClock()
    breaker = _breaker(clock)
    for _ in range(2):
        breaker.record_failure(breaker.acquire())
    breaker.record_success(breaker.acquire())
    assert breaker.failure_count == 0
    for _ in range(3):
        breaker.record_failure(breaker.acquire())
    assert breaker.state == "open"
    with pytest.raises(CircuitOpenError) as refused:
        breaker.acquire()
    assert refused.value.retry_in == pytest.approx(60)


def test_after_the_timeout_exactly_one_probe_goes_through() -> None:
    clock = FakeClock()
    breaker = _breaker(clock)
    for _ in range(3):
        breaker.record_failure(breaker.acquire())
    clock.now += 59.9
    assert breaker.state == "open"
    clock.now += 0.1
    assert breaker.state == "half_open"
    probe = breaker.acquire()
    assert probe.probe
    # Every concurrent caller while the probe is out fails fast.
    for _ in range(5):
        with pytest.raises(CircuitOpenError):
            breaker.acquire()
    breaker.record_success(probe)
    assert breaker.state == "closed"
    assert not breaker.acquire().probe


def test_a_failed_probe_opens_it_again_for_a_full_timeout() -> None:
    clock = FakeClock()
    changes: list[tuple[BreakerState, BreakerState]] = []
    breaker = _breaker(clock, changes)
    for _ in range(3):
        breaker.record_failure(breaker.acquire())
    clock.now += 60
    breaker.record_failure(breaker.acquire())
    assert breaker.state == "open"
    clock.now += 30
    assert breaker.state == "open"
    clock.now += 30
    assert breaker.state == "half_open"
    assert changes == [("closed", "open"), ("open", "half_open"), ("half_open", "open"), ("open", "half_open")]


def test_a_rejected_key_neither_opens_it_nor_counts() -> None:
    clock = FakeClock()
    breaker = _breaker(clock)
    for _ in range(10):
        breaker.record_neutral(breaker.acquire())
    assert breaker.state == "closed"
    assert breaker.failure_count == 0


def test_a_cancelled_probe_frees_the_slot_for_the_next_one() -> None:
    clock = FakeClock()
    breaker = _breaker(clock)
    for _ in range(3):
        breaker.record_failure(breaker.acquire())
    clock.now += 60
    probe = breaker.acquire()
    breaker.release(probe)
    assert breaker.state == "half_open"
    assert breaker.acquire().probe


def test_snapshot_reports_what_the_health_route_shows() -> None:
    clock = FakeClock()
    breaker = _breaker(clock)
    breaker.record_success(breaker.acquire())
    breaker.record_failure(breaker.acquire())
    snapshot = breaker.snapshot()
    assert (snapshot.state, snapshot.failure_count, snapshot.success_count) == ("closed", 1, 1)
    assert (snapshot.threshold, snapshot.timeout) == (3, 60)
