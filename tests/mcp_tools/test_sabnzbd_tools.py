"""Every `sabnzbd` tool through the SDK's client, in-process, against the SABnzbd simulator."""

from __future__ import annotations

from autoarr.integrations.sabnzbd.service import TUNABLE_MISC
from tests import reference
from tests.mcp_tools.support import call, call_error, tool_client
from tests.stack import Wired

FAILED_MOVIE = "SABnzbd_nzo_f8x2z7hh"
DOWNLOADING = "SABnzbd_nzo_q7k2m1xa"


async def test_queue_and_history_answer_the_rest_shapes(wired: Wired) -> None:
    async with tool_client(wired, "sabnzbd") as client:
        queue = await call(client, "get_queue")
        history = await call(client, "get_history", limit=2)
        failed = await call(client, "get_history", failed_only=True)
    reference.assert_shape(queue, reference.QUEUE)
    assert [item["nzo_id"] for item in queue["queue"]] == [job.nzo_id for job in wired.stack.sabnzbd_state.queue]
    assert queue == (await wired.live.client.get("/api/v1/downloads/queue")).json() | {"speed": queue["speed"]}
    reference.assert_shape(history, reference.HISTORY)
    assert (len(history["history"]), history["total"]) == (2, 5)
    assert {item["status"] for item in failed["history"]} == {"Failed"}
    assert FAILED_MOVIE in {item["nzo_id"] for item in failed["history"]}


async def test_pause_and_resume_change_sabnzbd(wired: Wired) -> None:
    async with tool_client(wired, "sabnzbd") as client:
        paused = await call(client, "pause_queue")
        assert wired.stack.sabnzbd_state.paused is True
        resumed = await call(client, "resume_queue")
    assert paused == reference.PAUSE
    assert resumed["paused"] is False
    assert wired.stack.sabnzbd_state.paused is False


async def test_retry_requeues_the_failed_job_under_a_new_id(wired: Wired) -> None:
    async with tool_client(wired, "sabnzbd") as client:
        retried = await call(client, "retry_download", nzo_id=FAILED_MOVIE)
        missing = await call_error(client, "retry_download", nzo_id="SABnzbd_nzo_unknown")
    reference.assert_shape(retried, reference.RETRY)
    assert wired.stack.sabnzbd_state.find(retried["new_nzo_id"]) is not None
    assert missing.startswith("Error executing tool retry_download: not_found:")


async def test_delete_removes_the_job_and_an_unknown_id_is_not_found(wired: Wired) -> None:
    async with tool_client(wired, "sabnzbd") as client:
        deleted = await call(client, "delete_download", nzo_id=DOWNLOADING, delete_files=True)
        again = await call_error(client, "delete_download", nzo_id=DOWNLOADING)
    assert deleted == {**reference.DELETE_DOWNLOAD, "nzo_id": DOWNLOADING}
    assert wired.stack.sabnzbd_state.find(DOWNLOADING) is None
    assert "not_found" in again


async def test_status_names_servers_and_disk_space_and_never_the_key(wired: Wired) -> None:
    async with tool_client(wired, "sabnzbd") as client:
        status = await call(client, "get_status")
    assert status["version"] == "3.7.1"
    assert [server["name"] for server in status["servers"]] == [
        row["name"] for row in wired.stack.sabnzbd_state.config.servers
    ]
    assert status["download_disk_free"].endswith(("GB", "TB"))
    assert "apikey" not in str(status)


async def test_config_redacts_keys_passwords_and_logins(wired: Wired) -> None:
    misc = wired.stack.sabnzbd_state.config.misc
    misc.update(api_key=wired.stack.sabnzbd_key, nzb_key="f" * 32, email_account="me@example.com")
    async with tool_client(wired, "sabnzbd") as client:
        everything = (await call(client, "get_config"))["config"]
        servers = (await call(client, "get_config", section="servers"))["config"]
        unknown = await call_error(client, "get_config", section="nope")
    for key in ("api_key", "nzb_key", "email_account", "email_pwd", "password"):
        assert everything["misc"][key] == "<redacted>", key
    assert everything["misc"]["cache_limit"] == misc["cache_limit"]  # ordinary settings are shown as they are
    assert everything["prowl"]["prowl_apikey"] == "<redacted>"
    assert all(row["username"] == row["password"] == "<redacted>" for row in servers["servers"])
    assert wired.stack.sabnzbd_key not in str(everything)
    assert "not_found" in unknown


async def test_set_config_changes_a_tuning_setting_and_answers_both_values(wired: Wired) -> None:
    misc = wired.stack.sabnzbd_state.config.misc
    before = misc["cache_limit"]
    async with tool_client(wired, "sabnzbd") as client:
        changed = await call(client, "set_config", keyword="cache_limit", value="1G")
        switched = await call(client, "set_config", keyword="direct_unpack", value=True)
        refused = await call_error(client, "set_config", keyword="bandwidth_perc", value="lots")
    assert changed == {
        "success": True,
        "section": "misc",
        "keyword": "cache_limit",
        "previous_value": before,
        "value": "1G",
    }
    assert misc["cache_limit"] == "1G"
    assert (switched["value"], misc["direct_unpack"]) == (1, 1)
    assert refused.startswith("Error executing tool set_config: invalid_request: SABnzbd did not store")


# Folders, scripts, a program run when the queue finishes, arguments SABnzbd hands to programs, credentials,
# how SABnzbd is reached, and security switches (those change only through audited recommendations).
FORBIDDEN = [
    ("download_dir", "/tmp/elsewhere"),
    ("complete_dir", "/"),
    ("script_dir", "/tmp"),
    ("pre_script", "evil.sh"),
    ("queue_complete", "script_evil.sh"),
    ("nice", "-n 0 /bin/sh"),
    ("ionice", "-c 3"),
    ("par_option", "-N"),
    ("api_key", "0" * 32),
    ("nzb_key", "0" * 32),
    ("password", "secret"),
    ("username", "admin"),
    ("email_pwd", "secret"),
    ("host", "0.0.0.0"),
    ("port", "1"),
    ("inet_exposure", "4"),
    ("unwanted_extensions", ""),
    ("enable_https_verification", "0"),
    ("config_lock", "1"),
]


async def test_set_config_refuses_everything_off_the_allow_list_and_changes_nothing(wired: Wired) -> None:
    config = wired.stack.sabnzbd_state.config
    before = config.get(None, None)
    seen = wired.stack.faults["sabnzbd"].requests_seen
    async with tool_client(wired, "sabnzbd") as client:
        for keyword, value in FORBIDDEN:
            refused = await call_error(client, "set_config", keyword=keyword, value=value)
            assert refused.startswith(
                f"Error executing tool set_config: invalid_request: '{keyword}' is not a tuning setting"
            ), keyword
            assert "cache_limit" in refused  # the agent is told what it may change
    assert config.get(None, None) == before
    assert wired.stack.faults["sabnzbd"].requests_seen == seen  # refused before SABnzbd was asked anything


def test_the_allow_list_holds_no_folder_script_credential_or_program() -> None:
    forbidden = {"dir", "script", "key", "password", "pwd", "username", "host", "port", "nice", "ionice", "https"}
    assert not [keyword for keyword in TUNABLE_MISC if forbidden & set(keyword.split("_"))]
    assert not {"par_option", "queue_complete", "pre_script", "email_account"} & TUNABLE_MISC


async def test_a_setting_this_sabnzbd_lacks_is_not_found(wired: Wired) -> None:
    assert "no_smart_dupes" not in wired.stack.sabnzbd_state.config.misc  # SABnzbd 4.x only, absent from 3.7
    async with tool_client(wired, "sabnzbd") as client:
        missing = await call_error(client, "set_config", keyword="no_smart_dupes", value=0)
    assert "not_found" in missing
