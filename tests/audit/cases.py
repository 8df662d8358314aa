"""Table-driven rule cases: a known-good base configuration plus, per rule, the overrides that make it fire,
pass, lose its setting or carry a wrong type; and the assertions every service's test module shares."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from autoarr.audit.rules.catalogue import rule_by_id, run_rule
from autoarr.audit.rules.model import Finding, Rule, Skip
from autoarr.audit.snapshot import ConfigSnapshot

Resources = dict[str, Any]
Build = Callable[[Resources, str | None], ConfigSnapshot]
ANY = object()


@dataclass(frozen=True)
class Case:
    """One rule's table row. Overrides merge into the base: a dict into a dict resource, anything else replaces."""

    rule_id: str
    fire: Resources
    passes: Resources
    wrong: Resources
    missing: tuple[str, ...]  # (resource,) drops the resource; (resource, key) drops one setting
    current: Any = ANY
    recommended: Any = ANY
    missing_reason: str = "missing setting"
    extra_fires: tuple[tuple[Resources, str], ...] = field(default_factory=tuple)  # (overrides, priority)

    def __str__(self) -> str:
        return self.rule_id


def merge(base: Resources, overrides: Mapping[str, Any]) -> Resources:
    """A deep copy of `base` with `overrides` applied."""
    merged = copy.deepcopy(base)
    for name, value in overrides.items():
        if isinstance(value, Mapping) and isinstance(merged.get(name), dict):
            merged[name].update(copy.deepcopy(dict(value)))
        else:
            merged[name] = copy.deepcopy(value)
    return merged


def without(base: Resources, path: tuple[str, ...]) -> Resources:
    """A deep copy of `base` without the resource or setting at `path`."""
    trimmed = copy.deepcopy(base)
    if len(path) == 1:
        del trimmed[path[0]]
    else:
        del trimmed[path[0]][path[1]]
    return trimmed


def rule_of(case: Case) -> Rule:
    """The single-service rule a case is about."""
    rule = rule_by_id(case.rule_id)
    assert isinstance(rule, Rule), case.rule_id
    return rule


def in_range(rule: Rule, default: str) -> str:
    """A version the rule applies to."""
    version = rule.versions.minimum or default
    assert rule.versions.applies_to(version)
    return version


def out_of_range(rule: Rule) -> str:
    """A version the rule does not apply to (the rule must have a range)."""
    version = "0.0.1" if rule.versions.minimum else "99.0"
    assert not rule.versions.applies_to(version)
    return version


def assert_fires(case: Case, *, base: Resources, build: Build, version: str) -> None:
    """The case's fire overrides make the rule fire (with the expected values when the case names them)."""
    rule = rule_of(case)
    result = run_rule(rule, build(merge(base, case.fire), in_range(rule, version)))
    assert isinstance(result, Finding), result
    if case.current is not ANY:
        assert result.current_value == case.current
    if case.recommended is not ANY:
        assert result.recommended_value == case.recommended
    for overrides, priority in case.extra_fires:
        extra = run_rule(rule, build(merge(base, overrides), in_range(rule, version)))
        assert isinstance(extra, Finding), (overrides, extra)
        assert (extra.priority or rule.priority) == priority


def assert_passes(case: Case, *, base: Resources, build: Build, version: str) -> None:
    """The base, and the base with the case's pass overrides, do not fire."""
    rule = rule_of(case)
    assert run_rule(rule, build(base, in_range(rule, version))) is None
    assert run_rule(rule, build(merge(base, case.passes), in_range(rule, version))) is None


def assert_missing(case: Case, *, base: Resources, build: Build, version: str) -> None:
    """Without the setting (or resource) the rule is skipped, never passed."""
    rule = rule_of(case)
    result = run_rule(rule, build(without(merge(base, case.fire), case.missing), in_range(rule, version)))
    assert isinstance(result, Skip), result
    assert result.reason.startswith(case.missing_reason), result.reason


def assert_wrong_type(case: Case, *, base: Resources, build: Build, version: str) -> None:
    """A value of the wrong type skips the rule."""
    rule = rule_of(case)
    result = run_rule(rule, build(merge(base, case.wrong), in_range(rule, version)))
    assert isinstance(result, Skip), result
    assert result.reason.startswith("wrong type"), result.reason


def assert_version_skips(case: Case, *, base: Resources, build: Build) -> None:
    """Outside its version range the rule is skipped even when its setting would fire."""
    rule = rule_of(case)
    result = run_rule(rule, build(merge(base, case.fire), out_of_range(rule)))
    assert isinstance(result, Skip)
    assert result.reason.startswith("version not applicable")


def with_range(cases: list[Case]) -> list[Case]:
    """The cases whose rule has a version range."""
    return [case for case in cases if rule_of(case).versions.minimum or rule_of(case).versions.below]
