"""Short human-readable pieces of a CSL-JSON item: names, dates, the type."""

from __future__ import annotations

from typing import Any

from citecheck.citations.scripts import EAST_ASIAN


def name_text(name: dict[str, Any]) -> str:
    """ "増田雅之" for CJK names (family first, no space), "Alexander Korolev" otherwise."""
    if name.get("literal"):
        return str(name["literal"])
    family, given = str(name.get("family", "")), str(name.get("given", ""))
    if EAST_ASIAN.search(family + given):
        return family + given
    return " ".join(part for part in (given, family) if part)


def names_text(csl: dict[str, Any], role: str = "author") -> str:
    return ", ".join(name_text(name) for name in csl.get(role) or [] if isinstance(name, dict))


def date_text(csl: dict[str, Any], key: str = "issued") -> str:
    """ "2023-12-29", "2020", or the literal/raw form when there are no date parts."""
    value = csl.get(key)
    if not isinstance(value, dict):
        return ""
    parts = value.get("date-parts") or [[]]
    first = parts[0] if parts and isinstance(parts[0], list) else []
    if first:
        year, *rest = first
        return "-".join([str(year)] + [str(part).zfill(2) for part in rest])
    return str(value.get("literal") or value.get("raw") or "")
