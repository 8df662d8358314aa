"""Every Radarr rule, table-driven: firing, passing, missing setting, wrong type, version not applicable."""

from __future__ import annotations

import pytest

from autoarr.audit.rules.catalogue import rule_by_id, rules_for, run_rule
from autoarr.audit.rules.model import Rule, Skip
from autoarr.audit.rules.radarr import RADARR
from tests.audit.arr_cases import builder, good_base, shared_cases
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

VERSION = "6.0.3.10276"
BASE = good_base(RADARR, VERSION)
build = builder(RADARR)

CASES = [
    *shared_cases(RADARR),
    Case(
        "radarr.allow_hardcoded_subs",
        {"indexer_config": {"allowHardcodedSubs": True, "whitelistedHardcodedSubs": ""}},
        {"indexer_config": {"allowHardcodedSubs": True, "whitelistedHardcodedSubs": "korsub"}},
        {"indexer_config": {"allowHardcodedSubs": "true"}},
        ("indexer_config", "whitelistedHardcodedSubs"),
        recommended=False,
    ),
]


def test_every_radarr_rule_has_a_case() -> None:
    assert sorted(case.rule_id for case in CASES) == sorted(rule.id for rule in rules_for("radarr"))


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


def test_authentication_required_is_not_judged_on_radarr_4() -> None:
    rule = rule_by_id("radarr.authentication_required")
    assert isinstance(rule, Rule)
    result = run_rule(
        rule, build(merge(BASE, {"host": {"authenticationRequired": "disabledForLocalAddresses"}}), "4.7.5.7809")
    )
    assert isinstance(result, Skip)
    assert result.reason.startswith("version not applicable")
