"""The date a citation gives for a link, as the compact "YYYY[MM[DD]]" archives search by."""

from __future__ import annotations

import re
from typing import Any

_RAW = re.compile(r"(\d{4})(?:\D{1,3}(\d{1,2})(?:\D{1,3}(\d{1,2}))?)?")


def compact_date(value: Any) -> str | None:
    """ "YYYYMMDD", "YYYYMM" or "YYYY" from a CSL date variable, or None.

    Accepts the CSL shapes `{"date-parts": [[2024, 1, 5]]}` and `{"raw": "2024-01-05"}`,
    and a bare string.
    """
    if isinstance(value, str):
        return _from_raw(value)
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list | tuple):
        return _from_parts(parts[0])
    for key in ("raw", "literal"):
        if isinstance(value.get(key), str):
            return _from_raw(value[key])
    return None


def _from_parts(parts: list[Any] | tuple[Any, ...]) -> str | None:
    numbers = []
    for part in parts[:3]:
        try:
            numbers.append(int(part))
        except (TypeError, ValueError):
            break
    return _compose(numbers)


def _from_raw(raw: str) -> str | None:
    match = _RAW.search(raw)
    if not match:
        return None
    return _compose([int(group) for group in match.groups() if group])


def _compose(numbers: list[int]) -> str | None:
    if not numbers or not 1000 <= numbers[0] <= 9999:
        return None
    year, rest = numbers[0], numbers[1:]
    text = f"{year:04d}"
    if rest and 1 <= rest[0] <= 12:
        text += f"{rest[0]:02d}"
        if len(rest) > 1 and 1 <= rest[1] <= 31:
            text += f"{rest[1]:02d}"
    return text


def citation_date(csl: dict[str, Any]) -> str | None:
    """The access date of a CSL item, else its publication date."""
    return compact_date(csl.get("accessed")) or compact_date(csl.get("issued"))
