"""Confirm tokens: a dry run hands one out, and only it lets the real write of exactly those ids through, once.

A token is bound to the action (apply, or rollback with or without force) and to the multiset of
recommendation ids the dry run checked; it expires after `ttl_seconds` and is spent by the write it
authorises. Tokens live in the short-lived store: the process's own, or Redis shared by every replica (and
by `autoarr mcp` processes) when `AUTOARR_REDIS_URL` is set.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from autoarr.ephemeral import EphemeralStore
from autoarr.errors import InvalidRequestError

DEFAULT_TTL_SECONDS: Final = 300.0
_KEY: Final = "confirm:"


@dataclass(frozen=True)
class IssuedToken:
    """What a dry run answers: the token and how long it stays valid."""

    token: str
    expires_in_seconds: int


def _grant(action: str, ids: Sequence[int]) -> str:
    return json.dumps({"action": action, "ids": sorted(ids)})


class ConfirmTokens:
    """Short-lived, single-use tokens tying a real write to the dry run of the same ids."""

    def __init__(self, store: EphemeralStore, *, ttl_seconds: float = DEFAULT_TTL_SECONDS) -> None:
        self._store = store
        self._ttl = ttl_seconds

    async def issue(self, action: str, ids: Sequence[int]) -> IssuedToken:
        """A new token for `action` on exactly `ids` (in any order)."""
        token = secrets.token_urlsafe(18)
        await self._store.set(_KEY + token, _grant(action, ids), ttl=self._ttl)
        return IssuedToken(token=token, expires_in_seconds=round(self._ttl))

    async def redeem(self, token: str | None, action: str, ids: Sequence[int]) -> None:
        """Spend the token for `action` on `ids`; InvalidRequestError (nothing spent) when it does not cover them."""
        if not token:
            raise _refused("a real write needs the confirm_token of a dry run of these same ids: run it first")
        stored = await self._store.get(_KEY + token)
        if stored is None:
            raise _refused("unknown, expired or already used confirm_token: run the dry run again")
        grant = json.loads(stored)
        if grant["action"] != action:
            raise _refused(f"the confirm_token was issued for {grant['action']}, not {action}")
        if grant["ids"] != sorted(ids):
            raise _refused(f"the confirm_token was issued for recommendation ids {grant['ids']}, not {sorted(ids)}")
        if await self._store.pop(_KEY + token) is None:  # another write spent it a moment ago
            raise _refused("unknown, expired or already used confirm_token: run the dry run again")


def _refused(reason: str) -> InvalidRequestError:
    return InvalidRequestError(f"Not confirmed: {reason}", details={"confirm_token": reason})


async def confirmed_write(
    tokens: ConfirmTokens,
    action: str,
    ids: Sequence[int],
    *,
    confirm_token: str | None,
    dry_run: bool,
    write: Callable[[bool], Awaitable[dict[str, Any]]],
) -> dict[str, Any]:
    """A dry run (`write(True)`) that hands out a token when something would change, or the real write
    (`write(False)`) once the token of that dry run is spent; the answer adds `confirm_token` and its lifetime."""
    if dry_run:
        if confirm_token:
            raise InvalidRequestError(
                "confirm_token is for the real write: pass it with dry_run false",
                details={"dry_run": "must be false when confirm_token is given"},
            )
        answer = await write(True)
        issued = await tokens.issue(action, ids) if answer["summary"]["successful"] else None
        return {
            **answer,
            "confirm_token": issued.token if issued else None,
            "confirm_expires_in_seconds": issued.expires_in_seconds if issued else None,
        }
    await tokens.redeem(confirm_token, action, ids)
    return {**await write(False), "confirm_token": None, "confirm_expires_in_seconds": None}
