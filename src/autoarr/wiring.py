"""Everything stateful, built in the lifespan in dependency order and closed in reverse on the way out."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import FastAPI
from prometheus_client import Gauge

from autoarr.audit.apply import ApplyService
from autoarr.audit.scheduler import AuditScheduler
from autoarr.audit.service import AuditService
from autoarr.bus import EventBus
from autoarr.events.downloads import DownloadMonitor
from autoarr.events.hub import Hub
from autoarr.events.recovery import RecoveryService
from autoarr.integrations.health import health_body
from autoarr.integrations.health_checks import HealthMonitor
from autoarr.integrations.registry import Integrations
from autoarr.leader import Duty, Leadership
from autoarr.logs import register_secrets
from autoarr.mcp.confirm import ConfirmTokens
from autoarr.mcp.context import Budget, ToolContext
from autoarr.mcp.hub import McpHub
from autoarr.replicas import SharedBackends, open_backends
from autoarr.settings import RateCategory, Settings
from autoarr.settings_api.schema import SPECS, effective
from autoarr.settings_api.service import Reconfigurable, SettingsService
from autoarr.store.audit_repo import AuditRepository, ChangeRepository
from autoarr.store.database import migrate_to_head, open_database
from autoarr.store.downloads_repo import SeenDownloadRepository
from autoarr.store.recovery_repo import RecoveryRepository
from autoarr.store.secret_box import SecretBox
from autoarr.store.settings_repo import SettingsRepository
from autoarr.web.apikey import ApiKeyChecker
from autoarr.web.deps import KitState
from autoarr.web.gateway import GatewayState
from autoarr.web.metrics import HttpMetrics
from autoarr.web.ratelimit import RateLimiter


class _KitSettings:
    """Keeps `KitState.settings` (what kit-level code reads) in step with live changes."""

    def __init__(self, kit: KitState) -> None:
        self._kit = kit

    async def apply_settings(self, settings: Settings) -> None:
        self._kit.settings = settings


class _LeaderOnlyDownloads:
    """Settings reach the download monitor only while this replica leads: applying them starts its polling."""

    def __init__(self, monitor: DownloadMonitor, leadership: Leadership, settings: Settings) -> None:
        self._monitor = monitor
        self._leadership = leadership
        self._settings = settings

    async def apply_settings(self, settings: Settings) -> None:
        self._settings = settings
        if self._leadership.is_leader:
            await self._monitor.apply_settings(settings)

    def duty(self) -> Duty:
        async def begin() -> None:
            await self._monitor.apply_settings(self._settings)  # polls when SABnzbd is enabled

        return Duty("download monitor", begin=begin, end=self._monitor.stop)


class _SettingsAcrossReplicas:
    """Signals the other replicas when settings change here; reloads the stored ones when they changed elsewhere."""

    SIGNAL = "settings.changed"

    def __init__(self, bus: EventBus, *, base: Settings, repository: SettingsRepository) -> None:
        self._bus = bus
        self._base = base
        self._repository = repository
        self._service: SettingsService | None = None
        self._components: list[Reconfigurable] = []

    def attach(self, service: SettingsService, components: list[Reconfigurable]) -> None:
        self._service, self._components = service, components
        self._bus.on_signal(self.SIGNAL, self.reload)

    async def apply_settings(self, settings: Settings) -> None:
        """Last of the components: the change is stored and in use here, so the others may reload it."""
        await self._bus.signal(self.SIGNAL)

    async def reload(self) -> None:
        """Another replica stored a change: lay the stored settings over the environment again and apply them."""
        assert self._service is not None
        new = effective(self._base, await self._repository.load())
        register_secrets(*new.secrets())
        self._service.current = new
        for component in self._components:  # not ourselves: nobody else needs telling
            await component.apply_settings(new)


def _started(start: Callable[[], None]) -> Callable[[], Awaitable[None]]:
    async def begin() -> None:
        start()

    return begin


def _url_password(url: str | None) -> str | None:
    try:
        return urlsplit(url).password if url else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Core:
    """What serving the API and serving one MCP server over stdio share: the store, the settings, the features."""

    settings: Settings
    settings_repository: SettingsRepository
    kit: KitState
    integrations: Integrations
    audit_repository: AuditRepository
    audits: AuditService
    applier: ApplyService
    shared: SharedBackends  # bus, short-lived state, rate storage, leadership: in-process, or shared through Redis


async def open_core(base: Settings, stack: AsyncExitStack, *, api_key: str, metrics: HttpMetrics) -> Core:
    """Open the store, lay the stored settings over the environment's, build what serves requests (no loops)."""
    register_secrets(*base.secrets())
    register_secrets(*filter(None, (_url_password(base.database_url), _url_password(base.redis_url))))
    database = open_database(base.effective_database_url)
    stack.push_async_callback(database.close)
    await migrate_to_head(database)
    secret_paths = frozenset(path for path, spec in SPECS.items() if spec.secret)
    settings_repository = SettingsRepository(
        database.sessions, box=SecretBox(base.data_path), secret_paths=secret_paths
    )
    settings = effective(base, await settings_repository.load())
    register_secrets(*settings.secrets())

    shared = await open_backends(settings, stack)
    bus = shared.bus
    keys = ApiKeyChecker(api_key)
    limiter = RateLimiter(settings.effective_rate_limits, storage=shared.rate_storage)
    kit = KitState(settings=settings, database=database, bus=bus, limiter=limiter, metrics=metrics, keys=keys)

    integrations = Integrations.from_settings(settings)
    stack.push_async_callback(integrations.aclose)

    audit_repository = AuditRepository(database.sessions)
    audits = AuditService(integrations, audit_repository, bus, search_url=settings.search_url)
    applier = ApplyService(integrations, audit_repository, ChangeRepository(database.sessions), bus)
    return Core(
        settings=settings,
        settings_repository=settings_repository,
        kit=kit,
        integrations=integrations,
        audit_repository=audit_repository,
        audits=audits,
        applier=applier,
        shared=shared,
    )


def tool_context(core: Core, *, per_call: RateCategory | None) -> ToolContext:
    """What the MCP tools work with; `per_call` is charged for every call (see `Budget`)."""
    identity = core.kit.keys.identity
    return ToolContext(
        integrations=core.integrations,
        bus=core.kit.bus,
        audits=core.audits,
        applier=core.applier,
        budget=Budget(core.kit.limiter, identity, per_call=per_call),
        tokens=ConfirmTokens(core.shared.ephemeral),
        actor=f"{identity} (mcp)",
    )


async def assemble(
    app: FastAPI, base: Settings, stack: AsyncExitStack, *, api_key: str, gateway: GatewayState
) -> Settings:
    """Open the core, start every component; the settings."""
    core = await open_core(base, stack, api_key=api_key, metrics=gateway.metrics)
    settings, kit, integrations = core.settings, core.kit, core.integrations
    database, bus, limiter, keys = kit.database, kit.bus, kit.limiter, kit.keys
    app.state.kit = kit
    app.state.integrations = integrations
    leadership = app.state.leadership = core.shared.leadership
    app.state.ephemeral = core.shared.ephemeral  # short-lived state (confirm tokens), shared by replicas with Redis

    health = HealthMonitor(integrations, bus, interval_seconds=settings.health_interval_seconds)
    health.start()
    stack.push_async_callback(health.stop)
    app.state.health_monitor = health

    seen = SeenDownloadRepository(database.sessions)
    downloads = DownloadMonitor(integrations, bus, seen, interval_seconds=settings.download_poll_seconds)
    leader_downloads = _LeaderOnlyDownloads(downloads, leadership, settings)
    stack.push_async_callback(downloads.stop)
    app.state.download_monitor = downloads

    audits = app.state.audit_service = core.audits
    app.state.apply_service = core.applier
    scheduler = AuditScheduler(audits, core.audit_repository, integrations, settings)
    stack.push_async_callback(scheduler.stop)
    app.state.audit_scheduler = scheduler

    recovery = RecoveryService(integrations, RecoveryRepository(database.sessions), bus, settings, seen=seen)
    stack.push_async_callback(recovery.stop)
    app.state.recovery_service = recovery

    hub = Hub(bus)
    hub.start()
    stack.push_async_callback(hub.stop)
    app.state.ws_hub = hub

    app.state.mcp = McpHub(tool_context(core, per_call=None))  # the gateway charges each request to `general`
    stack.push_async_callback(app.state.mcp.aclose)

    components: list[Reconfigurable] = [
        _KitSettings(kit),
        integrations,
        limiter,
        health,
        leader_downloads,
        scheduler,
        recovery,
    ]
    across = _SettingsAcrossReplicas(bus, base=base, repository=core.settings_repository)
    app.state.settings_service = SettingsService(
        base=base,
        current=settings,
        repository=core.settings_repository,
        integrations=integrations,
        components=[*components, across],
    )
    across.attach(app.state.settings_service, components)
    gateway.keys, gateway.limiter = keys, limiter
    gateway.quick_answers["/health"] = functools.partial(health_body, integrations)

    # Health checks run on every replica; this work runs on the leader only (recovery first: it listens for
    # the failures the monitor announces).
    leadership.add_duty(Duty("recovery", begin=_started(recovery.start), end=recovery.stop))
    leadership.add_duty(Duty("scheduled audits", begin=_started(scheduler.start), end=scheduler.stop))
    leadership.add_duty(leader_downloads.duty())
    Gauge(
        "autoarr_leader",
        "1 while this replica runs the background work (download monitor, scheduled audits, recovery)",
        registry=gateway.metrics.registry,
    ).set_function(lambda: float(leadership.is_leader))
    await leadership.start()
    stack.push_async_callback(leadership.stop)  # first out: duties end and the lease is handed back
    return settings
