"""Decoding a library-sized JSON array while its bytes are still arriving.

Radarr answers `GET /movie` with one array of every movie (34 MB for 10,000). Holding the whole body
and then decoding it touches every byte twice in cold memory; here each segment of about a megabyte
is decoded as soon as it is complete, while it is still in the CPU's cache, and then let go.

A segment ends where one top-level element ends: at the last `},{` in the buffer, preferably followed
by the key every element starts with (learnt from the first one). Such a cut may still fall inside a
nested array or a string, but then the segment closed with `]` is not valid JSON, the decoder says so,
and the bytes simply wait for a later cut; the failed try is paid for with a doubled segment size, so
the waste stays bounded. Whatever is left is decoded at the end, so the result never depends on where
the cuts fell, and a body that is not JSON still fails as a whole.
"""

from __future__ import annotations

from typing import Generic, TypeVar

import msgspec

T = TypeVar("T")

_SEGMENT_BYTES = 1 << 20
_OPEN, _CLOSE, _COMMA = ord("["), ord("]"), ord(",")
_WHITESPACE = b" \t\r\n"


class ArrayStream(Generic[T]):
    """Feed it the body's chunks in order, then `finish()` for the list of decoded elements."""

    def __init__(self, element: type[T], *, segment_bytes: int = _SEGMENT_BYTES, nulls_as_absent: bool = False) -> None:
        self._decoder = msgspec.json.Decoder(list[element], strict=False)  # type: ignore[valid-type]
        self._element = element
        self._nulls_as_absent = nulls_as_absent
        self._segment = segment_bytes
        self._buffer = bytearray()
        self._items: list[T] = []
        self._started = False
        self._undecided = True  # until the first element's key is in (or the body shows it is not an array)
        self._boundary = b"},{"

    def feed(self, chunk: bytes) -> None:
        """Take the next chunk; decode what is complete once a segment's worth has arrived."""
        self._buffer += chunk
        if self._undecided:
            self._start()
        if self._started and len(self._buffer) >= self._segment:
            self._cut()

    def finish(self) -> list[T]:
        """Every element, in order; `ValueError` when the body is not a JSON array of such elements."""
        self._items.extend(self._decode(self._buffer))
        self._buffer = bytearray()
        return self._items

    def _decode(self, data: bytes | bytearray | memoryview) -> list[T]:
        try:
            return self._decoder.decode(data)
        except msgspec.ValidationError:
            if not self._nulls_as_absent:
                raise
        # A null where the element's type has none: the field was left out (the *arr apps omit nulls;
        # a server that writes them means the same). Rare, so only then the slow way round.
        items = msgspec.json.decode(data)
        if isinstance(items, list):
            items = [
                {key: value for key, value in item.items() if value is not None} if isinstance(item, dict) else item
                for item in items
            ]
        return msgspec.convert(items, list[self._element], strict=False)  # type: ignore[name-defined]

    def _start(self) -> None:
        """Once the opening bracket and the first key are in, learn how every element begins."""
        stripped = self._buffer.lstrip(_WHITESPACE)
        head = stripped[1:].lstrip(_WHITESPACE)
        end = head.find(b'"', 2) if stripped.startswith(b"[") and head.startswith(b'{"') else -1
        if end < 0:
            # Not an array of objects, or too little of it yet; past a segment's worth, `finish` decides alone.
            self._undecided = len(self._buffer) < self._segment
            return
        self._buffer = bytearray(stripped)
        self._boundary = b"}," + bytes(head[: end + 1]) + b":"
        self._started = True
        self._undecided = False

    def _cut(self) -> None:
        buffer = self._buffer
        at = buffer.rfind(self._boundary)
        if at < 0:
            at = buffer.rfind(b"},{")
        if at <= 0:
            return
        comma = at + 1
        buffer[comma] = _CLOSE  # `[first, ..., last]`, decoded in place
        view = memoryview(buffer)[: comma + 1]
        try:
            decoded = self._decode(view)
        except msgspec.DecodeError:  # ValidationError included: decoded whole at the end, it is raised there
            buffer[comma] = _COMMA  # the cut fell inside an element: wait for a later one
            self._segment *= 2
            return
        finally:
            view.release()  # the buffer is resized below, which an exported view would forbid
        self._items.extend(decoded)
        buffer[comma] = _OPEN  # the rest becomes `[next, ...`
        del buffer[:comma]
