"""What the Plex rules share: a builder for rules on one `/:/prefs` setting."""

from __future__ import annotations

from typing import Any, Final

from autoarr.audit.rules.checks import Check, Predicate, pref_reader, when
from autoarr.audit.rules.model import Category, PlexTarget, Priority, Rule
from autoarr.audit.rules.values import ValueSpec, to_wire
from autoarr.audit.snapshot import PLEX_PREFS

BEHAVIOUR: Final = ValueSpec("choice", choices=("never", "scheduled", "asap"))
PREFS: Final = (PLEX_PREFS,)


def pref_path(*prefs: str) -> str:
    """The setting path ("GET /:/prefs secureConnections")."""
    return "GET /:/prefs " + ", ".join(prefs)


def pref_rule(
    *,
    key: str,
    pref: str,
    spec: ValueSpec,
    fires: Predicate,
    recommended: Any,
    category: Category,
    priority: Priority,
    condition: str,
    rationale: str,
    impact: str,
    explanation: str,
    references: tuple[str, ...],
    advice_only: str | None = None,
    check: Check | None = None,
) -> Rule:
    """A rule on one Plex pref; AutoArr can PUT `recommended` unless `advice_only` says why not."""
    return Rule(
        id=f"plex.{key}",
        service="plex",
        setting_name=pref,
        setting_path=pref_path(pref),
        resources=PREFS,
        category=category,
        priority=priority,
        condition=condition,
        recommended_value=recommended,
        rationale=rationale,
        impact=impact,
        explanation=explanation,
        references=references,
        applicable=None if advice_only else PlexTarget(pref=pref, value=to_wire(recommended)),
        apply_note=advice_only,
        value_spec=spec,
        check=check or when(pref_reader(pref, spec), fires=fires, recommend=recommended),
    )
