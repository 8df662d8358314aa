"""Building blocks for pure checks: read a resource or setting (or say why not), then compare it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from autoarr.audit.rules.model import CheckResult, Finding, Priority, Skip
from autoarr.audit.rules.values import ValueSpec
from autoarr.audit.snapshot import PLEX_PREFS, ConfigSnapshot

Reader = Callable[[ConfigSnapshot], Any]  # the value, or a Skip saying why there is none
Predicate = Callable[[Any], bool]
Check = Callable[[ConfigSnapshot], CheckResult]


def absent(service: str, resource: str) -> Skip:
    """The Skip for a resource that was not fetched."""
    return Skip(f"resource absent: {service} {resource!r} was not fetched")


def mapping_resource(snapshot: ConfigSnapshot, name: str) -> Mapping[str, Any] | Skip:
    """Resource `name` as a JSON object, or a Skip (absent, or not an object)."""
    if name not in snapshot.resources:
        return absent(snapshot.service, name)
    value = snapshot.resources[name]
    if not isinstance(value, Mapping):
        return Skip(f"wrong type: {snapshot.service} {name!r} is {type(value).__name__}, expected an object")
    return value


def list_resource(snapshot: ConfigSnapshot, name: str) -> list[Mapping[str, Any]] | Skip:
    """Resource `name` as a list of JSON objects, or a Skip (absent, not a list, or holding non-objects)."""
    if name not in snapshot.resources:
        return absent(snapshot.service, name)
    value = snapshot.resources[name]
    if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
        return Skip(f"wrong type: {snapshot.service} {name!r} is not a list of objects")
    return value


def field_value(snapshot: ConfigSnapshot, resource: str, key: str, spec: ValueSpec) -> Any:
    """`resource[key]` when present and of `spec`'s type; otherwise a Skip saying which."""
    mapping = mapping_resource(snapshot, resource)
    if isinstance(mapping, Skip):
        return mapping
    if key not in mapping:
        return Skip(f"missing setting: {snapshot.service} {resource}.{key} is not reported")
    value = mapping[key]
    if not spec.type_matches(value):
        return Skip(f"wrong type: {resource}.{key} should be {spec.describe()}, got {value!r}")
    return value


def prefs_by_id(snapshot: ConfigSnapshot) -> dict[str, Any] | Skip:
    """Plex `/:/prefs` as {id: value}, or a Skip."""
    rows = list_resource(snapshot, PLEX_PREFS)
    if isinstance(rows, Skip):
        return rows
    return {str(row["id"]): row.get("value") for row in rows if "id" in row}


def pref_value(snapshot: ConfigSnapshot, pref_id: str, spec: ValueSpec) -> Any:
    """Plex pref `pref_id`'s value when present and of `spec`'s type; otherwise a Skip."""
    prefs = prefs_by_id(snapshot)
    if isinstance(prefs, Skip):
        return prefs
    if pref_id not in prefs:
        return Skip(f"missing setting: Plex does not report the {pref_id} pref (other version or Plex Pass only)")
    value = prefs[pref_id]
    if not spec.type_matches(value):
        return Skip(f"wrong type: pref {pref_id} should be {spec.describe()}, got {value!r}")
    return value


def field_reader(resource: str, key: str, spec: ValueSpec) -> Reader:
    """A reader of `resource[key]`."""
    return lambda snapshot: field_value(snapshot, resource, key, spec)


def pref_reader(pref_id: str, spec: ValueSpec) -> Reader:
    """A reader of Plex pref `pref_id`."""
    return lambda snapshot: pref_value(snapshot, pref_id, spec)


def equals(*bad: Any) -> Predicate:
    """Fires when the value is one of `bad` (type-strict: True never equals 1)."""
    return lambda value: any(type(value) is type(item) and value == item for item in bad)


def when(
    read: Reader,
    *,
    fires: Predicate,
    recommend: Any,
    detail: str | None = None,
    priority: Priority | None = None,
) -> Check:
    """The common check: read one value; fire with `recommend` when `fires(value)`."""

    def check(snapshot: ConfigSnapshot) -> CheckResult:
        value = read(snapshot)
        if isinstance(value, Skip):
            return value
        if not fires(value):
            return None
        return Finding(value, recommend, detail, priority)

    return check


def is_loopback_host(host: str) -> bool:
    """Whether a bind/host value only listens on the machine itself."""
    return host.strip().lower() in {"127.0.0.1", "localhost", "::1", "[::1]"}
