"""Who owns a failed SABnzbd job, and so who should act on it: pure decisions over what the *arrs report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# Queue states in which an *arr holds a download it will not import or fail on its own.
STUCK_STATES = frozenset({"importBlocked", "importFailed"})

Action = Literal["left_to_owner", "mark_failed", "report", "retry", "give_up"]


@dataclass(frozen=True)
class ArrView:
    """What one *arr knows about a download id."""

    service: str
    grab_history_id: int | None  # its `grabbed` history record, which `history/failed` marks
    already_failed: bool  # it has recorded the failure itself (downloadFailed in its history)
    queue_states: tuple[str, ...]  # trackedDownloadState of its queue records for the id
    completed_download_handling: bool
    redownload_failed: bool

    @property
    def owns(self) -> bool:
        return self.grab_history_id is not None or bool(self.queue_states)

    @property
    def stuck(self) -> bool:
        return any(state in STUCK_STATES for state in self.queue_states)

    @property
    def will_handle(self) -> bool:
        """It blocklists and searches again by itself: Completed Download Handling and redownload on, not stuck."""
        return self.already_failed or (self.completed_download_handling and self.redownload_failed and not self.stuck)


@dataclass(frozen=True)
class Decision:
    owner: str  # sonarr, radarr or none
    action: Action
    reason: str


def decide(views: list[ArrView], *, may_mark: dict[str, bool], retries_so_far: int, retry_limit: int) -> Decision:
    """The one party that acts: the owning *arr when it will, AutoArr marking it failed there, or a retry."""
    owner = next((view for view in views if view.owns), None)
    if owner is not None:
        if owner.will_handle:
            return Decision(owner.service, "left_to_owner", f"{owner.service} blocklists it and searches again itself")
        if owner.grab_history_id is None:
            return Decision(owner.service, "report", f"{owner.service} has no grab record to mark failed")
        if not may_mark.get(owner.service, False):
            return Decision(owner.service, "report", f"marking failures in {owner.service} is turned off")
        why = "it is stuck in the queue" if owner.stuck else "its failed-download handling is off"
        return Decision(owner.service, "mark_failed", f"{owner.service} will not act ({why})")
    if retries_so_far >= retry_limit:
        return Decision("none", "give_up", f"no *arr owns it and it was retried {retries_so_far} times")
    return Decision("none", "retry", f"no *arr owns it: retry {retries_so_far + 1} of {retry_limit}")
