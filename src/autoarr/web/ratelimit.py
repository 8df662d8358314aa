"""Rate-limit budgets per category on a moving window (the `limits` library), and which route is which."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import cast

from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, MovingWindowSupport, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError

from autoarr.logs import get_logger
from autoarr.settings import RateCategory, Settings

log = get_logger("autoarr.ratelimit")

# A shared storage (Redis) that cannot be reached is reported at most this often, not on every request.
_STORAGE_WARNING_EVERY_S = 30.0


@dataclass(frozen=True)
class RateVerdict:
    """The outcome of one hit, with what the X-RateLimit-* headers report."""

    allowed: bool
    category: RateCategory
    limit: int
    remaining: int
    reset_at: float  # Unix time when the next slot frees up

    @property
    def reset(self) -> int:
        return math.ceil(self.reset_at)

    def headers(self) -> list[tuple[bytes, bytes]]:
        return [
            (b"x-ratelimit-limit", str(self.limit).encode()),
            (b"x-ratelimit-remaining", str(self.remaining).encode()),
            (b"x-ratelimit-reset", str(self.reset).encode()),
        ]

    def retry_after(self, now: float) -> int:
        return max(1, math.ceil(self.reset_at - now))


class SweepingMemoryStorage(MemoryStorage):
    """limits' in-memory storage, sweeping expired entries at most once a second.

    The stock storage schedules a sweep after nearly every hit, each through a worker thread, which
    costs more than the rest of a request. Expired entries never count (the moving window compares
    timestamps itself), so sweeping is only memory hygiene and once a second is plenty.
    """

    _SWEEP_EVERY_S = 1.0

    def __init__(self) -> None:
        super().__init__()
        self._next_sweep = 0.0

    async def _MemoryStorage__schedule_expiry(self) -> None:  # noqa: N802  # the name-mangled hook it calls
        now = time.monotonic()
        if now >= self._next_sweep:
            self._next_sweep = now + self._SWEEP_EVERY_S
            await super()._MemoryStorage__schedule_expiry()  # type: ignore[misc]


class RateLimiter:
    """One moving-window budget per (category, identity)."""

    _MAX_CACHED_KEYS = 10_000

    def __init__(self, limits: dict[RateCategory, str], *, storage: Storage | None = None) -> None:
        self._storage = storage or SweepingMemoryStorage()
        self._strategy = MovingWindowRateLimiter(self._storage)
        self._items: dict[RateCategory, RateLimitItem] = {}
        self._keys: dict[tuple[RateCategory, str], str] = {}
        self._next_storage_warning = 0.0
        self.configure(limits)

    def configure(self, limits: dict[RateCategory, str]) -> None:
        """Replace the limits (budgets already spent stay counted)."""
        self._items = {category: parse(value) for category, value in limits.items()}
        self._keys.clear()

    def _key(self, item: RateLimitItem, category: RateCategory, identity: str) -> str:
        # The storage key string is rebuilt by `limits` on every call; a request needs it twice.
        key = self._keys.get((category, identity))
        if key is None:
            if len(self._keys) >= self._MAX_CACHED_KEYS:  # many client addresses: start over, never grow
                self._keys.clear()
            key = self._keys[(category, identity)] = item.key_for(identity, category)
        return key

    async def apply_settings(self, settings: Settings) -> None:
        self.configure(settings.effective_rate_limits)

    def limit_text(self, category: RateCategory) -> str:
        item = self._items[category]
        return f"{item.amount}/{item.GRANULARITY.name}"

    async def hit(self, category: RateCategory, identity: str) -> RateVerdict:
        """Spend one request of the identity's budget in this category."""
        item = self._items[category]
        key, expiry = self._key(item, category, identity), item.get_expiry()
        # The moving-window storage calls `MovingWindowRateLimiter.hit` and `get_window_stats` make.
        storage = cast(MovingWindowSupport, self._storage)
        try:
            allowed = await storage.acquire_entry(key, item.amount, expiry)
            window_start, in_window = await storage.get_moving_window(key, item.amount, expiry)
        except StorageError as exc:
            # The shared budget is out of reach: serve rather than refuse everyone while Redis is away.
            return self._unmetered(category, item, exc)
        now = time.time()
        # limits reports the oldest entry's time; with an empty window that is "now".
        return RateVerdict(
            allowed=allowed,
            category=category,
            limit=item.amount,
            remaining=max(0, item.amount - in_window),
            reset_at=max(window_start + expiry, now),
        )

    def _unmetered(self, category: RateCategory, item: RateLimitItem, exc: StorageError) -> RateVerdict:
        now = time.monotonic()
        if now >= self._next_storage_warning:
            self._next_storage_warning = now + _STORAGE_WARNING_EVERY_S
            log.warning("rate-limit storage unreachable: requests pass unmetered", error=str(exc.storage_error))
        return RateVerdict(
            allowed=True,
            category=category,
            limit=item.amount,
            remaining=item.amount,
            reset_at=time.time() + item.get_expiry(),
        )


def category_for(method: str, path: str) -> RateCategory:
    """The contract's route-to-category table; `path` is relative to the root path."""
    if path.startswith("/api/v1/health") or path == "/api/v1/health":
        path = path[len("/api/v1") :]
    path = path.rstrip("/") or "/"
    if path == "/health" or path.startswith("/health/"):
        return "health"
    if method == "POST":
        if path == "/api/v1/config/audit":
            return "audit"
        if path in ("/api/v1/config/apply", "/api/v1/config/rollback"):
            return "apply"
        if path in ("/api/v1/shows", "/api/v1/movies"):
            return "requests"
    if method == "GET" and (
        path == "/api/v1/config/recommendations"
        or path.startswith("/api/v1/config/recommendations/")
        or path == "/api/v1/config/audit/history"
    ):
        return "recommendations"
    return "general"
