"""create_app(settings): the lifespan that builds the state, and every feature's router."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

from fastapi import FastAPI

from autoarr import __version__
from autoarr.audit import routes as audit_routes
from autoarr.events import recovery_routes, ws
from autoarr.integrations import health
from autoarr.integrations.plex import routes as plex_routes
from autoarr.integrations.radarr import routes as radarr_routes
from autoarr.integrations.sabnzbd import routes as sabnzbd_routes
from autoarr.integrations.sonarr import routes as sonarr_routes
from autoarr.logs import get_logger, register_secrets
from autoarr.mcp import proxy as mcp_proxy
from autoarr.mcp.http import http_route as mcp_http_route
from autoarr.settings import Settings
from autoarr.settings_api import routes as settings_routes
from autoarr.web import system_routes
from autoarr.web.apikey import load_or_create_key
from autoarr.web.envelope import ERROR_RESPONSES, install_error_handlers
from autoarr.web.gateway import Gateway, GatewayState
from autoarr.web.metrics import HttpMetrics
from autoarr.web.openapi import build_openapi
from autoarr.wiring import assemble

log = get_logger("autoarr.app")


def resolve_api_key(settings: Settings) -> str:
    """The configured key, else the one generated on first start (printed once, to stderr only)."""
    if settings.api_key is not None and settings.api_key.get_secret_value():
        return settings.api_key.get_secret_value()
    key, created = load_or_create_key(settings.data_path)
    register_secrets(key)
    if created:
        # stdout stays clean for `autoarr mcp`, which speaks the protocol there.
        print(f"AutoArr generated an API key (stored in {settings.data_path}/api_key): {key}", file=sys.stderr)
    return key


def create_app(settings: Settings) -> FastAPI:
    """The AutoArr ASGI app; nothing stateful exists until its lifespan starts."""
    metrics = HttpMetrics()
    gateway_state = GatewayState(trusted_proxies=settings.trusted_proxy_networks, metrics=metrics)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            current = await assemble(app, settings, stack, api_key=resolve_api_key(settings), gateway=gateway_state)
            log.info("started", version=__version__, services=list(current.enabled_services()))
            yield
            log.info("stopping")

    app = FastAPI(
        title="AutoArr",
        version=__version__,
        description="One authenticated API over SABnzbd, Sonarr, Radarr and Plex.",
        lifespan=lifespan,
        root_path=settings.root_path,
        docs_url=None,
        redoc_url=None,
        responses=ERROR_RESPONSES,
    )
    install_error_handlers(app)
    app.include_router(health.router)  # first: monitors poll it, and routes are matched in order
    app.include_router(health.router, prefix="/api/v1")
    app.include_router(system_routes.router)
    app.include_router(ws.router)
    app.include_router(recovery_routes.router)  # before the downloads router's /{nzo_id} routes
    app.include_router(sabnzbd_routes.router)
    app.include_router(sonarr_routes.router)
    app.include_router(radarr_routes.router)
    app.include_router(plex_routes.router)
    app.include_router(audit_routes.router)
    app.include_router(settings_routes.router)
    app.include_router(mcp_proxy.router)
    app.router.routes.append(mcp_http_route())  # /mcp/<server>/: streamable HTTP, behind the key like every path
    app.add_middleware(Gateway, state=gateway_state)

    def openapi() -> dict[str, Any]:
        return build_openapi(app)

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to customise the document
    return app
