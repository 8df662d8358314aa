"""What Sonarr and Radarr rules share: the app descriptor the rule factories read, paths and targets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from autoarr.audit.rules.checks import Check, Predicate, field_reader, when
from autoarr.audit.rules.model import ArrTarget, Category, Priority, Rule
from autoarr.audit.rules.values import ALL_VERSIONS, ValueSpec, VersionRange
from autoarr.audit.snapshot import ARR_ENDPOINTS
from autoarr.settings import ServiceName


@dataclass(frozen=True)
class ArrApp:
    """How Sonarr or Radarr names the things a shared rule reads; one rule definition serves both."""

    service: ServiceName
    title: str  # "Sonarr"
    media: str  # "episodes" / "movies"
    unmonitor_field: str  # autoUnmonitorPreviouslyDownloadedEpisodes / ...Movies
    rename_field: str  # renameEpisodes / renameMovies
    standard_format_field: str  # standardEpisodeFormat / standardMovieFormat
    standard_format: str  # TRaSH's recommended file name format
    folder_format_field: str  # seriesFolderFormat / movieFolderFormat
    folder_format: str  # TRaSH's recommended folder format
    category_field: str  # tvCategory / movieCategory
    default_category: str  # "tv" / "movies"
    rss_default: int  # the app's default rssSyncInterval
    settings_url: str
    naming_url: str
    profiles_url: str
    auth_url: str
    auth_required_versions: VersionRange  # where authenticationRequired exists
    supported_major: int  # older majors are end-of-life
    outdated_priority: Priority


def arr_path(resource: str, *fields: str) -> str:
    """The setting path ("GET /api/v3/config/host authenticationMethod")."""
    return f"GET {ARR_ENDPOINTS[resource]} {', '.join(fields)}"


def arr_target(resource: str, field: str, value: Any) -> ArrTarget:
    """The PUT target of a config resource field."""
    return ArrTarget(resource=resource, endpoint=ARR_ENDPOINTS[resource], field=field, value=value)


def provider_field(provider: Mapping[str, Any], name: str) -> Any:
    """The `value` of a provider's `fields[]` entry called `name` (None when absent)."""
    fields = provider.get("fields")
    if not isinstance(fields, list):
        return None
    for item in fields:
        if isinstance(item, Mapping) and item.get("name") == name:
            return item.get("value")
    return None


def rule_id(app: ArrApp, key: str) -> str:
    """ "sonarr.<key>" / "radarr.<key>"."""
    return f"{app.service}.{key}"


def config_rule(
    app: ArrApp,
    *,
    key: str,
    resource: str,
    field: str,
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
    versions: VersionRange = ALL_VERSIONS,
    advice_only: str | None = None,
    check: Check | None = None,
) -> Rule:
    """A rule on one field of a config resource; AutoArr can PUT `recommended` unless `advice_only` says why not."""
    return Rule(
        id=rule_id(app, key),
        service=app.service,
        setting_name=field,
        setting_path=arr_path(resource, field),
        resources=(resource,),
        category=category,
        priority=priority,
        condition=condition,
        recommended_value=recommended,
        rationale=rationale,
        impact=impact,
        explanation=explanation,
        references=references,
        versions=versions,
        applicable=None if advice_only else arr_target(resource, field, recommended),
        apply_note=advice_only,
        value_spec=spec,
        check=check or when(field_reader(resource, field, spec), fires=fires, recommend=recommended),
    )
