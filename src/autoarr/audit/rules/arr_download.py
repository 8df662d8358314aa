"""Sonarr/Radarr rules about grabbing and importing: download handling, RSS, download clients, indexers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from autoarr.audit.rules import references as ref
from autoarr.audit.rules.arr_common import ArrApp, arr_path, config_rule, provider_field, rule_id
from autoarr.audit.rules.checks import equals, list_resource
from autoarr.audit.rules.model import Category, CheckResult, Finding, Priority, Rule, Skip
from autoarr.audit.rules.values import BOOLEAN, ValueSpec
from autoarr.audit.snapshot import (
    ARR_DOWNLOAD_CLIENT_CONFIG,
    ARR_DOWNLOAD_CLIENTS,
    ARR_INDEXER_CONFIG,
    ARR_INDEXERS,
    ConfigSnapshot,
)

Row = Mapping[str, Any]
PROVIDER_NOTE = "A per-provider setting (PUT /api/v3/downloadclient/{id} or /indexer/{id}): advice only."
RSS_INTERVAL = ValueSpec("integer", minimum=10, maximum=120, choices=(0,))
RETENTION = ValueSpec("integer", minimum=0)


def _sabnzbd_clients(
    app: ArrApp, judge: Callable[[Row], Any | None], *, recommend: Any
) -> Callable[[ConfigSnapshot], CheckResult]:
    """Fire with {client name: judged value} for each SABnzbd download client `judge` objects to."""

    def check(snapshot: ConfigSnapshot) -> CheckResult:
        rows = list_resource(snapshot, ARR_DOWNLOAD_CLIENTS)
        if isinstance(rows, Skip):
            return rows
        clients = [row for row in rows if row.get("implementation") == "Sabnzbd"]
        if not clients:
            return Skip(f"not applicable: {app.title} has no SABnzbd download client")
        bad = {str(row.get("name")): judged for row in clients if (judged := judge(row)) is not None}
        return Finding(bad, recommend) if bad else None

    return check


def _flag_false(key: str) -> Callable[[Row], Any | None]:
    return lambda row: row.get(key) if row.get(key) is False else None


def _none_enabled(resource: str, key: str, what: str) -> Callable[[ConfigSnapshot], CheckResult]:
    def check(snapshot: ConfigSnapshot) -> CheckResult:
        rows = list_resource(snapshot, resource)
        if isinstance(rows, Skip):
            return rows
        if any(row.get(key) is True for row in rows):
            return None
        return Finding({str(row.get("name")): row.get(key) for row in rows}, True, f"no {what}")

    return check


def _provider_rule(
    app: ArrApp,
    *,
    key: str,
    resource: str,
    field: str,
    check: Callable[[ConfigSnapshot], CheckResult],
    recommended: Any,
    priority: Priority,
    condition: str,
    rationale: str,
    impact: str,
    explanation: str,
    category: Category = "best_practices",
    extra_references: tuple[str, ...] = (),
) -> Rule:
    return Rule(
        id=rule_id(app, key),
        service=app.service,
        setting_name=field,
        setting_path=arr_path(resource, f"[*].{field}"),
        resources=(resource,),
        category=category,
        priority=priority,
        condition=condition,
        recommended_value=recommended,
        rationale=rationale,
        impact=impact,
        explanation=explanation,
        references=(app.settings_url, *extra_references),
        apply_note=PROVIDER_NOTE,
        check=check,
    )


def download_rules(app: ArrApp) -> tuple[Rule, ...]:
    """The download-handling, RSS, download-client and indexer rules for `app`."""
    title = app.title
    settings = app.settings_url
    blank_category = _sabnzbd_clients(
        app, lambda row: "" if not provider_field(row, app.category_field) else None, recommend=app.default_category
    )
    return (
        config_rule(
            app,
            key="completed_download_handling",
            resource=ARR_DOWNLOAD_CLIENT_CONFIG,
            field="enableCompletedDownloadHandling",
            spec=BOOLEAN,
            fires=equals(False),
            recommended=True,
            category="best_practices",
            priority="critical",
            condition="enableCompletedDownloadHandling is false",
            rationale=f"Without Completed Download Handling {title} imports nothing from SABnzbd.",
            impact="Finished downloads are imported automatically again.",
            explanation=(
                f"Completed Download Handling is how {title} notices that SABnzbd finished a job, imports the "
                "files into the library and removes the job. Turned off, finished downloads pile up in SABnzbd's "
                "complete folder and the app raises the 'Enable Completed Download Handling' health warning. This "
                "is the single most important switch of a Usenet setup."
            ),
            references=(settings, ref.TRASH_SAB_BASIC),
        ),
        config_rule(
            app,
            key="auto_redownload_failed",
            resource=ARR_DOWNLOAD_CLIENT_CONFIG,
            field="autoRedownloadFailed",
            spec=BOOLEAN,
            fires=equals(False),
            recommended=True,
            category="best_practices",
            priority="high",
            condition="autoRedownloadFailed is false",
            rationale=f"On a failed download {title} should blocklist the release and search for another.",
            impact="Failed downloads are replaced without anyone stepping in.",
            explanation=(
                f"When SABnzbd fails a job (missing articles, passworded, unwanted extension) {title} blocklists "
                "that release. With automatic redownload it immediately searches for another release; without it "
                f"the {app.media} stay missing until the next manual or scheduled search. Both apps default to on."
            ),
            references=(settings, ref.TRASH_SAB_BASIC),
        ),
        config_rule(
            app,
            key="auto_redownload_failed_interactive",
            resource=ARR_DOWNLOAD_CLIENT_CONFIG,
            field="autoRedownloadFailedFromInteractiveSearch",
            spec=BOOLEAN,
            fires=equals(False),
            recommended=True,
            category="best_practices",
            priority="low",
            condition="autoRedownloadFailedFromInteractiveSearch is false",
            rationale="Releases picked by hand deserve the same automatic replacement when they fail.",
            impact="A hand-picked release that fails is replaced automatically too.",
            explanation=(
                f"This switch extends automatic redownload to releases grabbed from an interactive search. Off, a "
                f"failed hand-picked release leaves the item missing until you search again. {title}'s default "
                "is on."
            ),
            references=(settings,),
        ),
        config_rule(
            app,
            key="rss_sync_interval",
            resource=ARR_INDEXER_CONFIG,
            field="rssSyncInterval",
            spec=RSS_INTERVAL,
            fires=equals(0),
            recommended=app.rss_default,
            category="best_practices",
            priority="critical",
            condition="rssSyncInterval is 0 (RSS sync disabled)",
            rationale=f"At 0 {title} never grabs new releases by itself.",
            impact="New releases are grabbed automatically again.",
            explanation=(
                f"RSS sync is how {title} learns about new releases: every interval it reads the indexers' feeds "
                "and grabs what matches monitored items. At 0 the sync is off and only manual or scheduled "
                f"searches find anything. The API accepts 0 or 10-120 minutes; {title}'s default is "
                f"{app.rss_default}."
            ),
            references=(settings,),
        ),
        config_rule(
            app,
            key="indexer_retention",
            resource=ARR_INDEXER_CONFIG,
            field="retention",
            spec=RETENTION,
            fires=lambda value: 0 < value < 3000,
            recommended=0,
            category="best_practices",
            priority="low",
            condition="retention is set (non-zero) below 3000 days",
            rationale="A retention below the provider's hides valid older releases.",
            impact="Older releases that your provider still has can be grabbed.",
            explanation=(
                f"Indexer retention makes {title} ignore releases older than this many days. Major Usenet "
                "providers keep well over 3000 days, so a lower figure hides releases you could download. Use 0 "
                "(unlimited) or exactly your provider's retention."
            ),
            references=(settings,),
        ),
        _provider_rule(
            app,
            key="download_client_enabled",
            resource=ARR_DOWNLOAD_CLIENTS,
            field="enable",
            check=_none_enabled(ARR_DOWNLOAD_CLIENTS, "enable", "download client is enabled"),
            recommended=True,
            priority="critical",
            condition="no download client is enabled (or none is configured)",
            rationale=f"With no enabled download client {title} cannot grab anything.",
            impact="Grabs reach SABnzbd again.",
            explanation=(
                f"Every grab goes to an enabled download client. With none enabled {title} finds releases and then "
                "drops them with 'No download client is available'. Enable the SABnzbd client (and test it) in "
                "Settings > Download Clients."
            ),
        ),
        _provider_rule(
            app,
            key="remove_completed_downloads",
            resource=ARR_DOWNLOAD_CLIENTS,
            field="removeCompletedDownloads",
            check=_sabnzbd_clients(app, _flag_false("removeCompletedDownloads"), recommend=True),
            recommended=True,
            priority="high",
            condition="a SABnzbd client has removeCompletedDownloads false",
            rationale=f"{title} should remove jobs from SABnzbd's history once it imported them.",
            impact="SABnzbd's history stays short and only holds what still needs attention.",
            explanation=(
                f"After an import {title} can remove the job from SABnzbd's history (its own history keeps the "
                "record). Off, SABnzbd's history grows without end, and with SABnzbd set to keep all history, "
                "nothing else ever cleans it. TRaSH recommends letting the *arr apps remove completed downloads."
            ),
            extra_references=(ref.TRASH_SAB_BASIC,),
        ),
        _provider_rule(
            app,
            key="remove_failed_downloads",
            resource=ARR_DOWNLOAD_CLIENTS,
            field="removeFailedDownloads",
            check=_sabnzbd_clients(app, _flag_false("removeFailedDownloads"), recommend=True),
            recommended=True,
            priority="high",
            condition="a SABnzbd client has removeFailedDownloads false",
            rationale="Failed jobs should leave SABnzbd once the release is blocklisted.",
            impact="Failed jobs do not linger in SABnzbd's history.",
            explanation=(
                f"When a job fails {title} blocklists the release and (with automatic redownload) searches again. "
                "Removing the failed job from SABnzbd completes that loop; leaving it keeps clutter and disk space "
                "from partial downloads. Both apps default to removing failed downloads."
            ),
        ),
        _provider_rule(
            app,
            key="download_client_category",
            resource=ARR_DOWNLOAD_CLIENTS,
            field=app.category_field,
            check=blank_category,
            recommended=app.default_category,
            priority="high",
            condition=f"a SABnzbd client has an empty {app.category_field}",
            rationale=f"A category scopes which SABnzbd jobs belong to {title} ('strongly recommended').",
            impact=f"{title} only tracks and imports its own downloads.",
            explanation=(
                f"Without a category {title} sees every job in SABnzbd, including those of other apps, and may try "
                f"to import them. Set a category ('{app.default_category}') that exists in SABnzbd and that no "
                "other app uses. The cross-service rules check that it exists in SABnzbd and is not shared."
            ),
            extra_references=(ref.TRASH_SAB_BASIC,),
        ),
        _provider_rule(
            app,
            key="indexer_rss",
            resource=ARR_INDEXERS,
            field="enableRss",
            check=_none_enabled(ARR_INDEXERS, "enableRss", "indexer has RSS enabled"),
            recommended=True,
            priority="critical",
            condition="no indexer has enableRss true (or no indexer is configured)",
            rationale=f"Without an RSS-enabled indexer {title} never grabs new releases automatically.",
            impact="New releases are picked up automatically.",
            explanation=(
                f"RSS sync only reads indexers that have RSS enabled. With none, {title} raises 'No indexers "
                "available with RSS sync enabled' and only finds releases through searches. Enable RSS on at least one "
                "indexer in Settings > Indexers."
            ),
        ),
        _provider_rule(
            app,
            key="indexer_automatic_search",
            resource=ARR_INDEXERS,
            field="enableAutomaticSearch",
            check=_none_enabled(ARR_INDEXERS, "enableAutomaticSearch", "indexer has automatic search enabled"),
            recommended=True,
            priority="high",
            condition="no indexer has enableAutomaticSearch true",
            rationale=f"Without automatic search {title} cannot search for missing or upgradable {app.media}.",
            impact=f"Missing {app.media} and failed downloads are searched for automatically.",
            explanation=(
                f"Automatic search is used when an item is added, when a download failed and by the missing and "
                f"cutoff searches. With no indexer allowing it {title} raises 'No indexers available with "
                "Automatic Search enabled' and the redownload-after-failure loop stops working. Interactive "
                "search alone needs a human for every item."
            ),
        ),
    )
