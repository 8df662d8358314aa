"""Confirm tokens on their own: bound to an action and exactly its ids, short-lived, single use."""

from __future__ import annotations

import asyncio

import pytest

from autoarr.ephemeral import MemoryEphemeralStore
from autoarr.errors import InvalidRequestError
from autoarr.mcp.confirm import ConfirmTokens, confirmed_write

SPENT = "unknown, expired or already used"


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _tokens(clock: Clock | None = None, *, ttl_seconds: float = 300) -> ConfirmTokens:
    return ConfirmTokens(MemoryEphemeralStore(clock=clock or Clock()), ttl_seconds=ttl_seconds)


async def test_a_token_covers_exactly_its_ids_in_any_order_once() -> None:
    tokens = _tokens()
    issued = await tokens.issue("apply", [3, 1, 2])
    assert issued.expires_in_seconds == 300
    await tokens.redeem(issued.token, "apply", [1, 2, 3])
    with pytest.raises(InvalidRequestError, match=SPENT):
        await tokens.redeem(issued.token, "apply", [1, 2, 3])


@pytest.mark.parametrize(
    ("action", "ids", "reason"),
    [
        ("apply", [1, 2], r"issued for recommendation ids \[1, 2, 3\], not \[1, 2\]"),  # fewer
        ("apply", [1, 2, 3, 4], r"not \[1, 2, 3, 4\]"),  # more
        ("apply", [1, 2, 2], r"not \[1, 2, 2\]"),  # a duplicate in place of one
        ("rollback", [1, 2, 3], "issued for apply, not rollback"),
    ],
)
async def test_a_mismatch_is_refused_and_leaves_the_token_for_the_right_write(
    action: str, ids: list[int], reason: str
) -> None:
    tokens = _tokens()
    issued = await tokens.issue("apply", [1, 2, 3])
    with pytest.raises(InvalidRequestError, match=reason) as refused:
        await tokens.redeem(issued.token, action, ids)
    assert set(refused.value.details) == {"confirm_token"}
    await tokens.redeem(issued.token, "apply", [1, 2, 3])


@pytest.mark.parametrize(("token", "reason"), [(None, "run it first"), ("", "run it first"), ("not-a-token", SPENT)])
async def test_no_token_or_an_unknown_one_is_refused(token: str | None, reason: str) -> None:
    with pytest.raises(InvalidRequestError, match=reason):
        await _tokens().redeem(token, "apply", [1])


async def test_a_token_expires_after_its_lifetime() -> None:
    clock = Clock()
    tokens = _tokens(clock, ttl_seconds=30)
    first, second = await tokens.issue("apply", [1]), await tokens.issue("apply", [1])
    clock.now = 29.9
    await tokens.redeem(first.token, "apply", [1])
    clock.now = 30.0
    with pytest.raises(InvalidRequestError, match=SPENT):
        await tokens.redeem(second.token, "apply", [1])


async def test_two_writes_racing_for_one_token_spend_it_once() -> None:
    tokens = _tokens()
    issued = await tokens.issue("apply", [5])
    outcomes = await asyncio.gather(
        *(tokens.redeem(issued.token, "apply", [5]) for _ in range(5)), return_exceptions=True
    )
    assert sum(outcome is None for outcome in outcomes) == 1
    assert all(isinstance(outcome, InvalidRequestError) for outcome in outcomes if outcome is not None)


async def test_tokens_are_unguessable() -> None:
    tokens = _tokens()
    issued = [(await tokens.issue("apply", [n])).token for n in range(200)]
    assert len(set(issued)) == 200
    assert min(len(token) for token in issued) >= 24


async def test_a_dry_run_that_would_change_nothing_hands_out_no_token() -> None:
    tokens = _tokens()
    writes: list[bool] = []

    async def write(dry_run: bool) -> dict[str, object]:
        writes.append(dry_run)
        return {"results": [], "summary": {"total": 1, "successful": 0, "failed": 1}, "dry_run": dry_run}

    answer = await confirmed_write(tokens, "apply", [7], confirm_token=None, dry_run=True, write=write)
    assert (answer["confirm_token"], answer["confirm_expires_in_seconds"]) == (None, None)
    with pytest.raises(InvalidRequestError):
        await confirmed_write(tokens, "apply", [7], confirm_token=None, dry_run=False, write=write)
    assert writes == [True]  # the refused write never reached the service
