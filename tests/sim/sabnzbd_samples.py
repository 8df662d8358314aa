"""Loads the captured SABnzbd 3.7.1 responses and compares a simulator response with one, key by key."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

SAMPLES_DIR = Path(__file__).resolve().parents[1] / "contracts" / "sabnzbd-samples"
# The capture ran with these keys; the simulator under test is given the same ones so the recorded
# parameters can be replayed as they are.
API_KEY = "0123456789abcdef0123456789abcdef"
NZB_KEY = "fedcba9876543210fedcba9876543210"


def available() -> bool:
    """True when the captured samples are in tests/contracts."""
    return (SAMPLES_DIR / "_index.json").is_file()


@cache
def _index() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SAMPLES_DIR / "_index.json").read_text())
    return loaded


def load(name: str) -> Any:
    """The captured body of one call (non-JSON replies come wrapped, see `raw`)."""
    return json.loads((SAMPLES_DIR / f"{name}.json").read_text())


def call(name: str) -> dict[str, Any]:
    """How the call was made: method, params, multipart_files, http_status, content_type."""
    entry: dict[str, Any] = _index()[name]
    return entry


def params(name: str) -> dict[str, str]:
    """The recorded parameters with the real API key put back."""
    return {key: API_KEY if value == "<APIKEY>" else value for key, value in call(name)["params"].items()}


_JSON_TYPES: tuple[tuple[type, str], ...] = (
    (bool, "bool"),  # before int: bool is an int in Python, not in JSON
    (int, "int"),
    (float, "float"),
    (str, "str"),
    (list, "list"),
    (dict, "object"),
)


def json_type(value: Any) -> str:
    """JSON's own type name for a decoded value (bool is not a number here)."""
    if value is None:
        return "null"
    for python_type, name in _JSON_TYPES:
        if isinstance(value, python_type):
            return name
    raise TypeError(f"not a JSON value: {value!r}")


# Keys whose JSON type SABnzbd itself varies (service-apis.md A.3/A.4): history `url` and `md5sum` are null
# or a string, `retry` is 0/1 or true for a URL failure, a slot's `priority` is a name or 0 while grabbing.
LOOSE_KEYS: dict[str, frozenset[str]] = {
    "url": frozenset({"null", "str"}),
    "md5sum": frozenset({"null", "str"}),
    "password": frozenset({"null", "str"}),
    "retry": frozenset({"int", "bool"}),
    "priority": frozenset({"int", "str"}),
}


def shape_mismatches(
    expected: Any,
    actual: Any,
    *,
    maps: Iterable[str] = (),
    loose: dict[str, frozenset[str]] | None = None,
    path: str = "$",
) -> list[str]:
    """Every place where `actual` differs from `expected` in key set or JSON type; values may differ.

    List items are compared with the sample's first item; an empty list on either side checks no items.
    Objects named in `maps` are keyed by data (server names, dates): their values are compared with the
    sample's first value instead of key by key. A key named in `loose` may hold any of its types.
    """
    maps = frozenset(maps)
    loose = LOOSE_KEYS if loose is None else loose
    kind, want = json_type(actual), json_type(expected)
    allowed = loose.get(path.rsplit(".", 1)[-1], frozenset())
    if kind != want and {kind, want} <= allowed:
        return []
    if kind != want:
        return [f"{path}: {kind} where the sample has {want}"]
    problems: list[str] = []
    if isinstance(expected, dict) and isinstance(actual, dict):
        if path.rsplit(".", 1)[-1] in maps:
            if expected and actual:
                template = next(iter(expected.values()))
                for key, value in actual.items():
                    problems += shape_mismatches(template, value, maps=maps, loose=loose, path=f"{path}.{key}")
            return problems
        missing, extra = sorted(set(expected) - set(actual)), sorted(set(actual) - set(expected))
        if missing:
            problems.append(f"{path}: missing keys {missing}")
        if extra:
            problems.append(f"{path}: extra keys {extra}")
        for key in sorted(set(expected) & set(actual)):
            problems += shape_mismatches(expected[key], actual[key], maps=maps, loose=loose, path=f"{path}.{key}")
    elif isinstance(expected, list) and isinstance(actual, list) and expected:
        for position, item in enumerate(actual):
            problems += shape_mismatches(expected[0], item, maps=maps, loose=loose, path=f"{path}[{position}]")
    return problems
