"""Queue, history and blocklist of both *arr simulators, seeded from the stack-wide `DOWNLOADS` table."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from autoarr.sim._arr import (
    JSON,
    MessageError,
    iso,
    json_response,
    page_request,
    paged,
    query_bool,
    query_ints,
)
from autoarr.sim._arr_routes import API, path_id
from autoarr.sim._arr_state import ArrState
from autoarr.sim.downloads import DOWNLOADS, Owner, SimDownload

INDEXER = "NZBgeek"
CLIENT = "SABnzbd"
_QUEUE_STATUS = {"Downloading": "downloading", "Queued": "queued", "Paused": "paused"}
_SPEED = 25_000_000  # bytes/s the simulated SABnzbd downloads at, for timeleft


@dataclass(frozen=True)
class Landing:
    """Where a download belongs in an app's library."""

    ids: JSON  # the media ids of queue and history records: {"seriesId", "episodeId"} / {"movieId"}
    queue_extra: JSON  # what only queue records add: Sonarr's seasonNumber and episodeHasFile
    imported_path: str  # the library file a completed import produced


def quality_of(release: str, qualities: Mapping[str, JSON]) -> JSON:
    """The QualityModel an app parses from a release name (resolution and source only)."""
    resolution = next((res for res in ("2160p", "1080p", "720p", "480p") if res in release), "")
    lowered = release.lower()
    source = (
        "Bluray"
        if "bluray" in lowered
        else "WEBRip"
        if "webrip" in lowered
        else "WEBDL"
        if "web" in lowered
        else "HDTV"
    )
    quality = qualities.get(f"{source}-{resolution}", qualities["Unknown"])
    return {"quality": quality, "revision": {"version": 1, "real": 0, "isRepack": False}}


def _timeleft(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def seed_downloads(
    state: ArrState, *, owner: Owner, qualities: Mapping[str, JSON], landing: Callable[[SimDownload], Landing | None]
) -> None:
    """Fill queue, history and blocklist with this app's jobs of `DOWNLOADS` (downloadId = SABnzbd nzo_id).

    Afterwards `state.track(job)` records further jobs the same way (tests point it at real SABnzbd jobs).
    """
    now = state.clock()

    def track(job: SimDownload, age: timedelta = timedelta(minutes=20)) -> None:
        track_download(state, job, qualities=qualities, landing=landing, grabbed_at=now - age)

    for index, job in enumerate(item for item in DOWNLOADS if item.owner == owner):
        age = timedelta(minutes=20 + index) if job.place == "queue" else timedelta(days=2, hours=index)
        track(job, age)
    state.tracker = lambda job: track_download(
        state, job, qualities=qualities, landing=landing, grabbed_at=state.clock() - timedelta(minutes=5)
    )


def track_download(
    state: ArrState,
    job: SimDownload,
    *,
    qualities: Mapping[str, JSON],
    landing: Callable[[SimDownload], Landing | None],
    grabbed_at: datetime,
) -> None:
    """One job as the app saw it: grabbed, then queued, imported or failed as `job.place`/`job.status` say."""
    place = landing(job)
    if place is None:
        return
    now = state.clock()
    quality = quality_of(job.name, qualities)
    grab = state.history.add(
        _history(job, place, quality=quality, when=grabbed_at, event="grabbed", data=_grab_data(job, grabbed_at))
    )
    if job.place == "queue":
        state.queue.add(_queue_item(job, place, quality, grabbed_at, now))
    elif job.status == "Completed":
        data = {
            "droppedPath": f"/downloads/complete/{job.category}/{job.name}",
            "importedPath": place.imported_path,
        }
        done = grabbed_at + timedelta(minutes=40)
        state.history.add(
            _history(
                job, place, quality=quality, when=done, event="downloadFolderImported", data=_client_data(job, data)
            )
        )
    else:
        failed_at = grabbed_at + timedelta(minutes=35)
        state.fail_download(grab, message=job.fail_message, skip_redownload=True, when=failed_at)


def _client_data(job: SimDownload, extra: Mapping[str, str]) -> dict[str, str]:
    return {"downloadClient": CLIENT, "downloadClientName": CLIENT, "size": str(job.size_bytes), **extra}


def _grab_data(job: SimDownload, grabbed_at: datetime) -> dict[str, str]:
    guid = hashlib.sha1(job.nzo_id.encode(), usedforsecurity=False).hexdigest()[:32]
    published = grabbed_at - timedelta(hours=50)
    return _client_data(
        job,
        {
            "indexer": INDEXER,
            "nzbInfoUrl": f"https://nzbgeek.info/geekseek.php?guid={guid}",
            "releaseGroup": job.name.rsplit("-", 1)[-1],
            "age": "2",
            "ageHours": "50",
            "ageMinutes": "3000",
            "publishedDate": iso(published),
            "downloadUrl": f"https://api.nzbgeek.info/api?t=get&id={guid}",
            "guid": f"https://nzbgeek.info/geekseek.php?guid={guid}",
            "protocol": "1",
            "customFormatScore": "0",
            "indexerFlags": "0",
        },
    )


def _history(job: SimDownload, place: Landing, *, quality: JSON, when: datetime, event: str, data: JSON) -> JSON:
    return {
        **place.ids,
        "sourceTitle": job.name,
        "languages": [{"id": 1, "name": "English"}],
        "quality": quality,
        "customFormats": [],
        "customFormatScore": 0,
        "qualityCutoffNotMet": False,
        "date": iso(when),
        "downloadId": job.nzo_id,
        "eventType": event,
        "data": data,
    }


def _queue_item(job: SimDownload, place: Landing, quality: JSON, added: datetime, now: datetime) -> JSON:
    left = job.size_bytes * 35 // 100 if job.status == "Downloading" else job.size_bytes
    item: JSON = {
        **place.ids,
        **place.queue_extra,
        "languages": [{"id": 1, "name": "English"}],
        "quality": quality,
        "customFormats": [],
        "customFormatScore": 0,
        "size": float(job.size_bytes),
        "title": job.name,
        "sizeleft": float(left),
        "added": iso(added),
        "status": _QUEUE_STATUS.get(job.status, "unknown"),
        "trackedDownloadStatus": "ok",
        "trackedDownloadState": "downloading",
        "statusMessages": [],
        "downloadId": job.nzo_id,
        "protocol": "usenet",
        "downloadClient": CLIENT,
        "downloadClientHasPostImportCategory": False,
        "indexer": INDEXER,
        "outputPath": f"/downloads/incomplete/{job.name}",
    }
    if job.status == "Downloading":
        seconds = left / _SPEED
        item["timeleft"] = _timeleft(seconds)
        item["estimatedCompletionTime"] = iso(now + timedelta(seconds=seconds))
    return item


def download_routes(state: ArrState) -> list[BaseRoute]:
    """GET /queue, /queue/status, DELETE /queue/{id}, GET /history, POST /history/failed/{id}, GET /blocklist."""
    filter_param, filter_key = state.flavor.media_filter
    names = state.flavor.event_types

    def includes(request: Request) -> set[str]:
        return {flag for flag in state.flavor.includes if query_bool(request, flag, default=False)}

    def embedded(request: Request, records: list[JSON]) -> list[JSON]:
        wanted = includes(request)
        return [state.embed(record, wanted) for record in records] if wanted else records

    def media_filtered(request: Request, records: list[JSON]) -> list[JSON]:
        ids = set(query_ints(request, filter_param))
        return [record for record in records if record.get(filter_key) in ids] if ids else records

    async def queue(request: Request) -> Response:
        paging = page_request(request, sort_key="timeleft", direction="ascending")
        records = media_filtered(request, state.queue.values())
        page = paged(
            records,
            paging,
            {"timeleft": _by("timeleft"), "added": _by("added"), "title": _by("title"), "size": _by("size")},
        )
        page["records"] = embedded(request, page["records"])
        return json_response(page)

    async def queue_status(_request: Request) -> Response:
        items = state.queue.values()
        states = {item["trackedDownloadStatus"] for item in items}
        return json_response(
            {
                "totalCount": len(items),
                "count": len(items),
                "unknownCount": 0,
                "errors": "error" in states,
                "warnings": "warning" in states,
                "unknownErrors": False,
                "unknownWarnings": False,
            }
        )

    async def queue_delete(request: Request) -> Response:
        item = state.queue.get(path_id(request))
        if item is None:
            raise MessageError(404, "NotFound")
        if query_bool(request, "removeFromClient", default=True):
            state.client_removals.append(item["downloadId"])
        grab = state.grab_of(item["downloadId"])
        if query_bool(request, "blocklist", default=False) and grab is not None:
            skip = query_bool(request, "skipRedownload", default=False)
            state.fail_download(grab, message="Manually marked as failed", skip_redownload=skip)
        state.queue.remove(item["id"])
        return Response(b"")

    async def history(request: Request) -> Response:
        paging = page_request(request, sort_key="date", direction="descending")
        events = {names[number] for number in query_ints(request, "eventType") if number in names}
        download_id = request.query_params.get("downloadId")
        records = [
            record
            for record in media_filtered(request, state.history.values())
            if (not events or record["eventType"] in events)
            and (download_id is None or record["downloadId"] == download_id)
        ]
        page = paged(records, paging, {"date": _by("date"), "id": _by("id"), "eventType": _by("eventType")})
        page["records"] = embedded(request, page["records"])
        return json_response(page)

    async def history_failed(request: Request) -> Response:
        record = state.history.get(path_id(request))
        if record is None:
            model = state.flavor.history_model
            raise MessageError(404, f"{model} with ID {path_id(request)} does not exist")
        state.fail_download(state.grab_of(record["downloadId"]) or record, message="Manually marked as failed")
        return json_response({})

    async def blocklist(request: Request) -> Response:
        paging = page_request(request, sort_key="date", direction="descending")
        return json_response(
            paged(state.blocklist.values(), paging, {"date": _by("date"), "sourceTitle": _by("sourceTitle")})
        )

    async def blocklist_delete(request: Request) -> Response:
        state.blocklist.remove(path_id(request))
        return Response(b"")

    return [
        Route(f"{API}/queue", queue, methods=["GET"]),
        Route(f"{API}/queue/status", queue_status, methods=["GET"]),
        Route(f"{API}/queue/{{id:int}}", queue_delete, methods=["DELETE"]),
        Route(f"{API}/history", history, methods=["GET"]),
        Route(f"{API}/history/failed/{{id:int}}", history_failed, methods=["POST"]),
        Route(f"{API}/blocklist", blocklist, methods=["GET"]),
        Route(f"{API}/blocklist/{{id:int}}", blocklist_delete, methods=["DELETE"]),
    ]


def _by(key: str) -> Callable[[JSON], tuple[bool, object]]:
    return lambda record: (key not in record, record.get(key, ""))
