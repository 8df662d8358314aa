"""How AutoArr shows sizes, speeds and times to people: pure functions."""

from __future__ import annotations

from datetime import UTC, datetime

_UNITS = ("B", "KB", "MB", "GB", "TB", "PB")


def human_size(num_bytes: float) -> str:
    """`1.5 GB`, `700.0 MB`, `0 B` (binary multiples, one decimal, as SABnzbd and the reference show)."""
    if num_bytes <= 0:
        return "0 B"
    value, unit = float(num_bytes), 0
    while value >= 1024 and unit < len(_UNITS) - 1:
        value /= 1024
        unit += 1
    return f"{value:.0f} B" if unit == 0 else f"{value:.1f} {_UNITS[unit]}"


def human_speed(bytes_per_second: float) -> str:
    """`5.2 MB/s` (and KB/s or B/s below a megabyte a second)."""
    return f"{human_size(bytes_per_second)}/s" if bytes_per_second > 0 else "0 B/s"


def iso_utc(moment: datetime | None) -> str | None:
    """ISO-8601 UTC with a `Z`, or None."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
