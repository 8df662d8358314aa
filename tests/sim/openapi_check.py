"""Validate a JSON body against a response schema of the official Sonarr/Radarr OpenAPI documents."""

from __future__ import annotations

import copy
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

CONTRACTS = Path(__file__).resolve().parents[1] / "contracts"
DOCS = {"sonarr": "sonarr-openapi.json", "radarr": "radarr-openapi.json"}

# Where a document does not describe what the servers really send, and why (each is patched in one place):
# - `Command` is the base class; the servers serialise the concrete command, so its arguments
#   (`seriesId`, `movieIds`, ...) appear next to the base properties.
# - Sonarr's `HttpUri` is written by HttpUriConverter as its full URI string, not as an object.
_PATCHES: dict[str, dict[str, Any]] = {
    "Command": {"additionalProperties": True},
    "HttpUri": {"replace": {"type": "string"}},
}

_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$")
_DATE_SPAN = re.compile(r"^(\d+\.)?\d{2}:\d{2}:\d{2}(\.\d{1,7})?$")
FORMATS = jsonschema.FormatChecker(formats=())


@FORMATS.checks("date-time")
def _utc_date_time(value: object) -> bool:
    return not isinstance(value, str) or bool(_DATE_TIME.match(value))


@FORMATS.checks("date-span")
def _time_span(value: object) -> bool:
    return not isinstance(value, str) or bool(_DATE_SPAN.match(value))


@FORMATS.checks("int32")
def _int32(value: object) -> bool:
    return not isinstance(value, int) or -(2**31) <= value < 2**31


@FORMATS.checks("int64")
def _int64(value: object) -> bool:
    return not isinstance(value, int) or -(2**63) <= value < 2**63


def _nullable_to_json_schema(node: Any) -> Any:
    """OpenAPI 3.0 `nullable: true` as JSON Schema: null joins the allowed types (and enum values)."""
    if isinstance(node, list):
        return [_nullable_to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _nullable_to_json_schema(value) for key, value in node.items()}
    if converted.pop("nullable", False):
        if "type" in converted:
            converted["type"] = [converted["type"], "null"]
        if "enum" in converted:
            converted["enum"] = [*converted["enum"], None]
    return converted


@cache
def document(app: str) -> dict[str, Any]:
    """The official OpenAPI document of `app` ("sonarr"/"radarr"), as JSON Schema, with the known patches."""
    path = CONTRACTS / DOCS[app]
    doc: dict[str, Any] = _nullable_to_json_schema(json.loads(path.read_text()))
    schemas = doc["components"]["schemas"]
    for name, patch in _PATCHES.items():
        if name in schemas:
            schemas[name] = dict(patch["replace"]) if "replace" in patch else {**schemas[name], **patch}
    return doc


def response_schema(app: str, path: str, method: str = "get", status: str = "200") -> dict[str, Any]:
    """The documented JSON response schema of an operation (the docs say 200 where servers answer 201/202)."""
    doc = document(app)
    operation = doc["paths"][path][method.lower()]
    content = operation["responses"][status]["content"]
    schema: dict[str, Any] = copy.deepcopy(content["application/json"]["schema"])
    schema["components"] = doc["components"]  # so "#/components/..." references resolve inside this schema
    return schema


def assert_valid(app: str, path: str, body: Any, *, method: str = "get", status: str = "200") -> None:
    """Fail with every schema violation when `body` does not match the documented response of `path`."""
    validator = jsonschema.Draft4Validator(response_schema(app, path, method, status), format_checker=FORMATS)
    errors = sorted(validator.iter_errors(body), key=lambda error: list(error.absolute_path))
    problems = [f"{'/'.join(map(str, error.absolute_path)) or '$'}: {error.message[:300]}" for error in errors[:15]]
    assert not problems, f"{method.upper()} {path} does not match {DOCS[app]}:\n" + "\n".join(problems)
