"""The whole catalogue, lookups, and the runners that turn checks into redacted outcomes."""

from __future__ import annotations

from typing import Any, Final

from autoarr.audit.rules.cross import CROSS_RULES
from autoarr.audit.rules.model import (
    AnyRule,
    CheckResult,
    CrossRule,
    Finding,
    Outcome,
    Rule,
    RuleService,
    Skip,
)
from autoarr.audit.rules.plex import PLEX_RULES
from autoarr.audit.rules.radarr import RADARR_RULES
from autoarr.audit.rules.redact import REDACTED, is_secret_name, redact, secret_values
from autoarr.audit.rules.sabnzbd import SABNZBD_RULES
from autoarr.audit.rules.sonarr import SONARR_RULES
from autoarr.audit.snapshot import ConfigSnapshot, StackSnapshot
from autoarr.settings import ServiceName

SERVICE_RULES: Final[dict[ServiceName, tuple[Rule, ...]]] = {
    "sabnzbd": SABNZBD_RULES,
    "sonarr": SONARR_RULES,
    "radarr": RADARR_RULES,
    "plex": PLEX_RULES,
}
ALL_RULES: Final[tuple[AnyRule, ...]] = (*SABNZBD_RULES, *SONARR_RULES, *RADARR_RULES, *PLEX_RULES, *CROSS_RULES)


def _index(rules: tuple[AnyRule, ...]) -> dict[str, AnyRule]:
    index: dict[str, AnyRule] = {}
    for rule in rules:
        if rule.id in index:
            raise ValueError(f"duplicate rule id {rule.id}")
        index[rule.id] = rule
    return index


_BY_ID: Final = _index(ALL_RULES)


def rules_for(service: RuleService) -> tuple[AnyRule, ...]:
    """The rules of one service, or the cross-service rules for "cross"."""
    return CROSS_RULES if service == "cross" else SERVICE_RULES[service]


def rule_by_id(rule_id: str) -> AnyRule | None:
    """The rule with this id, or None."""
    return _BY_ID.get(rule_id)


def new_value_problem(rule: AnyRule, value: Any) -> str | None:
    """Why `value` fails AutoArr's own type and range check for the rule's setting, or None when it passes."""
    if rule.value_spec is None:
        return f"{rule.id} has no single value AutoArr could write"
    return rule.value_spec.problem(value)


def run_rule(rule: Rule, snapshot: ConfigSnapshot) -> CheckResult:
    """One rule's raw check result (not redacted), after the version and resource gates."""
    if rule.service != snapshot.service:
        raise ValueError(f"{rule.id} is a {rule.service} rule, not for a {snapshot.service} snapshot")
    if not rule.versions.applies_to(snapshot.version):
        return Skip(f"version not applicable: {snapshot.version} is outside {rule.versions.describe()}")
    for name in rule.resources:
        if name not in snapshot.resources:
            return Skip(f"resource absent: {snapshot.service} {name!r} was not fetched")
    return rule.check(snapshot)


def _outcome(rule: AnyRule, result: CheckResult, secrets: frozenset[str]) -> Outcome:
    if result is None:
        return Outcome(rule=rule, status="passed", priority=rule.priority)
    if isinstance(result, Skip):
        return Outcome(rule=rule, status="skipped", priority=rule.priority, reason=redact(result.reason, secrets))
    current, recommended = result.current_value, result.recommended_value
    if is_secret_name(rule.setting_name):
        current = recommended = REDACTED
    return Outcome(
        rule=rule,
        status="fired",
        priority=result.priority or rule.priority,
        current_value=redact(current, secrets),
        recommended_value=redact(recommended, secrets),
        detail=redact(result.detail, secrets),
    )


def evaluate(snapshot: ConfigSnapshot) -> list[Outcome]:
    """Every rule of the snapshot's service, as outcomes; a check that raises is a bug and propagates."""
    secrets = secret_values(snapshot.resources)
    return [_outcome(rule, run_rule(rule, snapshot), secrets) for rule in SERVICE_RULES[snapshot.service]]


def run_cross_rule(rule: CrossRule, stack: StackSnapshot) -> CheckResult:
    """One cross-service rule's raw check result (not redacted)."""
    return rule.check(stack)


def evaluate_cross(stack: StackSnapshot) -> list[Outcome]:
    """Every cross-service rule over the stack, as redacted outcomes."""
    secrets = frozenset().union(*(secret_values(snap.resources) for snap in stack.snapshots.values()))
    return [_outcome(rule, run_cross_rule(rule, stack), secrets) for rule in CROSS_RULES]


def fired(outcomes: list[Outcome]) -> list[Outcome]:
    """Only the outcomes whose rule fired."""
    return [outcome for outcome in outcomes if outcome.status == "fired"]


__all__ = [
    "ALL_RULES",
    "SERVICE_RULES",
    "Finding",
    "Outcome",
    "evaluate",
    "evaluate_cross",
    "fired",
    "new_value_problem",
    "rule_by_id",
    "rules_for",
    "run_cross_rule",
    "run_rule",
]
