"""SABnzbd rules over the servers, categories and sorting sections."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from autoarr.audit.rules import references as ref
from autoarr.audit.rules.checks import equals, list_resource, when
from autoarr.audit.rules.model import CheckResult, Finding, Rule, Skip
from autoarr.audit.rules.sabnzbd_common import (
    BEFORE_4_1,
    FROM_4_1,
    MISC,
    PER_ITEM_NOTE,
    misc,
    misc_path,
    misc_target,
)
from autoarr.audit.rules.values import FLAG, ValueSpec
from autoarr.audit.snapshot import SABNZBD_CATEGORIES, SABNZBD_SERVERS, SABNZBD_SORTERS, ConfigSnapshot

Row = Mapping[str, Any]
CONNECTIONS = ValueSpec("integer", minimum=0, maximum=500)
SERVERS = (SABNZBD_SERVERS,)


def _int(row: Row, key: str) -> int | None:
    value = row.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _per_server(
    judge: Callable[[Row], Any | None],
    *,
    recommend: Any,
    enabled_only: Callable[[Row], bool] | None = None,
    none_left: str = "no enabled server to judge",
) -> Callable[[ConfigSnapshot], CheckResult]:
    """Fire with {server: judged value} for every (enabled) server `judge` objects to (non-None)."""

    def check(snapshot: ConfigSnapshot) -> CheckResult:
        rows = list_resource(snapshot, SABNZBD_SERVERS)
        if isinstance(rows, Skip):
            return rows
        chosen = [row for row in rows if _int(row, "enable") != 0 and (enabled_only is None or enabled_only(row))]
        if not chosen:
            return Skip(f"not applicable: {none_left}")
        bad = {str(row.get("name")): judged for row in chosen if (judged := judge(row)) is not None}
        return Finding(bad, recommend) if bad else None

    return check


def _plain_nntp(row: Row) -> Any | None:
    return {"ssl": row.get("ssl"), "port": row.get("port")} if row.get("ssl") == 0 or row.get("port") == 119 else None


def _weak_verify(row: Row) -> Any | None:
    level = _int(row, "ssl_verify")
    return level if level is not None and level < 2 else None


def _connections(snapshot: ConfigSnapshot) -> CheckResult:
    result = _per_server(lambda row: _int(row, "connections"), recommend="8-30")(snapshot)
    if not isinstance(result, Finding):
        return result
    counts: dict[str, int] = result.current_value
    few = {name: count for name, count in counts.items() if count < 8}
    many = {name: count for name, count in counts.items() if count > 30}
    if few:
        return Finding(few, 8, "fewer than 8 connections rarely fill a fast line")
    if many:
        return Finding(many, 30, "more connections than a line needs, and above many providers' limits", "low")
    return None


def _servers_enabled(snapshot: ConfigSnapshot) -> CheckResult:
    rows = list_resource(snapshot, SABNZBD_SERVERS)
    if isinstance(rows, Skip):
        return rows
    if any(_int(row, "enable") == 1 for row in rows):
        return None
    names = [str(row.get("name")) for row in rows]
    return Finding(names, "at least one enabled server", "no server is enabled: nothing can download")


def _block_priority(snapshot: ConfigSnapshot) -> CheckResult:
    rows = list_resource(snapshot, SABNZBD_SERVERS)
    if isinstance(rows, Skip):
        return rows
    enabled = [row for row in rows if _int(row, "enable") == 1 and _int(row, "priority") is not None]
    unlimited = [row["priority"] for row in enabled if not str(row.get("quota", "")).strip()]
    if not unlimited:
        return None
    primary = min(unlimited)
    early = {
        str(row.get("name")): row["priority"]
        for row in enabled
        if str(row.get("quota", "")).strip() and row["priority"] <= primary
    }
    return Finding(early, primary + 1, "block accounts are used before the unlimited server") if early else None


def _job_folders(snapshot: ConfigSnapshot) -> CheckResult:
    rows = list_resource(snapshot, SABNZBD_CATEGORIES)
    if isinstance(rows, Skip):
        return rows
    starred = {str(row.get("name")): row.get("dir") for row in rows if str(row.get("dir", "")).endswith("*")}
    if not starred:
        return None
    return Finding(starred, {name: str(folder).rstrip("*") for name, folder in starred.items()})


def _sorters(snapshot: ConfigSnapshot) -> CheckResult:
    rows = list_resource(snapshot, SABNZBD_SORTERS)
    if isinstance(rows, Skip):
        return rows
    active = {str(row.get("name")): row.get("sort_cats") or ["*"] for row in rows if row.get("is_active") in (1, True)}
    return Finding(active, "is_active=0", "active sorters, by the categories they sort") if active else None


def _legacy_sorting(kind: str, label: str) -> Rule:
    key = f"enable_{kind}_sorting"
    return Rule(
        id=f"sabnzbd.{kind}_sorting",
        service="sabnzbd",
        setting_name=key,
        setting_path=misc_path(key, f"{kind}_categories"),
        resources=MISC,
        category="best_practices",
        priority="high",
        condition=f"{key} is 1",
        recommended_value=0,
        rationale=f"SABnzbd's {label} sorting renames and moves files before Sonarr/Radarr import them.",
        impact="Imports stop failing because files moved under the *arr app.",
        explanation=(
            f"{label.capitalize()} sorting makes SABnzbd rename and file the download itself. Sonarr and Radarr "
            "expect to find the job where SABnzbd reported it and to do the renaming themselves; with sorting on "
            "they lose track of the files and raise the 'download client sorting' health warning. TRaSH: make sure "
            "sorting is entirely disabled. These switches are replaced by the sorters section in SABnzbd 4.1."
        ),
        references=(ref.TRASH_SAB_BASIC, ref.SONARR_SABNZBD_SOURCE),
        versions=BEFORE_4_1,
        applicable=misc_target(key, "0"),
        value_spec=FLAG,
        check=when(misc(key, FLAG), fires=equals(1), recommend=0),
    )


RULES: tuple[Rule, ...] = (
    Rule(
        id="sabnzbd.servers_enabled",
        service="sabnzbd",
        setting_name="enable",
        setting_path="get_config servers[*].enable",
        resources=SERVERS,
        category="best_practices",
        priority="critical",
        condition="no server has enable = 1 (or no server is configured)",
        recommended_value="at least one enabled server",
        rationale="With no enabled news server nothing can download.",
        impact="Downloads start again.",
        explanation=(
            "Every job needs at least one enabled Usenet server to fetch articles from. A server can be disabled "
            "by hand or after its account expired, and SABnzbd then queues jobs that never start. Enable (or add) "
            "the account you pay for in Config > Servers."
        ),
        references=(ref.SAB_SERVERS,),
        apply_note=PER_ITEM_NOTE,
        check=_servers_enabled,
    ),
    Rule(
        id="sabnzbd.server_ssl",
        service="sabnzbd",
        setting_name="ssl",
        setting_path="get_config servers[*].ssl, servers[*].port",
        resources=SERVERS,
        category="security",
        priority="high",
        condition="an enabled server has ssl = 0 or uses port 119",
        recommended_value={"ssl": 1, "port": 563},
        rationale="Plain NNTP sends the provider login and all content unencrypted.",
        impact="An encrypted, authenticated link to the provider.",
        explanation=(
            "Port 119 is unencrypted NNTP: your provider username and password and every article cross the "
            "network in clear, visible to your ISP. Every major provider offers TLS on 563 (often also 443). Turn "
            "on SSL for each server and change its port; SABnzbd's 'Test server' confirms the new settings."
        ),
        references=(ref.SAB_SERVERS, ref.TRASH_SAB_BASIC),
        apply_note=PER_ITEM_NOTE,
        value_spec=FLAG,
        check=_per_server(_plain_nntp, recommend={"ssl": 1, "port": 563}),
    ),
    Rule(
        id="sabnzbd.server_ssl_verify",
        service="sabnzbd",
        setting_name="ssl_verify",
        setting_path="get_config servers[*].ssl_verify",
        resources=SERVERS,
        category="security",
        priority="high",
        condition="an enabled SSL server has ssl_verify 0 (none) or 1 (minimal)",
        recommended_value=3,
        rationale="Weak certificate verification lets anyone with a valid certificate intercept the connection.",
        impact="The TLS link really authenticates the provider.",
        explanation=(
            "TLS only protects the connection when the certificate is checked against the server name. SABnzbd's "
            "wiki notes that minimal verification is about as good as no SSL. Use strict verification (3 on "
            "current releases; 2 is the strictest level in SABnzbd 3.7) and medium only when a local TLS "
            "inspector sits in the path."
        ),
        references=(ref.SAB_SERVERS, ref.TRASH_SAB_BASIC),
        apply_note=PER_ITEM_NOTE,
        value_spec=ValueSpec("integer", minimum=0, maximum=3),
        check=_per_server(
            _weak_verify,
            recommend="strict (3; 2 on 3.x)",
            enabled_only=lambda row: row.get("ssl") == 1,
            none_left="no enabled server uses SSL",
        ),
    ),
    Rule(
        id="sabnzbd.server_connections",
        service="sabnzbd",
        setting_name="connections",
        setting_path="get_config servers[*].connections",
        resources=SERVERS,
        category="performance",
        priority="medium",
        condition="an enabled server has fewer than 8 connections (medium) or more than 30 (low)",
        recommended_value="8-30",
        rationale="Most providers need 8-30 connections to fill a fast line; more only adds overhead.",
        impact="Line-rate downloads without connection errors.",
        explanation=(
            "The code default is a single connection, far too few for a modern line. SABnzbd's high-speed page "
            "says to start with 8 and raise until the line is full, then add one. Going far beyond that (or "
            "beyond your provider's limit) only adds overhead and 'too many connections' errors."
        ),
        references=(ref.SAB_SERVERS, ref.SAB_HIGHSPEED, ref.TRASH_SAB_BASIC),
        apply_note=PER_ITEM_NOTE,
        value_spec=CONNECTIONS,
        check=_connections,
    ),
    Rule(
        id="sabnzbd.server_priority",
        service="sabnzbd",
        setting_name="priority",
        setting_path="get_config servers[*].priority, servers[*].quota",
        resources=SERVERS,
        category="best_practices",
        priority="low",
        condition="a block account (quota set) has a priority number <= the unlimited primary's",
        recommended_value="a higher number than the primary's",
        rationale="Block accounts should be fallbacks so that their quota is not burned first.",
        impact="Block-account quota lasts much longer.",
        explanation=(
            "SABnzbd tries servers in priority order, 0 first. A block (quota) account at the same or a better "
            "priority than your unlimited account downloads articles the unlimited one has, using up the block "
            "for nothing. Give block and backup servers a higher priority number than the primary."
        ),
        references=(ref.SAB_SERVERS,),
        apply_note=PER_ITEM_NOTE,
        value_spec=ValueSpec("integer", minimum=0, maximum=99),
        check=_block_priority,
    ),
    Rule(
        id="sabnzbd.category_job_folders",
        service="sabnzbd",
        setting_name="dir",
        setting_path="get_config categories[*].dir",
        resources=(SABNZBD_CATEGORIES,),
        category="best_practices",
        priority="high",
        condition="a category folder ends with '*' (no per-job folders)",
        recommended_value="the folder without the trailing '*'",
        rationale="A trailing '*' stops per-job folders; the *arr apps expect one folder per download.",
        impact="Clean imports, one folder per job.",
        explanation=(
            "A '*' at the end of a category folder tells SABnzbd to put files straight into that folder instead "
            "of a folder per job. Sonarr and Radarr track each download by its folder and refuse this layout "
            "(their validation asks you to enable job folders). Remove the '*'."
        ),
        references=(ref.SAB_CATEGORIES, ref.SONARR_SABNZBD_SOURCE),
        apply_note=PER_ITEM_NOTE,
        check=_job_folders,
    ),
    _legacy_sorting("tv", "TV"),
    _legacy_sorting("movie", "movie"),
    _legacy_sorting("date", "date-based"),
    Rule(
        id="sabnzbd.sorters",
        service="sabnzbd",
        setting_name="is_active",
        setting_path="get_config sorters[*].is_active, sorters[*].sort_cats",
        resources=(SABNZBD_SORTERS,),
        category="best_practices",
        priority="high",
        condition="a sorter is active (empty sort_cats means all categories)",
        recommended_value="is_active=0",
        rationale="Sorting renames and moves files before Sonarr/Radarr import them.",
        impact="Imports stop failing because files moved under the *arr app.",
        explanation=(
            "Since SABnzbd 4.1 sorting is a list of sorters, each limited to some categories (none listed means "
            "all). A sorter that touches the categories Sonarr and Radarr use moves and renames their downloads, "
            "breaking path tracking and raising the 'download client sorting' health warning. TRaSH: make sure "
            "sorting is entirely disabled."
        ),
        references=(ref.TRASH_SAB_BASIC, ref.SONARR_SABNZBD_SOURCE),
        versions=FROM_4_1,
        apply_note=PER_ITEM_NOTE,
        check=_sorters,
    ),
)
