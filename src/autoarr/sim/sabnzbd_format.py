"""SABnzbd 3.7.1's loose number formatting: sizes like "1.5 MB", megabytes as "%.2f" strings, "H:MM:SS"."""

from __future__ import annotations

MEBI = 1024 * 1024
GIBI = 1024 * MEBI
_UNITS = ("", "K", "M", "G", "T", "P")


def to_units(value: float, postfix: str = "") -> str:
    """SABnzbd's `to_units`: 0 → "0 ", 1440 → "1 K", 1572864 with postfix "B" → "1.5 MB"."""
    sign = "-" if value < 0 else ""
    amount = abs(float(value))
    power = 0
    while amount > 1023.0 and power < len(_UNITS) - 1:
        amount /= 1024.0
        power += 1
    decimals = 1 if power > 1 else 0
    return f"{sign}{amount:.{decimals}f} {_UNITS[power]}{postfix}"


def megabytes(size_bytes: float) -> str:
    """Megabytes as SABnzbd prints them in queue slots: "0.72"."""
    return f"{size_bytes / MEBI:.2f}"


def time_left(seconds: float) -> str:
    """SABnzbd's `format_time_left`: "0:00:00", "1:02:03", past a day "1:02:03:04"."""
    total = int(seconds)
    if total <= 0:
        return "0:00:00"
    minutes, secs = divmod(total, 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return f"{days}:{hours:02d}:{minutes:02d}:{secs:02d}"
    return f"{hours}:{minutes:02d}:{secs:02d}"


def age(seconds: float) -> str:
    """A post's age as the queue shows it: "330d", or "5h" / "12m" when younger than a day."""
    total = max(int(seconds), 0)
    if total >= 86400:
        return f"{total // 86400}d"
    if total >= 3600:
        return f"{total // 3600}h"
    return f"{total // 60}m"


def parse_speed(value: str, *, line_speed: int) -> tuple[int, int] | None:
    """`config&name=speedlimit` input: a percentage ("50") or an absolute rate ("5M"); (percent, bytes/s)."""
    text = value.strip().upper()
    if not text or text == "0":
        return 100, 0
    multiplier = {"K": 1024, "M": MEBI, "G": GIBI}.get(text[-1])
    number_text = text[:-1] if multiplier else text.rstrip("%")
    try:
        number = float(number_text)
    except ValueError:
        return None
    if multiplier:
        absolute = int(number * multiplier)
        percent = min(100, max(1, round(100 * absolute / line_speed))) if line_speed else 100
        return percent, absolute
    percent = int(number)
    return percent, int(line_speed * percent / 100)
