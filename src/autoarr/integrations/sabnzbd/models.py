"""SABnzbd 3.7.1's JSON as typed models (loose numbers, 0/1 bools, missing keys) and its config conversions."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from enum import IntEnum
from typing import Annotated, Any, Final, Literal

import msgspec
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

JobPlace = Literal["queue", "history"]
ConfigValue = str | int | float | Sequence[str]
FINAL_STATUSES: Final = frozenset({"Completed", "Failed"})
# A job in post-processing that SABnzbd's history delete acts on (postproc.py `delete`): waiting ones go at once,
# finished ones once stored. Mid-stage (Verifying, Repairing, Extracting, Moving, Running...) it does nothing.
_DELETABLE_IN_POSTPROCESSING: Final = frozenset({"Queued", "Downloading", *FINAL_STATUSES})
MASKED: Final = "*" * 10  # how SABnzbd shows a password that is set
PRIORITY_NAMES: Final = {2: "Force", 1: "High", 0: "Normal", -1: "Low", -2: "Paused", -3: "Duplicate", -4: "Stop"}
# SABnzbd's own RE_PARAMFINDER (config.py), which splits a comma list for a list-type key.
_LIST_ITEM = re.compile(r"""(?:'.*?')|(?:".*?")|(?:[^'",\s][^,]*)""")


class Priority(IntEnum):
    """The `priority=` values SABnzbd accepts when a job is added."""

    FORCE = 2
    HIGH = 1
    NORMAL = 0
    LOW = -1
    PAUSED = -2
    CATEGORY_DEFAULT = -100


def _number(value: Any) -> Any:
    # SABnzbd sends most numbers as strings ("0.72", "4", "77.77"); an empty string or null means none.
    if value is None:
        return 0.0
    if isinstance(value, str):
        text = value.strip()
        return float(text) if text else 0.0
    return value


def _whole(value: Any) -> Any:
    number = _number(value)
    return int(number) if isinstance(number, float) else number


def _optional_whole(value: Any) -> Any:
    return None if value is None or value == "" else _whole(value)


def _text(value: Any) -> Any:
    # A null where SABnzbd usually sends text must not make a whole queue or history page unreadable.
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _truthy(value: Any) -> Any:
    # 0/1 ints, "0"/"1" strings and real booleans all occur (`retry` is 0, 1 or true).
    if isinstance(value, str):
        return value.strip() not in {"", "0", "false", "False"}
    return bool(value)


def _priority_name(value: Any) -> Any:
    # A slot's priority is a name, except for a URL job still fetching its NZB: the int 0.
    if value is None:
        return PRIORITY_NAMES[0]
    if isinstance(value, int) and not isinstance(value, bool):
        return PRIORITY_NAMES.get(value, str(value))
    return value


def _epoch(value: Any) -> Any:
    if value in (None, "", 0, "0"):
        return None
    if isinstance(value, int | float | str):
        return datetime.fromtimestamp(float(value), tz=UTC)
    return value


LooseFloat = Annotated[float, BeforeValidator(_number)]
LooseInt = Annotated[int, BeforeValidator(_whole)]
OptionalInt = Annotated[int | None, BeforeValidator(_optional_whole)]
LooseStr = Annotated[str, BeforeValidator(_text)]
LooseBool = Annotated[bool, BeforeValidator(_truthy)]
PriorityName = Annotated[str, BeforeValidator(_priority_name)]
EpochUtc = Annotated[datetime | None, BeforeValidator(_epoch)]


def _seconds(timeleft: str) -> int:
    """SABnzbd's `[D:]H:MM:SS` as seconds (0 for anything unreadable)."""
    parts = timeleft.split(":")
    try:
        if len(parts) == 3:  # the usual H:MM:SS, read without building lists (500 jobs a queue)
            return int(parts[0]) * 3_600 + int(parts[1]) * 60 + int(parts[2])
        numbers = [int(part) for part in parts]
    except ValueError:
        return 0
    weights = (86_400, 3_600, 60, 1)[-len(numbers) :] if 0 < len(numbers) <= 4 else ()
    return sum(number * weight for number, weight in zip(numbers, weights, strict=True)) if weights else 0


def hh_mm_ss(seconds: int) -> str:
    """Seconds as HH:MM:SS (hours keep counting past 24)."""
    hours, rest = divmod(max(seconds, 0), 3_600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


class _Loose(BaseModel):
    """SABnzbd adds keys between versions: keep them (`model_extra`) without typing them."""

    model_config = ConfigDict(extra="allow")


class QueueSlot(msgspec.Struct, kw_only=True):
    """One job in `mode=queue` (a queue can hold hundreds: unknown keys are skipped, not kept)."""

    nzo_id: str
    filename: str
    index: int = 0
    cat: str = "*"
    mb: float = 0.0
    mbleft: float = 0.0
    percentage: int = 0
    timeleft: str = "0:00:00"
    status: str = "Queued"
    priority: str = "Normal"
    size: str = ""
    sizeleft: str = ""
    labels: list[str] = msgspec.field(default_factory=list)
    avg_age: str = ""

    @property
    def eta_seconds(self) -> int:
        """Time left for this job in seconds."""
        return _seconds(self.timeleft)

    @property
    def eta(self) -> str:
        """Time left as HH:MM:SS."""
        left = self.timeleft
        # SABnzbd's usual H:MM:SS or HH:MM:SS needs only the padding (a queue has hundreds of jobs to show).
        if len(left) == 7 and left[1] == ":" and left[4] == ":" and left.replace(":", "").isdigit():
            return "0" + left
        if len(left) == 8 and left[2] == ":" and left[5] == ":" and left.replace(":", "").isdigit():
            return left
        return hh_mm_ss(self.eta_seconds)


class Queue(msgspec.Struct, kw_only=True):
    """The `queue` object: global state plus one page of slots."""

    paused: bool = False
    status: str = "Idle"
    version: str = ""
    speed: str = ""
    kbpersec: float = 0.0
    size: str = ""
    sizeleft: str = ""
    mb: float = 0.0
    mbleft: float = 0.0
    timeleft: str = "0:00:00"
    diskspace1: float = 0.0
    diskspacetotal1: float = 0.0
    diskspace1_norm: str = ""
    speedlimit: int = 0
    have_warnings: int = 0
    noofslots: int = 0
    noofslots_total: int = 0
    slots: list[QueueSlot] = msgspec.field(default_factory=list)


class QueueReply(msgspec.Struct):
    queue: Queue


# What a queue field that lax decoding cannot read (a null, "", a float for an int, the int priority
# of a URL job) becomes; the same rules as the Loose* types of the pydantic models below.
_SLOT_LOOSEN: Final[Mapping[str, Callable[[Any], Any]]] = {
    "index": _whole,
    "percentage": _whole,
    "mb": _number,
    "mbleft": _number,
    "priority": _priority_name,
    **dict.fromkeys(("cat", "timeleft", "status", "size", "sizeleft", "avg_age"), _text),
}
_QUEUE_LOOSEN: Final[Mapping[str, Callable[[Any], Any]]] = {
    "paused": _truthy,
    **dict.fromkeys(("status", "version", "speed", "size", "sizeleft", "timeleft", "diskspace1_norm"), _text),
    **dict.fromkeys(("kbpersec", "mb", "mbleft", "diskspace1", "diskspacetotal1"), _number),
    **dict.fromkeys(("speedlimit", "have_warnings", "noofslots", "noofslots_total"), _whole),
}
_QUEUE_REPLY = msgspec.json.Decoder(QueueReply, strict=False)


def answer_object(content: bytes) -> dict[str, Any] | ErrorReply:
    """SABnzbd's answer as an untyped JSON object, or the ErrorReply of a `{"status": false, "error": ...}` body.

    Python's reader takes over where msgspec's refuses: SABnzbd writes with Python's `json`, NaN included.
    ValueError when the body is not a JSON object.
    """
    try:
        body = msgspec.json.decode(content)
    except msgspec.DecodeError:
        body = json.loads(content)
    if not isinstance(body, dict):
        raise ValueError("SABnzbd always answers a JSON object")  # noqa: TRY004 - ServiceHttp counts ValueErrors
    if body.get("status") is False and isinstance(body.get("error"), str):
        return ErrorReply.model_validate(body)
    return body


def _loosened(fields: dict[str, Any], rules: Mapping[str, Callable[[Any], Any]]) -> dict[str, Any]:
    return {key: rules[key](value) if key in rules else value for key, value in fields.items()}


def decode_queue(content: bytes) -> QueueReply | ErrorReply:
    """`mode=queue`'s answer in one typed pass (msgspec, numbers read from SABnzbd's strings).

    A queue of 500 jobs is read on every dashboard refresh, so the usual answer takes the fast path;
    only one that it cannot read (nulls, empty strings, an int priority) is loosened field by field,
    and a `{"status": false, "error": ...}` body becomes the ErrorReply. ValueError when it is neither.
    """
    try:
        return _QUEUE_REPLY.decode(content)
    except msgspec.DecodeError:  # a ValidationError, or a NaN msgspec does not read
        body = answer_object(content)
    if isinstance(body, ErrorReply):
        return body
    queue = body.get("queue")
    if isinstance(queue, dict):
        queue = _loosened(queue, _QUEUE_LOOSEN)
        slots = queue.get("slots")
        if isinstance(slots, list):
            queue["slots"] = [_loosened(slot, _SLOT_LOOSEN) if isinstance(slot, dict) else slot for slot in slots]
    return msgspec.convert({**body, "queue": queue}, QueueReply, strict=False)


class HistorySlot(_Loose):
    """One row of `mode=history`; a job still post-processing has no `id` (and no completeness, meta...)."""

    nzo_id: str
    name: LooseStr = ""
    category: LooseStr = "*"
    status: LooseStr = ""
    fail_message: LooseStr = ""
    bytes: LooseInt = 0
    size: LooseStr = ""
    completed: EpochUtc = None
    storage: LooseStr = ""
    path: LooseStr = ""
    url: str | None = None
    id: OptionalInt = None
    retry: LooseBool = False
    download_time: LooseInt = 0
    postproc_time: LooseInt = 0

    @property
    def is_final(self) -> bool:
        """Completed or Failed AND stored: a failed job still post-processing already says Failed, without an id."""
        return self.status in FINAL_STATUSES and self.id is not None

    @property
    def failed(self) -> bool:
        """True for a Failed row."""
        return self.status == "Failed"

    @property
    def deletable(self) -> bool:
        """False while a post-processing stage runs: SABnzbd then ignores a delete and still answers success."""
        return self.id is not None or self.status in _DELETABLE_IN_POSTPROCESSING


class History(_Loose):
    """The `history` object: one page of rows and the number of matching rows."""

    noofslots: LooseInt = 0
    last_history_update: LooseInt = 0
    total_size: LooseStr = ""
    slots: list[HistorySlot] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_row_per_job(self) -> History:
        # SABnzbd stores a finished job's row before it drops the job from post-processing, and lists both
        # for those few milliseconds: the stored row (with its id) is the one that stays.
        stored = {slot.nzo_id for slot in self.slots if slot.id is not None}
        rows = [slot for slot in self.slots if slot.id is not None or slot.nzo_id not in stored]
        if len(rows) < len(self.slots):
            self.noofslots = max(0, self.noofslots - (len(self.slots) - len(rows)))
            self.slots = rows
        return self


class SabWarning(_Loose):
    """One line of `mode=warnings`."""

    type: LooseStr = "WARNING"
    text: LooseStr = ""
    time: EpochUtc = None
    origin: LooseStr = ""


class ServerStatus(_Loose):
    """A news server as `fullstatus` shows it."""

    servername: str
    serveractive: LooseBool = False
    servererror: LooseStr = ""
    servertotalconn: LooseInt = 0
    # The number of open connections, or in its place the text of the server's last connection warning.
    serveractiveconn: int | str = 0

    @property
    def connection_warning(self) -> str:
        """Why SABnzbd cannot connect to this server ("" when it can)."""
        return self.serveractiveconn if isinstance(self.serveractiveconn, str) else ""


class Status(_Loose):
    """`mode=fullstatus`: `diskspace1` is the incomplete (download) folder, `diskspace2` the complete one, in GB."""

    version: LooseStr = ""
    paused: LooseBool = False
    diskspace1: LooseFloat = 0.0
    diskspacetotal1: LooseFloat = 0.0
    diskspace2: LooseFloat = 0.0
    diskspacetotal2: LooseFloat = 0.0
    have_warnings: LooseInt = 0
    speedlimit: LooseInt = 0
    downloaddir: LooseStr = ""
    completedir: LooseStr = ""
    warnings: list[SabWarning] = Field(default_factory=list)
    servers: list[ServerStatus] = Field(default_factory=list)


# ---- whole replies (what `decode` validates) -----------------------------------------------------


class HistoryReply(_Loose):
    history: History


class HistoryIfChangedReply(_Loose):
    """`mode=history&last_history_update=N`: `{"history": false}` while the counter is still N."""

    history: History | Literal[False]


class StatusReply(_Loose):
    status: Status


class VersionReply(_Loose):
    version: str


class Done(_Loose):
    """`{"status": true}` and its kin."""

    status: bool


class IdsReply(_Loose):
    """add, delete, pause and resume: `{"status": bool, "nzo_ids": [...]}`."""

    status: bool
    nzo_ids: list[str] = Field(default_factory=list)


class RetryReply(_Loose):
    status: bool
    nzo_id: str


class CatsReply(_Loose):
    categories: list[str]


class WarningsReply(_Loose):
    warnings: list[SabWarning]


class ConfigReply(_Loose):
    config: dict[str, Any]


class ErrorReply(BaseModel):
    """An application error: HTTP 200 with `{"status": false, "error": "<text>"}`."""

    status: Literal[False]
    error: str


# ---- set_config: what SABnzbd stores for what we send ---------------------------------------------


class _Unreadable:
    """SABnzbd cannot convert the value for this key (it then keeps its old value or the default)."""

    def __repr__(self) -> str:
        return "<unreadable>"


UNREADABLE: Final = _Unreadable()


def wire_value(value: ConfigValue) -> str:
    """A config value as the form field SABnzbd reads: bools as 1/0 (`"true"` would store 0), lists comma-joined."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return value
    return ", ".join(value)


def stored_form(wire: str, *, like: Any) -> Any:
    """What SABnzbd stores for `wire` in a key whose current value is `like`, by its own conversion rules.

    Ints and floats are parsed (UNREADABLE where that fails), lists are split as SABnzbd splits them,
    strings are stripped; a masked password can only be taken as it is.
    """
    if isinstance(like, list):
        return _list_items(wire)
    if isinstance(like, bool):
        return _truthy(wire)
    if isinstance(like, int | float):
        return _parsed(wire, int if isinstance(like, int) else float)
    if isinstance(like, str):
        return like if like == MASKED and wire.strip() else wire.strip()
    return wire


def _parsed(wire: str, parse: Callable[[str], float]) -> Any:
    try:
        return parse(wire.strip())
    except ValueError:
        return UNREADABLE


def _list_items(wire: str) -> list[str]:
    if '"' not in wire and "," not in wire:
        return wire.split()
    return _LIST_ITEM.findall(wire)


def refusal(wire: str, echoed: Any) -> str | None:
    """None when SABnzbd stored what `wire` asked for; otherwise the sentence saying what it kept."""
    if stored_form(wire, like=echoed) == echoed:
        return None
    return (
        f"SABnzbd kept {echoed!r}, not {wire!r} (it silently refuses values it cannot convert or that are out of range)"
    )
