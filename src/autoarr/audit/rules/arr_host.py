"""Sonarr/Radarr host rules (config/host): authentication, TLS validation, API key, logging, backups."""

from __future__ import annotations

from autoarr.audit.rules import references as ref
from autoarr.audit.rules.arr_common import ArrApp, config_rule
from autoarr.audit.rules.checks import equals, field_reader
from autoarr.audit.rules.model import CheckResult, Finding, Rule, Skip
from autoarr.audit.rules.values import BOOLEAN, TEXT, ValueSpec
from autoarr.audit.snapshot import ARR_HOST, ConfigSnapshot

AUTH_METHOD = ValueSpec("choice", choices=("none", "basic", "forms", "external"))
AUTH_REQUIRED = ValueSpec("choice", choices=("enabled", "disabledForLocalAddresses", "disabledForLocalhost"))
CERT_VALIDATION = ValueSpec("choice", choices=("enabled", "disabledForLocalAddresses", "disabled"))
LOG_LEVEL = ValueSpec("choice", choices=("info", "debug", "trace"))
BACKUP_RETENTION = ValueSpec("integer", minimum=1, maximum=90)


def _auth_method(snapshot: ConfigSnapshot) -> CheckResult:
    value = field_reader(ARR_HOST, "authenticationMethod", AUTH_METHOD)(snapshot)
    if isinstance(value, Skip):
        return value
    if value == "none":
        return Finding(value, "forms", "no authentication: anyone who reaches the port controls the app", "critical")
    if value == "basic":
        return Finding(value, "forms", "Basic is deprecated (Radarr v6 and Sonarr develop reject it)")
    return None


def _api_key(snapshot: ConfigSnapshot) -> CheckResult:
    value = field_reader(ARR_HOST, "apiKey", TEXT)(snapshot)
    if isinstance(value, Skip):
        return value
    if len(value) >= 20:
        return None
    return Finding(value, "a new key of 32 hex characters", f"the key is only {len(value)} characters long")


def host_rules(app: ArrApp) -> tuple[Rule, ...]:
    """The host-configuration rules for `app`."""
    title = app.title
    settings = app.settings_url
    return (
        config_rule(
            app,
            key="authentication_method",
            resource=ARR_HOST,
            field="authenticationMethod",
            spec=AUTH_METHOD,
            fires=equals("none", "basic"),
            recommended="forms",
            category="security",
            priority="high",
            condition="authenticationMethod is none (critical) or basic (high)",
            rationale=f"Without authentication anyone who reaches {title} can change it and read its API key.",
            impact=f"{title} asks for a login.",
            explanation=(
                f"{title} holds API keys for your indexers and download client and can delete files. With "
                "authentication 'none' anyone who reaches the port gets all of it. 'Basic' sends the password "
                "with every request and is being removed ('Basic is no longer supported, switch to Forms'). Use "
                "Forms, or External only behind an authenticating reverse proxy."
            ),
            references=(app.auth_url, ref.SONARR_HOST_CONTROLLER),
            advice_only="Forms needs a username and password, which AutoArr does not invent: set them in the app.",
            check=_auth_method,
        ),
        config_rule(
            app,
            key="authentication_required",
            resource=ARR_HOST,
            field="authenticationRequired",
            spec=AUTH_REQUIRED,
            fires=equals("disabledForLocalAddresses", "disabledForLocalhost"),
            recommended="enabled",
            category="security",
            priority="high",
            condition="authenticationRequired is disabledForLocalAddresses",
            rationale="'Disabled for local addresses' is only safe where nothing outside the LAN can reach the app.",
            impact="Every client, local or not, must log in.",
            explanation=(
                "The 'Disabled for Local Addresses' option skips the login for LAN addresses. It is meant for "
                "installs that are never exposed; behind a reverse proxy or a port forward the proxy itself can look "
                "local, letting the whole internet in without a password. Requiring authentication everywhere "
                f"costs one login per browser. The field exists from {title} v{app.auth_required_versions.minimum}."
            ),
            references=(app.auth_url,),
            versions=app.auth_required_versions,
        ),
        config_rule(
            app,
            key="certificate_validation",
            resource=ARR_HOST,
            field="certificateValidation",
            spec=CERT_VALIDATION,
            fires=equals("disabled"),
            recommended="enabled",
            category="security",
            priority="medium",
            condition="certificateValidation is disabled",
            rationale="Without certificate validation indexer and download-client calls can be intercepted.",
            impact="HTTPS connections to indexers and clients are authenticated.",
            explanation=(
                f"{title} calls indexers, download clients and metadata services over HTTPS. With validation "
                "disabled it accepts any certificate, so anyone on the path can read the API keys it sends and "
                "feed it fake results. Fix the broken certificate instead, and keep validation enabled."
            ),
            references=(settings,),
        ),
        config_rule(
            app,
            key="api_key_length",
            resource=ARR_HOST,
            field="apiKey",
            spec=TEXT,
            fires=lambda value: len(value) < 20,
            recommended="a new key of 32 hex characters",
            category="security",
            priority="medium",
            condition="apiKey is shorter than 20 characters",
            rationale=f"{title} itself warns about API keys shorter than 20 characters (ApiKeyValidationCheck).",
            impact="An API key that cannot be guessed.",
            explanation=(
                f"The API key grants full control of {title}. Generated keys are 32 hex characters; a short, "
                "hand-made key can be guessed, and the app raises a health warning below 20 characters. Regenerate "
                "it in Settings > General and update every client that uses it (the key itself is never shown in "
                "AutoArr's findings)."
            ),
            references=(ref.SONARR_API_KEY_CHECK, settings),
            advice_only="Regenerating the key breaks every client using it (including AutoArr): do it by hand.",
            check=_api_key,
        ),
        config_rule(
            app,
            key="log_level",
            resource=ARR_HOST,
            field="logLevel",
            spec=LOG_LEVEL,
            fires=equals("trace", "debug"),
            recommended="info",
            category="performance",
            priority="low",
            condition="logLevel is trace or debug",
            rationale="Trace and debug logging cost disk I/O and can capture sensitive values.",
            impact="Smaller logs and less disk activity.",
            explanation=(
                f"Debug and trace logging are for chasing a problem; left on, {title} writes every request and "
                "decision to disk, filling the log rotation within hours and hiding the useful lines. Trace logs "
                "can also contain URLs with keys. Set it back to info once the problem is solved."
            ),
            references=(settings,),
        ),
        config_rule(
            app,
            key="backup_retention",
            resource=ARR_HOST,
            field="backupRetention",
            spec=BACKUP_RETENTION,
            fires=lambda value: value < 14,
            recommended=28,
            category="best_practices",
            priority="low",
            condition="backupRetention is below 14 days",
            rationale="Backups are the rollback of last resort; a short retention can leave only corrupted copies.",
            impact="Several weeks of database backups to choose from.",
            explanation=(
                f"{title} backs up its database every backupInterval days (1-7) and keeps them backupRetention "
                "days (1-90). A problem noticed late, such as a bad bulk edit, is only recoverable if a backup "
                "from before it still exists. Keep about four weeks (28 days)."
            ),
            references=(settings,),
        ),
        config_rule(
            app,
            key="analytics",
            resource=ARR_HOST,
            field="analyticsEnabled",
            spec=BOOLEAN,
            fires=equals(True),
            recommended=False,
            category="security",
            priority="low",
            condition="analyticsEnabled is true",
            rationale="Analytics send usage information to the developers' servers.",
            impact="The app stops reporting usage and errors to third-party servers.",
            explanation=(
                f"With analytics on, {title} sends anonymous usage and error information to its developers. It "
                "helps the project but is an outbound data flow a privacy-minded install may not want. The choice "
                "is yours; this is low priority."
            ),
            references=(settings,),
        ),
    )
