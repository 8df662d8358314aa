"""Secrets set through the API are sealed before they reach the database (the key stays in the data dir)."""

from __future__ import annotations

from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from autoarr.private_files import read_private, write_private

KEY_FILE_NAME = "secrets.key"
_PREFIX = "sealed:"


class SecretBox:
    """Fernet (AES-128-CBC + HMAC) with a key file only the owner can read, made on first use."""

    def __init__(self, data_dir: Path) -> None:
        path = data_dir / KEY_FILE_NAME
        key = read_private(path)
        if key is None:
            key = Fernet.generate_key().decode()
            write_private(path, key + "\n")
        self._fernet = Fernet(key.encode())

    def seal(self, secret: str) -> str:
        return _PREFIX + self._fernet.encrypt(secret.encode()).decode()

    def open(self, stored: str) -> str:
        """The secret; ValueError when it was sealed with another key (the key file was replaced)."""
        if not stored.startswith(_PREFIX):
            raise ValueError("not a sealed secret")
        try:
            return self._fernet.decrypt(stored.removeprefix(_PREFIX).encode()).decode()
        except InvalidToken as exc:
            raise ValueError("sealed with another key") from exc
