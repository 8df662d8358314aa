"""What tools are given to work with: the components they call, the rate-limit budget, the confirm tokens.

Importing this module does not import the MCP SDK (it is heavy; AutoArr imports it only to build servers).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from autoarr.audit.apply import ApplyService
from autoarr.audit.service import AuditService
from autoarr.bus import EventBus
from autoarr.errors import RateLimitedError
from autoarr.integrations.registry import Integrations
from autoarr.mcp.confirm import ConfirmTokens
from autoarr.settings import RateCategory
from autoarr.web.ratelimit import RateLimiter


class Budget:
    """Charges tool calls to the rate-limit categories their REST twins are charged to.

    `per_call` is charged for every call: "general" over stdio, where no HTTP gateway counts requests;
    None over HTTP, where the gateway has already charged the request to "general".
    """

    def __init__(self, limiter: RateLimiter, identity: str, *, per_call: RateCategory | None) -> None:
        self._limiter = limiter
        self._identity = identity
        self._per_call = per_call

    async def spend(self, category: RateCategory | None) -> None:
        """Spend one call (and one of `category`, when given); RateLimitedError once a budget is exhausted."""
        for charged in dict.fromkeys(c for c in (self._per_call, category) if c is not None):
            verdict = await self._limiter.hit(charged, self._identity)
            if not verdict.allowed:
                raise RateLimitedError(
                    retry_after=verdict.retry_after(time.time()),
                    category=charged,
                    budget_headers={name.decode(): value.decode() for name, value in verdict.headers()},
                )


@dataclass(frozen=True)
class ToolContext:
    """Everything the tool servers call: the same objects the REST routes use."""

    integrations: Integrations
    bus: EventBus
    audits: AuditService
    applier: ApplyService
    budget: Budget
    tokens: ConfirmTokens
    actor: str  # who asked, for the change log: the key's id (never the key) and the front end
