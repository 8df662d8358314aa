"""Helpers for the cross-service rules: which *arr apps are present, their SABnzbd categories, paths."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePath, PurePosixPath, PureWindowsPath
from typing import Any, Final

from autoarr.audit.rules.arr_common import provider_field
from autoarr.audit.rules.model import Skip
from autoarr.audit.rules.sabnzbd_common import legacy_retention_removes, retention_option_removes
from autoarr.audit.snapshot import (
    ARR_DOWNLOAD_CLIENTS,
    SABNZBD_FULLSTATUS,
    SABNZBD_MISC,
    ConfigSnapshot,
    StackSnapshot,
)
from autoarr.settings import ServiceName

ARR_APPS: Final[tuple[ServiceName, ...]] = ("sonarr", "radarr")
CATEGORY_FIELDS: Final[Mapping[ServiceName, str]] = {"sonarr": "tvCategory", "radarr": "movieCategory"}
_WINDOWS = re.compile(r"^[A-Za-z]:[\\/]")


def sabnzbd_of(stack: StackSnapshot) -> ConfigSnapshot | Skip:
    """The SABnzbd snapshot, or a Skip."""
    snapshot = stack.get("sabnzbd")
    return snapshot if snapshot is not None else Skip("not applicable: SABnzbd was not audited")


def arrs_of(stack: StackSnapshot) -> list[ConfigSnapshot] | Skip:
    """The Sonarr/Radarr snapshots present, or a Skip when there are none."""
    found = [snapshot for name in ARR_APPS if (snapshot := stack.get(name)) is not None]
    return found or Skip("not applicable: neither Sonarr nor Radarr was audited")


def sabnzbd_clients(snapshot: ConfigSnapshot) -> list[Mapping[str, Any]] | None:
    """The *arr app's enabled SABnzbd download clients; None when the resource is absent or malformed."""
    rows = snapshot.resources.get(ARR_DOWNLOAD_CLIENTS)
    if not isinstance(rows, list):
        return None
    return [
        row
        for row in rows
        if isinstance(row, Mapping) and row.get("implementation") == "Sabnzbd" and row.get("enable") is not False
    ]


def arr_categories(arrs: list[ConfigSnapshot]) -> dict[ServiceName, list[str]]:
    """The SABnzbd categories each *arr app sends its jobs to (apps without the resource are left out)."""
    found: dict[ServiceName, list[str]] = {}
    for snapshot in arrs:
        clients = sabnzbd_clients(snapshot)
        if clients is None:
            continue
        names = [provider_field(row, CATEGORY_FIELDS[snapshot.service]) for row in clients]
        found[snapshot.service] = [name for name in names if isinstance(name, str) and name]
    return found


def misc_of(snapshot: ConfigSnapshot) -> Mapping[str, Any] | Skip:
    """SABnzbd's misc section, or a Skip."""
    if SABNZBD_MISC not in snapshot.resources:
        return Skip("resource absent: sabnzbd 'misc' was not fetched")
    misc = snapshot.resources[SABNZBD_MISC]
    if not isinstance(misc, Mapping):
        return Skip("wrong type: sabnzbd 'misc' is not an object")
    return misc


def sabnzbd_removes_history(misc: Mapping[str, Any]) -> bool | Skip:
    """Whether SABnzbd's history retention removes jobs on its own (Sonarr's reading), or why that is unknown."""
    option, number = misc.get("history_retention_option"), misc.get("history_retention_number")
    if option:
        if not isinstance(option, str):
            return Skip(f"wrong type: misc.history_retention_option should be a string, got {option!r}")
        return retention_option_removes(option, number if isinstance(number, int) else 0)
    if "history_retention" not in misc:
        return Skip("missing setting: SABnzbd reports no history retention")
    legacy = misc["history_retention"]
    if not isinstance(legacy, str):
        return Skip(f"wrong type: misc.history_retention should be a string, got {legacy!r}")
    return legacy_retention_removes(legacy)


def as_path(text: Any) -> PurePath | None:
    """An absolute POSIX or Windows path; None for relative paths and non-strings."""
    if not isinstance(text, str) or not text.strip():
        return None
    if _WINDOWS.match(text):
        return PureWindowsPath(text)
    return PurePosixPath(text.rstrip("/") or "/") if text.startswith("/") else None


def inside(inner: PurePath, outer: PurePath) -> bool:
    """Whether `inner` is `outer` or below it."""
    return type(inner) is type(outer) and (inner == outer or outer in inner.parents)


def complete_dir(snapshot: ConfigSnapshot) -> PurePath | None:
    """SABnzbd's absolute completed-downloads folder (fullstatus first: it is resolved), or None."""
    status = snapshot.resources.get(SABNZBD_FULLSTATUS)
    misc = snapshot.resources.get(SABNZBD_MISC)
    for source, key in ((status, "completedir"), (misc, "complete_dir")):
        if isinstance(source, Mapping) and (path := as_path(source.get(key))) is not None:
            return path
    return None


def download_dirs(snapshot: ConfigSnapshot) -> list[PurePath]:
    """SABnzbd's absolute incomplete and complete folders (those known)."""
    status = snapshot.resources.get(SABNZBD_FULLSTATUS)
    misc = snapshot.resources.get(SABNZBD_MISC)
    found: list[PurePath] = []
    for source, key in (
        (status, "downloaddir"),
        (misc, "download_dir"),
        (status, "completedir"),
        (misc, "complete_dir"),
    ):
        if isinstance(source, Mapping) and (path := as_path(source.get(key))) is not None and path not in found:
            found.append(path)
    return found


def sabnzbd_free_gb(snapshot: ConfigSnapshot) -> float | None:
    """Free space in SABnzbd's complete folder, in GiB, from fullstatus diskspace2."""
    status = snapshot.resources.get(SABNZBD_FULLSTATUS)
    if not isinstance(status, Mapping):
        return None
    try:
        return float(status.get("diskspace2", ""))
    except (TypeError, ValueError):
        return None
