"""Every cross-service rule, table-driven over a stack: firing, passing, missing data, wrong type."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import pytest

from autoarr.audit.rules.catalogue import evaluate_cross, rule_by_id, rules_for, run_cross_rule
from autoarr.audit.rules.model import CrossRule, Finding, Skip
from autoarr.audit.snapshot import ConfigSnapshot, StackSnapshot
from autoarr.settings import ServiceName
from tests.audit.cases import merge

GIB = 1024**3
Stack = dict[ServiceName, dict[str, Any]]


def client(app: str, category: str, **changes: Any) -> dict[str, Any]:
    """A SABnzbd download client as Sonarr (`app` "sonarr") or Radarr list it."""
    name = "tvCategory" if app == "sonarr" else "movieCategory"
    return {
        "name": "SABnzbd",
        "implementation": "Sabnzbd",
        "enable": True,
        "removeCompletedDownloads": True,
        "removeFailedDownloads": True,
        "fields": [{"name": "host", "value": changes.pop("host", "sabnzbd")}, {"name": name, "value": category}],
    } | changes


PLEX_CONNECT = [{"implementation": "PlexServer", "fields": [{"name": "updateLibrary", "value": True}]}]


def arr(app: str, category: str, root: str) -> dict[str, Any]:
    """A Sonarr/Radarr whose side of every cross rule is right."""
    return {
        "downloadclients": [client(app, category)],
        "downloadclient_config": {"enableCompletedDownloadHandling": True, "autoRedownloadFailed": True},
        "rootfolders": [{"path": root, "accessible": True, "freeSpace": 1000 * GIB}],
        "notifications": copy.deepcopy(PLEX_CONNECT),
    }


BASE: Stack = {
    "sabnzbd": {
        "misc": {
            "download_dir": "/data/usenet/incomplete",
            "complete_dir": "/data/usenet/complete",
            "host_whitelist": ["sabnzbd"],
            "username": "",
            "password": "",
            "history_retention": "0",
            "fail_hopeless_jobs": 1,
            "pause_on_pwrar": 2,
            "action_on_unwanted_extensions": 2,
            "new_nzb_on_failure": 0,
            "enable_tv_sorting": 0,
            "tv_categories": ["tv"],
            "enable_movie_sorting": 0,
            "movie_categories": ["movies"],
            "enable_date_sorting": 0,
            "date_categories": ["tv"],
        },
        "categories": [{"name": "*", "dir": ""}, {"name": "tv", "dir": "tv"}, {"name": "movies", "dir": "movies"}],
        "fullstatus": {"completedir": "/data/usenet/complete", "downloaddir": "/data/usenet/incomplete",
                       "diskspace2": "1000.00"},
    },
    "sonarr": arr("sonarr", "tv", "/data/media/tv"),
    "radarr": arr("radarr", "movies", "/data/media/movies"),
    "plex": {
        "prefs": [{"id": "FSEventLibraryUpdatesEnabled", "value": False}],
        "sections": [{"key": "1", "Location": [{"path": "/data/media/tv"}]},
                     {"key": "2", "Location": [{"path": "/data/media/movies"}]}],
    },
}  # fmt: skip


def stack(overrides: Stack | None = None, *, drop: tuple[tuple[str, ...], ...] = ()) -> StackSnapshot:
    """The base stack with per-service overrides merged in and services or resources dropped."""
    services = {name: merge(resources, (overrides or {}).get(name, {})) for name, resources in BASE.items()}
    for path in drop:
        if len(path) == 1:
            del services[path[0]]  # type: ignore[arg-type]
        elif len(path) == 2:
            del services[path[0]][path[1]]  # type: ignore[index]
        else:
            del services[path[0]][path[1]][path[2]]  # type: ignore[index]
    return StackSnapshot({name: ConfigSnapshot(name, None, resources) for name, resources in services.items()})


@dataclass(frozen=True)
class CrossCase:
    """One cross rule's table row."""

    rule_id: str
    fire: Stack
    passes: Stack
    wrong: Stack
    missing: tuple[tuple[str, ...], ...]
    missing_reason: str
    extra_fires: tuple[tuple[Stack, str], ...] = field(default_factory=tuple)

    def __str__(self) -> str:
        return self.rule_id


CASES = [
    CrossCase(
        "cross.arr_categories_exist",
        {"sonarr": {"downloadclients": [client("sonarr", "sonarr")]}},
        {"sabnzbd": {"categories": [{"name": "tv"}, {"name": "movies"}, {"name": "audio"}]}},
        {"sabnzbd": {"categories": {"tv": {}}}},
        (("sabnzbd",),),
        "not applicable",
        extra_fires=(({"radarr": {"downloadclients": [client("radarr", "tv")]}}, "high"),),
    ),
    CrossCase(
        "cross.arr_category_job_folders",
        {"sabnzbd": {"categories": [{"name": "tv", "dir": "tv*"}, {"name": "movies", "dir": "movies"}]}},
        {"sabnzbd": {"categories": [{"name": "tv", "dir": "tv"}, {"name": "audio", "dir": "audio*"}]}},
        {"sabnzbd": {"categories": "tv"}},
        (("sonarr",), ("radarr",)),
        "not applicable",
    ),
    CrossCase(
        "cross.arr_category_sorting",
        {"sabnzbd": {"misc": {"enable_tv_sorting": 1}}},
        {"sabnzbd": {"misc": {"enable_date_sorting": 1, "date_categories": ["audio"]}}},
        {"sabnzbd": {"misc": ["not", "an", "object"]}},
        (("sabnzbd", "misc"),),
        "resource absent",
        extra_fires=(({"sabnzbd": {"sorters": [{"name": "All", "is_active": 1, "sort_cats": []}]}}, "high"),),
    ),
    CrossCase(
        "cross.history_retention_vs_cdh",
        {"sabnzbd": {"misc": {"history_retention": "7d"}}},
        {"sabnzbd": {"misc": {"history_retention": "30d"}}},
        {"sabnzbd": {"misc": {"history_retention": 7}}},
        (("sonarr", "downloadclient_config"), ("radarr", "downloadclient_config")),
        "resource absent",
        extra_fires=(
            ({"radarr": {"downloadclients": [client("radarr", "movies", removeCompletedDownloads=False)]}}, "low"),
            ({"sabnzbd": {"misc": {"history_retention_option": "number-delete"}}}, "high"),
        ),
    ),
    CrossCase(
        "cross.hardlink_filesystem",
        {"sonarr": {"rootfolders": [{"path": "/tv", "freeSpace": 1000 * GIB}]}},
        {"sabnzbd": {"fullstatus": {"diskspace2": "1000.4"}}},
        {"sonarr": {"rootfolders": {"path": "/tv"}}},
        (("sabnzbd", "misc", "complete_dir"), ("sabnzbd", "fullstatus")),
        "missing setting",
        extra_fires=(
            ({"radarr": {"rootfolders": [{"path": "/data/usenet/complete/movies", "freeSpace": 1000 * GIB}]}}, "high"),
            ({"radarr": {"rootfolders": [{"path": "/data/media/movies", "freeSpace": 20 * GIB}]}}, "high"),
        ),
    ),
    CrossCase(
        "cross.plex_connection",
        {"radarr": {"notifications": []}},
        {"radarr": {"notifications": []}, "plex": {"prefs": [{"id": "FSEventLibraryUpdatesEnabled", "value": True}]}},
        {"plex": {"prefs": {"FSEventLibraryUpdatesEnabled": False}}},
        (("plex",),),
        "not applicable",
    ),
    CrossCase(
        "cross.plex_covers_root_folders",
        {"radarr": {"rootfolders": [{"path": "/data/media/movies"}, {"path": "/data/media/4k"}]}},
        {"plex": {"sections": [{"Location": [{"path": "/data/media"}]}]}},
        {"plex": {"sections": "all"}},
        (("plex", "sections"),),
        "resource absent",
        extra_fires=(({"plex": {"sections": [{"Location": [{"path": "/data/media"}]},
                                             {"Location": [{"path": "/data/usenet"}]}]}}, "medium"),),
    ),
    CrossCase(
        "cross.sabnzbd_hostname_check",
        {"sabnzbd": {"misc": {"host_whitelist": []}}},
        {"sabnzbd": {"misc": {"host_whitelist": [], "username": "admin", "password": "**********"}},
         "sonarr": {"downloadclients": [client("sonarr", "tv", host="192.168.1.5")]},
         "radarr": {"downloadclients": [client("radarr", "movies", host="nas.local")]}},
        {"sabnzbd": {"misc": {"host_whitelist": "sabnzbd"}}},
        (("sabnzbd", "misc", "host_whitelist"),),
        "missing setting",
    ),
    CrossCase(
        "cross.failure_loop",
        {"sabnzbd": {"misc": {"pause_on_pwrar": 1}}},
        {"sabnzbd": {"misc": {"fail_hopeless_jobs": 1}}},
        {"sabnzbd": {"misc": "fail fast"}},
        (("sonarr",), ("radarr",)),
        "not applicable",
        extra_fires=(
            ({"sonarr": {"downloadclient_config": {"autoRedownloadFailed": False}}}, "high"),
            ({"radarr": {"downloadclients": [client("radarr", "movies", removeFailedDownloads=False)]}}, "high"),
        ),
    ),
]  # fmt: skip


def cross_rule(case: CrossCase) -> CrossRule:
    """The rule a case is about."""
    rule = rule_by_id(case.rule_id)
    assert isinstance(rule, CrossRule)
    return rule


def test_every_cross_rule_has_a_case() -> None:
    assert sorted(case.rule_id for case in CASES) == sorted(rule.id for rule in rules_for("cross"))


def test_the_base_stack_passes_every_cross_rule() -> None:
    assert {outcome.rule_id: outcome.status for outcome in evaluate_cross(stack())} == {
        case.rule_id: "passed" for case in CASES
    }


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_fires_on_the_bad_combination(case: CrossCase) -> None:
    rule = cross_rule(case)
    assert isinstance(run_cross_rule(rule, stack(case.fire)), Finding)
    for overrides, priority in case.extra_fires:
        result = run_cross_rule(rule, stack(overrides))
        assert isinstance(result, Finding), overrides
        assert (result.priority or rule.priority) == priority


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_passes_on_a_good_combination(case: CrossCase) -> None:
    assert run_cross_rule(cross_rule(case), stack(case.passes)) is None


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_is_skipped_when_its_data_is_missing(case: CrossCase) -> None:
    result = run_cross_rule(cross_rule(case), stack(case.fire, drop=case.missing))
    assert isinstance(result, Skip), result
    assert result.reason.startswith(case.missing_reason), result.reason


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_is_skipped_on_a_wrong_type(case: CrossCase) -> None:
    result = run_cross_rule(cross_rule(case), stack(case.wrong))
    assert isinstance(result, Skip), result
    assert result.reason.startswith("wrong type"), result.reason


def test_cross_rules_say_which_services_they_read() -> None:
    for rule in rules_for("cross"):
        assert isinstance(rule, CrossRule)
        assert rule.service == "cross"
        assert len(rule.reads) >= 2


def test_an_empty_stack_skips_every_cross_rule() -> None:
    assert {outcome.status for outcome in evaluate_cross(StackSnapshot({}))} == {"skipped"}
