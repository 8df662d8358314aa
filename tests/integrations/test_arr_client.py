"""The *arr calls Sonarr and Radarr share (ArrClient), run against both simulators alike."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from typing import Any

import pytest

from autoarr.errors import InvalidRequestError, NotFoundError, ServiceUnavailableError, UpstreamAuthError
from autoarr.integrations._arr import ArrClient, ConfigName, arr_headers
from autoarr.integrations.sonarr import Series, SonarrClient
from autoarr.sim._arr_state import ArrState, field_value
from autoarr.sim.sonarr import create_sonarr_app, seed_sonarr
from tests.integrations.clients import ARR_KEY, Sim, fixed_clock, on_socket, radarr_sim, sonarr_sim

ArrSim = Sim[ArrState, ArrClient]


@pytest.fixture(params=["sonarr", "radarr"])
async def arr(request: pytest.FixtureRequest) -> AsyncIterator[ArrSim]:
    """Each *arr simulator in turn, for what the shared base must do alike."""
    if request.param == "sonarr":
        async with sonarr_sim() as sonarr:
            yield Sim(
                state=sonarr.state,
                faults=sonarr.faults,
                recorder=sonarr.recorder,
                client=sonarr.client,
                http=sonarr.http,
            )
    else:
        async with radarr_sim() as radarr:
            yield Sim(
                state=radarr.state,
                faults=radarr.faults,
                recorder=radarr.recorder,
                client=radarr.client,
                http=radarr.http,
            )


async def test_status_and_ping_answer_with_the_apps_name(arr: ArrSim) -> None:
    status = await arr.client.system_status()
    assert status.app_name == arr.state.flavor.app
    assert status.version
    await arr.client.ping()
    assert arr.recorder.requests("GET", "/api/v3/system/status")


async def test_health_profiles_and_root_folders_are_typed(arr: ArrSim) -> None:
    health = await arr.client.health()
    profiles = await arr.client.quality_profiles()
    folders = await arr.client.root_folders()
    assert len(profiles) == len(arr.state.quality_profiles)
    assert profiles[0].name == "HD-1080p"
    assert [folder.path for folder in folders] == [folder["path"] for folder in arr.state.root_folders.values()]
    if arr.state.flavor.app == "Radarr":
        assert {(check.source, check.type) for check in health} == {
            ("IndexerSearchCheck", "warning"),
            ("RootFolderCheck", "error"),
        }
        assert [folder.accessible for folder in folders] == [True, False]
    else:
        assert health == []


def _more_queue_items(state: ArrState, count: int) -> None:
    template = state.queue.values()[0]
    for number in range(count):
        item = copy.deepcopy(template)
        item.update(id=0, downloadId=f"SABnzbd_nzo_extra{number:03d}", title=f"Extra.Release.{number}")
        state.queue.add(item)


async def test_the_queue_reads_one_page_or_every_page(arr: ArrSim) -> None:
    _more_queue_items(arr.state, 6)
    page = await arr.client.queue_page(page=2, page_size=3)
    assert (page.page, page.page_size, page.total_records, len(page.records)) == (2, 3, 7, 3)
    everything = await arr.client.queue_all(page_size=3)
    assert sorted(item.download_id for item in everything) == sorted(
        item["downloadId"] for item in arr.state.queue.values()
    )
    assert len(arr.recorder.requests("GET", "/api/v3/queue")) == 1 + 3
    media_key = "series_id" if arr.state.flavor.app == "Sonarr" else "movie_id"
    assert all(getattr(item, media_key) for item in everything)


async def test_history_pages_filter_by_download_and_event_type(arr: ArrSim) -> None:
    everything = await arr.client.history_page(page_size=100)
    assert everything.total_records == len(arr.state.history)
    failed = await arr.client.history_page(event_types=[4])
    assert failed.total_records == 1
    assert {record.event_type for record in failed.records} == {"downloadFailed"}
    download_id = failed.records[0].download_id
    of_download = await arr.client.history_page(download_id=download_id)
    assert {record.download_id for record in of_download.records} == {download_id}
    assert {record.event_type for record in of_download.records} == {"grabbed", "downloadFailed"}


async def test_marking_a_grab_failed_is_recorded_by_the_app(arr: ArrSim) -> None:
    queued = arr.state.queue.values()[0]
    grab = arr.state.grab_of(queued["downloadId"])
    assert grab is not None
    blocked_before = len(arr.state.blocklist)
    await arr.client.mark_failed(grab["id"])
    failures = [
        record
        for record in arr.state.history.values()
        if record["downloadId"] == queued["downloadId"] and record["eventType"] == "downloadFailed"
    ]
    assert len(failures) == 1
    assert len(arr.state.blocklist) == blocked_before + 1
    assert arr.state.queue.get(queued["id"]) is None
    blocklist = await arr.client.blocklist_page()
    assert blocklist.total_records == blocked_before + 1
    assert queued["title"] in {item.source_title for item in blocklist.records}


async def test_marking_an_unknown_history_record_failed_is_not_found(arr: ArrSim) -> None:
    with pytest.raises(NotFoundError) as missing:
        await arr.client.mark_failed(9999)
    assert "History record 9999" in missing.value.message


_CHANGES: dict[ConfigName, tuple[str, Any]] = {
    "host": ("instanceName", "Upstairs"),
    "mediamanagement": ("recycleBinCleanupDays", 14),
    "naming": ("replaceIllegalCharacters", False),
    "indexer": ("retention", 2000),
    "downloadclient": ("enableCompletedDownloadHandling", False),
    "ui": ("firstDayOfWeek", 1),
}


@pytest.mark.parametrize("name", list(_CHANGES))
async def test_a_config_round_trip_changes_one_field_and_keeps_every_other(arr: ArrSim, name: ConfigName) -> None:
    arr.state.configs[name]["settingFromANewerVersion"] = {"nested": [1, 2]}
    resource = await arr.client.config(name)
    assert resource["settingFromANewerVersion"] == {"nested": [1, 2]}
    key, value = _CHANGES[name]
    answer = await arr.client.update_config(name, {**resource, key: value})
    sent = arr.recorder.requests("PUT", f"/api/v3/config/{name}/1")[0].json()
    assert set(sent) == set(resource)
    assert {k: v for k, v in sent.items() if k != key} == {k: v for k, v in resource.items() if k != key}
    stored = arr.state.configs[name]
    assert (stored[key], stored["settingFromANewerVersion"]) == (value, {"nested": [1, 2]})
    assert answer[key] == value


async def test_a_config_the_app_refuses_is_an_invalid_request_with_the_field(arr: ArrSim) -> None:
    resource = await arr.client.config("indexer")
    with pytest.raises(InvalidRequestError) as rejected:
        await arr.client.update_config("indexer", {**resource, "rssSyncInterval": 5})
    assert rejected.value.details == {"rssSyncInterval": "Must be between 10 and 120 or 0 to disable"}
    assert arr.state.configs["indexer"]["rssSyncInterval"] == resource["rssSyncInterval"]


async def test_a_body_the_app_cannot_bind_is_an_invalid_request_with_the_field(arr: ArrSim) -> None:
    resource = await arr.client.config("indexer")
    with pytest.raises(InvalidRequestError) as rejected:
        await arr.client.update_config("indexer", {**resource, "retention": "forever"})
    assert "retention" in rejected.value.details


async def test_a_resource_without_an_id_is_refused_before_it_is_sent(arr: ArrSim) -> None:
    with pytest.raises(InvalidRequestError):
        await arr.client.update_config("ui", {"firstDayOfWeek": 1})
    assert arr.recorder.requests("PUT", "/api/v3/config") == []


async def test_a_download_client_round_trip_keeps_its_masked_secret(arr: ArrSim) -> None:
    stored_key = field_value(arr.state.download_clients.get(1) or {}, "apiKey")
    assert stored_key
    listed = await arr.client.download_clients()
    resource = await arr.client.download_client(1)
    assert listed[0] == resource
    assert next(item["value"] for item in resource["fields"] if item["name"] == "apiKey") == "********"
    fields = [{**item, "value": "sab.lan"} if item["name"] == "host" else item for item in resource["fields"]]
    answer = await arr.client.update_download_client({**resource, "fields": fields})
    stored = arr.state.download_clients.get(1) or {}
    assert (field_value(stored, "host"), field_value(stored, "apiKey")) == ("sab.lan", stored_key)
    assert next(item["value"] for item in answer["fields"] if item["name"] == "host") == "sab.lan"
    sent = arr.recorder.requests("PUT", "/api/v3/downloadclient/1")[0].json()
    assert set(sent) == set(resource)


async def test_a_missing_download_client_is_not_found(arr: ArrSim) -> None:
    with pytest.raises(NotFoundError):
        await arr.client.download_client(77)


async def test_indexers_are_listed_as_the_app_sent_them(arr: ArrSim) -> None:
    indexers = await arr.client.indexers()
    assert [item["name"] for item in indexers] == [item["name"] for item in arr.state.indexers.values()]


async def test_a_wrong_key_is_an_upstream_auth_error_that_does_not_count_against_the_service() -> None:
    async with sonarr_sim(key="not-the-key") as sim:
        with pytest.raises(UpstreamAuthError) as rejected:
            await sim.client.list_series()
        assert rejected.value.reason == "upstream_auth"
        assert sim.http.breaker.failure_count == 0


async def test_a_500_is_service_unavailable(arr: ArrSim) -> None:
    arr.faults.error_500 = True
    with pytest.raises(ServiceUnavailableError) as failed:
        await arr.client.quality_profiles()
    assert failed.value.reason == "upstream_error"
    assert arr.http.breaker.failure_count == 1


async def test_malformed_json_is_service_unavailable(arr: ArrSim) -> None:
    arr.faults.malformed_json = True
    with pytest.raises(ServiceUnavailableError) as failed:
        await arr.client.queue_page()
    assert failed.value.reason == "bad_response"
    with pytest.raises(ServiceUnavailableError):
        await arr.client.config("ui")


async def test_a_stopped_server_is_unreachable_until_it_comes_back() -> None:
    state = seed_sonarr(clock=fixed_clock)
    app = create_sonarr_app(state, api_key=ARR_KEY)
    async with on_socket("sonarr", app, headers=arr_headers(ARR_KEY)) as (server, http):
        client = SonarrClient(http)
        assert len(await client.list_series()) == 30
        await server.stop()
        with pytest.raises(ServiceUnavailableError) as down:
            await client.get_series(1)
        assert down.value.reason == "unreachable"
        await server.start()
        assert isinstance(await client.get_series(1), Series)
