"""Sonarr/Radarr media-management rules (config/mediamanagement), defined once for both apps."""

from __future__ import annotations

from autoarr.audit.rules import references as ref
from autoarr.audit.rules.arr_common import ArrApp, config_rule
from autoarr.audit.rules.checks import equals, field_reader
from autoarr.audit.rules.model import CheckResult, Finding, Rule, Skip
from autoarr.audit.rules.values import BOOLEAN, TEXT, ValueSpec
from autoarr.audit.snapshot import ARR_MEDIA_MANAGEMENT, ARR_QUALITY_PROFILES, ConfigSnapshot

MM = ARR_MEDIA_MANAGEMENT
PROPERS = ValueSpec("choice", choices=("preferAndUpgrade", "doNotUpgrade", "doNotPrefer"))
RESCAN = ValueSpec("choice", choices=("always", "afterManual", "never"))
FREE_SPACE = ValueSpec("integer", minimum=100)


def _uses_custom_formats(snapshot: ConfigSnapshot) -> bool:
    profiles = snapshot.resources.get(ARR_QUALITY_PROFILES)
    if not isinstance(profiles, list):
        return False
    return any(
        isinstance(item, dict) and item.get("score", 0) != 0
        for profile in profiles
        if isinstance(profile, dict)
        for item in profile.get("formatItems") or []
    )


def _propers(snapshot: ConfigSnapshot) -> CheckResult:
    value = field_reader(MM, "downloadPropersAndRepacks", PROPERS)(snapshot)
    if isinstance(value, Skip) or value != "preferAndUpgrade":
        return value if isinstance(value, Skip) else None
    if _uses_custom_formats(snapshot):
        return Finding(value, "doNotPrefer", "custom-format scores are in use and already rank repacks and propers")
    detail = "no custom-format scores seen yet: switch once TRaSH/Recyclarr custom formats are synced"
    return Finding(value, "doNotPrefer", detail, "low")


def _permissions(snapshot: ConfigSnapshot) -> CheckResult:
    enabled = field_reader(MM, "setPermissionsLinux", BOOLEAN)(snapshot)
    if isinstance(enabled, Skip):
        return enabled
    mode = field_reader(MM, "chmodFolder", TEXT)(snapshot)
    if isinstance(mode, Skip):
        return mode
    if enabled and mode.strip() == "755":
        return Finding(True, False, "chmod 755 locks group members (Plex, SABnzbd) out of new folders")
    return None


def media_rules(app: ArrApp) -> tuple[Rule, ...]:
    """The media-management rules for `app`."""
    title = app.title
    settings = app.settings_url
    return (
        config_rule(
            app,
            key="copy_using_hardlinks",
            resource=MM,
            field="copyUsingHardlinks",
            spec=BOOLEAN,
            fires=equals(False),
            recommended=True,
            category="performance",
            priority="high",
            condition="copyUsingHardlinks is false",
            rationale="Hardlinks and atomic moves avoid copying every import (double space, double I/O).",
            impact="Instant imports with no duplicate disk space.",
            explanation=(
                f"When {title} imports a download it can hardlink (or, for Usenet, atomically move) the file "
                "instead of copying it, provided the download and library folders are on one filesystem. A copy "
                "takes minutes for large files and, for torrents, doubles the space used. TRaSH's hardlink guide "
                "explains the folder layout that makes this work."
            ),
            references=(settings, ref.TRASH_HARDLINKS),
        ),
        config_rule(
            app,
            key="enable_media_info",
            resource=MM,
            field="enableMediaInfo",
            spec=BOOLEAN,
            fires=equals(False),
            recommended=True,
            category="best_practices",
            priority="medium",
            condition="enableMediaInfo is false",
            rationale="Naming tokens (codec, HDR, audio) and quality detection need MediaInfo.",
            impact="Accurate file names and quality detection.",
            explanation=(
                f"With 'Analyze video files' {title} reads codec, resolution, HDR and audio details from each "
                "file. The recommended naming schemes use those tokens, and upgrades rely on knowing the real "
                "quality. TRaSH's naming guide requires it on."
            ),
            references=(app.naming_url, settings),
        ),
        config_rule(
            app,
            key="propers_and_repacks",
            resource=MM,
            field="downloadPropersAndRepacks",
            spec=PROPERS,
            fires=equals("preferAndUpgrade"),
            recommended="doNotPrefer",
            category="best_practices",
            priority="medium",
            condition="downloadPropersAndRepacks is preferAndUpgrade (low until custom-format scores are in use)",
            rationale="With TRaSH custom formats the Repack/Proper format decides; the built-in preference doubles it.",
            impact="No upgrade loops between propers and custom-format scores.",
            explanation=(
                f"{title}'s built-in 'Prefer and Upgrade' treats every proper or repack as an upgrade. When quality "
                "profiles score releases with custom formats (TRaSH guides, Recyclarr), the Repack/Proper custom "
                "format already ranks them, and both mechanisms together cause upgrade loops. TRaSH recommends "
                "'Do Not Prefer' whenever custom formats are used."
            ),
            references=(app.profiles_url,),
            check=_propers,
        ),
        config_rule(
            app,
            key="recycle_bin",
            resource=MM,
            field="recycleBin",
            spec=TEXT,
            fires=lambda value: value.strip() == "",
            recommended="a folder on the library's filesystem",
            category="best_practices",
            priority="medium",
            condition="recycleBin is empty (deleted files are gone for good)",
            rationale="A recycle bin makes deletions, including files replaced by upgrades, recoverable.",
            impact="Accidental deletions can be undone for the cleanup period.",
            explanation=(
                f"Without a recycle bin every file {title} deletes, including the old file of an upgrade, is "
                "removed permanently. With one, deleted files move to that folder and are purged after "
                "recycleBinCleanupDays (7-30 is sensible). Put it on the same filesystem as the library so the "
                "move is instant."
            ),
            references=(settings,),
            advice_only="Needs a folder that exists and is writable: advice only.",
        ),
        config_rule(
            app,
            key="unmonitor_deleted",
            resource=MM,
            field=app.unmonitor_field,
            spec=BOOLEAN,
            fires=equals(False),
            recommended=True,
            category="best_practices",
            priority="low",
            condition=f"{app.unmonitor_field} is false",
            rationale=f"Stops {title} re-downloading {app.media} a user deliberately deleted elsewhere.",
            impact=f"{app.media.capitalize()} deleted in Plex or by cleanup tools stay deleted.",
            explanation=(
                f"When a file disappears outside {title} (deleted in Plex, by Maintainerr, by hand) {title} "
                "notices on the next rescan and, while the item is still monitored, searches for it again. "
                "Unmonitoring deleted items keeps such deletions final; you can always re-monitor by hand. Sonarr "
                "and Radarr both default to off, which suits only libraries nobody prunes."
            ),
            references=(settings,),
        ),
        config_rule(
            app,
            key="import_extra_files",
            resource=MM,
            field="importExtraFiles",
            spec=BOOLEAN,
            fires=equals(False),
            recommended=True,
            category="best_practices",
            priority="low",
            condition="importExtraFiles is false",
            rationale="Subtitles shipped next to the video get imported with it.",
            impact="External subtitles (srt, ass, ...) arrive in the library.",
            explanation=(
                f"By default {title} imports only the video file. With extra files on, it also imports files with "
                "the listed extensions that sit next to the video. Set extraFileExtensions to "
                "'srt,ass,ssa,sub,idx' for subtitles."
            ),
            references=(settings,),
        ),
        config_rule(
            app,
            key="rescan_after_refresh",
            resource=MM,
            field="rescanAfterRefresh",
            spec=RESCAN,
            fires=equals("never"),
            recommended="always",
            category="best_practices",
            priority="medium",
            condition="rescanAfterRefresh is never",
            rationale="With 'never', deletions and changes made outside the app are never noticed.",
            impact=f"{title} knows which files really exist.",
            explanation=(
                f"After refreshing metadata {title} can rescan the media folder to pick up files that were added, "
                "deleted or upgraded outside it. With 'never' its view drifts from the disk: missing files are "
                "not searched for and stray files are not tracked. The default, always, keeps the database and the "
                "disk in step."
            ),
            references=(settings,),
        ),
        config_rule(
            app,
            key="skip_free_space_check",
            resource=MM,
            field="skipFreeSpaceCheckWhenImporting",
            spec=BOOLEAN,
            fires=equals(True),
            recommended=False,
            category="best_practices",
            priority="medium",
            condition="skipFreeSpaceCheckWhenImporting is true",
            rationale="The free-space check stops imports from filling the disk to zero.",
            impact="Imports pause instead of filling the library disk.",
            explanation=(
                f"Before each import {title} checks that the target keeps at least minimumFreeSpaceWhenImporting "
                "free. Skipping the check is only meant for filesystems that report free space wrongly. With it "
                "skipped an import can fill the disk and break every service writing to it."
            ),
            references=(settings,),
        ),
        config_rule(
            app,
            key="minimum_free_space",
            resource=MM,
            field="minimumFreeSpaceWhenImporting",
            spec=FREE_SPACE,
            fires=lambda value: value < 1024,
            recommended=1024,
            category="best_practices",
            priority="medium",
            condition="minimumFreeSpaceWhenImporting is below 1024 MB",
            rationale="100 MB (the validator's floor) leaves no room for the next large import.",
            impact="The library disk keeps a margin for databases, logs and the next import.",
            explanation=(
                f"{title} refuses an import that would leave less free space than this many MB. The minimum the "
                "API accepts is 100, which a single episode or movie can exceed. At least 1024 MB (more for 4K "
                "libraries) keeps the disk usable; this is a sizing suggestion, not an official number."
            ),
            references=(settings,),
        ),
        config_rule(
            app,
            key="set_permissions",
            resource=MM,
            field="setPermissionsLinux",
            spec=BOOLEAN,
            fires=equals(True),
            recommended=False,
            category="security",
            priority="low",
            condition='setPermissionsLinux is true with chmodFolder "755"',
            rationale="chmod only works where the app owns the file; permissions belong to the download client.",
            impact="Shared folders stay writable by the group the services share.",
            explanation=(
                f"{title} can chmod imported folders, but only files it owns, and 755 removes group write access "
                "that Plex or SABnzbd may need. The Servarr wiki advises fixing permissions at the source (umask "
                "and PUID/PGID of the download client). If you keep it on, use 775/664 as TRaSH does."
            ),
            references=(settings,),
            check=_permissions,
        ),
        config_rule(
            app,
            key="delete_empty_folders",
            resource=MM,
            field="deleteEmptyFolders",
            spec=BOOLEAN,
            fires=equals(False),
            recommended=True,
            category="best_practices",
            priority="low",
            condition="deleteEmptyFolders is false",
            rationale="Empty folders left after deletions clutter the library.",
            impact="A tidy library tree.",
            explanation=(
                f"When files are deleted or moved {title} can remove folders that end up empty during the disk "
                "scan. Without it the library accumulates empty series, season and movie folders. Plex and other tools "
                "then keep showing folders with nothing in them."
            ),
            references=(settings,),
        ),
    )
