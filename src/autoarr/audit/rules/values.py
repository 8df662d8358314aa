"""Value helpers the rules share: version ranges, setting value specs (type and range), sizes and wire forms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

_VERSION = re.compile(r"\s*v?(\d+(?:\.\d+)*)")
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)B?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}


def parse_version(text: str) -> tuple[int, ...] | None:
    """The leading dotted numbers of a version string ("1.41.3.9314-a0bf" -> (1, 41, 3, 9314)); None if none."""
    match = _VERSION.match(text)
    if match is None:
        return None
    return tuple(int(part) for part in match.group(1).split("."))


def _compare(left: tuple[int, ...], right: tuple[int, ...]) -> int:
    width = max(len(left), len(right))
    padded_left = left + (0,) * (width - len(left))
    padded_right = right + (0,) * (width - len(right))
    return (padded_left > padded_right) - (padded_left < padded_right)


@dataclass(frozen=True)
class VersionRange:
    """The service versions a rule applies to: `minimum` inclusive, `below` exclusive; None leaves a side open."""

    minimum: str | None = None
    below: str | None = None

    def applies_to(self, version: str | None) -> bool:
        """Whether `version` is in range; an unknown or unparseable version counts as in range."""
        parsed = parse_version(version) if version else None
        if parsed is None:
            return True
        low = parse_version(self.minimum) if self.minimum else None
        high = parse_version(self.below) if self.below else None
        if low is not None and _compare(parsed, low) < 0:
            return False
        return high is None or _compare(parsed, high) < 0

    def describe(self) -> str:
        """The range as text (">=4.3.0", "<4.1.0", "all versions")."""
        parts = [f">={self.minimum}"] if self.minimum else []
        parts += [f"<{self.below}"] if self.below else []
        return ", ".join(parts) or "all versions"


ALL_VERSIONS = VersionRange()


def parse_size(text: str) -> int | None:
    """A SABnzbd size ("500M", "1G", "1.5 G", "" -> 0) in bytes; None when SABnzbd could not read it either."""
    if not text.strip():
        return 0
    match = _SIZE.match(text)
    if match is None:
        return None
    return int(float(match.group(1)) * _UNITS[match.group(2).upper()])


ValueKind = Literal["flag", "boolean", "integer", "number", "choice", "size", "text", "text_list"]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True)
class ValueSpec:
    """A setting's value type as the service's GET returns it, and the range AutoArr accepts for a new value.

    kinds: `flag` SABnzbd 0/1 int; `boolean` JSON true/false; `integer` / `number` with optional bounds
    (`choices` then lists extra allowed values outside the bounds, e.g. rssSyncInterval's 0); `choice` one of
    `choices`; `size` SABnzbd size string ("500M"); `text` a string; `text_list` a list of strings.
    """

    kind: ValueKind
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[Any, ...] = ()

    def type_matches(self, value: Any) -> bool:
        """Whether `value` has this setting's wire type (range not checked)."""
        if self.kind in ("flag", "integer"):
            return _is_int(value)
        if self.kind == "boolean":
            return isinstance(value, bool)
        if self.kind == "number":
            return _is_int(value) or isinstance(value, float)
        if self.kind == "choice":
            return any(type(value) is type(choice) for choice in self.choices)
        if self.kind == "text_list":
            return isinstance(value, list) and all(isinstance(item, str) for item in value)
        return isinstance(value, str)

    def problem(self, value: Any) -> str | None:
        """Why `value` is not acceptable for this setting (wrong type or out of range), or None when it is."""
        if not self.type_matches(value):
            return f"expected {self.describe()}, got {type(value).__name__} {value!r}"
        if self.kind == "flag" and value not in (0, 1):
            return f"expected 0 or 1, got {value!r}"
        if self.kind == "choice" and value not in self.choices:
            return f"expected one of {list(self.choices)!r}, got {value!r}"
        if self.kind == "size" and parse_size(value) is None:
            return f"expected a size such as '500M' or '1G', got {value!r}"
        return self._range_problem(value)

    def _range_problem(self, value: Any) -> str | None:
        number = parse_size(value) if self.kind == "size" else value
        if self.kind not in ("integer", "number", "size") or value in self.choices or number is None:
            return None
        if self.minimum is not None and number < self.minimum:
            return f"expected at least {self.minimum:g}, got {value!r}"
        if self.maximum is not None and number > self.maximum:
            return f"expected at most {self.maximum:g}, got {value!r}"
        return None

    def describe(self) -> str:
        """The type in words, for messages."""
        if self.kind == "choice":
            return f"one of {list(self.choices)!r}"
        names = {
            "flag": "0 or 1 (int)",
            "boolean": "true or false",
            "integer": "an integer",
            "number": "a number",
            "size": "a size string",
            "text": "a string",
            "text_list": "a list of strings",
        }
        return names[self.kind]


FLAG = ValueSpec("flag")
BOOLEAN = ValueSpec("boolean")
TEXT = ValueSpec("text")
TEXT_LIST = ValueSpec("text_list")
SIZE = ValueSpec("size")
INTEGER = ValueSpec("integer")


def to_wire(value: Any) -> str:
    """A typed value as a query-string value (SABnzbd set_config, Plex PUT /:/prefs): 1/0, comma lists, text."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list | tuple):
        return ",".join(str(item) for item in value)
    return str(value)
