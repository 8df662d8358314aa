"""Everything stateful, built in the lifespan in dependency order and closed in reverse on the way out."""

from __future__ import annotations

from contextlib import AsyncExitStack

from fastapi import FastAPI

from autoarr.audit.apply import ApplyService
from autoarr.audit.scheduler import AuditScheduler
from autoarr.audit.service import AuditService
from autoarr.bus import EventBus
from autoarr.events.downloads import DownloadMonitor
from autoarr.events.hub import Hub
from autoarr.events.recovery import RecoveryService
from autoarr.integrations.health_checks import HealthMonitor
from autoarr.integrations.registry import Integrations
from autoarr.logs import register_secrets
from autoarr.settings import Settings
from autoarr.settings_api.schema import SPECS, effective
from autoarr.settings_api.service import SettingsService
from autoarr.store.audit_repo import AuditRepository, ChangeRepository
from autoarr.store.database import migrate_to_head, open_database
from autoarr.store.downloads_repo import SeenDownloadRepository
from autoarr.store.recovery_repo import RecoveryRepository
from autoarr.store.secret_box import SecretBox
from autoarr.store.settings_repo import SettingsRepository
from autoarr.web.apikey import ApiKeyChecker
from autoarr.web.deps import KitState
from autoarr.web.gateway import GatewayState
from autoarr.web.ratelimit import RateLimiter


class _KitSettings:
    """Keeps `KitState.settings` (what kit-level code reads) in step with live changes."""

    def __init__(self, kit: KitState) -> None:
        self._kit = kit

    async def apply_settings(self, settings: Settings) -> None:
        self._kit.settings = settings


async def assemble(
    app: FastAPI, base: Settings, stack: AsyncExitStack, *, api_key: str, gateway: GatewayState
) -> Settings:
    """Open the store, lay the stored settings over the environment's, start every component; the settings."""
    register_secrets(*base.secrets())
    database = open_database(base.effective_database_url)
    stack.push_async_callback(database.close)
    await migrate_to_head(database)
    secret_paths = frozenset(path for path, spec in SPECS.items() if spec.secret)
    settings_repository = SettingsRepository(
        database.sessions, box=SecretBox(base.data_path), secret_paths=secret_paths
    )
    settings = effective(base, await settings_repository.load())
    register_secrets(*settings.secrets())

    bus = EventBus()
    keys = ApiKeyChecker(api_key)
    limiter = RateLimiter(settings.effective_rate_limits)
    kit = KitState(settings=settings, database=database, bus=bus, limiter=limiter, metrics=gateway.metrics, keys=keys)
    app.state.kit = kit

    integrations = Integrations.from_settings(settings)
    stack.push_async_callback(integrations.aclose)
    app.state.integrations = integrations

    health = HealthMonitor(integrations, bus, interval_seconds=settings.health_interval_seconds)
    health.start()
    stack.push_async_callback(health.stop)
    app.state.health_monitor = health

    downloads = DownloadMonitor(
        integrations, bus, SeenDownloadRepository(database.sessions), interval_seconds=settings.download_poll_seconds
    )
    await downloads.apply_settings(settings)  # starts polling when SABnzbd is enabled
    stack.push_async_callback(downloads.stop)
    app.state.download_monitor = downloads

    audit_repository = AuditRepository(database.sessions)
    audits = AuditService(integrations, audit_repository, bus, search_url=settings.search_url)
    app.state.audit_service = audits
    app.state.apply_service = ApplyService(integrations, audit_repository, ChangeRepository(database.sessions), bus)
    scheduler = AuditScheduler(audits, audit_repository, integrations, settings)
    scheduler.start()
    stack.push_async_callback(scheduler.stop)
    app.state.audit_scheduler = scheduler

    recovery = RecoveryService(integrations, RecoveryRepository(database.sessions), bus, settings)
    recovery.start()
    stack.push_async_callback(recovery.stop)
    app.state.recovery_service = recovery

    hub = Hub(bus)
    hub.start()
    stack.push_async_callback(hub.stop)
    app.state.ws_hub = hub

    app.state.settings_service = SettingsService(
        base=base,
        current=settings,
        repository=settings_repository,
        integrations=integrations,
        components=[_KitSettings(kit), integrations, limiter, health, downloads, scheduler, recovery],
    )
    gateway.keys, gateway.limiter = keys, limiter
    return settings
