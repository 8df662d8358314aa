"""The secret box: a key file made once, secrets sealed with it, a damaged or replaced key refused."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from autoarr.store.secret_box import KEY_FILE_NAME, SecretBox


def test_the_key_file_is_made_once_owner_only_and_secrets_round_trip(tmp_path: Path) -> None:
    box = SecretBox(tmp_path)
    key_file = tmp_path / KEY_FILE_NAME
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    sealed = box.seal("sab-key-0123")
    assert sealed.startswith("sealed:")
    assert "sab-key-0123" not in sealed
    key = key_file.read_text()
    again = SecretBox(tmp_path)  # a restart reads the same key
    assert key_file.read_text() == key
    assert again.open(sealed) == "sab-key-0123"


def test_a_replaced_key_cannot_open_old_secrets(tmp_path: Path) -> None:
    sealed = SecretBox(tmp_path).seal("plex-token")
    (tmp_path / KEY_FILE_NAME).unlink()
    with pytest.raises(ValueError, match="another key"):
        SecretBox(tmp_path).open(sealed)


def test_a_value_that_was_never_sealed_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a sealed secret"):
        SecretBox(tmp_path).open("plain-text")


@pytest.mark.parametrize("damaged", ["not base64 at all!", "c2hvcnQ=", "A" * 44 + "=="])
def test_a_damaged_key_file_is_refused_at_start_and_left_alone(tmp_path: Path, damaged: str) -> None:
    key_file = tmp_path / KEY_FILE_NAME
    key_file.write_text(damaged + "\n")
    with pytest.raises(ValueError, match="not a secrets key"):
        SecretBox(tmp_path)
    assert key_file.read_text() == damaged + "\n"
