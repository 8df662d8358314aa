"""Sonarr's rules: the shared *arr set for Sonarr plus the episode-specific naming and import rules."""

from __future__ import annotations

from typing import Final

from autoarr.audit.rules import references as ref
from autoarr.audit.rules.arr_common import ArrApp, config_rule
from autoarr.audit.rules.arr_rules import shared_rules
from autoarr.audit.rules.checks import equals
from autoarr.audit.rules.model import Rule
from autoarr.audit.rules.values import TEXT, ValueSpec, VersionRange
from autoarr.audit.snapshot import ARR_MEDIA_MANAGEMENT, ARR_NAMING

SONARR: Final = ArrApp(
    service="sonarr",
    title="Sonarr",
    media="episodes",
    unmonitor_field="autoUnmonitorPreviouslyDownloadedEpisodes",
    rename_field="renameEpisodes",
    standard_format_field="standardEpisodeFormat",
    standard_format=(
        "{Series CleanTitleWithoutYear} {(Series Year)} - S{season:00}E{episode:00} - {Episode CleanTitle:90} "
        "{[Custom Formats]}{[Quality Full]}{[Mediainfo AudioCodec}{ Mediainfo AudioChannels]}"
        "{[MediaInfo VideoDynamicRangeType]}{[Mediainfo VideoCodec]}{-Release Group}"
    ),
    folder_format_field="seriesFolderFormat",
    folder_format="{Series CleanTitleWithoutYear} {(Series Year)}",
    category_field="tvCategory",
    default_category="tv",
    rss_default=15,
    settings_url=ref.SONARR_SETTINGS,
    naming_url=ref.TRASH_SONARR_NAMING,
    profiles_url=ref.TRASH_SONARR_PROFILES,
    auth_url=ref.SONARR_FAQ_V4_AUTH,
    auth_required_versions=VersionRange(minimum="4.0"),
    supported_major=4,
    outdated_priority="high",
)
TITLE_REQUIRED = ValueSpec("choice", choices=("always", "bulkSeasonReleases", "never"))
MULTI_EPISODE = ValueSpec("choice", choices=(0, 1, 2, 3, 4, 5))  # extend .. prefixed range

SONARR_ONLY: tuple[Rule, ...] = (
    config_rule(
        SONARR,
        key="episode_title_required",
        resource=ARR_MEDIA_MANAGEMENT,
        field="episodeTitleRequired",
        spec=TITLE_REQUIRED,
        fires=equals("always"),
        recommended="bulkSeasonReleases",
        category="best_practices",
        priority="low",
        condition="episodeTitleRequired is always",
        rationale="'Always' holds every import until the episode title is known; only season packs need to wait.",
        impact="Single episodes import immediately, even before their title is announced.",
        explanation=(
            "With 'Always' Sonarr refuses to import an episode whose title is still TBA, for up to 48 hours, so "
            "that the file name gets the real title. The Servarr wiki recommends 'Only for Bulk Season Releases': "
            "single episodes import at once and only season packs wait. Episodes imported with a TBA title are renamed "
            "later when the title is known."
        ),
        references=(ref.SONARR_SETTINGS,),
    ),
    config_rule(
        SONARR,
        key="season_folder_format",
        resource=ARR_NAMING,
        field="seasonFolderFormat",
        spec=TEXT,
        fires=lambda value: value != "Season {season:00}",
        recommended="Season {season:00}",
        category="best_practices",
        priority="low",
        condition='seasonFolderFormat is not "Season {season:00}" (the default is "Season {season}")',
        rationale="Zero-padded season folders sort correctly and match TRaSH's scheme.",
        impact="Season 10 sorts after season 9 everywhere.",
        explanation=(
            "Sonarr's default 'Season {season}' gives 'Season 1' ... 'Season 10', which many file browsers sort as "
            "1, 10, 2. TRaSH's naming guide uses 'Season {season:00}'. Existing folders are renamed when Sonarr "
            "renames the series."
        ),
        references=(ref.TRASH_SONARR_NAMING,),
    ),
    config_rule(
        SONARR,
        key="multi_episode_style",
        resource=ARR_NAMING,
        field="multiEpisodeStyle",
        spec=MULTI_EPISODE,
        fires=lambda value: value != 5,
        recommended=5,
        category="best_practices",
        priority="low",
        condition="multiEpisodeStyle is not 5 (prefixed range)",
        rationale="Prefixed range (S01E01-E03) is what TRaSH recommends and Sonarr's default.",
        impact="Multi-episode files are named the way Plex parses best.",
        explanation=(
            "Files holding several episodes need a style for the episode numbers. TRaSH recommends prefixed range "
            "(5, 'S01E01-E03', also Sonarr's default); the Servarr wiki suggests scene (3). The sources disagree, "
            "so this is low priority and a matter of taste once Plex parses your files correctly."
        ),
        references=(ref.TRASH_SONARR_NAMING, ref.SONARR_SETTINGS),
    ),
)

SONARR_RULES: tuple[Rule, ...] = (*shared_rules(SONARR), *SONARR_ONLY)
