"""Settings parse the runtime contract's variables and refuse what they cannot honour."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from autoarr.settings import DEFAULT_RATE_LIMITS, Settings


def test_rate_limit_override_lays_over_the_references_defaults() -> None:
    settings = Settings.from_mapping({"AUTOARR_RATE_LIMITS": "general=1000/minute, audit=100/hour"})
    assert settings.effective_rate_limits == {**DEFAULT_RATE_LIMITS, "general": "1000/minute", "audit": "100/hour"}


@pytest.mark.parametrize("value", ["general=10", "bogus=1/minute", "general=0/minute", "general=5/day"])
def test_bad_rate_limit_overrides_are_refused_with_the_item(value: str) -> None:
    with pytest.raises(ValidationError, match="rate limit"):
        Settings.from_mapping({"AUTOARR_RATE_LIMITS": value})


def test_services_are_enabled_by_their_url_alone() -> None:
    settings = Settings.from_mapping(
        {"SONARR_URL": "http://sonarr:8989/", "SONARR_API_KEY": "k", "PLEX_URL": "http://p"}
    )
    assert settings.enabled_services() == ("sonarr", "plex")
    sonarr = settings.service("sonarr")
    assert sonarr is not None
    assert sonarr.url == "http://sonarr:8989"
    assert settings.service("radarr") is None


def test_trusted_proxies_take_addresses_and_networks() -> None:
    settings = Settings.from_mapping({"AUTOARR_TRUSTED_PROXIES": "10.0.0.1, 172.16.0.0/12"})
    assert [str(n) for n in settings.trusted_proxy_networks] == ["10.0.0.1/32", "172.16.0.0/12"]
    with pytest.raises(ValidationError, match="trusted proxy"):
        Settings.from_mapping({"AUTOARR_TRUSTED_PROXIES": "not-an-ip"})


def test_from_mapping_ignores_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SONARR_URL", "http://from-env")
    assert Settings.from_mapping({}).service("sonarr") is None
    assert Settings().service("sonarr") is not None


def test_root_path_is_normalised() -> None:
    assert Settings.from_mapping({"AUTOARR_ROOT_PATH": "autoarr/"}).root_path == "/autoarr"
