"""The simulated SABnzbd's jobs: queue entries, their files, history rows, and NZB parsing."""

from __future__ import annotations

import hashlib
import secrets
import string
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from autoarr.sim.sabnzbd_format import to_units

PRIORITY_NAMES = MappingProxyType({2: "Force", 1: "High", 0: "Normal", -1: "Low"})
FORCE = 2
PAUSED_PRIORITY = -2
CATEGORY_DEFAULT = -100
URL_FAILED = "URL Fetching failed; File not on server"
_ALPHABET = string.ascii_lowercase + string.digits


def new_id(prefix: str = "SABnzbd_nzo_") -> str:
    """A fresh id in SABnzbd's style: the prefix and 8 lowercase letters or digits."""
    return prefix + "".join(secrets.choice(_ALPHABET) for _ in range(8))


@dataclass
class SabFile:
    """One file of a queued job (`get_files`)."""

    filename: str
    size_bytes: int
    posted: float
    nzf_id: str = field(default_factory=lambda: new_id("SABnzbd_nzf_"))


@dataclass
class SabJob:
    """One queue entry. `bytes_left` is what the clock eats while the job downloads."""

    nzo_id: str
    name: str
    category: str
    size_bytes: int
    bytes_left: int
    priority: int
    unpackopts: str
    posted: float
    files: list[SabFile]
    nzb_name: str
    paused: bool = False
    password: str = ""
    url: str | None = None
    grabbing: bool = False

    @property
    def downloaded(self) -> int:
        """Bytes already fetched."""
        return self.size_bytes - self.bytes_left

    def file_bytes_left(self, index: int) -> int:
        """The part of `bytes_left` that falls on file `index`; files download in order."""
        done = self.downloaded
        for position, nzf in enumerate(self.files):
            taken = min(done, nzf.size_bytes)
            done -= taken
            if position == index:
                return nzf.size_bytes - taken
        return 0


@dataclass
class HistoryEntry:
    """One finished job; `source` keeps the job so that `retry` can queue it again."""

    history_id: int
    source: SabJob
    status: str
    completed: int
    fail_message: str
    storage: str
    path: str
    download_time: int
    postproc_time: int
    downloaded: int
    server: str

    @property
    def nzo_id(self) -> str:
        """The job's id."""
        return self.source.nzo_id

    @property
    def url_failure(self) -> bool:
        """True for an addurl job whose NZB could not be fetched."""
        return self.source.grabbing

    @property
    def name(self) -> str:
        """The name SABnzbd shows: the URL itself for a failed fetch."""
        if self.url_failure and self.source.url:
            return self.source.url
        return self.source.name

    @property
    def bytes(self) -> int:
        """Bytes written: the whole job when completed, what was fetched before failing otherwise."""
        return self.downloaded

    def stage_log(self) -> list[dict[str, Any]]:
        """Source, Download, Servers and (when completed) Repair and Unpack lines as SABnzbd logs them."""
        if self.url_failure:
            url = self.source.url or ""
            return [{"name": "Source", "actions": [url, "URL Fetching failed", " File not on server"]}]
        download = ["", self.fail_message] if self.status == "Failed" else [""]
        log: list[dict[str, Any]] = [
            {"name": "Source", "actions": [self.source.url or self.source.nzb_name]},
            {"name": "Download", "actions": download},
        ]
        if self.server:
            log.append({"name": "Servers", "actions": [f"{self.server}={to_units(self.downloaded, 'B')}"]})
        if self.status == "Completed":
            log.append({"name": "Repair", "actions": [f"[{self.source.name}] Quick Check OK"]})
            log.append({"name": "Unpack", "actions": [f"[{self.source.name}] Unpacked 1 files/folders in 12 seconds"]})
        return log

    def md5sum(self) -> str | None:
        """The NZB's checksum (None for a URL that never gave an NZB)."""
        if self.url_failure:
            return None
        return hashlib.md5(self.source.nzo_id.encode(), usedforsecurity=False).hexdigest()


def parse_nzb(data: bytes, *, now: float) -> tuple[str | None, list[SabFile]]:
    """The `<meta type="name">` (if any) and the files of an NZB; ValueError when it is not one."""
    try:
        # The simulator only ever parses NZBs its own tests and demo upload, over loopback.
        root = ET.fromstring(data)  # noqa: S314
    except ET.ParseError as error:
        raise ValueError(f"not an NZB: {error}") from error
    meta_name: str | None = None
    files: list[SabFile] = []
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "meta" and element.get("type") == "name" and element.text:
            meta_name = element.text.strip()
        elif tag == "file":
            files.append(_nzb_file(element, now=now))
    if not files:
        raise ValueError("NZB holds no files")
    return meta_name, files


def _nzb_file(element: ET.Element, *, now: float) -> SabFile:
    subject = element.get("subject", "")
    quoted = subject.split('"')
    filename = quoted[1] if len(quoted) >= 3 else subject or "unknown"
    size = 0
    for segment in element.iter():
        if segment.tag.rsplit("}", 1)[-1] == "segment":
            try:
                size += int(segment.get("bytes", "0"))
            except ValueError:
                continue
    try:
        posted = float(element.get("date", ""))
    except ValueError:
        posted = now
    return SabFile(filename=filename, size_bytes=size, posted=posted)
