"""The routes Sonarr and Radarr answer alike: status, health, profiles, root folders, config, providers, commands."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from autoarr.sim._arr import (
    JSON,
    Collection,
    NotFoundError,
    empty,
    iso,
    json_response,
    raise_if,
    raw_json,
    read_body,
)
from autoarr.sim._arr_state import ArrState, canonical_command, mask_secrets, merge_provider
from autoarr.sim._arr_validate import CONFIG_RULES, provider_rules, root_folder_rules, store_host

Endpoint = Callable[[Request], Awaitable[Response]]
API = "/api/v3"


def created(request: Request, resource: JSON, path: str) -> Response:
    """201 Created with the absolute Location of the new resource, as CreatedAtAction answers."""
    location = f"{str(request.base_url).rstrip('/')}{path}/{resource['id']}"
    return json_response(resource, status=201, headers={"Location": location})


def path_id(request: Request) -> int:
    """The `{id}` of the route."""
    value: int = request.path_params["id"]
    return value


def resource_routes(
    path: str, *, listing: Endpoint, create: Endpoint, one: Endpoint, update: Endpoint, delete: Endpoint
) -> list[BaseRoute]:
    """The five routes of a REST resource: GET and POST on `path`, GET, PUT and DELETE on `path/{id}`."""
    return [
        Route(path, listing, methods=["GET"]),
        Route(path, create, methods=["POST"]),
        Route(f"{path}/{{id:int}}", one, methods=["GET"]),
        Route(f"{path}/{{id:int}}", update, methods=["PUT"]),
        Route(f"{path}/{{id:int}}", delete, methods=["DELETE"]),
    ]


def health_checks(state: ArrState) -> list[JSON]:
    """The health items the app's own checks would raise for the current state."""
    app = state.flavor.app
    wiki = f"https://wiki.servarr.com/{app.lower()}/system#"
    indexers = state.indexers.values()
    checks: list[tuple[bool, str, str, str, str]] = [
        (
            not any(client["enable"] for client in state.download_clients.values()),
            "DownloadClientCheck",
            "warning",
            "No download client is available",
            "no-download-client-is-available",
        ),
        (
            not state.configs["downloadclient"]["enableCompletedDownloadHandling"],
            "ImportMechanismCheck",
            "warning",
            "Enable Completed Download Handling if possible",
            "completed-failed-download-handling",
        ),
        (
            not any(item["enableRss"] for item in indexers),
            "IndexerRssCheck",
            "warning",
            f"No indexers available with RSS sync enabled, {app} will not grab new releases automatically",
            "no-indexers-available-with-rss-sync-enabled",
        ),
        (
            not any(item["enableAutomaticSearch"] for item in indexers),
            "IndexerSearchCheck",
            "warning",
            f"No indexers available with Automatic Search enabled, {app} will not provide any automatic search results",
            "no-indexers-available-with-automatic-search-enabled",
        ),
        (
            len(state.api_key) < 20,
            "ApiKeyValidationCheck",
            "warning",
            "Please update your API key to be at least 20 characters long. "
            "You can do this via settings or the config file",
            "api-key-validation",
        ),
    ]
    checks += [
        (True, "RootFolderCheck", "error", f"Missing root folder: {folder['path']}", "missing-root-folder")
        for folder in state.root_folders.values()
        if not folder["accessible"]
    ]
    return [
        {"source": source, "type": kind, "message": message, "wikiUrl": wiki + anchor}
        for failing, source, kind, message, anchor in checks
        if failing
    ]


def shared_routes(state: ArrState) -> list[BaseRoute]:
    """Every route both apps serve the same way (media, queue and history routes live elsewhere)."""

    async def ping(_request: Request) -> Response:
        return json_response({"status": "OK"})

    async def api_info(_request: Request) -> Response:
        return json_response({"current": "v3", "deprecated": []})

    async def system_status(_request: Request) -> Response:
        host = state.configs["host"]
        return json_response(
            {
                "appName": state.flavor.app,
                "instanceName": host["instanceName"],
                **state.flavor.status,
                "authentication": host["authenticationMethod"],
                "urlBase": host["urlBase"],
                "startTime": iso(state.started),
            }
        )

    async def health(_request: Request) -> Response:
        return json_response(health_checks(state))

    async def command_post(request: Request) -> Response:
        body = await read_body(request, {"name": ""})
        name = canonical_command(state.flavor, body.get("name"))
        args = {key: value for key, value in body.items() if key != "name"}
        command = state.commands.post(name, args, user_agent=request.headers.get("user-agent"))
        return created(request, command, f"{API}/command")

    async def command_list(_request: Request) -> Response:
        return json_response(state.commands.observe_all())

    async def command_get(request: Request) -> Response:
        command = state.commands.observe(path_id(request))
        if command is None:
            raise NotFoundError
        return json_response(command)

    async def root_folder_post(request: Request) -> Response:
        body = await read_body(request, {"path": ""})
        path = str(body.get("path", ""))
        raise_if(root_folder_rules(state, path))
        # A new root folder is an empty disk the simulator invents: 2 TB free, deterministic.
        folder = state.root_folders.add(
            {"path": path, "accessible": True, "freeSpace": 2_000_000_000_000, "unmappedFolders": []}
        )
        return created(request, folder, f"{API}/rootfolder")

    async def root_folder_delete(request: Request) -> Response:
        # RootFolderService.Remove deletes by id without looking first: a missing id is still a 200.
        state.root_folders.remove(path_id(request))
        return empty()

    routes: list[BaseRoute] = [
        Route("/ping", ping, methods=["GET", "HEAD"]),
        Route("/api", api_info, methods=["GET"]),
        Route(f"{API}/system/status", system_status, methods=["GET"]),
        Route(f"{API}/health", health, methods=["GET"]),
        Route(f"{API}/command", command_post, methods=["POST"]),
        Route(f"{API}/command", command_list, methods=["GET"]),
        Route(f"{API}/command/{{id:int}}", command_get, methods=["GET"]),
        *_read_routes(state.quality_profiles, f"{API}/qualityprofile"),
        *_read_routes(state.root_folders, f"{API}/rootfolder"),
        Route(f"{API}/rootfolder", root_folder_post, methods=["POST"]),
        Route(f"{API}/rootfolder/{{id:int}}", root_folder_delete, methods=["DELETE"]),
        *_config_routes(state),
    ]
    for name, collection in (
        ("downloadclient", state.download_clients),
        ("indexer", state.indexers),
        ("notification", state.notifications),
    ):
        routes += _provider_routes(collection, f"{API}/{name}")
    return routes


def _read_routes(collection: Collection, path: str) -> list[BaseRoute]:
    async def listing(_request: Request) -> Response:
        return raw_json(collection.encoded_list())

    async def one(request: Request) -> Response:
        if collection.get(path_id(request)) is None:
            raise NotFoundError
        return raw_json(collection.encoded(path_id(request)))

    return [Route(path, listing, methods=["GET"]), Route(f"{path}/{{id:int}}", one, methods=["GET"])]


def _config_routes(state: ArrState) -> list[BaseRoute]:
    def shown(name: str) -> JSON:
        resource = state.configs[name]
        return {**resource, "apiKey": state.api_key} if name == "host" else resource

    async def get(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in state.configs:
            return empty(404)
        if "id" in request.path_params and path_id(request) != state.configs[name]["id"]:
            raise NotFoundError
        return json_response(shown(name))

    async def put(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in state.configs:
            return empty(404)
        old = state.configs[name]
        body = await read_body(request, old, enums=state.flavor.config_enums)
        # A PUT carries the whole resource; what it leaves out (or the simulator does not model) is kept.
        new = {**old, **{key: value for key, value in body.items() if key in old}, "id": old["id"]}
        raise_if(CONFIG_RULES[name](state, new, old))
        state.configs[name] = store_host(new, old) if name == "host" else new
        return json_response(shown(name), status=202)

    return [
        Route(f"{API}/config/{{name}}", get, methods=["GET"]),
        Route(f"{API}/config/{{name}}/{{id:int}}", get, methods=["GET"]),
        Route(f"{API}/config/{{name}}/{{id:int}}", put, methods=["PUT"]),
    ]


def _provider_routes(collection: Collection, path: str) -> list[BaseRoute]:
    def template() -> JSON:
        return next(iter(collection.values()), {})

    def known_keys(body: JSON) -> JSON:
        allowed = template()
        return {key: value for key, value in body.items() if not allowed or key in allowed}

    async def listing(_request: Request) -> Response:
        return json_response([mask_secrets(item) for item in collection.values()])

    async def one(request: Request) -> Response:
        item = collection.get(path_id(request))
        if item is None:
            raise NotFoundError
        return json_response(mask_secrets(item))

    async def post(request: Request) -> Response:
        body = known_keys(await read_body(request, template()))
        body.pop("id", None)
        raise_if(provider_rules(collection.values(), body))
        item = collection.add(merge_provider(None, body))
        return created(request, mask_secrets(item), path)

    async def put(request: Request) -> Response:
        stored = collection.get(path_id(request))
        if stored is None:
            raise NotFoundError
        body = known_keys(await read_body(request, stored))
        raise_if(provider_rules(collection.values(), {**stored, **body}, own_id=stored["id"]))
        item = collection.replace({**merge_provider(stored, body), "id": stored["id"]})
        return json_response(mask_secrets(item), status=202)

    async def delete(request: Request) -> Response:
        collection.remove(path_id(request))
        return empty()

    return resource_routes(path, listing=listing, create=post, one=one, update=put, delete=delete)
