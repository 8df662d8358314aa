"""The client's settings calls: typed reads with no secret, partial updates, write-only secrets, null reverts."""

from __future__ import annotations

import pytest

from autoarr.client import AutoArrClient, InvalidRequestError, ServiceUnavailableError, SettingsUpdate
from autoarr.client.models import AuditSettingsUpdate, LlmUpdate, McpServerUpdate, MonitoringUpdate
from tests.stack import Wired


async def test_settings_are_typed_and_show_no_secret(wired: Wired, client: AutoArrClient) -> None:
    settings = await client.settings()
    assert set(settings.mcp_servers) == {"sabnzbd", "sonarr", "radarr", "plex"}
    sonarr = settings.mcp_servers["sonarr"]
    assert (sonarr.enabled, sonarr.connected, sonarr.api_key_set) == (True, True, True)
    assert sonarr.url == wired.stack.servers["sonarr"].url
    assert settings.mcp_servers["plex"].token_set is True
    assert settings.llm is not None
    assert settings.llm.provider == "none"
    assert settings.audit is not None
    assert (settings.audit.auto_audit_enabled, settings.audit.auto_audit_interval_hours) == (False, 24)
    assert wired.stack.sonarr_key not in settings.model_dump_json()


async def test_a_partial_update_sends_only_what_was_set(client: AutoArrClient) -> None:
    update = SettingsUpdate(audit=AuditSettingsUpdate(auto_audit_enabled=True, auto_audit_interval_hours=12))
    answer = await client.update_settings(update)
    assert answer.success is True
    assert answer.updated_settings == {"audit": {"auto_audit_enabled": True, "auto_audit_interval_hours": 12}}
    settings = await client.settings()
    assert settings.audit is not None
    assert (settings.audit.auto_audit_enabled, settings.audit.auto_audit_interval_hours) == (True, 12)


async def test_secrets_are_sent_but_never_shown(wired: Wired, client: AutoArrClient) -> None:
    update = SettingsUpdate(
        mcp_servers={"radarr": McpServerUpdate(api_key="brand-new-secret-key-0123")},
        llm=LlmUpdate(api_key="llm-secret-42"),
    )
    assert "brand-new-secret" not in repr(update)
    answer = await client.update_settings(update)
    assert answer.updated_settings == {"mcp_servers": {"radarr": {"api_key_set": True}}, "llm": {"api_key_set": True}}
    with pytest.raises(ServiceUnavailableError) as caught:  # Radarr's simulator refuses the new key: it was sent
        await client.movies()
    assert caught.value.details["reason"] == "upstream_auth"


async def test_none_reverts_a_setting_to_the_environment(client: AutoArrClient) -> None:
    await client.update_settings(SettingsUpdate(monitoring=MonitoringUpdate(download_poll_seconds=99)))
    settings = await client.settings()
    assert settings.monitoring is not None
    assert settings.monitoring.download_poll_seconds == 99
    answer = await client.update_settings(SettingsUpdate(monitoring=MonitoringUpdate(download_poll_seconds=None)))
    assert answer.updated_settings == {"monitoring": {"download_poll_seconds": 3600}}


async def test_an_invalid_setting_names_its_path(client: AutoArrClient) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        await client.update_settings(SettingsUpdate(audit=AuditSettingsUpdate(auto_audit_interval_hours=0)))
    assert "audit.auto_audit_interval_hours" in caught.value.details
