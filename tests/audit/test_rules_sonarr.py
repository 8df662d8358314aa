"""Every Sonarr rule, table-driven: firing, passing, missing setting, wrong type, version not applicable."""

from __future__ import annotations

import pytest

from autoarr.audit.rules.catalogue import rule_by_id, rules_for, run_rule
from autoarr.audit.rules.model import Rule, Skip
from autoarr.audit.rules.sonarr import SONARR
from tests.audit.arr_cases import builder, field_case, good_base, shared_cases
from tests.audit.cases import (
    Case,
    assert_fires,
    assert_missing,
    assert_passes,
    assert_version_skips,
    assert_wrong_type,
    merge,
    with_range,
)

VERSION = "4.0.19.2979"
BASE = good_base(SONARR, VERSION)
build = builder(SONARR)

CASES = [
    *shared_cases(SONARR),
    field_case(
        SONARR,
        "episode_title_required",
        resource="mediamanagement",
        key="episodeTitleRequired",
        fire="always",
        ok="never",
        wrong=True,
    ),
    field_case(
        SONARR,
        "season_folder_format",
        resource="naming",
        key="seasonFolderFormat",
        fire="Season {season}",
        ok="Season {season:00}",
        wrong=1,
    ),
    field_case(
        SONARR,
        "multi_episode_style",
        resource="naming",
        key="multiEpisodeStyle",
        fire=3,
        ok=5,
        wrong="5",
        recommended=5,
    ),
]


def test_every_sonarr_rule_has_a_case() -> None:
    assert sorted(case.rule_id for case in CASES) == sorted(rule.id for rule in rules_for("sonarr"))


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


def test_authentication_required_is_not_judged_on_sonarr_3() -> None:
    rule = rule_by_id("sonarr.authentication_required")
    assert isinstance(rule, Rule)
    result = run_rule(
        rule, build(merge(BASE, {"host": {"authenticationRequired": "disabledForLocalAddresses"}}), "3.0.10.1567")
    )
    assert isinstance(result, Skip)
    assert result.reason.startswith("version not applicable")
