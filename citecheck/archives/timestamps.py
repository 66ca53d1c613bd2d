"""Wayback timestamps (YYYYMMDDhhmmss) from citation dates, and distances between them."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime, timedelta

_CITED_ON = re.compile(r"^(\d{4})(\d{2})?(\d{2})?$")
_TIMESTAMP = re.compile(r"^\d{4,14}$")


def target_timestamp(cited_on: str | None) -> str | None:
    """The moment to look for: the end of the cited day, month or year.

    A citation dated "2024" or "202403" was read some time in that period, so the
    closest capture *before its end* is the best stand-in for what the author saw.
    Returns None when the date is absent or not in the Link's "YYYY[MM[DD]]" form.
    """
    if not cited_on:
        return None
    match = _CITED_ON.match(cited_on)
    if not match:
        return None
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else 12
    if not 1 <= month <= 12:
        return None
    last_day = calendar.monthrange(year, month)[1]
    day = int(match.group(3)) if match.group(3) else last_day
    if not 1 <= day <= last_day:
        return None
    return f"{year:04d}{month:02d}{day:02d}235959"


def parse_timestamp(timestamp: str) -> datetime | None:
    """A Wayback timestamp (possibly shortened: "2013", "201309…") as a UTC datetime."""
    if not _TIMESTAMP.match(timestamp):
        return None
    padded = timestamp + "0101000000"[len(timestamp) - 4 :] if len(timestamp) < 14 else timestamp
    try:
        return datetime.strptime(padded, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def shifted(timestamp: str, days: int) -> str:
    """`timestamp` moved by `days` (negative: earlier), as a 14-digit timestamp."""
    moment = parse_timestamp(timestamp)
    if moment is None:
        raise ValueError(f"not a Wayback timestamp: {timestamp!r}")
    try:
        moved = moment + timedelta(days=days)
    except OverflowError:
        moved = datetime.max.replace(tzinfo=UTC) if days > 0 else datetime.min.replace(tzinfo=UTC)
    return moved.strftime("%Y%m%d%H%M%S")


def distance_seconds(a: str, b: str) -> float:
    """Absolute distance between two timestamps; infinite when either is malformed."""
    first, second = parse_timestamp(a), parse_timestamp(b)
    if first is None or second is None:
        return float("inf")
    return abs((first - second).total_seconds())
