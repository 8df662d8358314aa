"""Keeping secrets out of findings: which setting names carry secrets, and scrubbing values that hold them."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, Final

REDACTED: Final = "<redacted>"
# Secret-bearing names seen in the four APIs; the pattern below also catches their relatives
# (prowl_apikey, pushover_token, proxyPassword, sslCertPassword, PlexOnlineToken, authToken, ...).
SECRET_SETTING_NAMES: Final = frozenset(
    {
        "api_key",
        "nzb_key",
        "apikey",
        "apiKey",
        "password",
        "passwordConfirmation",
        "sslCertPassword",
        "proxyPassword",
        "email_pwd",
        "authToken",
        "PlexOnlineToken",
        "token",
    }
)
_SECRET_NAME = re.compile(r"(token|password|passwd|secret|api_?key|nzb_key|_pwd)$", re.IGNORECASE)
_SECRET_PRIVACY: Final = frozenset({"apiKey", "password"})
_MIN_SECRET = 4  # shorter strings would match everywhere; no real key or token is that short


def is_secret_name(name: str) -> bool:
    """Whether a setting, field or pref called `name` holds a secret ("logTokens", a switch, does not)."""
    return name in SECRET_SETTING_NAMES or bool(_SECRET_NAME.search(name))


def _named_value(row: Mapping[str, Any]) -> Any:
    """The secret in a provider field ({name, value, privacy}) or Plex Setting ({id, value}), else None."""
    label = row.get("name", row.get("id"))
    secret = row.get("privacy") in _SECRET_PRIVACY or (isinstance(label, str) and is_secret_name(label))
    return row.get("value") if secret else None


def _walk(value: Any) -> Iterator[Any]:
    if isinstance(value, Mapping):
        yield _named_value(value)
        for key, item in value.items():
            if isinstance(key, str) and is_secret_name(key):
                yield item
            yield from _walk(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _walk(item)


def secret_values(resources: Mapping[str, Any]) -> frozenset[str]:
    """Every secret string in a snapshot's resources (masks such as "********" and tiny values left out)."""
    return frozenset(
        item
        for item in _walk(resources)
        if isinstance(item, str) and len(item.strip()) >= _MIN_SECRET and item.strip("*")
    )


def redact(value: Any, secrets: frozenset[str]) -> Any:
    """`value` with every secret string replaced and every secret-named key's value set to "<redacted>"."""
    if isinstance(value, str):
        for secret in sorted(secrets, key=len, reverse=True):
            value = value.replace(secret, REDACTED)
        return value
    if isinstance(value, Mapping):
        scrubbed = {
            key: REDACTED if isinstance(key, str) and is_secret_name(key) else redact(item, secrets)
            for key, item in value.items()
        }
        if _named_value(value) is not None and "value" in scrubbed:
            scrubbed["value"] = REDACTED
        return scrubbed
    if isinstance(value, list | tuple):
        return [redact(item, secrets) for item in value]
    return value
