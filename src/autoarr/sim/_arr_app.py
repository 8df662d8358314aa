"""The media routes (series / movie) and the app assembly both *arr simulators are built from."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute
from starlette.types import ASGIApp

from autoarr.sim._arr import (
    JSON,
    ApiKeyMiddleware,
    ArrError,
    MessageError,
    NotFoundError,
    ValidationError,
    empty,
    failure,
    iso,
    json_response,
    query_bool,
    query_int,
    query_time,
    raise_if,
    raw_json,
    read_body,
    render_error,
)
from autoarr.sim._arr_downloads import download_routes
from autoarr.sim._arr_routes import API, created, path_id, resource_routes, shared_routes
from autoarr.sim._arr_state import ArrState
from autoarr.sim._arr_validate import find_root_folder, media_rules
from autoarr.sim.faults import FaultMiddleware, Faults


def lookup_view(resource: JSON) -> JSON:
    """A library or catalogue resource as the lookup endpoints show it: with `remotePoster` and `folder`."""
    view = dict(resource)
    poster = next(
        (image.get("remoteUrl") for image in resource.get("images", []) if image["coverType"] == "poster"), None
    )
    if poster:
        view["remotePoster"] = poster
    if "folder" not in view and "path" in view:
        view["folder"] = view["path"].rstrip("/").rsplit("/", 1)[-1]
    return view


def lookup_results(state: ArrState, candidates: Iterable[JSON]) -> list[JSON]:
    """Lookup answers: the library copy of a title when the library has it, else the catalogue's (id 0)."""
    key = state.flavor.media.external_id
    in_library = {item[key]: item for item in state.library.values()}
    return [lookup_view(in_library.get(item[key], item)) for item in candidates]


def title_matches(term: str, candidates: Iterable[JSON]) -> list[JSON]:
    """Candidates whose title contains the search term (any case)."""
    wanted = term.strip().lower()
    return [item for item in candidates if wanted and wanted in item["title"].lower()]


def media_routes(state: ArrState) -> list[BaseRoute]:
    """GET (list, by id, `?tvdbId=`/`?tmdbId=`), POST, PUT and DELETE of the app's media resource."""
    kind = state.flavor.media
    path = f"{API}/{kind.resource}"

    async def listing(request: Request) -> Response:
        external = query_int(request, kind.external_id)
        if external is None:
            return raw_json(state.library.encoded_list())
        return raw_json(
            state.library.encoded_list(item for item in state.library.values() if item[kind.external_id] == external)
        )

    async def one(request: Request) -> Response:
        if state.library.get(path_id(request)) is None:
            raise NotFoundError
        return raw_json(state.library.encoded(path_id(request)))

    async def create(request: Request) -> Response:
        body = await read_body(request, kind.template)
        raise_if(media_rules(state, body, creating=True))
        external = body[kind.external_id]
        metadata = state.catalogue_entry(external)
        if metadata is None:
            prop = kind.external_id[0].upper() + kind.external_id[1:]
            raise ValidationError([failure(prop, kind.not_found_message, external, None)])
        resource = state.add_media(metadata, body)
        shown = {**resource, "addOptions": body["addOptions"]} if "addOptions" in body else resource
        return created(request, shown, path)

    async def update(request: Request) -> Response:
        stored = state.library.get(path_id(request))
        if stored is None:
            raise MessageError(404, f"{kind.model} with ID {path_id(request)} does not exist")
        body = await read_body(request, {**kind.template, **stored})
        changed = {**stored, **{key: value for key, value in body.items() if key in kind.editable}}
        raise_if(media_rules(state, changed, creating=False, own_id=stored["id"]))
        state.library.replace(changed)
        state.media_updated(changed)
        return json_response(state.library.get(stored["id"]), status=202)

    async def delete(request: Request) -> Response:
        resource = state.library.remove(path_id(request))
        if resource is None:
            status, exception, message = kind.delete_missing
            text = message.format(id=path_id(request))
            raise MessageError(status, text, f"{exception}: {text}")
        folder = find_root_folder(state, resource.get("rootFolderPath", "")) or _root_of(state, resource["path"])
        if folder is not None:
            if query_bool(request, "deleteFiles", default=False):
                if "freeSpace" in folder:
                    folder["freeSpace"] += resource.get("statistics", {}).get("sizeOnDisk", 0)
            else:
                name = resource["path"].rsplit("/", 1)[-1]
                folder["unmappedFolders"].append({"name": name, "path": resource["path"], "relativePath": name})
            state.root_folders.touch(folder["id"])
        state.media_removed(resource)
        return empty()

    return resource_routes(path, listing=listing, create=create, one=one, update=update, delete=delete)


def calendar_window(request: Request, state: ArrState) -> tuple[str, str, bool]:
    """The calendar's `start` and `end` (default: today and two days on, UTC) as ISO strings, and `unmonitored`."""
    today = state.clock().replace(hour=0, minute=0, second=0, microsecond=0)
    start = iso(query_time(request, "start", today))
    end = iso(query_time(request, "end", today + timedelta(days=2)))
    return start, end, query_bool(request, "unmonitored", default=False)


def _root_of(state: ArrState, path: str) -> JSON | None:
    for folder in state.root_folders.values():
        if path.startswith(folder["path"].rstrip("/") + "/"):
            return folder
    return None


def arr_app(state: ArrState, routes: list[BaseRoute], *, api_key: str, faults: Faults | None) -> ASGIApp:
    """The ASGI app: shared, download and media routes plus the app's own, behind the key check and fault switches."""
    state.api_key = api_key
    switches = faults or Faults()

    async def on_error(_request: Request, exc: Exception) -> Response:
        if not isinstance(exc, ArrError):
            raise exc
        return render_error(exc, problem_types=state.flavor.problem_types, trace_id=state.trace_id())

    async def bare(_request: Request, exc: Exception) -> Response:
        # Unknown routes and methods: ASP.NET answers with the status and no body.
        return empty(exc.status_code if isinstance(exc, HTTPException) else 500)

    app = Starlette(
        routes=[*shared_routes(state), *download_routes(state), *media_routes(state), *routes],
        exception_handlers={ArrError: on_error, 404: bare, 405: bare},
    )
    return FaultMiddleware(ApiKeyMiddleware(app, api_key=api_key, faults=switches), switches)
