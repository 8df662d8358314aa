"""AutoArr's own API key: constant-time checks, and the generated key kept in the data dir."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path
from urllib.parse import parse_qs

from starlette.types import Scope

from autoarr.private_files import read_private, write_private

KEY_FILE_NAME = "api_key"

# Paths that browsers open directly (docs) and WebSockets may carry the key as `?api_key=`.
_QUERY_KEY_PATHS = ("/docs", "/redoc", "/openapi.json")


def load_or_create_key(data_dir: Path) -> tuple[str, bool]:
    """The stored key, or a new 256-bit one written readable by the owner only; True when created."""
    path = data_dir / KEY_FILE_NAME
    key = read_private(path)
    if key:
        return key, False
    key = secrets.token_urlsafe(32)
    write_private(path, key + "\n")
    return key, True


class ApiKeyChecker:
    """Compares presented keys with the configured one in constant time."""

    def __init__(self, key: str) -> None:
        self._key = key.encode()
        self.identity = "key:" + hashlib.sha256(self._key).hexdigest()[:16]

    def matches(self, presented: str | None) -> bool:
        if presented is None:
            return False
        return hmac.compare_digest(presented.encode(), self._key)

    def presented_key(self, scope: Scope, path: str) -> str | None:
        """The key from `X-API-Key`, or from `?api_key=` on WebSockets and the docs pages."""
        for name, value in scope.get("headers", ()):
            if name == b"x-api-key":
                return str(value.decode("latin-1"))
        if scope["type"] == "websocket" or path in _QUERY_KEY_PATHS or path.startswith("/docs/"):
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            values = query.get("api_key")
            if values:
                return str(values[0])
        return None
