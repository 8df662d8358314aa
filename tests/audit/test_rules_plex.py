"""Every Plex rule, table-driven: firing, passing, missing pref, wrong type."""

from __future__ import annotations

from typing import Any

import pytest

from autoarr.audit.rules.catalogue import rules_for
from autoarr.audit.snapshot import ConfigSnapshot
from tests.audit.cases import Case, Resources, assert_fires, assert_missing, assert_passes, assert_wrong_type

VERSION = "1.41.3.9314-a0bfb8370"
GOOD_PREFS: dict[str, Any] = {
    "FSEventLibraryUpdatesEnabled": True,
    "FSEventLibraryPartialScanEnabled": True,
    "ScheduledLibraryUpdatesEnabled": False,
    "ScheduledLibraryUpdateInterval": 900,
    "ScannerLowPriority": True,
    "GenerateBIFBehavior": "never",
    "GenerateChapterThumbBehavior": "scheduled",
    "LoudnessAnalysisBehavior": "scheduled",
    "GenerateIntroMarkerBehavior": "scheduled",
    "GenerateCreditsMarkerBehavior": "never",
    "autoEmptyTrash": True,
    "ButlerTaskBackupDatabase": True,
    "ButlerTaskOptimizeDatabase": True,
    "secureConnections": 1,
    "allowedNetworks": "",
    "logTokens": False,
    "allowMediaDeletion": False,
    "DlnaEnabled": False,
    "PublishServerOnPlexOnlineKey": False,
    "RelayEnabled": False,
    "LogVerbose": False,
    "TreatWanIpAsLocal": True,
    "GdmEnabled": True,
    "TranscoderQuality": 0,
    "HardwareAcceleratedCodecs": True,
    "TranscoderTempDirectory": "/transcode",
    "customConnections": "https://plex.example.com:443",
    "PlexOnlineToken": "plexOnline-Tok3n-9f8e7d",
}
BASE: Resources = {"prefs": GOOD_PREFS, "sections": [], "server": {"version": VERSION}}


def build(resources: Resources, version: str | None) -> ConfigSnapshot:
    """A Plex snapshot: prefs written as a {id: value} dict in the cases, sent as PMS's Setting list."""
    prefs = resources.get("prefs")
    settings = [{"id": key, "value": value} for key, value in prefs.items()] if isinstance(prefs, dict) else prefs
    return ConfigSnapshot("plex", version, {**resources, "prefs": settings} if "prefs" in resources else resources)


def pref_case(rule: str, pref: str, *, fire: Any, ok: Any, wrong: Any, **extra: Any) -> Case:
    """A rule on one pref."""
    return Case(
        f"plex.{rule}",
        {"prefs": {pref: fire}},
        {"prefs": {pref: ok}},
        {"prefs": {pref: wrong}},
        ("prefs", pref),
        **extra,
    )


CASES = [
    pref_case("fs_event_updates", "FSEventLibraryUpdatesEnabled", fire=False, ok=True, wrong=0),
    pref_case("partial_scan", "FSEventLibraryPartialScanEnabled", fire=False, ok=True, wrong="0"),
    Case(
        "plex.scheduled_scan_interval",
        {"prefs": {"ScheduledLibraryUpdatesEnabled": True, "ScheduledLibraryUpdateInterval": 900}},
        {"prefs": {"ScheduledLibraryUpdatesEnabled": True, "ScheduledLibraryUpdateInterval": 3600}},
        {"prefs": {"ScheduledLibraryUpdatesEnabled": True, "ScheduledLibraryUpdateInterval": "900"}},
        ("prefs", "ScheduledLibraryUpdateInterval"),
        current=900,
        recommended=3600,
    ),
    pref_case("scanner_low_priority", "ScannerLowPriority", fire=False, ok=True, wrong=1),
    pref_case(
        "preview_thumbnails", "GenerateBIFBehavior", fire="asap", ok="never", wrong=2, recommended="never",
        extra_fires=(({"prefs": {"GenerateBIFBehavior": "scheduled"}}, "low"),
                     ({"prefs": {"GenerateBIFBehavior": "asap"}}, "high")),
    ),
    pref_case("chapter_thumbnails", "GenerateChapterThumbBehavior", fire="asap", ok="never", wrong=None),
    pref_case("loudness_analysis", "LoudnessAnalysisBehavior", fire="asap", ok="never", wrong=1),
    pref_case("intro_markers", "GenerateIntroMarkerBehavior", fire="asap", ok="never", wrong=True),
    pref_case("credits_markers", "GenerateCreditsMarkerBehavior", fire="asap", ok="scheduled", wrong=0),
    pref_case("auto_empty_trash", "autoEmptyTrash", fire=False, ok=True, wrong="false"),
    pref_case("backup_database", "ButlerTaskBackupDatabase", fire=False, ok=True, wrong=0),
    pref_case("optimize_database", "ButlerTaskOptimizeDatabase", fire=False, ok=True, wrong=0),
    pref_case("secure_connections", "secureConnections", fire=2, ok=0, wrong="2", current=2, recommended=1),
    pref_case(
        "allowed_networks", "allowedNetworks", fire="192.168.1.0/255.255.255.0", ok="", wrong=0,
        extra_fires=(({"prefs": {"allowedNetworks": "192.168.1.0/24,0.0.0.0/0"}}, "critical"),
                     ({"prefs": {"allowedNetworks": "8.8.8.0/24"}}, "critical"),
                     ({"prefs": {"allowedNetworks": "10.0.0.0/8"}}, "high")),
    ),
    pref_case("log_tokens", "logTokens", fire=True, ok=False, wrong=1),
    pref_case("allow_media_deletion", "allowMediaDeletion", fire=True, ok=False, wrong=1),
    pref_case("dlna", "DlnaEnabled", fire=True, ok=False, wrong=1),
    pref_case("publish_server", "PublishServerOnPlexOnlineKey", fire=True, ok=False, wrong=1),
    pref_case("relay", "RelayEnabled", fire=True, ok=False, wrong=1),
    pref_case("log_verbose", "LogVerbose", fire=True, ok=False, wrong="1"),
    pref_case("treat_wan_ip_as_local", "TreatWanIpAsLocal", fire=False, ok=True, wrong=0),
    pref_case("gdm", "GdmEnabled", fire=False, ok=True, wrong=0),
    pref_case("transcoder_quality", "TranscoderQuality", fire=3, ok=1, wrong="0"),
    pref_case("hardware_acceleration", "HardwareAcceleratedCodecs", fire=False, ok=True, wrong="1"),
    pref_case("transcoder_temp_directory", "TranscoderTempDirectory", fire="//nas/transcode", ok="", wrong=5),
    pref_case(
        "custom_connections", "customConnections", fire="https://plex.example.com", ok="", wrong=["x"],
        extra_fires=(({"prefs": {"customConnections": "https://a.example:443,http://b.example"}}, "low"),),
    ),
]  # fmt: skip


def test_every_plex_rule_has_a_case() -> None:
    assert sorted(case.rule_id for case in CASES) == sorted(rule.id for rule in rules_for("plex"))


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_fires_on_the_bad_value(case: Case) -> None:
    assert_fires(case, base=BASE, build=build, version=VERSION)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_passes_on_a_good_value(case: Case) -> None:
    assert_passes(case, base=BASE, build=build, version=VERSION)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_is_skipped_when_the_pref_is_missing(case: Case) -> None:
    assert_missing(case, base=BASE, build=build, version=VERSION)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_is_skipped_on_a_wrong_type(case: Case) -> None:
    assert_wrong_type(case, base=BASE, build=build, version=VERSION)


def test_plex_rules_have_no_version_ranges() -> None:
    assert all(not (rule.versions.minimum or rule.versions.below) for rule in rules_for("plex"))


def test_prefs_that_are_not_a_list_skip_every_rule() -> None:
    from autoarr.audit.rules.catalogue import evaluate

    outcomes = evaluate(ConfigSnapshot("plex", VERSION, {"prefs": {"secureConnections": 2}}))
    assert {outcome.status for outcome in outcomes} == {"skipped"}
    assert all((outcome.reason or "").startswith("wrong type") for outcome in outcomes)
