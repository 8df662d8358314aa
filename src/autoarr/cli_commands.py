"""`autoarr status`, `queue`, `audit`, `apply`, ...: a running AutoArr from the terminal, through autoarr.client."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from autoarr.client import (
    ROOMS,
    SERVICES,
    AutoArrClient,
    AutoArrClientError,
    AutoArrConnectionError,
    AutoArrError,
    RateLimitedError,
    Room,
    UnauthorizedError,
)
from autoarr.client.models import ApplyResult, RecommendationDetail

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_UNREACHABLE, EXIT_UNAUTHORIZED, EXIT_RATE_LIMITED = 0, 1, 2, 3, 4, 5
EXIT_INTERRUPTED = 130
EXIT_CODES = (
    "Exit codes: 0 done; 1 the request failed, or partly failed; 2 usage error; 3 cannot connect to AutoArr; "
    "4 unauthorized (check the key); 5 rate limited (the message says when to retry); 130 interrupted."
)
ROOM_BY_NAME: dict[str, Room] = {room: room for room in ROOMS}
WHOLE = frozenset({"ID", "Service", "Setting", "Priority", "Status"})  # columns someone copies from: never cut
PRIORITY_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "cyan"}

Url = Annotated[
    str | None, typer.Option("--url", help="AutoArr's URL (default: $AUTOARR_URL, else http://127.0.0.1:8000)")
]
ApiKey = Annotated[
    str | None,
    typer.Option("--api-key", help="API key (default: $AUTOARR_API_KEY, which keeps it out of `ps`)"),
]
AsJson = Annotated[bool, typer.Option("--json", help="Print the API's JSON answer instead of a table")]
Work = Callable[[AutoArrClient, "Output"], Awaitable[int]]


class Service(StrEnum):
    sabnzbd = "sabnzbd"
    sonarr = "sonarr"
    radarr = "radarr"
    plex = "plex"


class RoomName(StrEnum):
    config_audit = "config_audit"
    downloads = "downloads"
    content_requests = "content_requests"
    system = "system"


class Output:
    """Where results go: tables or JSON on stdout; progress, notes and errors on stderr."""

    def __init__(self, *, as_json: bool) -> None:
        self.as_json = as_json
        self.out = Console(highlight=False)
        self.err = Console(stderr=True, highlight=False)

    def data(self, value: Any, *, compact: bool = False) -> None:
        """Write JSON on stdout, one document per call."""
        sys.stdout.write(json.dumps(value, indent=None if compact else 2) + "\n")
        sys.stdout.flush()

    def note(self, message: str) -> None:
        self.err.print(Text(message, style="dim"))

    def failure(self, exc: AutoArrClientError, url: str) -> int:
        """Report an error on stderr (the envelope with --json) and choose the exit code."""
        code = exit_code_for(exc)
        if isinstance(exc, AutoArrError):
            envelope: dict[str, Any] = {**exc.envelope.model_dump(exclude_none=True), "status": exc.status}
            text = f"{exc.status} {exc.error}: {exc.message}"
        else:
            envelope = {
                "error": "connection_error" if code == EXIT_UNREACHABLE else "bad_response",
                "message": str(exc),
            }
            text = str(exc)
        if self.as_json:
            sys.stderr.write(json.dumps(envelope) + "\n")
            return code
        self.err.print(Text("Error: ", style="bold red") + Text(text))
        if isinstance(exc, AutoArrError) and exc.details:
            self.err.print(Text(f"Details: {json.dumps(exc.details)}"))
        hint = {
            EXIT_UNREACHABLE: f"Is AutoArr running at {url}? Start it with `autoarr serve`, or pass --url.",
            EXIT_UNAUTHORIZED: "Set AUTOARR_API_KEY (or pass --api-key) to the key AutoArr printed on first start.",
            EXIT_RATE_LIMITED: f"Try again in {getattr(exc, 'retry_after', None) or 'a few'} seconds.",
        }.get(code)
        if hint:
            self.note(hint)
        return code


def exit_code_for(exc: AutoArrClientError) -> int:
    """3 unreachable, 4 unauthorized, 5 rate limited, 1 anything else."""
    if isinstance(exc, AutoArrConnectionError):
        return EXIT_UNREACHABLE
    if isinstance(exc, UnauthorizedError):
        return EXIT_UNAUTHORIZED
    if isinstance(exc, RateLimitedError):
        return EXIT_RATE_LIMITED
    return EXIT_FAILED


def _run(work: Work, *, url: str | None, api_key: str | None, as_json: bool) -> None:
    output = Output(as_json=as_json)
    try:
        client = AutoArrClient(url, api_key)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--url") from exc

    async def main() -> int:
        async with client:
            return await work(client, output)

    try:
        code = asyncio.run(main())
    except AutoArrClientError as exc:
        code = output.failure(exc, client.base_url)
    except KeyboardInterrupt:
        code = EXIT_INTERRUPTED
    raise typer.Exit(code)


def _shown(value: Any, *, width: int = 48) -> str:
    """A value as short text: times to the minute, JSON for the rest, long values cut."""
    if value is None:
        return "-"
    if value == "":
        return '""'
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    shown = value if isinstance(value, str) else json.dumps(value)
    return shown if len(shown) <= width else shown[: width - 1] + "…"


def _cell(value: Any, *, style: str = "", width: int = 48) -> Text:
    """Server text as a table cell, never read as markup."""
    return Text(_shown(value, width=width), style="dim" if value is None else style)


def _table(title: str | None, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", header_style="bold")
    for column in columns:
        # On a narrow terminal the other columns give way; long names fold rather than lose their end.
        table.add_column(column, no_wrap=column in WHOLE, overflow="fold" if column == "Name" else "ellipsis")
    return table


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _size(mb: float) -> str:
    return f"{mb / 1024:.1f} GB" if mb >= 1024 else f"{mb:.0f} MB"


# Commands


def status(*, url: Url = None, api_key: ApiKey = None, as_json: AsJson = False) -> None:
    """Health of AutoArr and each enabled service, with its circuit breaker; exit 1 unless all are healthy."""

    async def work(client: AutoArrClient, output: Output) -> int:
        health = await client.health()
        names = list(health.services)
        breakers = dict(zip(names, await asyncio.gather(*(client.circuit_breaker(n) for n in names)), strict=True))
        if output.as_json:
            output.data({**health.to_wire(), "circuit_breakers": {n: b.to_wire() for n, b in breakers.items()}})
        else:
            style = {"healthy": "green", "degraded": "yellow"}.get(health.status, "red")
            table = _table(None, "Service", "Healthy", "Latency", "Breaker", "Failures", "Last check", "Error")
            for name, service in health.services.items():
                latency = f"{service.latency_ms:.0f} ms" if service.latency_ms is not None else None
                breaker = breakers[name]
                table.add_row(
                    _cell(name),
                    _cell("yes" if service.healthy else "no", style="green" if service.healthy else "red"),
                    _cell(latency),
                    _cell(breaker.state, style="green" if breaker.state == "closed" else "red"),
                    _cell(f"{breaker.failure_count}/{breaker.threshold}"),
                    _cell(service.last_check),
                    _cell(service.error),
                )
            output.out.print(Text("AutoArr is ") + Text(health.status, style=f"bold {style}"))
            output.out.print(table if names else Text("No service is enabled.", style="dim"))
        return EXIT_OK if health.status == "healthy" else EXIT_FAILED

    _run(work, url=url, api_key=api_key, as_json=as_json)


def queue(*, url: Url = None, api_key: ApiKey = None, as_json: AsJson = False) -> None:
    """SABnzbd's download queue."""

    async def work(client: AutoArrClient, output: Output) -> int:
        answer = await client.queue()
        if output.as_json:
            output.data(answer.to_wire())
            return EXIT_OK
        table = _table(None, "Name", "Status", "Done", "Size", "Left", "ETA", "Priority", "ID")
        for item in answer.queue:
            left = _size(item.mb_left)
            table.add_row(
                _cell(item.filename), _cell(item.status), _cell(f"{item.percentage}%"), _cell(_size(item.mb)),
                _cell(left), _cell(item.eta), _cell(item.priority), _cell(item.nzo_id, style="dim"),
            )  # fmt: skip
        state = Text("paused", style="yellow") if answer.paused else Text("running", style="green")
        summary = f" · {answer.speed} · {answer.size_left} left · {answer.disk_space} free"
        output.out.print(Text("Queue ") + state + Text(summary))
        output.out.print(table if answer.queue else Text("The queue is empty.", style="dim"))
        return EXIT_OK

    _run(work, url=url, api_key=api_key, as_json=as_json)


def history(
    *,
    url: Url = None,
    api_key: ApiKey = None,
    as_json: AsJson = False,
    limit: Annotated[int, typer.Option(min=1, help="How many of the latest downloads")] = 50,
    failed: Annotated[bool, typer.Option("--failed", help="Only the failed ones")] = False,
) -> None:
    """SABnzbd's download history, newest first."""

    async def work(client: AutoArrClient, output: Output) -> int:
        answer = await client.history(limit=limit)
        items = [item for item in answer.history if item.status == "Failed"] if failed else answer.history
        if output.as_json:
            output.data({**answer.to_wire(), "history": [item.to_wire() for item in items]})
            return EXIT_OK
        columns = ("Name", "Status", "Category", "Size", "Completed", "Reason", "ID")
        table = _table(f"History ({answer.total} in all)", *columns)
        for item in items:
            style = "red" if item.status == "Failed" else "green" if item.status == "Completed" else ""
            table.add_row(
                _cell(item.name), _cell(item.status, style=style), _cell(item.category), _cell(item.size),
                _cell(item.completed), _cell(item.fail_message or None), _cell(item.nzo_id, style="dim"),
            )  # fmt: skip
        output.out.print(table if items else Text("Nothing in the history.", style="dim"))
        return EXIT_OK

    _run(work, url=url, api_key=api_key, as_json=as_json)


def audit(
    *,
    url: Url = None,
    api_key: ApiKey = None,
    as_json: AsJson = False,
    service: Annotated[
        list[Service] | None, typer.Option(help="A service to audit (repeat it); all four if none")
    ] = None,
    web_search: Annotated[bool, typer.Option(help="Look up current best practices (when configured)")] = True,
) -> None:
    """Audit the services' configuration; exit 1 if a service could not be audited."""
    services = [s.value for s in service] if service else list(SERVICES)

    async def work(client: AutoArrClient, output: Output) -> int:
        columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
        with Progress(*columns, console=output.err, transient=True, disable=not output.err.is_terminal) as progress:
            progress.add_task(f"Auditing {', '.join(services)}", total=None)
            answer = await client.audit(services, include_web_search=web_search)
        if output.as_json:
            output.data(answer.to_wire())
        else:
            table = _table(f"Audit {answer.audit_id}", "Service", "Issues", "Recommendations", "Error")
            rows = {**answer.summary, **({"cross-service": answer.cross_service} if answer.cross_service else {})}
            for name, summary in rows.items():
                error = summary.error.get("message", summary.error) if summary.error else None
                table.add_row(_cell(name), _cell(str(summary.issues_found)), _cell(str(summary.recommendations)),
                              _cell(error, style="red", width=80))  # fmt: skip
            output.out.print(table)
            priorities = Text(f"{_count(answer.total_recommendations, 'recommendation')}: ")
            for priority, count in answer.recommendations_by_priority.items():
                priorities += Text(f"{priority} {count}  ", style=PRIORITY_STYLE.get(priority, ""))
            output.out.print(priorities)
            output.note("Next: autoarr recommendations --status open, then autoarr apply IDS --dry-run")
        return EXIT_FAILED if answer.failed_services else EXIT_OK

    _run(work, url=url, api_key=api_key, as_json=as_json)


def recommendations(
    recommendation_id: Annotated[int | None, typer.Argument(help="Show one recommendation in full")] = None,
    *,
    url: Url = None,
    api_key: ApiKey = None,
    as_json: AsJson = False,
    service: Annotated[str | None, typer.Option(help="sabnzbd, sonarr, radarr, plex or cross")] = None,
    priority: Annotated[str | None, typer.Option(help="critical, high, medium or low")] = None,
    category: Annotated[str | None, typer.Option(help="performance, security or best_practices")] = None,
    status: Annotated[str | None, typer.Option(help="open, applied, rolled_back or resolved")] = None,
    page: Annotated[int, typer.Option(min=1)] = 1,
    page_size: Annotated[int, typer.Option(min=1, max=100)] = 20,
    every: Annotated[bool, typer.Option("--all", help="Every page")] = False,
) -> None:
    """Recommendations of past audits, filtered and paged; with an ID, that one in full."""

    async def work(client: AutoArrClient, output: Output) -> int:
        if recommendation_id is not None:
            _detail(output, await client.recommendation(recommendation_id))
            return EXIT_OK
        filters = {"service": service, "priority": priority, "category": category, "status": status}
        if every:
            items = await client.all_recommendations(**filters)
            wire: dict[str, Any] = {"recommendations": [item.to_wire() for item in items], "total": len(items)}
            caption = _count(len(items), "recommendation")
        else:
            answer = await client.recommendations(**filters, page=page, page_size=page_size)
            items, wire = answer.recommendations, answer.to_wire()
            pages = answer.pagination
            caption = f"page {pages.page} of {pages.total_pages} · {_count(pages.total_items, 'recommendation')}"
        if output.as_json:
            output.data(wire)
            return EXIT_OK
        table = _table(None, "ID", "Service", "Priority", "Category", "Setting", "Current", "Recommended", "Applied")
        table.caption = caption
        for item in items:
            priority_cell = _cell(item.priority, style=PRIORITY_STYLE.get(item.priority, ""))
            table.add_row(
                _cell(str(item.id)), _cell(item.service), priority_cell,
                _cell(item.category), _cell(item.setting_name), _cell(item.current_value, width=24),
                _cell(item.recommended_value, width=24), _cell("yes" if item.applied else "no"),
            )  # fmt: skip
        output.out.print(table if items else Text("No recommendation matches.", style="dim"))
        return EXIT_OK

    _run(work, url=url, api_key=api_key, as_json=as_json)


def _detail(output: Output, item: RecommendationDetail) -> None:
    if output.as_json:
        output.data(item.to_wire())
        return
    table = Table(show_header=False, box=None)
    fields = ("service", "setting_name", "priority", "category", "status", "current_value", "recommended_value",
              "impact", "rationale", "applied_at", "created_at")  # fmt: skip
    for name in fields:
        table.add_row(Text(name, style="bold"), _cell(getattr(item, name), width=100))
    output.out.print(Text(f"Recommendation {item.id}", style="bold"))
    output.out.print(table)
    output.out.print(Text(item.explanation))
    for reference in item.references:
        output.out.print(Text(f"  {reference}", style="blue"))


def _ids(values: list[str]) -> list[int]:
    try:
        ids = [int(part) for value in values for part in value.split(",") if part.strip()]
    except ValueError as exc:
        raise typer.BadParameter("IDS are recommendation ids: 1 2 3 or 1,2,3", param_hint="IDS") from exc
    if not ids:
        raise typer.BadParameter("give at least one recommendation id", param_hint="IDS")
    return ids


IdsArgument = Annotated[list[str], typer.Argument(help="Recommendation ids: 1 2 3 or 1,2,3", show_default=False)]
DryRun = Annotated[bool, typer.Option("--dry-run", help="Check everything, change nothing")]


def _changes(output: Output, answer: ApplyResult, *, verb: str) -> int:
    if output.as_json:
        output.data(answer.to_wire())
    else:
        table = _table(
            "Dry run: nothing was changed" if answer.dry_run else None, "ID", "Result", "From", "To", "Message"
        )
        for item in answer.results:
            result = _cell("ok", style="green") if item.success else _cell(item.error or "failed", style="red")
            table.add_row(_cell(str(item.recommendation_id)), result, _cell(item.previous_value, width=24),
                          _cell(item.new_value, width=24), _cell(item.message, width=80))  # fmt: skip
        output.out.print(table)
        summary = answer.summary
        style = "red" if summary.failed else "green"
        output.out.print(Text(f"{summary.successful} of {summary.total} {verb}, {summary.failed} failed", style=style))
    return EXIT_FAILED if answer.summary.failed else EXIT_OK


def apply(
    ids: IdsArgument, *, url: Url = None, api_key: ApiKey = None, as_json: AsJson = False, dry_run: DryRun = False
) -> None:
    """Apply recommendations to the services; exit 1 if any of them failed."""
    chosen = _ids(ids)

    async def work(client: AutoArrClient, output: Output) -> int:
        verb = "would apply" if dry_run else "applied"
        return _changes(output, await client.apply(chosen, dry_run=dry_run), verb=verb)

    _run(work, url=url, api_key=api_key, as_json=as_json)


def rollback(
    ids: IdsArgument,
    *,
    url: Url = None,
    api_key: ApiKey = None,
    as_json: AsJson = False,
    dry_run: DryRun = False,
    force: Annotated[bool, typer.Option("--force", help="Restore even if changed outside AutoArr since")] = False,
) -> None:
    """Restore the values that applied recommendations replaced; exit 1 if any could not be."""
    chosen = _ids(ids)

    async def work(client: AutoArrClient, output: Output) -> int:
        verb = "would roll back" if dry_run else "rolled back"
        return _changes(output, await client.rollback(chosen, dry_run=dry_run, force=force), verb=verb)

    _run(work, url=url, api_key=api_key, as_json=as_json)


def events(
    *,
    url: Url = None,
    api_key: ApiKey = None,
    as_json: AsJson = False,
    room: Annotated[list[RoomName] | None, typer.Option(help="A room to join (repeat it); all four if none")] = None,
    count: Annotated[int | None, typer.Option(min=1, help="Stop after this many events")] = None,
    client_id: Annotated[str | None, typer.Option(help="WebSocket client id (default: a random one)")] = None,
) -> None:
    """Follow live events until Ctrl-C (or --count); --json prints one JSON object per line."""
    rooms = [ROOM_BY_NAME[r.value] for r in room] if room else list(ROOMS)

    async def work(client: AutoArrClient, output: Output) -> int:
        seen = 0
        async with client.events(rooms, client_id=client_id) as stream:
            output.note(f"Listening to {', '.join(rooms)} as {stream.client_id} (Ctrl-C to stop)")
            async for event in stream:
                if output.as_json:
                    output.data(event.to_wire(), compact=True)
                else:
                    when = event.timestamp.strftime("%H:%M:%S") if event.timestamp else "--:--:--"
                    fields = "  ".join(f"{key}={_shown(value, width=60)}" for key, value in event.data.items())
                    output.out.print(Text(f"{when}  ") + Text(event.type, style="bold") + Text(f"  {fields}"))
                seen += 1
                if count is not None and seen >= count:
                    break
        return EXIT_OK

    _run(work, url=url, api_key=api_key, as_json=as_json)


def api(
    method: Annotated[str, typer.Argument(help="GET, POST, PUT or DELETE")],
    path: Annotated[str, typer.Argument(help="e.g. /api/v1/shows/1")],
    *,
    url: Url = None,
    api_key: ApiKey = None,
    query: Annotated[list[str] | None, typer.Option("--query", "-q", help="name=value (repeat it)")] = None,
    data: Annotated[str | None, typer.Option("--data", "-d", help="JSON request body")] = None,
) -> None:
    """Any endpoint, answered in JSON: what the other commands do not cover (shows, movies, media, settings, MCP...)."""
    params = dict(_pair(item) for item in query or [])
    try:
        body = json.loads(data) if data is not None else None
    except ValueError as exc:
        raise typer.BadParameter(f"not JSON: {exc}", param_hint="--data") from exc

    async def work(client: AutoArrClient, output: Output) -> int:
        answer = await client.request(method.upper(), path if path.startswith("/") else f"/{path}", params=params,
                                      json=body)  # fmt: skip
        if isinstance(answer, str):
            sys.stdout.write(answer)
        else:
            output.data(answer)
        return EXIT_OK

    _run(work, url=url, api_key=api_key, as_json=True)


def _pair(item: str) -> tuple[str, str]:
    name, sep, value = item.partition("=")
    if not sep:
        raise typer.BadParameter(f"{item!r} is not name=value", param_hint="--query")
    return name, value


COMMANDS: Iterable[Callable[..., None]] = (status, queue, history, audit, recommendations, apply, rollback, events, api)


def register(cli: typer.Typer) -> None:
    """Add the client commands to the `autoarr` command line."""
    for command in COMMANDS:
        cli.command(epilog=EXIT_CODES)(command)
