"""SABnzbd rules about the queue: article cache, direct unpack, duplicates, history retention, sorting order."""

from __future__ import annotations

from autoarr.audit.rules import references as ref
from autoarr.audit.rules.checks import equals, when
from autoarr.audit.rules.model import CheckResult, Finding, Rule, Skip
from autoarr.audit.rules.sabnzbd_common import (
    BEFORE_4_2,
    BEFORE_4_3,
    FROM_4_2,
    FROM_4_3,
    MISC,
    legacy_retention_removes,
    measured,
    misc,
    misc_path,
    misc_target,
    retention_option_removes,
)
from autoarr.audit.rules.values import FLAG, INTEGER, SIZE, TEXT, ValueSpec, parse_size
from autoarr.audit.snapshot import ConfigSnapshot

DUPES = ValueSpec("choice", choices=(0, 1, 2, 3, 4))  # off, discard, pause, fail to history, tag
RETENTION_OPTIONS = ValueSpec(
    "choice",
    choices=("all", "number-archive", "number-delete", "days-archive", "days-delete", "all-archive", "all-delete"),
)
_HALF_GIGABYTE = 500 * 1024**2


def _cache_limit(snapshot: ConfigSnapshot) -> CheckResult:
    value = misc("cache_limit", SIZE)(snapshot)
    if isinstance(value, Skip):
        return value
    size = parse_size(value)
    if size is None:
        return Finding(value, "1G", "SABnzbd cannot read this size, so it runs without an article cache")
    if size == 0:
        return Finding(value, "1G", "no article cache: every article is written to disk on its own")
    if size < _HALF_GIGABYTE:
        return Finding(value, "1G", "below the 500M floor SABnzbd's own guidance uses", "medium")
    return None


def _direct_unpack(snapshot: ConfigSnapshot) -> CheckResult:
    value = misc("direct_unpack", FLAG)(snapshot)
    if isinstance(value, Skip):
        return value
    disk = measured(snapshot, "downloaddirspeed")
    cpu = measured(snapshot, "pystone")
    slow = (disk is not None and disk < 40) or (cpu is not None and cpu < 100_000)
    if value == 0 and not slow:
        return Finding(0, 1, "no measurement says the disk or CPU is too slow for unpacking while downloading")
    if value == 1 and slow:
        return Finding(
            1, 0, f"fullstatus measured disk {disk} MB/s, pystone {cpu}: unpacking competes with downloading"
        )
    return None


def _history_retention_option(snapshot: ConfigSnapshot) -> CheckResult:
    option = misc("history_retention_option", RETENTION_OPTIONS)(snapshot)
    if isinstance(option, Skip):
        return option
    number = misc("history_retention_number", INTEGER)(snapshot)
    if isinstance(number, Skip):
        return number
    if not retention_option_removes(option, number):
        return None
    return Finding({"history_retention_option": option, "history_retention_number": number}, "all")


RULES: tuple[Rule, ...] = (
    Rule(
        id="sabnzbd.cache_limit",
        service="sabnzbd",
        setting_name="cache_limit",
        setting_path=misc_path("cache_limit"),
        resources=MISC,
        category="performance",
        priority="high",
        condition='cache_limit is empty or "0" (high), or below 500M (medium)',
        recommended_value="1G",
        rationale="The article cache batches writes; without it every article hits the disk on its own.",
        impact="Fewer disk writes and a higher sustained download speed.",
        explanation=(
            "SABnzbd keeps downloaded articles in memory until a file can be assembled, so a small or missing "
            "cache turns every article into a separate disk write. On first start SABnzbd sizes the cache from "
            "RAM (25 % capped at 1G), but on some Linux installs it cannot read RAM and leaves it empty. "
            "SABnzbd's Direct Write page suggests 500M to 1000M; 1G is a safe value on any host with 4 GB of RAM "
            "or more (use about a quarter of RAM on smaller hosts, never below 500M)."
        ),
        references=(ref.SAB_GENERAL, ref.SAB_DIRECT_WRITE),
        applicable=misc_target("cache_limit", "1G"),
        apply_note="Check the host has at least 4 GB of RAM; on smaller hosts use about 25 % of RAM instead.",
        value_spec=ValueSpec("size", minimum=_HALF_GIGABYTE),
        check=_cache_limit,
    ),
    Rule(
        id="sabnzbd.direct_unpack",
        service="sabnzbd",
        setting_name="direct_unpack",
        setting_path=misc_path("direct_unpack"),
        resources=MISC,
        category="performance",
        priority="medium",
        condition=(
            "direct_unpack is 0 while the hardware is not measured as slow; or 1 while fullstatus measured the "
            "download folder below 40 MB/s or pystone below 100 000"
        ),
        recommended_value=1,
        rationale="Unpacking while downloading shortens post-processing, but doubles disk work on slow disks.",
        impact="Faster time from 'downloaded' to 'imported' on capable hardware.",
        explanation=(
            "With Direct Unpack SABnzbd starts extracting RAR sets while the rest of the job still downloads, so "
            "the job is ready for Sonarr or Radarr almost as soon as the last article arrives. SABnzbd enables it "
            "itself on first run when the disk is faster than 40 MB/s. On slow disks or weak CPUs the unpacking "
            "competes with the download and both get slower, so the rule recommends turning it off there."
        ),
        references=(ref.SAB_SWITCHES, ref.SAB_HIGHSPEED, ref.TRASH_SAB_BASIC),
        applicable=misc_target("direct_unpack", "1"),
        value_spec=FLAG,
        check=_direct_unpack,
    ),
    Rule(
        id="sabnzbd.pre_check",
        service="sabnzbd",
        setting_name="pre_check",
        setting_path=misc_path("pre_check"),
        resources=MISC,
        category="best_practices",
        priority="medium",
        condition="pre_check is 1",
        recommended_value=0,
        rationale="Checking every job before download slows the queue and hampers Sonarr's download tracking.",
        impact="A faster queue with fewer jobs stuck in 'Checking'.",
        explanation=(
            "Check before download asks the server for every article of a job before fetching any of it. "
            "Sonarr's own validation warns that this hampers its tracking of new downloads. Aborting hopeless "
            "jobs (fail_hopeless_jobs) reaches the same goal during the download without the delay."
        ),
        references=(ref.SAB_SWITCHES, ref.SONARR_SABNZBD_SOURCE),
        applicable=misc_target("pre_check", "0"),
        value_spec=FLAG,
        check=when(misc("pre_check", FLAG), fires=equals(1), recommend=0),
    ),
    Rule(
        id="sabnzbd.fail_hopeless_jobs",
        service="sabnzbd",
        setting_name="fail_hopeless_jobs",
        setting_path=misc_path("fail_hopeless_jobs"),
        resources=MISC,
        category="best_practices",
        priority="high",
        condition="fail_hopeless_jobs is 0",
        recommended_value=1,
        rationale="Failing a job as soon as it cannot be repaired lets Sonarr/Radarr blocklist it and grab another.",
        impact="No more hours spent downloading releases that can never complete.",
        explanation=(
            "When too many articles are missing for par2 to repair a job, SABnzbd can abort it at once instead of "
            "downloading the rest. The failed job goes to history, where Sonarr or Radarr see the failure, "
            "blocklist the release and search for another. With the switch off the doomed job keeps the line "
            "busy until the end and then fails anyway."
        ),
        references=(ref.TRASH_SAB_BASIC, ref.SAB_SWITCHES),
        applicable=misc_target("fail_hopeless_jobs", "1"),
        value_spec=FLAG,
        check=when(misc("fail_hopeless_jobs", FLAG), fires=equals(0), recommend=1),
    ),
    Rule(
        id="sabnzbd.no_dupes",
        service="sabnzbd",
        setting_name="no_dupes",
        setting_path=misc_path("no_dupes"),
        resources=MISC,
        category="best_practices",
        priority="medium",
        condition="no_dupes is 1 (discard)",
        recommended_value=4,
        rationale="'Discard' silently drops a job the *arr apps believe they grabbed, so they wait forever.",
        impact="Duplicates stay visible (tagged) instead of vanishing.",
        explanation=(
            "Identical-duplicate detection compares a new NZB with the history and the NZB backup folder. With "
            "'Discard' the job is thrown away without a trace, while Sonarr or Radarr still track it as grabbed "
            "and never retry. Tagging (4) keeps the job visible; off (0) is also fine on a box fed only by the "
            "*arr apps, which do their own duplicate handling."
        ),
        references=(ref.TRASH_SAB_BASIC, ref.SAB_DUPLICATES),
        applicable=misc_target("no_dupes", "4"),
        value_spec=DUPES,
        check=when(misc("no_dupes", DUPES), fires=equals(1), recommend=4),
    ),
    Rule(
        id="sabnzbd.no_series_dupes",
        service="sabnzbd",
        setting_name="no_series_dupes",
        setting_path=misc_path("no_series_dupes"),
        resources=MISC,
        category="best_practices",
        priority="high",
        condition="no_series_dupes is 1, 2 or 3 (discard, pause or fail an 'episode already downloaded')",
        recommended_value=0,
        rationale="Series duplicate detection treats quality upgrades and propers as duplicates of the old episode.",
        impact="Upgrades and repacks grabbed by Sonarr download instead of being paused or dropped.",
        explanation=(
            "Before SABnzbd 4.2 the series duplicate check matched only show, season and episode, so a 1080p "
            "upgrade of an episode already downloaded in 720p counted as a duplicate. Sonarr decides what is an "
            "upgrade; when SABnzbd then pauses, fails or discards the job, the upgrade never happens. Turn the "
            "check off (0) or at most tag (4) on a box that Sonarr or Radarr feed."
        ),
        references=(ref.SAB_DUPLICATES, ref.SAB_SWITCHES),
        versions=BEFORE_4_2,
        applicable=misc_target("no_series_dupes", "0"),
        value_spec=DUPES,
        check=when(misc("no_series_dupes", DUPES), fires=equals(1, 2, 3), recommend=0),
    ),
    Rule(
        id="sabnzbd.no_smart_dupes",
        service="sabnzbd",
        setting_name="no_smart_dupes",
        setting_path=misc_path("no_smart_dupes"),
        resources=MISC,
        category="best_practices",
        priority="high",
        condition="no_smart_dupes is 1, 2 or 3 (discard, pause or fail)",
        recommended_value=0,
        rationale="Smart duplicate detection treats S11E23.1080p and S11E23.480p, and movie re-releases, as one item.",
        impact="Upgrades and propers grabbed by Sonarr/Radarr download normally.",
        explanation=(
            "SABnzbd 4.2 replaced the series duplicate check with 'smart' detection that also covers movies and "
            "dated shows. It still ignores quality, so an upgrade Sonarr or Radarr chose deliberately is paused, "
            "failed or discarded as a duplicate. Leave duplicate decisions to the *arr apps: set it to off (0) "
            "or tag (4)."
        ),
        references=(ref.SAB_DUPLICATES,),
        versions=FROM_4_2,
        applicable=misc_target("no_smart_dupes", "0"),
        value_spec=DUPES,
        check=when(misc("no_smart_dupes", DUPES), fires=equals(1, 2, 3), recommend=0),
    ),
    Rule(
        id="sabnzbd.history_retention",
        service="sabnzbd",
        setting_name="history_retention",
        setting_path=misc_path("history_retention"),
        resources=MISC,
        category="best_practices",
        priority="high",
        condition='history_retention is not "0" (keep all) and not "<n>d" with n >= 14',
        recommended_value="0",
        rationale="Sonarr/Radarr only import what is still in SABnzbd's history.",
        impact="No more 'download disappeared before import'.",
        explanation=(
            "Completed Download Handling finds finished jobs in SABnzbd's history; a job removed from history "
            "before the *arr app looked at it is never imported. Sonarr's SABnzbd client flags any retention "
            "other than 'keep all' or at least 14 days as removing completed downloads and raises a health "
            "warning. Keep everything and let Sonarr/Radarr remove jobs after import."
        ),
        references=(ref.SONARR_SABNZBD_SOURCE, ref.SAB_SWITCHES, ref.TRASH_SAB_BASIC),
        versions=BEFORE_4_3,
        applicable=misc_target("history_retention", "0"),
        value_spec=TEXT,
        check=when(misc("history_retention", TEXT), fires=legacy_retention_removes, recommend="0"),
    ),
    Rule(
        id="sabnzbd.history_retention_option",
        service="sabnzbd",
        setting_name="history_retention_option",
        setting_path=misc_path("history_retention_option", "history_retention_number"),
        resources=MISC,
        category="best_practices",
        priority="high",
        condition="history_retention_option is number-*, all-archive or all-delete, or days-* with fewer than 14 days",
        recommended_value="all",
        rationale="Sonarr/Radarr only import what is still in SABnzbd's history.",
        impact="No more 'download disappeared before import'.",
        explanation=(
            "SABnzbd 4.3 split history retention into an option and a number. Sonarr and Radarr treat any "
            "number-based option, the all-archive/all-delete options and fewer than 14 days as 'removes completed "
            "downloads', which can hide a finished job before it is imported. Keep all history ('all') and let "
            "the *arr apps remove jobs once imported, or keep at least 14 days."
        ),
        references=(ref.SONARR_SABNZBD_SOURCE, ref.SAB_SWITCHES, ref.TRASH_SAB_BASIC),
        versions=FROM_4_3,
        applicable=misc_target("history_retention_option", "all"),
        value_spec=RETENTION_OPTIONS,
        check=_history_retention_option,
    ),
    Rule(
        id="sabnzbd.auto_sort",
        service="sabnzbd",
        setting_name="auto_sort",
        setting_path=misc_path("auto_sort"),
        resources=MISC,
        category="performance",
        priority="low",
        condition="auto_sort is not empty (the queue is re-sorted automatically)",
        recommended_value="",
        rationale="Re-sorting the queue continuously costs CPU and can reorder jobs mid-unpack.",
        impact="A steadier queue in the order Sonarr/Radarr set with priorities.",
        explanation=(
            "Automatic sorting reorders the whole queue by age, size or name on every change. The *arr apps "
            "already send jobs with priorities, and constant reordering can interrupt the job being processed. "
            "TRaSH's SABnzbd guide leaves it off."
        ),
        references=(ref.TRASH_SAB_BASIC,),
        applicable=misc_target("auto_sort", ""),
        value_spec=TEXT,
        check=when(misc("auto_sort", TEXT), fires=lambda value: value.strip() != "", recommend=""),
    ),
    Rule(
        id="sabnzbd.new_nzb_on_failure",
        service="sabnzbd",
        setting_name="new_nzb_on_failure",
        setting_path=misc_path("new_nzb_on_failure"),
        resources=MISC,
        category="best_practices",
        priority="low",
        condition="new_nzb_on_failure is 1",
        recommended_value=0,
        rationale="Only Sonarr/Radarr should retry a failed release, so that they can blocklist it (inference).",
        impact="One retry loop: SABnzbd fails fast, the *arr app blocklists and searches again.",
        explanation=(
            "With this switch SABnzbd asks the indexer for another NZB itself when a job fails. Sonarr and Radarr "
            "do not see that replacement, so their failed-download handling and blocklist get out of step with "
            "what SABnzbd downloads. This is an inference from how the failure loop works rather than a quoted "
            "guideline, hence the low priority."
        ),
        references=(ref.SAB_SWITCHES, ref.SONARR_SETTINGS),
        applicable=misc_target("new_nzb_on_failure", "0"),
        value_spec=FLAG,
        check=when(misc("new_nzb_on_failure", FLAG), fires=equals(1), recommend=0),
    ),
)
