"""Rate-limit budgets per category on a moving window (the `limits` library), and which route is which."""

from __future__ import annotations

import math
import time
from collections import deque
from dataclasses import dataclass
from typing import cast

from limits import RateLimitItem, parse
from limits.aio.storage import MovingWindowSupport, Storage
from limits.errors import StorageError

from autoarr.logs import get_logger
from autoarr.settings import RateCategory, Settings

log = get_logger("autoarr.ratelimit")

# A shared storage (Redis) that cannot be reached is reported at most this often, not on every request.
_STORAGE_WARNING_EVERY_S = 30.0


@dataclass(frozen=True, slots=True)
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


class LocalWindows:
    """Moving windows kept in this process: per key, the times of the hits still in its window, oldest first.

    `limits`' memory storage keeps the same list newest first, inserting every hit at the front (a copy of
    the whole list) and bisecting it through a Python key function, so a hit costs in proportion to the
    budget: tens of microseconds per request under a large one, more than the rest of a `/health`. Here a
    hit appends and drops expired times from the front, constant time whatever the budget. The rules
    are `limits`' own: a hit is refused when `limit` hits are already in the window; refused hits do not count.
    """

    _SWEEP_EVERY_S = 60.0

    def __init__(self) -> None:
        self._hits: dict[str, deque[float]] = {}
        self._expiry: dict[str, float] = {}
        self._next_sweep = 0.0

    def hit(self, key: str, limit: int, expiry: float, now: float) -> tuple[bool, float, int]:
        """Spend one hit if the window has room: (allowed, time of the oldest hit in the window, hits in it)."""
        hits = self._hits.get(key)
        if hits is None:
            hits = self._hits[key] = deque()
            self._expiry[key] = expiry
        cutoff = now - expiry
        while hits and hits[0] < cutoff:
            hits.popleft()
        allowed = len(hits) < limit
        if allowed:
            hits.append(now)
        if now >= self._next_sweep:
            self._sweep(now)
        return allowed, hits[0] if hits else now, len(hits)

    def _sweep(self, now: float) -> None:
        """Forget keys whose every hit has expired (memory hygiene: expired hits never count anyway)."""
        self._next_sweep = now + self._SWEEP_EVERY_S
        for key in [key for key, hits in self._hits.items() if not hits or hits[-1] < now - self._expiry[key]]:
            del self._hits[key], self._expiry[key]


class RateLimiter:
    """One moving-window budget per (category, identity)."""

    _MAX_CACHED_KEYS = 10_000

    def __init__(self, limits: dict[RateCategory, str], *, storage: Storage | None = None) -> None:
        # A shared storage (Redis, for replicas) through `limits`; alone, the windows live in this process.
        self._storage = storage
        self._local = LocalWindows()
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
        now = time.time()
        if self._storage is None:
            allowed, window_start, in_window = self._local.hit(key, item.amount, expiry, now)
        else:
            # The moving-window storage calls `MovingWindowRateLimiter.hit` and `get_window_stats` make.
            storage = cast(MovingWindowSupport, self._storage)
            try:
                allowed = await storage.acquire_entry(key, item.amount, expiry)
                window_start, in_window = await storage.get_moving_window(key, item.amount, expiry)
            except StorageError as exc:
                # The shared budget is out of reach: serve rather than refuse everyone while Redis is away.
                return self._unmetered(category, item, exc)
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
