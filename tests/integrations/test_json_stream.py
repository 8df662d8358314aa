"""ArrayStream: a JSON array decoded in segments as it arrives equals the array decoded whole."""

from __future__ import annotations

import json

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autoarr.integrations.json_stream import ArrayStream


class Item(msgspec.Struct, rename="camel"):
    id: int
    title: str = ""
    size_on_disk: int = 0


# Strings that look like element boundaries, so cuts land inside strings and nested arrays too.
_TRICKY = st.sampled_from(['},{"id":', "},{", "}],", '"', "\\", "[", "]", "é", " "])
_TEXT = st.lists(st.one_of(_TRICKY, st.text(max_size=8)), max_size=6).map("".join)
_NESTED = st.lists(st.fixed_dictionaries({"id": st.integers(0, 9), "title": _TEXT}), max_size=3)
_ELEMENT = st.fixed_dictionaries(
    {"id": st.integers(-(2**40), 2**40), "title": _TEXT},
    optional={"sizeOnDisk": st.integers(0, 2**50), "images": _NESTED, "ratings": st.dictionaries(_TEXT, _NESTED)},
)


def _chunks(body: bytes, sizes: list[int]) -> list[bytes]:
    pieces, at = [], 0
    for size in sizes:
        pieces.append(body[at : at + size])
        at += size
    pieces.append(body[at:])
    return pieces


def _decode(body: bytes, sizes: list[int], *, segment: int) -> list[Item]:
    stream = ArrayStream(Item, segment_bytes=segment)
    for piece in _chunks(body, sizes):
        stream.feed(piece)
    return stream.finish()


@settings(max_examples=300, deadline=None)
@given(
    elements=st.lists(_ELEMENT, max_size=40),
    sizes=st.lists(st.integers(1, 200), max_size=60),
    segment=st.integers(1, 400),
    indent=st.sampled_from([None, 2]),
)
def test_any_chunking_and_any_segment_size_decode_like_the_whole_body(
    elements: list[dict[str, object]], sizes: list[int], segment: int, indent: int | None
) -> None:
    body = json.dumps(elements, indent=indent, ensure_ascii=False).encode()
    expected = msgspec.json.decode(body, type=list[Item])
    assert _decode(body, sizes, segment=segment) == expected


def test_a_large_array_is_decoded_in_segments_while_it_arrives() -> None:
    elements = [{"title": f"Movie {n}", "images": [{"id": 1}, {"id": 2}], "id": n} for n in range(5000)]
    body = json.dumps(elements, separators=(",", ":")).encode()
    stream = ArrayStream(Item, segment_bytes=4096)
    pieces = _chunks(body, [1000] * (len(body) // 1000))
    for piece in pieces[: len(pieces) // 2]:
        stream.feed(piece)
    assert len(stream._items) > 1000  # half the body in, most of that half already decoded
    assert len(stream._buffer) < 3 * 4096  # and let go of
    for piece in pieces[len(pieces) // 2 :]:
        stream.feed(piece)
    assert [item.id for item in stream.finish()] == list(range(5000))


@pytest.mark.parametrize(
    "body",
    [
        b'[{"id": 1}, {"id": 2}',  # cut short
        b'[{"id": 1}, {"id": "two"}]',  # not the element's type
        b'{"id": 1}',  # not an array
        b"<html>Radarr is starting</html>",
        b"",
    ],
)
def test_a_body_that_is_not_an_array_of_elements_is_a_value_error(body: bytes) -> None:
    with pytest.raises(ValueError):  # noqa: PT011  # msgspec's errors are ValueErrors; any will do
        _decode(body, [3] * (len(body) // 3), segment=4)


def test_an_empty_array_and_loose_numbers() -> None:
    assert _decode(b" [ ] ", [2], segment=1) == []
    assert _decode(b'[{"id": "7", "sizeOnDisk": "12"}]', [5], segment=1) == [Item(id=7, size_on_disk=12)]


def test_nulls_read_as_absent_fields_when_asked_and_as_errors_otherwise() -> None:
    body = b'[{"id": 1, "title": null}, {"id": 2, "title": "Two", "sizeOnDisk": null}, {"id": 3, "title": "Three"}]'
    lenient = ArrayStream(Item, segment_bytes=8, nulls_as_absent=True)
    for piece in _chunks(body, [10] * 9):
        lenient.feed(piece)
    assert lenient.finish() == [Item(id=1), Item(id=2, title="Two"), Item(id=3, title="Three")]
    with pytest.raises(ValueError):  # noqa: PT011  # a ValidationError
        _decode(body, [10] * 9, segment=8)
