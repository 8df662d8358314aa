"""What the Sonarr and Radarr simulators must both do like the real *arr v3 API (each test runs against both)."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest

from autoarr.sim._arr_state import field_value
from autoarr.sim.downloads import DOWNLOADS
from autoarr.sim.server import SimServer
from tests.sim.conftest import ARR_KEY, Arr, arr_client
from tests.sim.openapi_check import assert_valid

API = "/api/v3"
NOT_FOUND_TYPES = {
    "sonarr": "https://tools.ietf.org/html/rfc7231#section-6.5.4",
    "radarr": "https://tools.ietf.org/html/rfc9110#section-15.5.5",
}


async def get_ok(arr: Arr, path: str, **params: str | int) -> Any:
    """GET that must answer 200 with JSON."""
    response = await arr.client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


# --- auth ----------------------------------------------------------------------------------------------------


async def test_ping_needs_no_key_and_api_names_v3(arr: Arr) -> None:
    async with arr_client(arr.app, key=None) as anonymous:
        ping = await anonymous.get("/ping")
        assert ping.status_code == 200
        assert ping.json() == {"status": "OK"}
        assert_valid(arr.name, "/ping", ping.json())
        assert (await anonymous.get("/api")).status_code == 401
    assert await get_ok(arr, "/api") == {"current": "v3", "deprecated": []}


@pytest.mark.parametrize(
    ("params", "headers"),
    [
        ({}, {}),
        ({}, {"X-Api-Key": "wrong"}),
        ({"apikey": "wrong"}, {"X-Api-Key": ARR_KEY}),  # the query key is read first and decides
        ({}, {"Authorization": "Bearer wrong"}),
        ({}, {"Authorization": f"Basic {ARR_KEY}"}),
    ],
)
async def test_a_missing_or_wrong_key_gets_401_with_an_empty_body(
    arr: Arr, params: dict[str, str], headers: dict[str, str]
) -> None:
    async with arr_client(arr.app, key=None) as client:
        response = await client.get(f"{API}/system/status", params=params, headers=headers)
    assert response.status_code == 401
    assert response.content == b""


@pytest.mark.parametrize(
    ("params", "headers"),
    [
        ({"apikey": ARR_KEY}, {}),
        ({"ApiKey": ARR_KEY}, {"X-Api-Key": "wrong"}),
        ({}, {"X-Api-Key": ARR_KEY}),
        ({}, {"Authorization": f"Bearer {ARR_KEY}"}),
    ],
)
async def test_the_key_is_taken_from_query_header_or_bearer_token(
    arr: Arr, params: dict[str, str], headers: dict[str, str]
) -> None:
    async with arr_client(arr.app, key=None) as client:
        response = await client.get(f"{API}/system/status", params=params, headers=headers)
    assert response.status_code == 200
    assert response.json()["appName"].lower() == arr.name


async def test_the_reject_key_switch_answers_every_request_with_401(arr: Arr) -> None:
    arr.faults.reject_key = True
    for path in ("/ping", f"{API}/system/status", f"{API}/{arr.media}"):
        response = await arr.client.get(path)
        assert (response.status_code, response.content) == (401, b""), path
    arr.faults.reset()
    assert (await arr.client.get(f"{API}/system/status")).status_code == 200


async def test_the_500_and_malformed_switches_break_responses_until_reset(arr: Arr) -> None:
    arr.faults.error_500 = True
    assert (await arr.client.get(f"{API}/{arr.media}")).status_code == 500
    arr.faults.reset()
    arr.faults.malformed_json = True
    garbled = await arr.client.get(f"{API}/system/status")
    assert garbled.status_code == 200
    with pytest.raises(ValueError, match="Expecting value"):
        garbled.json()
    arr.faults.reset()
    assert (await arr.client.get(f"{API}/system/status")).json()["appName"].lower() == arr.name


async def test_unknown_routes_and_methods_answer_without_a_body(arr: Arr) -> None:
    missing = await arr.client.get(f"{API}/nothing-here")
    assert (missing.status_code, missing.content) == (404, b"")
    wrong_method = await arr.client.patch(f"{API}/system/status")
    assert (wrong_method.status_code, wrong_method.content) == (405, b"")


def nulls_in(value: Any, path: str = "$") -> list[str]:
    """Where a JSON value holds a null (the apps leave null properties out)."""
    if value is None:
        return [path]
    if isinstance(value, dict):
        return [hit for key, item in value.items() for hit in nulls_in(item, f"{path}.{key}")]
    if isinstance(value, list):
        return [hit for index, item in enumerate(value) for hit in nulls_in(item, f"{path}[{index}]")]
    return []


async def test_no_response_carries_a_null(arr: Arr) -> None:
    await arr.client.post(f"{API}/command", json={"name": "RssSync"})
    include = "includeSeries" if arr.name == "sonarr" else "includeMovie"
    paths = [
        "system/status", "health", arr.media, f"{arr.media}/1", "qualityprofile", "rootfolder", "downloadclient",
        "indexer", "notification", "command", f"queue?{include}=true", "queue/status", f"history?{include}=true",
        "blocklist", "wanted/missing", "calendar?start=2026-01-01&end=2027-12-31",
        *(f"config/{name}" for name in ("host", "mediamanagement", "naming", "indexer", "downloadclient", "ui")),
    ]  # fmt: skip
    for path in paths:
        assert nulls_in(await get_ok(arr, f"{API}/{path}")) == [], path


# --- status, health, profiles, root folders ---------------------------------------------------------------


async def test_system_status_and_health_match_the_documents_and_follow_the_state(arr: Arr) -> None:
    status = await get_ok(arr, f"{API}/system/status")
    assert_valid(arr.name, f"{API}/system/status", status)
    assert isinstance(status, dict)
    assert status["authentication"] == arr.state.configs["host"]["authenticationMethod"]
    assert status["startTime"].endswith("Z")
    health = await get_ok(arr, f"{API}/health")
    assert_valid(arr.name, f"{API}/health", health)
    assert "DownloadClientCheck" not in {item["source"] for item in health}

    client = (await arr.client.get(f"{API}/downloadclient/1")).json()
    assert (await arr.client.put(f"{API}/downloadclient/1", json={**client, "enable": False})).status_code == 202
    sources = {item["source"] for item in await get_ok(arr, f"{API}/health")}
    assert "DownloadClientCheck" in sources


async def test_quality_profiles_are_listed_and_a_missing_one_is_a_problem_details_404(arr: Arr) -> None:
    profiles = await get_ok(arr, f"{API}/qualityprofile")
    assert_valid(arr.name, f"{API}/qualityprofile", profiles)
    assert [(p["id"], p["name"]) for p in profiles] == [(1, "HD-1080p"), (2, "Ultra-HD"), (3, "Any")]
    assert_valid(arr.name, f"{API}/qualityprofile/{{id}}", await get_ok(arr, f"{API}/qualityprofile/2"))
    missing = await arr.client.get(f"{API}/qualityprofile/99")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    problem = missing.json()
    assert problem["type"] == NOT_FOUND_TYPES[arr.name]
    assert (problem["title"], problem["status"]) == ("Not Found", 404)
    assert problem["traceId"].startswith("00-")


async def test_root_folders_can_be_added_and_removed(arr: Arr) -> None:
    folders = await get_ok(arr, f"{API}/rootfolder")
    assert_valid(arr.name, f"{API}/rootfolder", folders)
    assert all(folder["freeSpace"] > 0 for folder in folders if folder["accessible"])

    added = await arr.client.post(f"{API}/rootfolder", json={"path": "/data/media/extra"})
    assert added.status_code == 201
    folder = added.json()
    assert_valid(arr.name, f"{API}/rootfolder", folder, method="post")
    assert added.headers["location"] == f"http://sim{API}/rootfolder/{folder['id']}"
    assert (folder["path"], folder["accessible"]) == ("/data/media/extra", True)

    again = await arr.client.post(f"{API}/rootfolder", json={"path": "/data/media/extra"})
    assert again.status_code == 400
    assert [item["errorMessage"] for item in again.json()] == ["Path is already configured as a root folder"]

    deleted = await arr.client.delete(f"{API}/rootfolder/{folder['id']}")
    assert (deleted.status_code, deleted.content) == (200, b"")
    assert (await arr.client.get(f"{API}/rootfolder/{folder['id']}")).status_code == 404


# --- config resources ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["host", "mediamanagement", "naming", "indexer", "downloadclient", "ui"])
async def test_each_config_resource_matches_its_document_at_both_routes(arr: Arr, name: str) -> None:
    plain = await get_ok(arr, f"{API}/config/{name}")
    assert_valid(arr.name, f"{API}/config/{name}", plain)
    assert await get_ok(arr, f"{API}/config/{name}/1") == plain
    assert_valid(arr.name, f"{API}/config/{name}/{{id}}", plain)


async def test_a_config_put_answers_202_and_later_gets_see_it_while_unsent_fields_stay(arr: Arr) -> None:
    before = (await arr.client.get(f"{API}/config/mediamanagement")).json()
    sent = {"id": 1, "recycleBin": "/data/recycle", "recycleBinCleanupDays": 14}
    response = await arr.client.put(f"{API}/config/mediamanagement/1", json=sent)
    assert response.status_code == 202
    assert_valid(arr.name, f"{API}/config/mediamanagement/{{id}}", response.json(), method="put")
    after = (await arr.client.get(f"{API}/config/mediamanagement")).json()
    assert after == {**before, "recycleBin": "/data/recycle", "recycleBinCleanupDays": 14}

    whole = {**after, "copyUsingHardlinks": not after["copyUsingHardlinks"], "notAField": 1}
    assert (await arr.client.put(f"{API}/config/mediamanagement/1", json=whole)).status_code == 202
    final = (await arr.client.get(f"{API}/config/mediamanagement")).json()
    assert final == {**after, "copyUsingHardlinks": not after["copyUsingHardlinks"]}


@pytest.mark.parametrize(
    ("change", "property_name", "message"),
    [
        ({"backupRetention": 0}, "BackupRetention", "'Backup Retention' must be between 1 and 90. You entered 0."),
        ({"logSizeLimit": 11}, "LogSizeLimit", "'Log Size Limit' must be between 1 and 10. You entered 11."),
        ({"authenticationMethod": "forms", "username": ""}, "Username", "'Username' must not be empty."),
        ({"password": "new-secret", "passwordConfirmation": "typo"}, "PasswordConfirmation", "Must match Password"),
        ({"enableSsl": True, "sslPort": 0}, "SslPort", "'Ssl Port' must be between 1 and 65535. You entered 0."),
        ({"bindAddress": "not-an-ip"}, "BindAddress", "Enter a valid IP address"),
    ],
)
async def test_host_config_puts_break_the_apps_validation_rules_with_a_bare_array(
    arr: Arr, change: dict[str, object], property_name: str, message: str
) -> None:
    host = (await arr.client.get(f"{API}/config/host")).json()
    response = await arr.client.put(f"{API}/config/host/1", json={**host, **change})
    assert response.status_code == 400
    failures = response.json()
    assert isinstance(failures, list)
    assert {"propertyName": property_name, "errorMessage": message}.items() <= next(
        item for item in failures if item["propertyName"] == property_name
    ).items()
    assert (await arr.client.get(f"{API}/config/host")).json() == host


async def test_a_host_password_change_is_stored_hashed_and_round_trips(arr: Arr) -> None:
    host = (await arr.client.get(f"{API}/config/host")).json()
    assert host["apiKey"] == ARR_KEY
    new = {
        **host,
        "authenticationMethod": "forms",
        "username": "me",
        "password": "pw-1",
        "passwordConfirmation": "pw-1",
    }
    saved = await arr.client.put(f"{API}/config/host/1", json=new)
    assert saved.status_code == 202
    shown = saved.json()
    assert shown["password"] not in {"pw-1", ""}
    assert shown["passwordConfirmation"] == ""
    # Sending the shown (stored) value back unchanged passes without a confirmation.
    assert (await arr.client.put(f"{API}/config/host/1", json={**shown, "logLevel": "info"})).status_code == 202
    final = (await arr.client.get(f"{API}/config/host")).json()
    assert (final["password"], final["logLevel"], final["authenticationMethod"]) == (shown["password"], "info", "forms")
    status = (await arr.client.get(f"{API}/system/status")).json()
    assert status["authentication"] == "forms"


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        ("indexer", {"rssSyncInterval": 5}, "Must be between 10 and 120 or 0 to disable"),
        (
            "mediamanagement",
            {"minimumFreeSpaceWhenImporting": 50},
            "'Minimum Free Space When Importing' must be greater than or equal to '100'.",
        ),
    ],
)
async def test_other_config_validators_reject_out_of_range_values(
    arr: Arr, name: str, change: dict[str, object], message: str
) -> None:
    resource = (await arr.client.get(f"{API}/config/{name}")).json()
    response = await arr.client.put(f"{API}/config/{name}/1", json={**resource, **change})
    assert response.status_code == 400
    assert [item["errorMessage"] for item in response.json()] == [message]


async def test_a_wrongly_typed_or_unparsable_body_is_a_problem_details_400(arr: Arr) -> None:
    wrong_type = await arr.client.put(f"{API}/config/host/1", json={"port": "eighty"})
    assert wrong_type.status_code == 400
    problem = wrong_type.json()
    assert problem["title"] == "One or more validation errors occurred."
    assert "$.port" in problem["errors"]
    bad_enum = await arr.client.put(f"{API}/config/host/1", json={"authenticationMethod": "sometimes"})
    assert "$.authenticationMethod" in bad_enum.json()["errors"]
    garbage = await arr.client.post(
        f"{API}/{arr.media}", content=b'{"title": ', headers={"Content-Type": "application/json"}
    )
    assert garbage.status_code == 400
    assert set(garbage.json()["errors"]) == {"$", "resource"}
    trailing_comma = await arr.client.put(
        f"{API}/config/ui/1", content=b'{"firstDayOfWeek": 1,}', headers={"Content-Type": "application/json"}
    )
    assert trailing_comma.status_code == 202
    assert trailing_comma.json()["firstDayOfWeek"] == 1


# --- providers -----------------------------------------------------------------------------------------------


async def test_provider_secrets_are_masked_and_a_masked_value_sent_back_keeps_the_secret(arr: Arr) -> None:
    clients = await get_ok(arr, f"{API}/downloadclient")
    assert_valid(arr.name, f"{API}/downloadclient", clients)
    assert_valid(arr.name, f"{API}/indexer", await get_ok(arr, f"{API}/indexer"))
    assert_valid(arr.name, f"{API}/notification", await get_ok(arr, f"{API}/notification"))
    sab = clients[0]
    fields = {item["name"]: item for item in sab["fields"]}
    assert fields["apiKey"]["value"] == "********"
    stored_key = field_value(arr.state.download_clients.get(1) or {}, "apiKey")
    assert stored_key != "********"

    sab["fields"] = [{**item, "value": 9090} if item["name"] == "port" else item for item in sab["fields"]]
    updated = await arr.client.put(f"{API}/downloadclient/1", json=sab)
    assert updated.status_code == 202
    assert_valid(arr.name, f"{API}/downloadclient/{{id}}", updated.json(), method="put")
    stored = arr.state.download_clients.get(1) or {}
    assert (field_value(stored, "port"), field_value(stored, "apiKey")) == (9090, stored_key)

    sab["fields"] = [{**item, "value": "new-key"} if item["name"] == "apiKey" else item for item in sab["fields"]]
    await arr.client.put(f"{API}/downloadclient/1", json=sab)
    assert field_value(arr.state.download_clients.get(1) or {}, "apiKey") == "new-key"


async def test_providers_can_be_created_and_deleted_with_name_and_priority_checks(arr: Arr) -> None:
    indexer = (await arr.client.get(f"{API}/indexer/1")).json()
    copy = {**indexer, "id": 0, "name": "Second indexer"}
    created = await arr.client.post(f"{API}/indexer", json=copy)
    assert created.status_code == 201
    assert_valid(arr.name, f"{API}/indexer", created.json(), method="post")
    new_id = created.json()["id"]
    assert created.headers["location"].endswith(f"/indexer/{new_id}")
    clash = await arr.client.post(f"{API}/indexer", json={**copy, "priority": 0})
    assert sorted(item["errorMessage"] for item in clash.json()) == [
        "'Priority' must be between 1 and 50. You entered 0.",
        "Should be unique",
    ]
    assert (await arr.client.delete(f"{API}/indexer/{new_id}")).status_code == 200
    assert (await arr.client.get(f"{API}/indexer/{new_id}")).status_code == 404


# --- commands ------------------------------------------------------------------------------------------------


async def test_a_posted_command_is_visible_and_progresses_to_completed(arr: Arr) -> None:
    posted = await arr.client.post(f"{API}/command", json={"name": "RssSync"}, headers={"User-Agent": "autoarr-test"})
    assert posted.status_code == 201
    command = posted.json()
    assert_valid(arr.name, f"{API}/command", command, method="post")
    assert (command["name"], command["commandName"], command["status"]) == ("RssSync", "Rss Sync", "queued")
    assert command["clientUserAgent"] == "autoarr-test"
    assert posted.headers["location"].endswith(f"/command/{command['id']}")

    seen = [(await arr.client.get(f"{API}/command/{command['id']}")).json() for _ in range(3)]
    assert [item["status"] for item in seen] == ["started", "completed", "completed"]
    for item in seen:
        assert_valid(arr.name, f"{API}/command/{{id}}", item)
    assert (seen[-1]["result"], seen[-1]["message"]) == ("successful", "Completed")
    assert "duration" in seen[-1]
    listed = await get_ok(arr, f"{API}/command")
    assert_valid(arr.name, f"{API}/command", listed)
    assert command["id"] in {item["id"] for item in listed}


async def test_command_names_match_any_case_with_or_without_the_suffix(arr: Arr) -> None:
    response = await arr.client.post(f"{API}/command", json={"NAME": "checkhealthcommand"})
    assert response.status_code == 201
    assert response.json()["name"] == "CheckHealth"


async def test_an_unknown_command_is_the_apps_500_and_an_unknown_id_a_404(arr: Arr) -> None:
    response = await arr.client.post(f"{API}/command", json={"name": "MakeCoffee"})
    assert response.status_code == 500
    assert response.json()["message"] == "Sequence contains no matching element"
    assert (await arr.client.get(f"{API}/command/999")).status_code == 404


# --- queue, history, blocklist -----------------------------------------------------------------------------------


async def test_the_queue_holds_this_apps_sabnzbd_jobs_by_nzo_id(arr: Arr) -> None:
    page = await get_ok(arr, f"{API}/queue")
    assert_valid(arr.name, f"{API}/queue", page)
    expected = {job.nzo_id for job in DOWNLOADS if job.owner == arr.name and job.place == "queue"}
    assert {record["downloadId"] for record in page["records"]} == expected
    assert page["totalRecords"] == len(expected)
    record = page["records"][0]
    assert (record["protocol"], record["downloadClient"], record["trackedDownloadState"]) == (
        "usenet",
        "SABnzbd",
        "downloading",
    )
    status = await get_ok(arr, f"{API}/queue/status")
    assert_valid(arr.name, f"{API}/queue/status", status)
    assert status["totalCount"] == len(expected)
    include = "includeSeries" if arr.name == "sonarr" else "includeMovie"
    embedded = await get_ok(arr, f"{API}/queue", **{include: "true"})
    assert_valid(arr.name, f"{API}/queue", embedded)
    assert ("series" if arr.name == "sonarr" else "movie") in embedded["records"][0]


async def test_history_has_grabs_and_outcomes_and_filters_by_event_type_and_download_id(arr: Arr) -> None:
    page = await get_ok(arr, f"{API}/history", pageSize=50)
    assert_valid(arr.name, f"{API}/history", page)
    mine = [job for job in DOWNLOADS if job.owner == arr.name]
    records = page["records"]
    assert {record["downloadId"] for record in records} == {job.nzo_id for job in mine}
    grabbed = {record["downloadId"] for record in records if record["eventType"] == "grabbed"}
    assert grabbed == {job.nzo_id for job in mine}
    dates = [record["date"] for record in records]
    assert dates == sorted(dates, reverse=True)

    failed = await get_ok(arr, f"{API}/history", eventType=4, pageSize=50)
    expected_failed = {job.nzo_id for job in mine if job.status == "Failed"}
    assert {record["downloadId"] for record in failed["records"]} == expected_failed
    assert {record["eventType"] for record in failed["records"]} == {"downloadFailed"}
    completed = next(job for job in mine if job.status == "Completed")
    one = await get_ok(arr, f"{API}/history", downloadId=completed.nzo_id)
    assert [record["eventType"] for record in one["records"]] == ["downloadFolderImported", "grabbed"]


async def test_history_pages_slice_the_records_and_report_the_total(arr: Arr) -> None:
    whole = await get_ok(arr, f"{API}/history", pageSize=50)
    total = whole["totalRecords"]
    assert total >= 5
    first = await get_ok(arr, f"{API}/history", page=1, pageSize=2, sortKey="date", sortDirection="ascending")
    second = await get_ok(arr, f"{API}/history", page=2, pageSize=2, sortKey="date", sortDirection="ascending")
    assert (first["page"], first["pageSize"], first["totalRecords"], first["sortDirection"]) == (
        1,
        2,
        total,
        "ascending",
    )
    ids = [record["id"] for record in first["records"] + second["records"]]
    ordered = sorted(whole["records"], key=lambda record: (record["date"], record["id"]))
    assert len(set(ids)) == 4
    assert [record["date"] for record in first["records"] + second["records"]] == [r["date"] for r in ordered[:4]]


async def test_marking_a_grab_failed_records_the_failure_blocklists_it_and_searches_when_configured(arr: Arr) -> None:
    await arr.client.put(f"{API}/config/downloadclient/1", json={"autoRedownloadFailed": True})
    queued = (await arr.client.get(f"{API}/queue")).json()["records"][0]
    grabs = await get_ok(arr, f"{API}/history", downloadId=queued["downloadId"], eventType=1)
    grab = grabs["records"][0]
    blocked_before = (await arr.client.get(f"{API}/blocklist")).json()["totalRecords"]

    response = await arr.client.post(f"{API}/history/failed/{grab['id']}")
    assert (response.status_code, response.json()) == (200, {})

    history = (await arr.client.get(f"{API}/history", params={"downloadId": queued["downloadId"]})).json()["records"]
    assert history[0]["eventType"] == "downloadFailed"
    assert history[0]["data"]["message"] == "Manually marked as failed"
    blocklist = await get_ok(arr, f"{API}/blocklist")
    assert_valid(arr.name, f"{API}/blocklist", blocklist)
    assert blocklist["totalRecords"] == blocked_before + 1
    assert blocklist["records"][0]["sourceTitle"] == grab["sourceTitle"]
    assert (await arr.client.get(f"{API}/queue")).json()["totalRecords"] == 0
    search = "EpisodeSearch" if arr.name == "sonarr" else "MoviesSearch"
    commands = [item for item in (await arr.client.get(f"{API}/command")).json() if item["name"] == search]
    assert len(commands) == 1
    assert commands[0]["body"].get("episodeIds", commands[0]["body"].get("movieIds")) == [
        grab.get("episodeId", grab.get("movieId"))
    ]
    missing = await arr.client.post(f"{API}/history/failed/9999")
    assert missing.status_code == 404
    assert missing.json()["message"].endswith("with ID 9999 does not exist")


async def test_removing_a_queue_item_with_blocklist_fails_it_and_reports_the_removal(arr: Arr) -> None:
    item = (await arr.client.get(f"{API}/queue")).json()["records"][0]
    response = await arr.client.delete(
        f"{API}/queue/{item['id']}", params={"blocklist": "true", "skipRedownload": "true"}
    )
    assert (response.status_code, response.content) == (200, b"")
    assert arr.state.client_removals == [item["downloadId"]]
    assert (await arr.client.get(f"{API}/queue")).json()["records"] == []
    blocked = (await arr.client.get(f"{API}/blocklist")).json()["records"]
    assert item["title"] in {record["sourceTitle"] for record in blocked}
    assert arr.state.commands.named("EpisodeSearch") == arr.state.commands.named("MoviesSearch") == []
    again = await arr.client.delete(f"{API}/queue/{item['id']}")
    assert (again.status_code, again.json()) == (404, {"message": "NotFound"})


# --- over a real socket ------------------------------------------------------------------------------------------


async def test_the_simulator_serves_the_same_api_over_a_loopback_socket(arr: Arr) -> None:
    async with SimServer(arr.app) as server, httpx2.AsyncClient(base_url=server.url) as client:
        assert (await client.get("/ping")).json() == {"status": "OK"}
        assert (await client.get(f"{API}/{arr.media}")).status_code == 401
        listed = await client.get(f"{API}/{arr.media}", headers={"X-Api-Key": ARR_KEY})
        assert listed.status_code == 200
        assert len(listed.json()) == len(arr.state.library)
