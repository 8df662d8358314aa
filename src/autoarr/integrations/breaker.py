"""The circuit breaker state machine: pure, clock injected, exactly one probe in half-open.

closed --(threshold consecutive failures)--> open --(timeout elapsed)--> half_open
half_open --(the one probe succeeds)--> closed;  half_open --(probe fails)--> open
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

BreakerState = Literal["closed", "open", "half_open"]


class CircuitOpenError(Exception):
    """The call was refused without reaching the service."""

    def __init__(self, service: str, retry_in: float) -> None:
        super().__init__(f"circuit for {service} is open; next probe in {retry_in:.0f}s")
        self.service = service
        self.retry_in = retry_in


@dataclass(frozen=True)
class Permit:
    """Proof that a call may go ahead; `probe` marks the single half-open trial call."""

    probe: bool


@dataclass(frozen=True)
class BreakerSnapshot:
    state: BreakerState
    failure_count: int
    success_count: int
    threshold: int
    timeout: float


class CircuitBreaker:
    """Counts consecutive failures of one service and stops calling it while it is down."""

    def __init__(
        self,
        service: str,
        *,
        threshold: int,
        timeout: float,
        clock: Callable[[], float] = time.monotonic,
        on_change: Callable[[BreakerState, BreakerState], None] | None = None,
    ) -> None:
        self.service = service
        self.threshold = threshold
        self.timeout = timeout
        self._clock = clock
        self._on_change = on_change
        self._state: BreakerState = "closed"
        self._opened_at = 0.0
        self._probe_in_flight = False
        self.failure_count = 0
        self.success_count = 0

    @property
    def state(self) -> BreakerState:
        """The state now (an open circuit whose timeout has passed reports half_open)."""
        if self._state == "open" and self._clock() - self._opened_at >= self.timeout:
            self._move("half_open")
        return self._state

    def snapshot(self) -> BreakerSnapshot:
        return BreakerSnapshot(self.state, self.failure_count, self.success_count, self.threshold, self.timeout)

    def acquire(self) -> Permit:
        """Permission to call the service, or CircuitOpenError when the call must fail fast."""
        state = self.state
        if state == "closed":
            return Permit(probe=False)
        if state == "half_open" and not self._probe_in_flight:
            self._probe_in_flight = True
            return Permit(probe=True)
        retry_in = max(0.0, self.timeout - (self._clock() - self._opened_at)) if state == "open" else 0.0
        raise CircuitOpenError(self.service, retry_in)

    def record_success(self, permit: Permit) -> None:
        self.success_count += 1
        self.failure_count = 0
        if permit.probe:
            self._probe_in_flight = False
            self._move("closed")

    def record_failure(self, permit: Permit) -> None:
        self.failure_count += 1
        if permit.probe:
            self._probe_in_flight = False
            self._trip()
        elif self._state == "closed" and self.failure_count >= self.threshold:
            self._trip()

    def record_neutral(self, permit: Permit) -> None:
        """The service answered, but not usefully for us (it rejected our key): not a failure."""
        if permit.probe:
            self._probe_in_flight = False
            self.failure_count = 0
            self._move("closed")

    def release(self, permit: Permit) -> None:
        """Give back a permit whose call ended without a verdict (cancelled), so a new probe may run."""
        if permit.probe:
            self._probe_in_flight = False

    def reset(self) -> None:
        """Back to closed with clean counters (after the service's settings changed)."""
        self.failure_count = 0
        self.success_count = 0
        self._probe_in_flight = False
        self._move("closed")

    def _trip(self) -> None:
        self._opened_at = self._clock()
        self.success_count = 0
        self._move("open")

    def _move(self, new: BreakerState) -> None:
        old, self._state = self._state, new
        if old != new and self._on_change is not None:
            self._on_change(old, new)
