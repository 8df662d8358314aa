"""Who acts on a failed download: the decision table."""

from __future__ import annotations

import pytest

from autoarr.events.ownership import ArrView, decide

MAY = {"sonarr": True, "radarr": True}


def view(service: str = "radarr", **changes: object) -> ArrView:
    base: dict[str, object] = {
        "service": service,
        "grab_history_id": 7,
        "already_failed": False,
        "queue_states": ("downloading",),
        "completed_download_handling": True,
        "redownload_failed": True,
    }
    return ArrView(**{**base, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("views", "expected"),
    [
        ([view()], ("radarr", "left_to_owner")),
        ([view(redownload_failed=False)], ("radarr", "mark_failed")),
        ([view(completed_download_handling=False)], ("radarr", "mark_failed")),
        ([view(queue_states=("importBlocked",))], ("radarr", "mark_failed")),
        ([view(redownload_failed=False, already_failed=True)], ("radarr", "left_to_owner")),
        ([view(redownload_failed=False, grab_history_id=None)], ("radarr", "report")),
        (
            [view("sonarr", grab_history_id=None, queue_states=()), view(redownload_failed=False)],
            ("radarr", "mark_failed"),
        ),
        ([view(grab_history_id=None, queue_states=())], ("none", "retry")),
        ([], ("none", "retry")),
    ],
)
def test_the_one_party_that_acts(views: list[ArrView], expected: tuple[str, str]) -> None:
    decision = decide(views, may_mark=MAY, retries_so_far=0, retry_limit=3)
    assert (decision.owner, decision.action) == expected
    assert decision.reason


def test_marking_can_be_turned_off_per_service() -> None:
    decision = decide([view(redownload_failed=False)], may_mark={"radarr": False}, retries_so_far=0, retry_limit=3)
    assert decision.action == "report"


def test_retries_stop_at_the_limit() -> None:
    assert decide([], may_mark=MAY, retries_so_far=2, retry_limit=3).action == "retry"
    assert decide([], may_mark=MAY, retries_so_far=3, retry_limit=3).action == "give_up"
    assert decide([], may_mark=MAY, retries_so_far=0, retry_limit=0).action == "give_up"
