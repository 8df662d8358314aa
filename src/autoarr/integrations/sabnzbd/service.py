"""Everyday download operations on SABnzbd, shaped as the reference's Downloads endpoints (REST and MCP)."""

from __future__ import annotations

from typing import Any, Final

from autoarr.audit.rules.redact import REDACTED, redact, secret_values
from autoarr.errors import ConflictError, InvalidRequestError, NotFoundError
from autoarr.formatting import human_size, human_speed, iso_utc
from autoarr.integrations.sabnzbd.client import SabnzbdClient
from autoarr.integrations.sabnzbd.models import ConfigValue, HistorySlot, QueueSlot

MAX_HISTORY = 1000


def _queue_item(slot: QueueSlot) -> dict[str, Any]:
    return {
        "nzo_id": slot.nzo_id,
        "filename": slot.filename,
        "mb_left": round(slot.mbleft, 2),
        "mb": round(slot.mb, 2),
        "percentage": slot.percentage,
        "eta": slot.eta,
        "status": slot.status,
        "priority": slot.priority,
    }


def _history_item(slot: HistorySlot) -> dict[str, Any]:
    return {
        "nzo_id": slot.nzo_id,
        "name": slot.name,
        "category": slot.category,
        "status": slot.status,
        "fail_message": slot.fail_message,
        "size": human_size(slot.bytes),
        "completed": iso_utc(slot.completed),
    }


async def get_queue(sabnzbd: SabnzbdClient) -> dict[str, Any]:
    """The whole queue with speed, what is left, the pause state and free space of the incomplete folder."""
    queue = await sabnzbd.queue()
    return {
        "queue": [_queue_item(slot) for slot in queue.slots],
        "speed": human_speed(queue.kbpersec * 1024),
        "size_left": human_size(queue.mbleft * 1024 * 1024),
        "paused": queue.paused,
        "disk_space": human_size(queue.diskspace1 * 1024**3),
    }


async def get_history(sabnzbd: SabnzbdClient, *, limit: int = 50, failed_only: bool = False) -> dict[str, Any]:
    """The newest `limit` finished (or post-processing) jobs, and how many there are in all."""
    history = await sabnzbd.history(limit=min(limit, MAX_HISTORY), failed_only=failed_only)
    return {"history": [_history_item(slot) for slot in history.slots], "total": history.noofslots}


async def retry_download(sabnzbd: SabnzbdClient, nzo_id: str) -> dict[str, Any]:
    """Requeue a failed job; SABnzbd gives it a new id."""
    new_id = await sabnzbd.retry(nzo_id)
    return {"success": True, "message": "Download retried successfully", "nzo_id": nzo_id, "new_nzo_id": new_id}


async def _queue_state(sabnzbd: SabnzbdClient) -> dict[str, Any]:
    queue = await sabnzbd.queue(limit=1)
    return {"success": True, "paused": queue.paused, "queue_status": queue.status}


async def pause_queue(sabnzbd: SabnzbdClient) -> dict[str, Any]:
    """Pause all downloading; answers the queue state SABnzbd reports afterwards."""
    await sabnzbd.pause()
    return await _queue_state(sabnzbd)


async def resume_queue(sabnzbd: SabnzbdClient) -> dict[str, Any]:
    """Resume downloading; answers the queue state SABnzbd reports afterwards."""
    await sabnzbd.resume()
    return await _queue_state(sabnzbd)


# A job that leaves the queue while we delete it is looked up again; three moves in a row is not a race.
_DELETE_ATTEMPTS: Final = 3


async def delete_download(sabnzbd: SabnzbdClient, nzo_id: str, *, delete_files: bool = False) -> dict[str, Any]:
    """Remove a queued job, or the history entry of a finished one; unknown ids are 404 (SABnzbd would say yes).

    A job in the middle of post-processing is a 409: SABnzbd would ignore the delete and still answer success.
    """
    for _ in range(_DELETE_ATTEMPTS):
        located = await sabnzbd.locate_job(nzo_id)
        if located is None:
            raise NotFoundError(
                f"Download '{nzo_id}' not found in SABnzbd's queue or history", details={"nzo_id": nzo_id}
            )
        place, row = located
        if row is not None and not row.deletable:
            raise ConflictError(
                f"Download '{nzo_id}' is being post-processed ({row.status}); SABnzbd cannot delete it until that "
                "stage ends: try again shortly",
                details={"nzo_id": nzo_id, "status": row.status},
            )
        if place == "history":
            await sabnzbd.delete_history([nzo_id], delete_files=delete_files)
            return _deleted(nzo_id)
        if nzo_id in await sabnzbd.delete_jobs([nzo_id], delete_files=delete_files):
            return _deleted(nzo_id)
        # It left the queue between the look and the delete (finished, or into post-processing): look again.
    raise ConflictError(
        f"SABnzbd listed download '{nzo_id}' but did not remove it ({_DELETE_ATTEMPTS} tries); try again",
        details={"nzo_id": nzo_id},
    )


def _deleted(nzo_id: str) -> dict[str, Any]:
    return {"success": True, "message": "Download deleted successfully", "nzo_id": nzo_id}


# ---- status and configuration (MCP tools) -----------------------------------------------------------

# What `set_config` may change: download and post-processing tuning in `misc`, nothing else. Never a folder,
# a script, a server or any credential, nothing about how SABnzbd is reached (host, port, HTTPS), nothing
# SABnzbd hands to a program (nice, ionice, par_option, queue_complete) and no security switch (unwanted
# extensions, TLS checks): those change only through audited recommendations, dry run first.
TUNABLE_MISC: Final = frozenset(
    {
        "auto_disconnect",
        "auto_sort",
        "backup_for_duplicates",
        "bandwidth_max",
        "bandwidth_perc",
        "cache_limit",
        "complete_free",
        "deobfuscate_final_filenames",
        "direct_unpack",
        "direct_unpack_threads",
        "download_free",
        "downloader_sleep_time",
        "enable_7zip",
        "enable_all_par",
        "enable_filejoin",
        "enable_par_cleanup",
        "enable_recursive",
        "enable_tsjoin",
        "enable_unrar",
        "enable_unzip",
        "fail_hopeless_jobs",
        "fast_fail",
        "flat_unpack",
        "folder_rename",
        "fulldisk_autoresume",
        "history_limit",
        "history_retention",
        "ignore_samples",
        "ignore_unrar_dates",
        "ipv6_servers",
        "load_balancing",
        "max_art_tries",
        "max_url_retries",
        "new_nzb_on_failure",
        "no_dupes",
        "no_series_dupes",
        "no_smart_dupes",
        "num_simd_decoders",
        "pause_on_post_processing",
        "pre_check",
        "preserve_paused_state",
        "process_unpacked_par2",
        "propagation_delay",
        "queue_limit",
        "replace_dots",
        "replace_spaces",
        "replace_underscores",
        "req_completion_rate",
        "rss_rate",
        "safe_postproc",
        "sfv_check",
        "top_only",
        "warn_dupl_jobs",
    }
)
TUNABLE_SECTION: Final = "misc"
# Private beyond what `redact` knows by name: the other half of a login, and accounts.
_PRIVATE_NAMES: Final = frozenset({"username", "email_account", "pushover_userkey"})


def _gigabytes(value: float) -> str:
    return human_size(value * 1024**3)


async def get_status(sabnzbd: SabnzbdClient) -> dict[str, Any]:
    """Version, pause state, speed limit, free disk space, news servers and warnings (never SABnzbd's key)."""
    status = await sabnzbd.status()
    return {
        "version": status.version,
        "paused": status.paused,
        "speed_limit_percent": status.speedlimit,
        "download_disk_free": _gigabytes(status.diskspace1),
        "download_disk_total": _gigabytes(status.diskspacetotal1),
        "complete_disk_free": _gigabytes(status.diskspace2),
        "complete_disk_total": _gigabytes(status.diskspacetotal2),
        "servers": [
            {
                "name": server.servername,
                "active": server.serveractive,
                "connections": server.servertotalconn,
                "error": server.servererror or server.connection_warning,
            }
            for server in status.servers
        ],
        "warnings": [
            {"type": warning.type, "text": warning.text, "time": iso_utc(warning.time)} for warning in status.warnings
        ],
    }


def _hide_private(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: REDACTED if key in _PRIVATE_NAMES and item not in ("", None) else _hide_private(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_hide_private(item) for item in value]
    return value


def redact_config(config: dict[str, Any]) -> dict[str, Any]:
    """SABnzbd's config with its keys, passwords, tokens and logins replaced by "<redacted>", wherever they appear."""
    redacted: dict[str, Any] = _hide_private(redact(config, secret_values(config)))
    return redacted


async def get_config(sabnzbd: SabnzbdClient, *, section: str | None = None) -> dict[str, Any]:
    """The whole configuration or one section, secrets redacted; 404 for a section SABnzbd does not have."""
    config = await sabnzbd.get_config(section)
    if section is not None and section not in config:
        raise NotFoundError(f"SABnzbd has no config section '{section}'", details={"section": section})
    return {"config": redact_config(config)}


async def set_config(sabnzbd: SabnzbdClient, keyword: str, *, value: ConfigValue) -> dict[str, Any]:
    """Change one tuning setting of `misc` (see TUNABLE_MISC), verified in SABnzbd; 400 for any other setting."""
    if keyword not in TUNABLE_MISC:
        raise InvalidRequestError(
            f"'{keyword}' is not a tuning setting AutoArr lets agents change",
            details={"keyword": f"one of {', '.join(sorted(TUNABLE_MISC))}"},
        )
    section = (await sabnzbd.get_config(TUNABLE_SECTION, keyword)).get(TUNABLE_SECTION)
    if not isinstance(section, dict) or keyword not in section:
        raise NotFoundError(f"This SABnzbd has no setting misc.{keyword}", details={"keyword": keyword})
    stored = await sabnzbd.set_config_verified(TUNABLE_SECTION, keyword, value=value)
    return {
        "success": True,
        "section": TUNABLE_SECTION,
        "keyword": keyword,
        "previous_value": section[keyword],
        "value": stored,
    }
