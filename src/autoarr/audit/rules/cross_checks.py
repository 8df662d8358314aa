"""The pure checks of the cross-service rules, each over a StackSnapshot."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

from autoarr.audit.rules.arr_common import provider_field
from autoarr.audit.rules.checks import list_resource, prefs_by_id
from autoarr.audit.rules.cross_common import (
    arr_categories,
    arrs_of,
    as_path,
    complete_dir,
    download_dirs,
    inside,
    misc_of,
    sabnzbd_clients,
    sabnzbd_free_gb,
    sabnzbd_of,
    sabnzbd_removes_history,
)
from autoarr.audit.rules.model import CheckResult, Finding, Skip
from autoarr.audit.rules.sabnzbd_common import web_login_set
from autoarr.audit.snapshot import (
    ARR_DOWNLOAD_CLIENT_CONFIG,
    ARR_NOTIFICATIONS,
    ARR_ROOT_FOLDERS,
    PLEX_SECTIONS,
    SABNZBD_CATEGORIES,
    SABNZBD_SORTERS,
    ConfigSnapshot,
    StackSnapshot,
)
from autoarr.settings import ServiceName

_GIB = 1024**3


def _sab_and_arrs(stack: StackSnapshot) -> tuple[ConfigSnapshot, list[ConfigSnapshot]] | Skip:
    sab = sabnzbd_of(stack)
    if isinstance(sab, Skip):
        return sab
    arrs = arrs_of(stack)
    return arrs if isinstance(arrs, Skip) else (sab, arrs)


def _misc_and_arrs(stack: StackSnapshot) -> tuple[Mapping[str, Any], list[ConfigSnapshot]] | Skip:
    found = _sab_and_arrs(stack)
    if isinstance(found, Skip):
        return found
    misc = misc_of(found[0])
    return misc if isinstance(misc, Skip) else (misc, found[1])


def _sab_and_categories(stack: StackSnapshot) -> tuple[ConfigSnapshot, dict[ServiceName, list[str]]] | Skip:
    sab = sabnzbd_of(stack)
    if isinstance(sab, Skip):
        return sab
    arrs = arrs_of(stack)
    if isinstance(arrs, Skip):
        return arrs
    used = arr_categories(arrs)
    if not used:
        return Skip("resource absent: no Sonarr/Radarr 'downloadclients' was fetched")
    return sab, used


def categories_exist(stack: StackSnapshot) -> CheckResult:
    """X-01: each *arr category exists in SABnzbd, and Sonarr and Radarr do not share one."""
    found = _sab_and_categories(stack)
    if isinstance(found, Skip):
        return found
    sab, used = found
    rows = list_resource(sab, SABNZBD_CATEGORIES)
    if isinstance(rows, Skip):
        return rows
    names = {str(row.get("name")) for row in rows}
    problems = [
        f"{app} sends jobs to {cat!r}, which SABnzbd lacks"
        for app, cats in used.items()
        for cat in cats
        if cat not in names
    ]
    shared = set(used.get("sonarr", [])) & set(used.get("radarr", []))
    problems += [f"Sonarr and Radarr share the category {cat!r}" for cat in sorted(shared)]
    if not problems:
        return None
    return Finding(used, {"sonarr": ["tv"], "radarr": ["movies"]}, "; ".join(problems))


def job_folders(stack: StackSnapshot) -> CheckResult:
    """X-02: the *arr categories keep per-job folders (no trailing '*')."""
    found = _sab_and_categories(stack)
    if isinstance(found, Skip):
        return found
    sab, used = found
    rows = list_resource(sab, SABNZBD_CATEGORIES)
    if isinstance(rows, Skip):
        return rows
    wanted = {cat for cats in used.values() for cat in cats}
    starred = {
        str(row.get("name")): row.get("dir")
        for row in rows
        if row.get("name") in wanted and str(row.get("dir", "")).endswith("*")
    }
    return Finding(starred, {name: str(folder).rstrip("*") for name, folder in starred.items()}) if starred else None


def sorting(stack: StackSnapshot) -> CheckResult:
    """X-03: no SABnzbd sorting (legacy switches or sorters) touches an *arr category."""
    found = _sab_and_categories(stack)
    if isinstance(found, Skip):
        return found
    sab, used = found
    wanted = {cat for cats in used.values() for cat in cats}
    hits: dict[str, list[str]] = {}
    misc = misc_of(sab)
    if not isinstance(misc, Skip):
        for kind in ("tv", "movie", "date"):
            cats = misc.get(f"{kind}_categories") or []
            if misc.get(f"enable_{kind}_sorting") == 1 and isinstance(cats, list):
                hits[f"{kind} sorting"] = sorted(wanted & set(cats))
    sorters = sab.resources.get(SABNZBD_SORTERS)
    for row in sorters if isinstance(sorters, list) else []:
        if isinstance(row, Mapping) and row.get("is_active") in (1, True):
            cats = row.get("sort_cats") or []
            hits[f"sorter {row.get('name')}"] = sorted(wanted if not cats else wanted & set(cats))
    hits = {name: cats for name, cats in hits.items() if cats}
    if isinstance(misc, Skip) and SABNZBD_SORTERS not in sab.resources:
        return misc
    return Finding(hits, "no sorting on the *arr categories", "sorting moves files before the import") if hits else None


def history_versus_cdh(stack: StackSnapshot) -> CheckResult:
    """X-04: SABnzbd keeps history until the *arr apps (which remove after import) have imported."""
    found = _misc_and_arrs(stack)
    if isinstance(found, Skip):
        return found
    misc, arrs = found
    removes = sabnzbd_removes_history(misc)
    if isinstance(removes, Skip):
        return removes
    handling = {
        arr.service: arr.resources[ARR_DOWNLOAD_CLIENT_CONFIG].get("enableCompletedDownloadHandling") is True
        for arr in arrs
        if isinstance(arr.resources.get(ARR_DOWNLOAD_CLIENT_CONFIG), Mapping)
    }
    if not handling:
        return Skip("resource absent: no Sonarr/Radarr 'downloadclient_config' was fetched")
    importing = [arr for arr in arrs if handling.get(arr.service)]
    if removes and importing:
        names = ", ".join(arr.service for arr in importing)
        detail = f"SABnzbd removes jobs from history on its own while {names} import from it"
        return Finding({"sabnzbd removes history": True}, "keep all history; let the *arr apps remove jobs", detail)
    keeping = [
        arr.service
        for arr in importing
        if any(row.get("removeCompletedDownloads") is False for row in sabnzbd_clients(arr) or [])
    ]
    if removes or not keeping:
        return None
    detail = f"SABnzbd keeps all history and {', '.join(keeping)} do not remove imported jobs: it grows forever"
    return Finding({"removeCompletedDownloads": dict.fromkeys(keeping, False)}, True, detail, "low")


def _free_gb(row: Mapping[str, Any]) -> float | None:
    value = row.get("freeSpace")
    return value / _GIB if isinstance(value, int | float) and not isinstance(value, bool) else None


def _rows(snapshot: ConfigSnapshot, resource: str) -> list[Mapping[str, Any]]:
    rows = snapshot.resources.get(resource)
    return [row for row in rows if isinstance(row, Mapping)] if isinstance(rows, list) else []


def _roots(arrs: list[ConfigSnapshot]) -> list[tuple[str, PurePath, Mapping[str, Any]]] | Skip:
    found: list[tuple[str, PurePath, Mapping[str, Any]]] = []
    for arr in arrs:
        rows = list_resource(arr, ARR_ROOT_FOLDERS) if ARR_ROOT_FOLDERS in arr.resources else []
        if isinstance(rows, Skip):
            return rows
        found += [(arr.service, path, row) for row in rows if (path := as_path(row.get("path"))) is not None]
    return found or Skip("resource absent: no Sonarr/Radarr 'rootfolders' with absolute paths")


def hardlinks(stack: StackSnapshot) -> CheckResult:
    """X-05: completed downloads and root folders look like one filesystem, without nesting."""
    found = _sab_and_arrs(stack)
    if isinstance(found, Skip):
        return found
    sab, arrs = found
    complete = complete_dir(sab)
    if complete is None:
        return Skip("missing setting: SABnzbd's completed folder is unknown or relative")
    roots = _roots(arrs)
    if isinstance(roots, Skip):
        return roots
    sab_free = sabnzbd_free_gb(sab)
    reasons = []
    for app, root, row in roots:
        if inside(complete, root) or inside(root, complete):
            reasons.append(f"{app} root {root} and the completed folder {complete} overlap")
            continue
        if len(root.parts) < 2 or len(complete.parts) < 2 or root.parts[:2] != complete.parts[:2]:
            reasons.append(f"{app} root {root} and {complete} share no top folder (separate mounts)")
            continue
        free = _free_gb(row)
        if sab_free is not None and free is not None and abs(free - sab_free) > max(1.0, 0.01 * max(free, sab_free)):
            reasons.append(f"{app} root {root} reports {free:.0f} GiB free, the completed folder {sab_free:.0f} GiB")
    if not reasons:
        return None
    folders: dict[str, list[str]] = {}
    for app, root, _ in roots:
        folders.setdefault(app, []).append(str(root))
    current = {"sabnzbd complete_dir": str(complete), "root folders": folders}
    return Finding(current, "one shared mount, e.g. /data/usenet/complete and /data/media/tv", "; ".join(reasons))


def plex_connection(stack: StackSnapshot) -> CheckResult:
    """X-07: each *arr app tells Plex to update, unless Plex scans on file-system events."""
    arrs = arrs_of(stack)
    plex = stack.get("plex")
    if isinstance(arrs, Skip) or plex is None:
        return arrs if isinstance(arrs, Skip) else Skip("not applicable: Plex was not audited")
    prefs = prefs_by_id(plex)
    if isinstance(prefs, Skip):
        return prefs
    events = prefs.get("FSEventLibraryUpdatesEnabled")
    if events is True:
        return None
    judged = [arr for arr in arrs if ARR_NOTIFICATIONS in arr.resources]
    if not judged:
        return Skip("resource absent: no Sonarr/Radarr 'notifications' was fetched")
    missing = [
        arr.service
        for arr in judged
        if not any(
            row.get("implementation") == "PlexServer" and provider_field(row, "updateLibrary") is not False
            for row in _rows(arr, ARR_NOTIFICATIONS)
        )
    ]
    if not missing:
        return None
    detail = f"no Plex connection in {', '.join(missing)}, and Plex does not scan on file changes"
    return Finding(
        dict.fromkeys(missing, "no Plex connection"), "a Plex Media Server connection with Update Library", detail
    )


def plex_locations(plex: ConfigSnapshot) -> list[PurePath] | Skip:
    """The folders of every Plex library section."""
    sections = list_resource(plex, PLEX_SECTIONS)
    if isinstance(sections, Skip):
        return sections
    locations = [
        location
        for section in sections
        if isinstance(section.get("Location"), list)
        for location in section["Location"]
        if isinstance(location, Mapping)
    ]
    return [path for location in locations if (path := as_path(location.get("path"))) is not None]


def plex_covers_roots(stack: StackSnapshot) -> CheckResult:
    """X-08: Plex libraries cover every *arr root folder and none points at download folders."""
    arrs = arrs_of(stack)
    plex = stack.get("plex")
    if isinstance(arrs, Skip) or plex is None:
        return arrs if isinstance(arrs, Skip) else Skip("not applicable: Plex was not audited")
    locations = plex_locations(plex)
    if isinstance(locations, Skip):
        return locations
    roots = _roots(arrs)
    if isinstance(roots, Skip):
        return roots
    uncovered = [
        f"{app} {root}"
        for app, root, _ in roots
        if not any(inside(root, loc) or inside(loc, root) for loc in locations)
    ]
    sab = stack.get("sabnzbd")
    downloads = download_dirs(sab) if sab is not None else []
    on_downloads = [
        str(loc) for loc in locations if any(inside(loc, folder) or inside(folder, loc) for folder in downloads)
    ]
    if not uncovered and not on_downloads:
        return None
    current = {"not in any Plex library": uncovered, "Plex libraries on download folders": on_downloads}
    return Finding(current, "Plex libraries on exactly the *arr root folders")


def _needs_allow_list(host: str) -> bool:
    text = host.strip().lower()
    if not text or text in {"localhost"} or text.endswith(".local"):
        return False
    try:
        ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return True
    return False


def hostname_check(stack: StackSnapshot) -> CheckResult:
    """X-09: the hostname the *arr apps call SABnzbd by passes SABnzbd's Host-header check."""
    found = _misc_and_arrs(stack)
    if isinstance(found, Skip):
        return found
    misc, arrs = found
    if "host_whitelist" not in misc:
        return Skip("missing setting: sabnzbd misc.host_whitelist is not reported")
    allowed = misc["host_whitelist"]
    if not isinstance(allowed, list):
        return Skip(f"wrong type: misc.host_whitelist should be a list, got {allowed!r}")
    if web_login_set(misc):
        return None  # with a web login SABnzbd skips the hostname check
    listed = {str(item).strip().lower() for item in allowed}
    blocked = {}
    for arr in arrs:
        for row in sabnzbd_clients(arr) or []:
            host = provider_field(row, "host")
            if isinstance(host, str) and _needs_allow_list(host) and host.strip().lower() not in listed:
                blocked[arr.service] = host
    if not blocked:
        return None
    detail = "SABnzbd answers these names with 'Access denied - Hostname verification failed'"
    return Finding(blocked, sorted({*listed, *(host.lower() for host in blocked.values())} - {""}), detail)


_SAB_LOOP = (
    ("fail_hopeless_jobs", 1),
    ("pause_on_pwrar", 2),
    ("action_on_unwanted_extensions", 2),
    ("new_nzb_on_failure", 0),
)


def failure_loop(stack: StackSnapshot) -> CheckResult:
    """X-11: SABnzbd fails fast and the *arr apps blocklist, remove and search again."""
    found = _misc_and_arrs(stack)
    if isinstance(found, Skip):
        return found
    misc, arrs = found
    gaps = {f"sabnzbd {key}": misc[key] for key, good in _SAB_LOOP if key in misc and misc[key] != good}
    for arr in arrs:
        config = arr.resources.get(ARR_DOWNLOAD_CLIENT_CONFIG)
        if isinstance(config, Mapping) and config.get("autoRedownloadFailed") is False:
            gaps[f"{arr.service} autoRedownloadFailed"] = False
        for row in sabnzbd_clients(arr) or []:
            if row.get("removeFailedDownloads") is False:
                gaps[f"{arr.service} {row.get('name')} removeFailedDownloads"] = False
    if not gaps:
        return None
    recommended = {f"sabnzbd {key}": good for key, good in _SAB_LOOP} | {
        "*arr autoRedownloadFailed": True,
        "*arr removeFailedDownloads": True,
    }
    return Finding(gaps, recommended, "a failed release is not failed, blocklisted and replaced automatically")
