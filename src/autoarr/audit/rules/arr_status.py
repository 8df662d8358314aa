"""Sonarr/Radarr rules over their own state: root folders, health checks and the running version."""

from __future__ import annotations

from autoarr.audit.rules import references as ref
from autoarr.audit.rules.arr_common import ArrApp, arr_path, rule_id
from autoarr.audit.rules.checks import field_reader, list_resource
from autoarr.audit.rules.model import CheckResult, Finding, Rule, Skip
from autoarr.audit.rules.values import TEXT, parse_version
from autoarr.audit.snapshot import ARR_HEALTH, ARR_ROOT_FOLDERS, ARR_SYSTEM_STATUS, ConfigSnapshot


def _root_folders(snapshot: ConfigSnapshot) -> CheckResult:
    rows = list_resource(snapshot, ARR_ROOT_FOLDERS)
    if isinstance(rows, Skip):
        return rows
    missing = [str(row.get("path")) for row in rows if row.get("accessible") is False]
    return (
        Finding(missing, "accessible root folders", "not accessible: missing, unmounted or unreadable")
        if missing
        else None
    )


def _health(snapshot: ConfigSnapshot) -> CheckResult:
    rows = list_resource(snapshot, ARR_HEALTH)
    if isinstance(rows, Skip):
        return rows
    problems = [row for row in rows if row.get("type") in ("warning", "error")]
    if not problems:
        return None
    messages = [f"{row.get('type')}: {row.get('source')}: {row.get('message')}" for row in problems]
    severe = any(row.get("type") == "error" for row in problems)
    return Finding(messages, [], f"{len(problems)} health check(s) failing", "high" if severe else None)


def status_rules(app: ArrApp) -> tuple[Rule, ...]:
    """The root-folder, health and version rules for `app`."""
    title = app.title

    def outdated(snapshot: ConfigSnapshot) -> CheckResult:
        value = field_reader(ARR_SYSTEM_STATUS, "version", TEXT)(snapshot)
        if isinstance(value, Skip):
            return value
        parsed = parse_version(value)
        if parsed is None:
            return Skip(f"wrong type: system/status version {value!r} is not a version number")
        if parsed[0] >= app.supported_major:
            return None
        return Finding(value, f"v{app.supported_major} or newer", f"v{parsed[0]} no longer gets fixes")

    return (
        Rule(
            id=rule_id(app, "root_folders_accessible"),
            service=app.service,
            setting_name="accessible",
            setting_path=arr_path(ARR_ROOT_FOLDERS, "[*].path", "[*].accessible"),
            resources=(ARR_ROOT_FOLDERS,),
            category="best_practices",
            priority="high",
            condition="a root folder has accessible false",
            recommended_value="accessible root folders",
            rationale=f"{title} cannot import into, or scan, a root folder it cannot reach.",
            impact="Imports into that folder work again.",
            explanation=(
                f"An inaccessible root folder is usually an unmounted share or a volume missing from the container. "
                f"{title} raises a 'Missing root folder' health error and every import for items in it fails. "
                "Fix the mount, or remove the root folder if it is no longer used (on NFS use nolock, on SMB nobrl)."
            ),
            references=(app.settings_url, ref.SONARR_HEALTH_SOURCE),
            apply_note="Mounts and folders are outside AutoArr's reach: advice only.",
            check=_root_folders,
        ),
        Rule(
            id=rule_id(app, "health"),
            service=app.service,
            setting_name="health",
            setting_path="GET /api/v3/health [*].type, [*].message",
            resources=(ARR_HEALTH,),
            category="best_practices",
            priority="medium",
            condition="a health check reports a warning (medium) or an error (high)",
            recommended_value=[],
            rationale=f"{title}'s own health checks are cheap and authoritative.",
            impact="Problems the app already knows about get attention.",
            explanation=(
                f"{title} runs about 25 health checks of its own: import mechanism, download-client sorting, "
                "removal of completed downloads, root folders, remote path mappings, indexers, API key, system "
                "time, updates. Each failing check is listed here with its message; the wiki link in the app "
                "explains the fix. Warnings become medium findings and errors high ones."
            ),
            references=(ref.SONARR_HEALTH_SOURCE, app.settings_url),
            apply_note="Each health item has its own fix: advice only.",
            check=_health,
        ),
        Rule(
            id=rule_id(app, "version"),
            service=app.service,
            setting_name="version",
            setting_path=arr_path(ARR_SYSTEM_STATUS, "version"),
            resources=(ARR_SYSTEM_STATUS,),
            category="security",
            priority=app.outdated_priority,
            condition=f"the running major version is below {app.supported_major}",
            recommended_value=f"v{app.supported_major} or newer",
            rationale=f"{title} versions before v{app.supported_major} are end-of-life and get no fixes.",
            impact="Security and bug fixes, and support from Recyclarr/Configarr and the guides.",
            explanation=(
                f"Old {title} majors get no security fixes and the community tools (Recyclarr, Configarr, the TRaSH "
                f"guides) only support v{app.supported_major} and later. Upgrading is usually a matter of pulling "
                "the current image. Back up the database first."
            ),
            references=(ref.TRASH_SONARR_V3_EOL, app.settings_url),
            apply_note="Upgrading is a deployment step: advice only.",
            check=outdated,
        ),
    )
