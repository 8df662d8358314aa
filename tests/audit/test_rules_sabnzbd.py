"""Every SABnzbd rule, table-driven: firing, passing, missing setting, wrong type, version not applicable."""

from __future__ import annotations

from typing import Any

import pytest

from autoarr.audit.rules.catalogue import rule_by_id, rules_for, run_rule
from autoarr.audit.rules.model import Rule, SabnzbdTarget, Skip
from autoarr.audit.rules.sabnzbd_common import PROTECTED_KEYS, PROTECTED_NOTE, misc_target
from autoarr.audit.rules.sabnzbd_postproc import DANGEROUS_EXTENSIONS
from autoarr.audit.snapshot import ConfigSnapshot
from tests.audit.cases import (
    Case,
    Resources,
    assert_fires,
    assert_missing,
    assert_passes,
    assert_version_skips,
    assert_wrong_type,
    merge,
    with_range,
)
from tests.audit.snapshots import sample

VERSION = "3.7.1"
SERVER = {
    "name": "news.example.com",
    "host": "news.example.com",
    "port": 563,
    "ssl": 1,
    "ssl_verify": 2,
    "connections": 20,
    "enable": 1,
    "priority": 0,
    "quota": "",
    "optional": 0,
}


def good_base() -> Resources:
    """SABnzbd 3.7.1's captured config, with every rule satisfied (and the 4.x keys some rules read)."""
    misc = sample("get_config_misc")["config"]["misc"] | {
        "cache_limit": "1G",
        "direct_unpack": 1,
        "unwanted_extensions": list(DANGEROUS_EXTENSIONS),
        "action_on_unwanted_extensions": 2,
        "pause_on_pwrar": 2,
        "deobfuscate_final_filenames": 1,
        "flat_unpack": 1,
        "check_new_rel": 1,
        "download_free": "20G",
        "fulldisk_autoresume": 1,
        "no_smart_dupes": 0,
        "history_retention_option": "all",
        "history_retention_number": 0,
        "verify_xff_header": 1,
    }
    status = sample("fullstatus")["status"] | {"pystone": 250_000, "downloaddirspeed": 400, "completedirspeed": 400}
    return {
        "misc": misc,
        "servers": [dict(SERVER)],
        "categories": sample("get_config_categories")["config"]["categories"],
        "sorters": [],
        "fullstatus": status,
    }


BASE = good_base()


def build(resources: Resources, version: str | None) -> ConfigSnapshot:
    """A SABnzbd snapshot."""
    return ConfigSnapshot("sabnzbd", version, resources)


def misc_case(rule: str, key: str, *, fire: Any, ok: Any, wrong: Any, **extra: Any) -> Case:
    """A rule on one misc key."""
    return Case(
        f"sabnzbd.{rule}",
        {"misc": {key: fire}},
        {"misc": {key: ok}},
        {"misc": {key: wrong}},
        ("misc", key),
        **extra,
    )


def server_case(rule: str, *, fire: dict[str, Any], ok: dict[str, Any], **extra: Any) -> Case:
    """A rule over the servers list."""
    return Case(
        f"sabnzbd.{rule}",
        {"servers": [SERVER | fire]},
        {"servers": [SERVER | ok]},
        {"servers": {"not": "a list"}},
        ("servers",),
        missing_reason="resource absent",
        **extra,
    )


CASES = [
    misc_case(
        "cache_limit", "cache_limit", fire="", ok="1G", wrong=1024, current="", recommended="1G",
        extra_fires=(({"misc": {"cache_limit": "300M"}}, "medium"), ({"misc": {"cache_limit": "lots"}}, "high")),
    ),
    misc_case(
        "direct_unpack", "direct_unpack", fire=0, ok=1, wrong="1", recommended=1,
        extra_fires=(({"misc": {"direct_unpack": 1}, "fullstatus": {"downloaddirspeed": 20}}, "medium"),),
    ),
    misc_case("pre_check", "pre_check", fire=1, ok=0, wrong="1"),
    misc_case("fail_hopeless_jobs", "fail_hopeless_jobs", fire=0, ok=1, wrong=True, current=0, recommended=1),
    misc_case("no_dupes", "no_dupes", fire=1, ok=4, wrong="1", recommended=4),
    misc_case("no_series_dupes", "no_series_dupes", fire=2, ok=0, wrong=None),
    misc_case("no_smart_dupes", "no_smart_dupes", fire=3, ok=4, wrong="3"),
    misc_case(
        "history_retention", "history_retention", fire="7d", ok="30d", wrong=0, recommended="0",
        extra_fires=(({"misc": {"history_retention": "100"}}, "high"),),
    ),
    Case(
        "sabnzbd.history_retention_option",
        {"misc": {"history_retention_option": "number-delete"}},
        {"misc": {"history_retention_option": "days-archive", "history_retention_number": 30}},
        {"misc": {"history_retention_option": 5}},
        ("misc", "history_retention_option"),
        recommended="all",
        extra_fires=(({"misc": {"history_retention_option": "days-delete", "history_retention_number": 7}}, "high"),),
    ),
    misc_case("auto_sort", "auto_sort", fire="avg_age desc", ok="", wrong=0),
    misc_case("new_nzb_on_failure", "new_nzb_on_failure", fire=1, ok=0, wrong="0"),
    misc_case("unwanted_extensions", "unwanted_extensions", fire=[], ok=list(DANGEROUS_EXTENSIONS), wrong="exe,bat"),
    Case(
        "sabnzbd.unwanted_extensions_mode",
        {"misc": {"unwanted_extensions_mode": 1, "unwanted_extensions": ["nfo"]}},
        {"misc": {"unwanted_extensions_mode": 1, "unwanted_extensions": ["mkv", "mp4", "srt"]}},
        {"misc": {"unwanted_extensions_mode": "1"}},
        ("misc", "unwanted_extensions_mode"),
    ),
    misc_case("action_on_unwanted_extensions", "action_on_unwanted_extensions", fire=1, ok=2, wrong="2"),
    misc_case("pause_on_pwrar", "pause_on_pwrar", fire=0, ok=2, wrong="2"),
    misc_case("enable_all_par", "enable_all_par", fire=1, ok=0, wrong="0"),
    misc_case("ignore_samples", "ignore_samples", fire=1, ok=0, wrong="0"),
    misc_case("safe_postproc", "safe_postproc", fire=0, ok=1, wrong="1"),
    misc_case("deobfuscate_final_filenames", "deobfuscate_final_filenames", fire=0, ok=1, wrong=1.0),
    misc_case("sfv_check", "sfv_check", fire=0, ok=1, wrong="1"),
    misc_case("enable_recursive", "enable_recursive", fire=0, ok=1, wrong="1"),
    misc_case("flat_unpack", "flat_unpack", fire=0, ok=1, wrong="1"),
    Case(
        "sabnzbd.web_login",
        {"misc": {"host": "0.0.0.0", "username": "", "password": ""}},
        {"misc": {"host": "0.0.0.0", "username": "admin", "password": "**********"}},
        {"misc": {"host": "0.0.0.0", "username": None}},
        ("misc", "username"),
        extra_fires=(({"misc": {"host": "::", "username": "", "inet_exposure": 4}}, "critical"),),
    ),
    misc_case(
        "inet_exposure", "inet_exposure", fire=3, ok=0, wrong="3", recommended=0,
        extra_fires=(({"misc": {"inet_exposure": 4, "username": ""}}, "critical"),),
    ),
    misc_case("local_ranges", "local_ranges", fire=["0.0.0.0/0"], ok=["192.168.1.0/24"], wrong="0.0.0.0/0"),
    misc_case(
        "host_whitelist", "host_whitelist", fire=[], ok=["sabnzbd"], wrong="sabnzbd",
        extra_fires=(({"misc": {"host_whitelist": [], "username": "a", "password": "**********"}}, "low"),),
    ),
    misc_case("enable_https_verification", "enable_https_verification", fire=0, ok=1, wrong="1"),
    misc_case("allow_old_ssl_tls", "allow_old_ssl_tls", fire=1, ok=0, wrong="0"),
    misc_case("api_warnings", "api_warnings", fire=0, ok=1, wrong="1"),
    misc_case("verify_xff_header", "verify_xff_header", fire=0, ok=1, wrong="1"),
    Case(
        "sabnzbd.enable_https",
        {"misc": {"enable_https": 0, "inet_exposure": 2, "host": "0.0.0.0"}},
        {"misc": {"enable_https": 0, "inet_exposure": 0, "host": "0.0.0.0"}},
        {"misc": {"enable_https": "0"}},
        ("misc", "enable_https"),
    ),
    misc_case("check_new_rel", "check_new_rel", fire=0, ok=2, wrong="1"),
    misc_case("x_frame_options", "x_frame_options", fire=0, ok=1, wrong="1"),
    server_case("servers_enabled", fire={"enable": 0}, ok={"enable": 1}),
    server_case(
        "server_ssl", fire={"ssl": 0, "port": 119}, ok={"ssl": 1, "port": 443},
        current={"news.example.com": {"ssl": 0, "port": 119}},
    ),
    server_case("server_ssl_verify", fire={"ssl_verify": 1}, ok={"ssl_verify": 3}),
    server_case(
        "server_connections", fire={"connections": 4}, ok={"connections": 30},
        extra_fires=(({"servers": [SERVER | {"connections": 50}]}, "low"),),
    ),
    Case(
        "sabnzbd.server_priority",
        {"servers": [SERVER, SERVER | {"name": "block", "quota": "500G", "priority": 0}]},
        {"servers": [SERVER, SERVER | {"name": "block", "quota": "500G", "priority": 1}]},
        {"servers": "nope"},
        ("servers",),
        missing_reason="resource absent",
        current={"block": 0},
    ),
    Case(
        "sabnzbd.category_job_folders",
        {"categories": [{"name": "tv", "dir": "tv*"}]},
        {"categories": [{"name": "tv", "dir": "tv"}]},
        {"categories": [1, 2]},
        ("categories",),
        missing_reason="resource absent",
        recommended={"tv": "tv"},
    ),
    misc_case("tv_sorting", "enable_tv_sorting", fire=1, ok=0, wrong="1"),
    misc_case("movie_sorting", "enable_movie_sorting", fire=1, ok=0, wrong="1"),
    misc_case("date_sorting", "enable_date_sorting", fire=1, ok=0, wrong="1"),
    Case(
        "sabnzbd.sorters",
        {"sorters": [{"name": "Series", "is_active": 1, "sort_cats": []}]},
        {"sorters": [{"name": "Series", "is_active": 0, "sort_cats": ["tv"]}]},
        {"sorters": "x"},
        ("sorters",),
        missing_reason="resource absent",
        current={"Series": ["*"]},
    ),
    misc_case("download_free", "download_free", fire="", ok="50G", wrong=20),
    misc_case("fulldisk_autoresume", "fulldisk_autoresume", fire=0, ok=1, wrong="1"),
    Case(
        "sabnzbd.separate_download_dirs",
        {"misc": {"download_dir": "/data/usenet", "complete_dir": "/data/usenet/complete"}},
        {"misc": {"download_dir": "/data/usenet/incomplete", "complete_dir": "/data/usenet/complete"}},
        {"misc": {"complete_dir": 5}},
        ("misc", "complete_dir"),
    ),
    Case(
        "sabnzbd.hardware_speed",
        {"fullstatus": {"pystone": 60_000, "completedirspeed": 90}},
        {"fullstatus": {"pystone": 150_000, "downloaddirspeed": 200, "completedirspeed": 200}},
        {"fullstatus": ["not", "an", "object"]},
        ("fullstatus",),
        missing_reason="resource absent",
        current={"pystone": 60_000.0, "completedirspeed": 90.0},
    ),
    misc_case("config_lock", "config_lock", fire=1, ok=0, wrong="1"),
]  # fmt: skip


def test_every_sabnzbd_rule_has_a_case() -> None:
    assert sorted(case.rule_id for case in CASES) == sorted(rule.id for rule in rules_for("sabnzbd"))


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_fires_on_the_bad_value(case: Case) -> None:
    assert_fires(case, base=BASE, build=build, version=VERSION)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_passes_on_a_good_value(case: Case) -> None:
    assert_passes(case, base=BASE, build=build, version=VERSION)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_is_skipped_when_the_setting_is_missing(case: Case) -> None:
    assert_missing(case, base=BASE, build=build, version=VERSION)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_is_skipped_on_a_wrong_type(case: Case) -> None:
    assert_wrong_type(case, base=BASE, build=build, version=VERSION)


@pytest.mark.parametrize("case", with_range(CASES), ids=str)
def test_rule_is_skipped_outside_its_versions(case: Case) -> None:
    assert_version_skips(case, base=BASE, build=build)


def test_ssl_verify_is_not_judged_without_ssl_servers() -> None:
    rule = rule_by_id("sabnzbd.server_ssl_verify")
    assert isinstance(rule, Rule)
    result = run_rule(rule, build(merge(BASE, {"servers": [SERVER | {"ssl": 0}]}), VERSION))
    assert isinstance(result, Skip)
    assert result.reason.startswith("not applicable")


def test_protected_keys_are_never_auto_applicable() -> None:
    for rule in rules_for("sabnzbd"):
        target = rule.applicable
        if isinstance(target, SabnzbdTarget):
            assert target.keyword not in PROTECTED_KEYS, rule.id
    for rule_id in ("sabnzbd.inet_exposure", "sabnzbd.local_ranges", "sabnzbd.api_warnings"):
        protected = rule_by_id(rule_id)
        assert protected is not None
        assert protected.applicable is None
        assert protected.apply_note == PROTECTED_NOTE


def test_a_protected_key_cannot_get_a_target() -> None:
    with pytest.raises(ValueError, match="protected"):
        misc_target("inet_exposure", "0")
