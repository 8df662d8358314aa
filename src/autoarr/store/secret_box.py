"""Secrets set through the API are sealed before they reach the database (the key stays in the data dir)."""

from __future__ import annotations

import base64
import binascii
import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from autoarr.private_files import read_private, write_private

if TYPE_CHECKING:
    from cryptography.fernet import Fernet

KEY_FILE_NAME = "secrets.key"
_PREFIX = "sealed:"
_KEY_BYTES = 32


class SecretBox:
    """Fernet (AES-128-CBC + HMAC) with a key file only the owner can read, made at start if missing.

    `cryptography` (about 7 MB resident) is imported at the first seal or open: most starts never need it.
    """

    def __init__(self, data_dir: Path) -> None:
        path = data_dir / KEY_FILE_NAME
        key = read_private(path)
        if key is None:
            key = base64.urlsafe_b64encode(os.urandom(_KEY_BYTES)).decode()  # what Fernet.generate_key() makes
            write_private(path, key + "\n")
        _check_key(key, path)
        self._key = key

    @cached_property
    def _fernet(self) -> Fernet:
        from cryptography.fernet import Fernet

        return Fernet(self._key.encode())

    def seal(self, secret: str) -> str:
        return _PREFIX + self._fernet.encrypt(secret.encode()).decode()

    def open(self, stored: str) -> str:
        """The secret; ValueError when it was sealed with another key (the key file was replaced)."""
        from cryptography.fernet import InvalidToken

        if not stored.startswith(_PREFIX):
            raise ValueError("not a sealed secret")
        try:
            return self._fernet.decrypt(stored.removeprefix(_PREFIX).encode()).decode()
        except InvalidToken as exc:
            raise ValueError("sealed with another key") from exc


def _check_key(key: str, path: Path) -> None:
    """Refuse a damaged key file at start, as Fernet would, rather than at the first secret."""
    try:
        raw = base64.urlsafe_b64decode(key.encode())
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != _KEY_BYTES:
        raise ValueError(f"{path} is not a secrets key (32 url-safe base64-encoded bytes); restore it or remove it")
