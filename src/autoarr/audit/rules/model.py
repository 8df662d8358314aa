"""The rule model: what a rule says (reviewable text and metadata) and how its pure check reports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, Literal

from autoarr.audit.rules.values import ALL_VERSIONS, ValueSpec, VersionRange
from autoarr.audit.snapshot import ConfigSnapshot, StackSnapshot
from autoarr.settings import ServiceName

Category = Literal["performance", "security", "best_practices"]
Priority = Literal["critical", "high", "medium", "low"]
RuleService = Literal["sabnzbd", "sonarr", "radarr", "plex", "cross"]

CATEGORIES: Final[tuple[Category, ...]] = ("performance", "security", "best_practices")
PRIORITIES: Final[tuple[Priority, ...]] = ("critical", "high", "medium", "low")
RULE_SERVICES: Final[tuple[RuleService, ...]] = ("sabnzbd", "sonarr", "radarr", "plex", "cross")


@dataclass(frozen=True)
class Finding:
    """The rule fires: what is set, what should be, and (optionally) why in this case and a sharper priority."""

    current_value: Any
    recommended_value: Any
    detail: str | None = None
    priority: Priority | None = None  # overrides the rule's priority (e.g. "critical" when also internet-facing)


@dataclass(frozen=True)
class Skip:
    """The rule could not be judged: resource absent, setting missing, wrong type, version not applicable."""

    reason: str


CheckResult = Finding | Skip | None  # None: the setting is fine


@dataclass(frozen=True)
class SabnzbdTarget:
    """How AutoArr writes the fix: `mode=set_config&section=<section>&keyword=<keyword>&value=<value>`."""

    section: str
    keyword: str
    value: str  # the default new value in wire form ("1", "1G", "exe,bat"); a finding's recommended value wins


@dataclass(frozen=True)
class ArrTarget:
    """How AutoArr writes the fix: GET `endpoint`, set `field` to `value`, PUT `endpoint/{id}` with the object."""

    resource: str  # the snapshot resource name ("mediamanagement")
    endpoint: str  # "/api/v3/config/mediamanagement"
    field: str
    value: Any  # the JSON value


@dataclass(frozen=True)
class PlexTarget:
    """How AutoArr writes the fix: `PUT /:/prefs?<pref>=<value>`."""

    pref: str
    value: str  # wire form ("1"/"0" for bools, "never", "3600")


ApplyTarget = SabnzbdTarget | ArrTarget | PlexTarget


@dataclass(frozen=True, kw_only=True)
class RuleText:
    """What every rule states, single-service or cross-service: the reviewable part of the catalogue."""

    id: str
    setting_name: str
    setting_path: str
    category: Category
    priority: Priority
    condition: str
    recommended_value: Any
    rationale: str
    impact: str
    explanation: str
    references: tuple[str, ...]
    versions: VersionRange = ALL_VERSIONS
    applicable: ApplyTarget | None = None  # None: advice only, AutoArr never writes it
    apply_note: str | None = None  # why it is advice only, or what an apply must watch for
    value_spec: ValueSpec | None = None  # the setting's type and the range a new value must pass


@dataclass(frozen=True, kw_only=True)
class Rule(RuleText):
    """A rule over one service's snapshot."""

    service: ServiceName
    resources: tuple[str, ...]  # the snapshot resources the check reads; absent ones skip the rule
    check: Callable[[ConfigSnapshot], CheckResult]


@dataclass(frozen=True, kw_only=True)
class CrossRule(RuleText):
    """A rule comparing several services' snapshots."""

    reads: tuple[ServiceName, ...]  # the services it compares
    check: Callable[[StackSnapshot], CheckResult]

    @property
    def service(self) -> Literal["cross"]:
        """Always "cross"."""
        return "cross"


AnyRule = Rule | CrossRule

OutcomeStatus = Literal["fired", "passed", "skipped"]


@dataclass(frozen=True)
class Outcome:
    """One rule's verdict on a snapshot, secrets already redacted: fired (with values), passed, or skipped."""

    rule: AnyRule
    status: OutcomeStatus
    priority: Priority  # the finding's own priority when it set one, else the rule's
    current_value: Any = None
    recommended_value: Any = None
    detail: str | None = None
    reason: str | None = None  # why the rule was skipped

    @property
    def rule_id(self) -> str:
        """The rule's id."""
        return self.rule.id

    @property
    def service(self) -> RuleService:
        """The rule's service ("cross" for cross-service rules)."""
        return self.rule.service
