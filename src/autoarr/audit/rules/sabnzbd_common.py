"""What the SABnzbd rules share: readers for get_config sections, apply targets, version ranges."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from autoarr.audit.rules.checks import Reader, field_reader
from autoarr.audit.rules.model import SabnzbdTarget
from autoarr.audit.rules.values import ValueSpec, VersionRange
from autoarr.audit.snapshot import SABNZBD_FULLSTATUS, SABNZBD_MISC, ConfigSnapshot

MISC: Final = (SABNZBD_MISC,)

# set_config answers with the unchanged value for these (sabnzbd/cfg.py protect=True): audit-only.
PROTECTED_KEYS: Final = frozenset({"inet_exposure", "local_ranges", "api_warnings"})
PROTECTED_NOTE: Final = (
    "Protected option: SABnzbd's set_config echoes the old value and changes nothing (sabnzbd/cfg.py "
    "protect=True). Change it in Config > General (or sabnzbd.ini) and restart SABnzbd."
)
PER_ITEM_NOTE: Final = "Per-server/per-category setting that depends on your provider or layout: advice only."

BEFORE_4_1: Final = VersionRange(below="4.1.0")  # the legacy tv/movie/date sorting switches
FROM_4_1: Final = VersionRange(minimum="4.1.0")  # the sorters section; verify_xff_header
BEFORE_4_2: Final = VersionRange(below="4.2.0")  # no_series_dupes
FROM_4_2: Final = VersionRange(minimum="4.2.0")  # no_smart_dupes
BEFORE_4_3: Final = VersionRange(below="4.3.0")  # the legacy history_retention string
FROM_4_3: Final = VersionRange(minimum="4.3.0")  # history_retention_option + history_retention_number


def misc(key: str, spec: ValueSpec) -> Reader:
    """A reader of `get_config misc.<key>`."""
    return field_reader(SABNZBD_MISC, key, spec)


def misc_path(*keys: str) -> str:
    """The setting path of misc keys ("get_config misc.cache_limit")."""
    return "get_config " + ", ".join(f"misc.{key}" for key in keys)


def misc_target(key: str, value: str) -> SabnzbdTarget:
    """The set_config target of a misc key; protected keys cannot have one."""
    if key in PROTECTED_KEYS:
        raise ValueError(f"{key} is protected: set_config silently keeps the old value")
    return SabnzbdTarget(section=SABNZBD_MISC, keyword=key, value=value)


def measured(snapshot: ConfigSnapshot, key: str) -> float | None:
    """A positive number from fullstatus (pystone, *dirspeed); None when absent or not measured (0)."""
    status = snapshot.resources.get(SABNZBD_FULLSTATUS)
    if not isinstance(status, Mapping):
        return None
    value = status.get(key)
    try:
        number = float(value) if isinstance(value, int | float | str) else 0.0
    except ValueError:
        return None
    return number if number > 0 else None


def web_login_set(misc_values: Mapping[str, Any]) -> bool:
    """Whether both web username and password are set (the password reads "**********" when set)."""
    return bool(misc_values.get("username")) and bool(misc_values.get("password"))


def legacy_retention_removes(value: str) -> bool:
    """Sonarr's reading of the legacy history_retention: anything but "0" or "<n>d" with n >= 14 removes jobs."""
    text = value.strip()
    if text.endswith("d") and text[:-1].isdigit():
        return int(text[:-1]) < 14
    return text != "0"


def retention_option_removes(option: str, number: int) -> bool:
    """Sonarr's reading of history_retention_option/number (SABnzbd 4.3+)."""
    if option.startswith("number-") or option in {"all-archive", "all-delete"}:
        return True
    return option.startswith("days-") and number < 14
