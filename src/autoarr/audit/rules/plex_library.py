"""Plex rules about library scanning, media analysis and database maintenance."""

from __future__ import annotations

from autoarr.audit.rules import references as ref
from autoarr.audit.rules.checks import equals, pref_reader
from autoarr.audit.rules.model import CheckResult, Finding, Rule, Skip
from autoarr.audit.rules.plex_common import BEHAVIOUR, pref_rule
from autoarr.audit.rules.values import BOOLEAN, ValueSpec
from autoarr.audit.snapshot import ConfigSnapshot

SCAN_INTERVAL = ValueSpec("choice", choices=(900, 1800, 3600, 7200, 21600, 43200, 86400))


def _scan_interval(snapshot: ConfigSnapshot) -> CheckResult:
    enabled = pref_reader("ScheduledLibraryUpdatesEnabled", BOOLEAN)(snapshot)
    if isinstance(enabled, Skip):
        return enabled
    interval = pref_reader("ScheduledLibraryUpdateInterval", SCAN_INTERVAL)(snapshot)
    if isinstance(interval, Skip):
        return interval
    if enabled and interval < 3600:
        return Finding(interval, 3600, f"a full scan of every library every {interval // 60} minutes")
    return None


def _preview_thumbnails(snapshot: ConfigSnapshot) -> CheckResult:
    value = pref_reader("GenerateBIFBehavior", BEHAVIOUR)(snapshot)
    if isinstance(value, Skip):
        return value
    if value == "asap":
        return Finding(value, "never", "thumbnails for every new file as soon as it is added")
    if value == "scheduled":
        return Finding(value, "never", "fine on strong hardware with disk to spare", "low")
    return None


def _analysis(key: str, pref: str, what: str) -> Rule:
    return pref_rule(
        key=key,
        pref=pref,
        spec=BEHAVIOUR,
        fires=equals("asap"),
        recommended="scheduled",
        category="performance",
        priority="low",
        condition=f"{pref} is asap (as a scheduled task and when media is added)",
        rationale=f"{what} is heavy work better batched into the nightly maintenance window.",
        impact="Imports no longer trigger CPU-heavy analysis while people watch.",
        explanation=(
            f"'As a scheduled task and when media is added' starts {what.lower()} the moment Sonarr or Radarr "
            "import a file, competing with playback and transcoding. 'As a scheduled task' does the same work in "
            "the butler window at night. TRaSH's Plex guide suggests the scheduled setting; the pref may be absent "
            "on servers without Plex Pass, in which case the rule is skipped."
        ),
        references=(ref.TRASH_PLEX, ref.PLEX_PREFS_SUMMARY),
    )


def _butler(key: str, pref: str, what: str, why: str) -> Rule:
    return pref_rule(
        key=key,
        pref=pref,
        spec=BOOLEAN,
        fires=equals(False),
        recommended=True,
        category="best_practices",
        priority="low",
        condition=f"{pref} is false",
        rationale=why,
        impact=f"{what} runs in the maintenance window again.",
        explanation=(
            f"Plex's butler runs maintenance tasks between ButlerStartHour and ButlerEndHour (2 to 5 am by "
            f"default). {what} is one of them and is on by default. {why} Turn it back on in Settings > "
            "Scheduled Tasks."
        ),
        references=(ref.PLEX_PREFS_SUMMARY,),
    )


RULES: tuple[Rule, ...] = (
    pref_rule(
        key="fs_event_updates",
        pref="FSEventLibraryUpdatesEnabled",
        spec=BOOLEAN,
        fires=equals(False),
        recommended=True,
        category="performance",
        priority="medium",
        condition="FSEventLibraryUpdatesEnabled is false",
        rationale="Change-triggered scans are cheaper and faster than periodic full scans.",
        impact="New episodes and movies appear in Plex within seconds of the import.",
        explanation=(
            "'Scan my library automatically' makes Plex watch the library folders and scan as soon as a file "
            "appears. Without it new imports only show up after the next periodic scan or a Sonarr/Radarr "
            "connection refresh. On network mounts where change events never arrive, rely on the *arr Plex "
            "connection instead."
        ),
        references=(ref.PLEX_LIBRARY, ref.TRASH_PLEX),
    ),
    pref_rule(
        key="partial_scan",
        pref="FSEventLibraryPartialScanEnabled",
        spec=BOOLEAN,
        fires=equals(False),
        recommended=True,
        category="performance",
        priority="medium",
        condition="FSEventLibraryPartialScanEnabled is false",
        rationale="A partial scan reads only the changed folder instead of the whole library.",
        impact="Less disk churn on every import.",
        explanation=(
            "When a change is detected Plex can scan just the folder that changed. Without partial scans every "
            "change triggers a scan of the whole library section, which on large libraries keeps disks busy for "
            "minutes. It needs automatic scanning (FSEventLibraryUpdatesEnabled) to be on."
        ),
        references=(ref.PLEX_LIBRARY, ref.TRASH_PLEX),
    ),
    pref_rule(
        key="scheduled_scan_interval",
        pref="ScheduledLibraryUpdateInterval",
        spec=SCAN_INTERVAL,
        fires=lambda value: value < 3600,
        recommended=3600,
        category="performance",
        priority="low",
        condition="ScheduledLibraryUpdatesEnabled is true with ScheduledLibraryUpdateInterval below 3600 s",
        rationale="Frequent periodic full scans cost disk I/O for nothing when change events work.",
        impact="Disks stay idle between imports.",
        explanation=(
            "Periodic scans walk every library folder. With change-triggered scans (or the Sonarr/Radarr Plex "
            "connection) they only catch what those missed, so hourly or less often is plenty; TRaSH turns them "
            "off entirely. Keep them frequent only where the OS sends no change events (SMB/NFS/FUSE mounts), and "
            "even then not below an hour."
        ),
        references=(ref.PLEX_LIBRARY, ref.TRASH_PLEX),
        check=_scan_interval,
    ),
    pref_rule(
        key="scanner_low_priority",
        pref="ScannerLowPriority",
        spec=BOOLEAN,
        fires=equals(False),
        recommended=True,
        category="performance",
        priority="medium",
        condition="ScannerLowPriority is false",
        rationale="Scanners should yield to streaming on low-power hosts.",
        impact="Playback stays smooth while a scan runs.",
        explanation=(
            "Library scans and media analysis can saturate a small CPU. Running them at a lower priority lets the "
            "transcoder and the streaming threads go first, so a scan triggered by an import does not make a movie "
            "buffer. TRaSH suggests turning it on."
        ),
        references=(ref.TRASH_PLEX, ref.PLEX_LIBRARY),
    ),
    pref_rule(
        key="preview_thumbnails",
        pref="GenerateBIFBehavior",
        spec=BEHAVIOUR,
        fires=equals("asap", "scheduled"),
        recommended="never",
        category="performance",
        priority="high",
        condition="GenerateBIFBehavior is asap (high) or scheduled (low)",
        rationale="Preview thumbnails read whole files, cost a lot of CPU and fill the app-data disk.",
        impact="Large CPU and disk savings during imports.",
        explanation=(
            "Video preview thumbnails (the images shown while seeking) are made by decoding the whole file. With "
            "'asap' this happens for every import, on top of the scan, and the thumbnails can take gigabytes in "
            "Plex's app-data folder. TRaSH suggests never; scheduled is acceptable on strong hardware with disk "
            "to spare. Libraries can also switch it off per section (enableBIFGeneration)."
        ),
        references=(ref.PLEX_PREVIEW_THUMBNAILS, ref.PLEX_LIBRARY, ref.TRASH_PLEX),
        check=_preview_thumbnails,
    ),
    _analysis("chapter_thumbnails", "GenerateChapterThumbBehavior", "Chapter thumbnail generation"),
    _analysis("loudness_analysis", "LoudnessAnalysisBehavior", "Loudness analysis"),
    _analysis("intro_markers", "GenerateIntroMarkerBehavior", "Intro detection"),
    _analysis("credits_markers", "GenerateCreditsMarkerBehavior", "Credits detection"),
    pref_rule(
        key="auto_empty_trash",
        pref="autoEmptyTrash",
        spec=BOOLEAN,
        fires=equals(False),
        recommended=True,
        category="best_practices",
        priority="medium",
        condition="autoEmptyTrash is false",
        rationale="Without it, deleted or upgraded files stay in Plex as unavailable items.",
        impact="Upgrades replace items cleanly instead of leaving 'unavailable' duplicates.",
        explanation=(
            "When Sonarr or Radarr upgrade a file, the old one disappears and Plex marks it as trash. Emptying the "
            "trash after each scan removes those entries; TRaSH suggests it on. The exception is libraries on "
            "mounts that can drop (SMB, NFS, rclone): a scan during an outage would then wipe library entries and "
            "watch state, so there empty the trash by hand."
        ),
        references=(ref.PLEX_LIBRARY, ref.TRASH_PLEX, ref.AUTOSCAN_ISSUE_52),
        advice_only="Unsafe when libraries live on mounts that can drop out: check your storage, then enable it.",
    ),
    _butler("backup_database", "ButlerTaskBackupDatabase", "The database backup", "Backups are the only undo."),
    _butler(
        "optimize_database",
        "ButlerTaskOptimizeDatabase",
        "Database optimisation",
        "An unoptimised database slows browsing as the library grows.",
    ),
)
