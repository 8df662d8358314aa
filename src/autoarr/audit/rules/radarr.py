"""Radarr's rules: the shared *arr set for Radarr plus the movie-specific ones."""

from __future__ import annotations

from typing import Final

from autoarr.audit.rules import references as ref
from autoarr.audit.rules.arr_common import ArrApp, config_rule
from autoarr.audit.rules.arr_rules import shared_rules
from autoarr.audit.rules.checks import field_reader
from autoarr.audit.rules.model import CheckResult, Finding, Rule, Skip
from autoarr.audit.rules.values import BOOLEAN, TEXT, VersionRange
from autoarr.audit.snapshot import ARR_INDEXER_CONFIG, ConfigSnapshot

RADARR: Final = ArrApp(
    service="radarr",
    title="Radarr",
    media="movies",
    unmonitor_field="autoUnmonitorPreviouslyDownloadedMovies",
    rename_field="renameMovies",
    standard_format_field="standardMovieFormat",
    standard_format=(
        "{Movie CleanTitle} {(Release Year)} - {{Edition Tags}} {[MediaInfo 3D]}{[Custom Formats]}{[Quality Full]}"
        "{[Mediainfo AudioCodec}{ Mediainfo AudioChannels]}{[MediaInfo VideoDynamicRangeType]}"
        "{[Mediainfo VideoCodec]}{-Release Group}"
    ),
    folder_format_field="movieFolderFormat",
    folder_format="{Movie CleanTitle} ({Release Year})",
    category_field="movieCategory",
    default_category="movies",
    rss_default=30,
    settings_url=ref.RADARR_SETTINGS,
    naming_url=ref.TRASH_RADARR_NAMING,
    profiles_url=ref.TRASH_RADARR_PROFILES,
    auth_url=ref.RADARR_FAQ_AUTH,
    auth_required_versions=VersionRange(minimum="5.0"),
    supported_major=5,
    outdated_priority="medium",
)


def _hardcoded_subs(snapshot: ConfigSnapshot) -> CheckResult:
    allowed = field_reader(ARR_INDEXER_CONFIG, "allowHardcodedSubs", BOOLEAN)(snapshot)
    if isinstance(allowed, Skip):
        return allowed
    whitelist = field_reader(ARR_INDEXER_CONFIG, "whitelistedHardcodedSubs", TEXT)(snapshot)
    if isinstance(whitelist, Skip):
        return whitelist
    if allowed and not whitelist.strip():
        return Finding(True, False, "hard-coded subtitles are accepted from every release")
    return None


RADARR_ONLY: tuple[Rule, ...] = (
    config_rule(
        RADARR,
        key="allow_hardcoded_subs",
        resource=ARR_INDEXER_CONFIG,
        field="allowHardcodedSubs",
        spec=BOOLEAN,
        fires=lambda value: value is True,
        recommended=False,
        category="best_practices",
        priority="low",
        condition="allowHardcodedSubs is true while whitelistedHardcodedSubs is empty",
        rationale="Hard-coded subtitles usually mark a worse release; Radarr rejects them by default.",
        impact="Releases with burned-in subtitles are no longer grabbed.",
        explanation=(
            "Releases with subtitles burned into the picture (often Korean or Chinese web rips) cannot have the "
            "subtitles turned off and are usually re-encodes. Radarr rejects them unless this switch is on. If you "
            "want some of them, list the subtitle tags in whitelistedHardcodedSubs instead of allowing all."
        ),
        references=(ref.RADARR_SETTINGS, ref.TRASH_RADARR_PROFILES),
        check=_hardcoded_subs,
    ),
)

RADARR_RULES: tuple[Rule, ...] = (*shared_rules(RADARR), *RADARR_ONLY)
