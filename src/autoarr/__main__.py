"""The `autoarr` command line: parse Settings once, then serve (and later demo, mcp, ...)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import secrets
import signal
import socket
import sys
import tempfile
from collections.abc import Coroutine, Generator
from typing import Annotated, Any

import typer
import uvicorn

from autoarr.logs import configure_logging
from autoarr.settings import Settings

cli = typer.Typer(add_completion=False, no_args_is_help=True, help="AutoArr: cruise control for your media stack.")


class _GracefulServer(uvicorn.Server):
    """uvicorn, minus re-raising the signal after shutdown: SIGTERM/SIGINT end with exit code 0."""

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self._request_exit)
        try:
            yield
        finally:
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(sig)

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        # What start-up built lives as long as the process: frozen, it is out of the collector's sight,
        # and the collections requests trigger walk only what requests made.
        gc.freeze()

    def _request_exit(self) -> None:
        # A second signal while in-flight requests drain means "now".
        self.force_exit = self.should_exit
        self.should_exit = True


def _server(settings: Settings, *, host: str, port: int) -> _GracefulServer:
    from autoarr.app import create_app

    config = uvicorn.Config(
        create_app(settings),
        host=host,
        port=port,
        # Forwarded headers are judged by our gateway against AUTOARR_TRUSTED_PROXIES, never by uvicorn,
        # which would otherwise trust any local client's X-Forwarded-For.
        proxy_headers=False,
        server_header=False,
        access_log=False,
        log_config=None,
        ws_per_message_deflate=False,
        ws="websockets-sansio",  # about 15% less memory per idle connection than the default implementation
        timeout_graceful_shutdown=30,
    )
    return _GracefulServer(config)


def _run(main: Coroutine[Any, Any, None], config: uvicorn.Config) -> None:
    # uvicorn's own loop choice (uvloop when installed): plain asyncio.run would serve at half the speed.
    with asyncio.Runner(loop_factory=config.get_loop_factory()) as runner:
        runner.run(main)


def serve_app(settings: Settings, *, host: str, port: int) -> None:
    """Run AutoArr under uvicorn until SIGTERM or SIGINT."""
    server = _server(settings, host=host, port=port)
    _run(server.serve(), server.config)


async def _demo(*, host: str, port: int) -> None:
    from autoarr.sim.stack import SimulatedStack

    async with SimulatedStack() as stack:
        stack.start_clock()
        overrides: dict[str, object] = {**stack.environment()}
        if not os.environ.get("AUTOARR_DATA_DIR"):
            overrides["AUTOARR_DATA_DIR"] = tempfile.mkdtemp(prefix="autoarr-demo-")
        if not os.environ.get("AUTOARR_API_KEY"):
            overrides["AUTOARR_API_KEY"] = secrets.token_urlsafe(24)
        settings = Settings.model_validate(overrides)  # the environment fills in everything else
        configure_logging(level=os.environ.get("AUTOARR_LOG_LEVEL", "warning"), secrets=settings.secrets())
        key = settings.api_key.get_secret_value() if settings.api_key else ""
        server = _server(settings, host=host, port=port)
        serving = asyncio.create_task(server.serve())
        while not server.started and not serving.done():  # noqa: ASYNC110  # uvicorn offers a flag, not an event
            await asyncio.sleep(0.05)
        if server.started:
            print(_demo_banner(f"http://{host}:{port}", key, stack), flush=True)
        await serving


def _demo_banner(url: str, key: str, stack: object) -> str:
    return "\n".join(
        [
            "",
            "AutoArr demo: the API over simulated SABnzbd, Sonarr, Radarr and Plex (Ctrl-C stops everything).",
            f"  URL:      {url}",
            f"  API key:  {key}",
            f"  Docs:     {url}/docs?api_key={key}",
            "",
            "Try:",
            f"  curl -H 'X-API-Key: {key}' {url}/health",
            f"  curl -H 'X-API-Key: {key}' {url}/health/sonarr",
            f"  curl -H 'X-API-Key: {key}' {url}/health/circuit-breaker/sabnzbd",
            f"  curl -H 'X-API-Key: {key}' {url}/metrics",
            "",
        ]
    )


def _settings(root_path: str | None) -> Settings:
    settings = Settings()
    if root_path is not None:
        settings = settings.model_copy(update={"root_path": Settings.from_mapping({"root_path": root_path}).root_path})
    configure_logging(level=settings.log_level, secrets=settings.secrets())
    return settings


@cli.callback()
def _root() -> None:
    """AutoArr: cruise control for SABnzbd, Sonarr, Radarr and Plex."""


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    root_path: Annotated[
        str | None, typer.Option(help="URL base behind a reverse proxy, e.g. /autoarr (AUTOARR_ROOT_PATH)")
    ] = None,
) -> None:
    """Serve the AutoArr API."""
    serve_app(_settings(root_path), host=host, port=port)


@cli.command()
def demo(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
) -> None:
    """Try AutoArr with nothing else installed: simulated services on loopback, AutoArr wired to them."""
    _run(_demo(host=host, port=port), uvicorn.Config(app="autoarr.app:create_app"))  # only its loop choice is used


@cli.command()
def mcp(
    server: Annotated[str, typer.Argument(help="The tool server: sabnzbd, sonarr, radarr, plex or autoarr")],
) -> None:
    """Serve one MCP tool server over stdio, for an agent that starts it (Claude Desktop...); logs go to stderr."""
    from autoarr.mcp import MCP_SERVERS

    if server not in MCP_SERVERS:
        raise typer.BadParameter(f"one of {', '.join(MCP_SERVERS)}", param_hint="SERVER")
    asyncio.run(_mcp_stdio(_settings(None), server))


async def _mcp_stdio(settings: Settings, server: str) -> None:
    from autoarr.app import resolve_api_key
    from autoarr.mcp.stdio import serve_stdio
    from autoarr.web.metrics import HttpMetrics
    from autoarr.wiring import open_core, tool_context

    async with contextlib.AsyncExitStack() as stack:
        core = await open_core(settings, stack, api_key=resolve_api_key(settings), metrics=HttpMetrics())
        # No gateway counts these calls: the budget charges each one to `general` itself.
        await serve_stdio(tool_context(core, per_call="general"), server)


# The terminal client's commands (autoarr.client, rich's tables) cost about a third of the imports before
# `autoarr serve` can answer; the server-side commands start without them.
SERVER_COMMANDS = frozenset({"serve", "demo", "mcp"})


def main() -> None:
    if sys.argv[1:2] == [] or sys.argv[1] not in SERVER_COMMANDS:
        from autoarr.cli_commands import register as register_client_commands

        register_client_commands(cli)
    cli()


if __name__ == "__main__":
    main()
