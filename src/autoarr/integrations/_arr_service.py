"""What the Sonarr and Radarr services share: paging a library, checking an addition, announcing it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any, Literal, Protocol, TypeVar

from autoarr.bus import ContentAdded, EventBus
from autoarr.context import current_request_id
from autoarr.errors import AutoArrError, ConflictError, InvalidRequestError, NotFoundError
from autoarr.formatting import iso_utc
from autoarr.integrations._arr import ArrClient
from autoarr.integrations._arr_models import QueueItem

MAX_PAGE_SIZE = 1000
DEFAULT_PAGE_SIZE = 100  # when `page` comes without `page_size`
T = TypeVar("T")


class Media(Protocol):
    """A series or a movie as the *arr lookup answers it (id 0 until it is in the library)."""

    @property
    def id(self) -> int: ...

    @property
    def title(self) -> str: ...


M = TypeVar("M", bound=Media)
A = TypeVar("A", bound=Media)


def page_of(items: Sequence[T], *, page: int | None = None, page_size: int | None = None) -> Sequence[T]:
    """Everything when neither is given (the reference's default), else one 1-based page of `page_size` items."""
    if page is None and page_size is None:
        return items
    if page is not None and page < 1:
        raise InvalidRequestError("page starts at 1", details={"page": "must be at least 1"})
    if page_size is not None and not 1 <= page_size <= MAX_PAGE_SIZE:
        raise InvalidRequestError(
            f"page_size is 1 to {MAX_PAGE_SIZE}", details={"page_size": f"must be 1 to {MAX_PAGE_SIZE}"}
        )
    size = page_size or DEFAULT_PAGE_SIZE
    start = ((page or 1) - 1) * size
    return items[start : start + size]


def _require_positive(value: int, *, field: str) -> None:
    """The REST body model checks this too; the MCP front end relies on this check."""
    if value <= 0:
        raise InvalidRequestError(f"{field} must be a positive number", details={field: "must be greater than 0"})


async def add_to_library(
    client: ArrClient,
    bus: EventBus,
    *,
    lookup: Callable[[int], Awaitable[M]],
    add: Callable[[M, str], Awaitable[A]],
    id_field: str,
    external_id: int,
    quality_profile_id: int,
    root_folder_path: str,
    kind: Literal["series", "movie"],
    request_fields: Mapping[str, str],
) -> A:
    """Look up (`lookup(external_id)`), check, add (`add(found, root_folder)`), announce `content.added`.

    Every 400 names the request's own fields, the service's own validation failures included.
    """
    _require_positive(external_id, field=id_field)
    found, folder = await _checked_addition(
        client,
        lookup(external_id),
        id_field=id_field,
        external_id=external_id,
        quality_profile_id=quality_profile_id,
        root_folder_path=root_folder_path,
    )
    try:
        with _request_field_names(request_fields):
            added = await add(found, folder)
    except InvalidRequestError:
        await _raise_if_added_meanwhile(client, lookup(external_id), id_field=id_field)
        raise
    await _announce_added(bus, content_id=added.id, title=added.title, kind=kind)
    return added


async def _checked_addition(
    client: ArrClient,
    lookup: Awaitable[M],
    *,
    id_field: str,
    external_id: int,
    quality_profile_id: int,
    root_folder_path: str,
) -> tuple[M, str]:
    """The looked-up title and the root folder as the service spells it; 400 naming every request field at fault.

    The title must be known and not yet in the library, the quality profile and root folder must exist:
    checked before the POST so that the answer names AutoArr's fields, not the service's.
    """
    looked_up, profiles, folders = await asyncio.gather(
        lookup, client.quality_profiles(), client.root_folders(), return_exceptions=True
    )
    if isinstance(looked_up, BaseException) and not isinstance(looked_up, NotFoundError):
        raise looked_up
    if isinstance(profiles, BaseException):
        raise profiles
    if isinstance(folders, BaseException):
        raise folders
    found = None if isinstance(looked_up, BaseException) else looked_up
    details: dict[str, str] = {}
    if found is None:
        details[id_field] = f"{client.name} knows no title with this id ({external_id})"
    elif found.id:
        details[id_field] = f"'{found.title}' is already in {client.name} (id {found.id})"
    if all(profile.id != quality_profile_id for profile in profiles):
        known = ", ".join(f"{profile.id} ({profile.name})" for profile in profiles) or "none"
        details["quality_profile_id"] = f"no quality profile {quality_profile_id} in {client.name}; known: {known}"
    wanted = root_folder_path.rstrip("/") or "/"
    folder = next((item.path for item in folders if (item.path.rstrip("/") or "/") == wanted), None)
    if folder is None:
        known = ", ".join(item.path for item in folders) or "none"
        details["root_folder_path"] = f"no root folder '{root_folder_path}' in {client.name}; known: {known}"
    if found is None or folder is None or details:
        key, said = next(iter(details.items()))
        raise InvalidRequestError(f"Cannot add to {client.name}: {key}: {said}", details=details)
    return found, folder


async def _raise_if_added_meanwhile(client: ArrClient, lookup: Awaitable[M], *, id_field: str) -> None:
    """ConflictError when the title the service just refused is in its library now: another add won the race."""
    try:
        now = await lookup
    except AutoArrError:
        return  # the service's own refusal stands
    if now.id:
        raise ConflictError(
            f"'{now.title}' was added to {client.name} by another request meanwhile (id {now.id})",
            details={id_field: f"already in {client.name} (id {now.id})"},
        )


@contextmanager
def _request_field_names(names: Mapping[str, str]) -> Iterator[None]:
    """Rename the camelCase fields of the service's own 400 (a race, a rule AutoArr does not check) to ours."""
    try:
        yield
    except InvalidRequestError as exc:
        exc.details = {names.get(key, key): value for key, value in exc.details.items()}
        raise


async def _announce_added(bus: EventBus, *, content_id: int, title: str, kind: Literal["series", "movie"]) -> None:
    """Publish `content.added` under the id of the request that added the title."""
    request_id = current_request_id()
    added = ContentAdded(request_id=request_id, content_id=str(content_id), title=title, type=kind)
    await bus.publish(added, request_id=request_id)


# ---- downloads and health, shaped alike for Sonarr and Radarr (MCP tools) ---------------------------


def _status_messages(item: QueueItem) -> list[str]:
    lines: list[str] = []
    for entry in item.status_messages:
        title = str(entry.get("title") or "")
        messages = entry.get("messages") or []
        said = "; ".join(str(message) for message in messages) if isinstance(messages, list) else ""
        lines.append(f"{title}: {said}" if title and said else title or said)
    return [line for line in lines if line]


def _queue_item(item: QueueItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "title": item.title,
        "status": item.status,
        "trackedDownloadStatus": item.tracked_download_status,
        "trackedDownloadState": item.tracked_download_state,
        "statusMessages": _status_messages(item),
        "errorMessage": item.error_message,
        "downloadId": item.download_id,
        "protocol": item.protocol,
        "downloadClient": item.download_client,
        "indexer": item.indexer,
        "quality": item.quality.quality.name if item.quality is not None else "",
        "size": item.size,
        "sizeleft": item.sizeleft,
        "timeleft": item.timeleft,
        "estimatedCompletionTime": iso_utc(item.estimated_completion_time),
        "seriesId": item.series_id,
        "episodeId": item.episode_id,
        "movieId": item.movie_id,
    }


async def download_queue(client: ArrClient, *, page: int = 1, page_size: int = 20) -> dict[str, Any]:
    """One page of what the service is downloading (through SABnzbd or another client), and how many in all."""
    check_page(page, page_size)
    found = await client.queue_page(page=page, page_size=page_size)
    return {
        "records": [_queue_item(item) for item in found.records],
        "page": page,
        "pageSize": page_size,
        "totalRecords": found.total_records,
    }


async def health_checks(client: ArrClient) -> dict[str, Any]:
    """The service's own health warnings and errors; `healthy` when it reports neither."""
    checks = await client.health()
    return {
        "healthy": not any(check.type in ("warning", "error") for check in checks),
        "checks": [
            {"source": check.source, "type": check.type, "message": check.message, "wikiUrl": check.wiki_url}
            for check in checks
        ],
    }


def check_page(page: int, page_size: int) -> None:
    """400 unless `page` is 1 or more and `page_size` 1 to MAX_PAGE_SIZE (the MCP front end relies on this)."""
    if page < 1:
        raise InvalidRequestError("page starts at 1", details={"page": "must be at least 1"})
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise InvalidRequestError(
            f"page_size is 1 to {MAX_PAGE_SIZE}", details={"page_size": f"must be 1 to {MAX_PAGE_SIZE}"}
        )


def check_dates(start: date, end: date) -> None:
    """A calendar range must not end before it starts."""
    if end < start:
        raise InvalidRequestError("end is before start", details={"end": f"must be on or after {start.isoformat()}"})
