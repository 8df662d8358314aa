"""The catalogue as a whole: counts, metadata, apply targets, redaction, and the planted and real configurations."""

from __future__ import annotations

import re
from typing import Any

import pytest

from autoarr.audit.rules.catalogue import (
    ALL_RULES,
    evaluate,
    evaluate_cross,
    fired,
    new_value_problem,
    rule_by_id,
    rules_for,
    run_rule,
)
from autoarr.audit.rules.model import (
    CATEGORIES,
    PRIORITIES,
    ArrTarget,
    Outcome,
    PlexTarget,
    Rule,
    SabnzbdTarget,
)
from autoarr.audit.rules.redact import REDACTED, is_secret_name, redact, secret_values
from autoarr.audit.rules.sabnzbd_common import PROTECTED_KEYS
from autoarr.audit.rules.values import FLAG, ValueSpec, VersionRange, parse_size, parse_version, to_wire
from autoarr.audit.snapshot import ConfigSnapshot, StackSnapshot
from tests.audit import snapshots
from tests.audit.arr_cases import good_base, sabnzbd_client
from tests.audit.snapshots import real_sabnzbd_snapshot, sample, sim_stack

SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def test_the_catalogue_meets_the_issue_counts() -> None:
    assert len(rules_for("sabnzbd")) >= 20
    assert len(rules_for("sonarr")) >= 20
    assert len(rules_for("radarr")) >= 15
    assert len(rules_for("plex")) >= 15
    assert len(rules_for("cross")) >= 5
    assert len(ALL_RULES) == sum(
        len(rules_for(service)) for service in ("sabnzbd", "sonarr", "radarr", "plex", "cross")
    )


def test_at_least_twelve_sabnzbd_rules_apply_to_the_real_3_7_1() -> None:
    assert sum(rule.versions.applies_to("3.7.1") for rule in rules_for("sabnzbd")) >= 12


def test_rule_ids_are_unique_and_name_their_service() -> None:
    ids = [rule.id for rule in ALL_RULES]
    assert len(ids) == len(set(ids))
    for rule in ALL_RULES:
        assert rule.id.startswith(f"{rule.service}."), rule.id
        assert rule_by_id(rule.id) is rule


def test_an_unknown_id_finds_no_rule() -> None:
    assert rule_by_id("sabnzbd.no_such_rule") is None


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.id)
def test_every_rule_is_fully_described(rule: Any) -> None:
    assert rule.category in CATEGORIES
    assert rule.priority in PRIORITIES
    assert rule.references
    assert all(isinstance(ref, str) and ref.strip() for ref in rule.references)
    assert len(SENTENCE_END.findall(rule.explanation)) >= 3, rule.explanation
    for text in (rule.setting_name, rule.setting_path, rule.condition, rule.rationale, rule.impact):
        assert isinstance(text, str)
        assert text.strip()
    assert rule.recommended_value is not None
    assert rule.applicable is not None or rule.apply_note, "advice-only rules say why"


@pytest.mark.parametrize("rule", [rule for rule in ALL_RULES if rule.applicable is not None], ids=lambda rule: rule.id)
def test_apply_targets_agree_with_the_recommended_value(rule: Any) -> None:
    target = rule.applicable
    assert new_value_problem(rule, rule.recommended_value) is None
    if isinstance(target, SabnzbdTarget):
        assert target.keyword == rule.setting_name
        assert target.keyword not in PROTECTED_KEYS
        assert target.value == to_wire(rule.recommended_value)
    elif isinstance(target, PlexTarget):
        assert target.pref == rule.setting_name
        assert target.value == to_wire(rule.recommended_value)
    else:
        assert isinstance(target, ArrTarget)
        assert target.field == rule.setting_name
        assert target.value == rule.recommended_value
        assert target.endpoint.startswith("/api/v3/config/")


def test_the_type_and_range_check_refuses_bad_new_values() -> None:
    rss = rule_by_id("sonarr.rss_sync_interval")
    assert rss is not None
    assert new_value_problem(rss, 5) is not None
    assert new_value_problem(rss, 0) is None
    assert new_value_problem(rss, "15") is not None
    cache = rule_by_id("sabnzbd.cache_limit")
    assert cache is not None
    assert new_value_problem(cache, "100M") is not None
    assert new_value_problem(cache, "lots") is not None
    assert new_value_problem(cache, "2G") is None
    secure = rule_by_id("plex.secure_connections")
    assert secure is not None
    assert new_value_problem(secure, 3) is not None
    login = rule_by_id("sabnzbd.web_login")
    assert login is not None
    assert new_value_problem(login, "x") == "sabnzbd.web_login has no single value AutoArr could write"


def test_value_specs_check_types_strictly() -> None:
    assert FLAG.problem(True) is not None  # SABnzbd stores booleans as 0/1 ints
    assert FLAG.problem(2) is not None
    assert FLAG.problem(1) is None
    assert ValueSpec("choice", choices=("a", "b")).problem("c") is not None
    assert ValueSpec("number", minimum=1.5).problem(1) is not None
    assert ValueSpec("text_list").problem(["a", 1]) is not None
    assert parse_size("1.5 G") == int(1.5 * 1024**3)
    assert parse_size("") == 0
    assert parse_size("lots") is None


def test_version_ranges() -> None:
    assert parse_version("1.41.3.9314-a0bfb8370") == (1, 41, 3, 9314)
    assert parse_version("4.3.0RC1") == (4, 3, 0)
    assert parse_version("develop") is None
    modern = VersionRange(minimum="4.3.0")
    assert modern.applies_to("4.3")
    assert modern.applies_to("5.0.1")
    assert not modern.applies_to("4.2.3")
    legacy = VersionRange(below="4.1.0")
    assert legacy.applies_to("3.7.1")
    assert not legacy.applies_to("4.1.0")
    assert modern.applies_to(None)
    assert modern.applies_to("nightly")
    assert VersionRange().describe() == "all versions"


def test_running_a_rule_on_another_services_snapshot_is_a_bug() -> None:
    rule = rule_by_id("plex.dlna")
    assert isinstance(rule, Rule)
    with pytest.raises(ValueError, match="plex rule"):
        run_rule(rule, ConfigSnapshot("sabnzbd", None, {}))


@pytest.mark.parametrize("service", ["sabnzbd", "sonarr", "radarr", "plex"])
def test_nothing_fetched_means_every_rule_is_skipped_not_passed(service: Any) -> None:
    outcomes = evaluate(ConfigSnapshot(service, None, {}))
    assert {outcome.status for outcome in outcomes} == {"skipped"}
    assert all((outcome.reason or "").startswith("resource absent") for outcome in outcomes)


# ---- secrets ------------------------------------------------------------------------------------

SAB_SECRETS = ("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210", "hunter2-provider-pw")
ARR_SECRETS = ("shortkey1234", "$2a$11$storedPasswordHash", "deadbeefdeadbeefdeadbeefdeadbeef", "ssl-cert-pw-99")
PLEX_SECRETS = ("plexOnline-Tok3n-9f8e7d",)


def secret_laden_snapshots() -> list[ConfigSnapshot]:
    """Snapshots carrying real-looking keys, passwords and tokens, some where a finding would echo them."""
    misc = sample("get_config_misc")["config"]["misc"] | {"host": "0.0.0.0", "password": "", "nzb_key": SAB_SECRETS[1]}
    server = sample("get_config_servers")["config"]["servers"][0] | {"password": SAB_SECRETS[2]}
    sabnzbd = ConfigSnapshot(
        "sabnzbd",
        "3.7.1",
        {"misc": misc, "servers": [server], "categories": [], "fullstatus": sample("fullstatus")["status"]},
    )
    from autoarr.audit.rules.sonarr import SONARR

    arr = good_base(SONARR, "4.0.19.2979")
    arr["host"] |= {"apiKey": ARR_SECRETS[0], "password": ARR_SECRETS[1], "sslCertPassword": ARR_SECRETS[3]}
    leaky = sabnzbd_client(SONARR)
    leaky["fields"][1] = {"name": "apiKey", "value": ARR_SECRETS[2], "privacy": "apiKey"}
    arr["downloadclients"] = [leaky | {"removeCompletedDownloads": False}]
    arr["health"] = [{"source": "DownloadClientCheck", "type": "error", "message": f"Bad key {ARR_SECRETS[2]}"}]
    sonarr = ConfigSnapshot("sonarr", "4.0.19.2979", arr)
    prefs = [{"id": "PlexOnlineToken", "value": PLEX_SECRETS[0]}, {"id": "logTokens", "value": True}]
    plex = ConfigSnapshot("plex", "1.41.3", {"prefs": prefs})
    return [sabnzbd, sonarr, plex]


def shown(outcome: Outcome) -> str:
    """Everything an outcome would show a user."""
    return repr((outcome.current_value, outcome.recommended_value, outcome.detail, outcome.reason))


def test_secrets_never_reach_an_outcome() -> None:
    snaps = secret_laden_snapshots()
    outcomes = [outcome for snap in snaps for outcome in evaluate(snap)]
    outcomes += evaluate_cross(StackSnapshot({snap.service: snap for snap in snaps}))
    for outcome in outcomes:
        for secret in (*SAB_SECRETS, *ARR_SECRETS, *PLEX_SECRETS):
            assert secret not in shown(outcome), (outcome.rule_id, secret)
    by_id = {outcome.rule_id: outcome for outcome in outcomes}
    assert by_id["sonarr.api_key_length"].status == "fired"
    assert by_id["sonarr.api_key_length"].current_value == REDACTED
    assert by_id["sonarr.api_key_length"].recommended_value == REDACTED
    assert REDACTED in (by_id["sonarr.health"].current_value or [""])[0]
    assert by_id["plex.log_tokens"].current_value is True  # a switch named after tokens is not a secret


def test_secret_names_and_values_are_recognised() -> None:
    for name in ("api_key", "nzb_key", "apiKey", "apikey", "password", "passwordConfirmation", "sslCertPassword",
                 "PlexOnlineToken", "authToken", "email_pwd", "prowl_apikey", "pushover_token"):  # fmt: skip
        assert is_secret_name(name), name
    for name in ("logTokens", "https_key", "password_file", "username", "secureConnections"):
        assert not is_secret_name(name), name
    found = secret_values({"misc": {"api_key": "abcd1234", "password": "**********", "host": "x"}})
    assert found == frozenset({"abcd1234"})
    assert redact({"apiKey": "k", "note": "uses abcd1234"}, found) == {"apiKey": REDACTED, "note": f"uses {REDACTED}"}


# ---- the simulators' planted settings and the real SABnzbd ------------------------------------

PLANTED = {
    "sabnzbd": {
        "sabnzbd.cache_limit", "sabnzbd.direct_unpack", "sabnzbd.fail_hopeless_jobs", "sabnzbd.unwanted_extensions",
        "sabnzbd.action_on_unwanted_extensions", "sabnzbd.pause_on_pwrar", "sabnzbd.web_login",
        "sabnzbd.host_whitelist", "sabnzbd.check_new_rel", "sabnzbd.server_ssl", "sabnzbd.server_connections",
    },
    "sonarr": {
        "sonarr.authentication_method", "sonarr.log_level", "sonarr.analytics", "sonarr.rename",
        "sonarr.rss_sync_interval", "sonarr.propers_and_repacks", "sonarr.recycle_bin", "sonarr.minimum_free_space",
        "sonarr.standard_format", "sonarr.folder_format", "sonarr.season_folder_format",
    },
    "radarr": {
        "radarr.authentication_required", "radarr.backup_retention", "radarr.analytics", "radarr.copy_using_hardlinks",
        "radarr.auto_redownload_failed", "radarr.remove_completed_downloads", "radarr.allow_hardcoded_subs",
        "radarr.indexer_retention", "radarr.root_folders_accessible", "radarr.indexer_automatic_search",
        "radarr.health", "radarr.propers_and_repacks", "radarr.recycle_bin", "radarr.minimum_free_space",
    },
    "plex": {
        "plex.log_verbose", "plex.log_tokens", "plex.fs_event_updates", "plex.scheduled_scan_interval",
        "plex.auto_empty_trash", "plex.preview_thumbnails", "plex.secure_connections", "plex.publish_server",
        "plex.backup_database",
    },
}  # fmt: skip
PLANTED_CROSS = {
    "cross.arr_categories_exist",
    "cross.history_retention_vs_cdh",
    "cross.hardlink_filesystem",
    "cross.plex_connection",
    "cross.plex_covers_root_folders",
    "cross.sabnzbd_hostname_check",
    "cross.failure_loop",
}
SIM_SECRETS = (snapshots.SAB_KEY, snapshots.SAB_NZB_KEY, snapshots.ARR_KEY, snapshots.PLEX_TOKEN, "hunter2")


async def test_the_simulators_planted_settings_fire() -> None:
    stack = await sim_stack()
    for service, expected in PLANTED.items():
        outcomes = evaluate(stack.snapshots[service])  # type: ignore[index]
        assert expected <= {outcome.rule_id for outcome in fired(outcomes)}, service
        assert all(secret not in shown(outcome) for outcome in outcomes for secret in SIM_SECRETS)
    cross = evaluate_cross(stack)
    assert {outcome.rule_id for outcome in fired(cross)} >= PLANTED_CROSS
    assert all(secret not in shown(outcome) for outcome in cross for secret in SIM_SECRETS)


async def test_the_planted_priorities_are_the_researched_ones() -> None:
    stack = await sim_stack()
    sonarr = {outcome.rule_id: outcome for outcome in evaluate(stack.snapshots["sonarr"])}
    plex = {outcome.rule_id: outcome for outcome in evaluate(stack.snapshots["plex"])}
    assert sonarr["sonarr.authentication_method"].priority == "critical"
    assert sonarr["sonarr.rss_sync_interval"].priority == "critical"
    assert plex["plex.secure_connections"].current_value == 2
    assert plex["plex.secure_connections"].recommended_value == 1
    assert plex["plex.preview_thumbnails"].priority == "high"


async def test_a_stack_reaching_sabnzbd_by_ip_passes_the_hostname_check() -> None:
    outcomes = {outcome.rule_id: outcome for outcome in evaluate_cross(await sim_stack(sab_host="127.0.0.1"))}
    assert outcomes["cross.sabnzbd_hostname_check"].status == "passed"


def test_the_real_sabnzbd_3_7_1_configuration() -> None:
    outcomes = evaluate(real_sabnzbd_snapshot())
    judged = [outcome for outcome in outcomes if outcome.status != "skipped"]
    assert len(judged) >= 12
    assert {outcome.rule_id for outcome in fired(outcomes)} == {
        "sabnzbd.direct_unpack",
        "sabnzbd.unwanted_extensions",
        "sabnzbd.action_on_unwanted_extensions",
        "sabnzbd.pause_on_pwrar",
        "sabnzbd.deobfuscate_final_filenames",
        "sabnzbd.flat_unpack",
        "sabnzbd.check_new_rel",
        "sabnzbd.server_ssl",
        "sabnzbd.server_connections",
        "sabnzbd.download_free",
        "sabnzbd.fulldisk_autoresume",
    }
    skipped = {outcome.rule_id: outcome.reason or "" for outcome in outcomes if outcome.status == "skipped"}
    assert skipped.keys() == {
        "sabnzbd.no_smart_dupes",
        "sabnzbd.history_retention_option",
        "sabnzbd.verify_xff_header",
        "sabnzbd.sorters",
        "sabnzbd.server_ssl_verify",
        "sabnzbd.hardware_speed",
    }
    assert skipped["sabnzbd.sorters"].startswith("version not applicable")
    assert all(SAB_SECRETS[0] not in shown(outcome) for outcome in outcomes)


def test_the_full_get_config_has_the_same_misc_keys() -> None:
    full = sample("get_config_full")["config"]["misc"]
    snapshot = ConfigSnapshot("sabnzbd", "3.7.1", {"misc": full})
    outcomes = {outcome.rule_id: outcome for outcome in evaluate(snapshot)}
    assert outcomes["sabnzbd.cache_limit"].status == "passed"
    assert outcomes["sabnzbd.server_ssl"].reason == "resource absent: sabnzbd 'servers' was not fetched"
