"""Everyday download operations on SABnzbd, shaped as the reference's Downloads endpoints (REST and MCP)."""

from __future__ import annotations

from typing import Any

from autoarr.errors import NotFoundError
from autoarr.formatting import human_size, human_speed, iso_utc
from autoarr.integrations.sabnzbd.client import SabnzbdClient
from autoarr.integrations.sabnzbd.models import HistorySlot, QueueSlot

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


async def delete_download(sabnzbd: SabnzbdClient, nzo_id: str, *, delete_files: bool = False) -> dict[str, Any]:
    """Remove a queued job, or the history entry of a finished one; unknown ids are 404 (SABnzbd would say yes)."""
    place = await sabnzbd.find_job(nzo_id)
    if place is None:
        raise NotFoundError(f"Download '{nzo_id}' not found in SABnzbd's queue or history", details={"nzo_id": nzo_id})
    if place == "queue":
        await sabnzbd.delete_jobs([nzo_id], delete_files=delete_files)
    else:
        await sabnzbd.delete_history([nzo_id], delete_files=delete_files)
    return {"success": True, "message": "Download deleted successfully", "nzo_id": nzo_id}
