"""Handmade NZB documents and the yEnc article bodies a loopback NNTP server serves for them."""

from __future__ import annotations

import binascii
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

LINE_LENGTH = 128
# yEnc escapes these after the +42 shift; NUL, LF, CR and "=" would break the line protocol or the escape itself.
_CRITICAL = frozenset({0x00, 0x0A, 0x0D, 0x3D})


@dataclass(frozen=True)
class Segment:
    """One article of a posted file: its message-id (without angle brackets) and its yEnc body."""

    message_id: str
    number: int
    body: bytes  # CRLF-terminated lines, dot-safe, without the NNTP "." terminator


@dataclass(frozen=True)
class PostedFile:
    """A file split into articles, as an NZB describes it and an NNTP server serves it."""

    filename: str
    data: bytes
    segments: tuple[Segment, ...]


def yenc_encode_lines(data: bytes, *, line_length: int = LINE_LENGTH) -> bytes:
    """Encode bytes as yEnc data lines (CRLF after each line)."""
    lines: list[bytes] = []
    line = bytearray()
    for byte in data:
        shifted = (byte + 42) % 256
        # Tab/space at either end of a line and "." at its start would be mangled by NNTP or trimmed.
        at_start = not line
        if shifted in _CRITICAL or (at_start and shifted in (0x09, 0x20, 0x2E)):
            line += bytes((0x3D, (shifted + 64) % 256))
        else:
            line.append(shifted)
        if len(line) >= line_length:
            lines.append(bytes(line))
            line = bytearray()
    if line:
        lines.append(bytes(line))
    # A raw tab or space cannot end a line either (the second byte of an escape never is one).
    fixed = [
        encoded[:-1] + bytes((0x3D, (encoded[-1] + 64) % 256)) if encoded[-1] in (0x09, 0x20) else encoded
        for encoded in lines
    ]
    return b"".join(chunk + b"\r\n" for chunk in fixed)


def yenc_part(data: bytes, *, filename: str, part: int, total: int, begin: int, total_size: int) -> bytes:
    """A multi-part yEnc article body for data[begin-1 : begin-1+len(data)] of a file of total_size bytes."""
    end = begin + len(data) - 1
    crc = binascii.crc32(data) & 0xFFFFFFFF
    return (
        f"=ybegin part={part} total={total} line={LINE_LENGTH} size={total_size} name={filename}\r\n".encode()
        + f"=ypart begin={begin} end={end}\r\n".encode()
        + yenc_encode_lines(data)
        + f"=yend size={len(data)} part={part} pcrc32={crc:08x}\r\n".encode()
    )


def post_file(filename: str, data: bytes, *, article_size: int = 2048) -> PostedFile:
    """Split data into articles of article_size bytes, each with a fresh unique message-id."""
    chunks = [data[i : i + article_size] for i in range(0, len(data), article_size)] or [b""]
    tag = uuid.uuid4().hex[:12]
    segments: list[Segment] = []
    offset = 0
    for number, chunk in enumerate(chunks, start=1):
        body = yenc_part(
            chunk, filename=filename, part=number, total=len(chunks), begin=offset + 1, total_size=len(data)
        )
        segments.append(Segment(message_id=f"part{number}of{len(chunks)}.{tag}@autoarr.test", number=number, body=body))
        offset += len(chunk)
    return PostedFile(filename=filename, data=data, segments=tuple(segments))


def build_nzb(
    files: Sequence[PostedFile],
    *,
    group: str = "alt.binaries.test",
    poster: str = "autoarr <tests@autoarr.test>",
) -> bytes:
    """An NZB 1.1 document listing every article of files."""
    date = int(time.time()) - 86_400
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        # The format's own namespace (an identifier, never fetched); no DOCTYPE, so nothing points at a DTD URL.
        '<nzb xmlns="http://www.newzbin.com/DTD/2003/nzb">\n',
    ]
    for posted in files:
        total = len(posted.segments)
        subject = f'autoarr test [1/1] - "{posted.filename}" yEnc (1/{total})'
        parts.append(f'  <file poster={quoteattr(poster)} date="{date}" subject={quoteattr(subject)}>\n')
        parts.append(f"    <groups><group>{escape(group)}</group></groups>\n    <segments>\n")
        parts.extend(
            f'      <segment bytes="{len(segment.body)}" number="{segment.number}">'
            f"{escape(segment.message_id)}</segment>\n"
            for segment in posted.segments
        )
        parts.append("    </segments>\n  </file>\n")
    parts.append("</nzb>\n")
    return "".join(parts).encode()
