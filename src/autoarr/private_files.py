"""Files only the owner may read (generated keys), written so they are never readable by others."""

from __future__ import annotations

import os
from pathlib import Path


def write_private(path: Path, text: str) -> None:
    """Write `text` to `path` with mode 0600 from the first byte (O_EXCL on a temp file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    tmp.replace(path)


def read_private(path: Path) -> str | None:
    """The file's text without surrounding whitespace, or None when it is missing or empty."""
    if not path.exists():
        return None
    return path.read_text(encoding="utf-8").strip() or None
