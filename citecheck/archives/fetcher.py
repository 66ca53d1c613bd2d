"""Reading a `Check` the way archive lookups and platform handlers need to."""

from __future__ import annotations

from citecheck.model import Check


def header(check: Check, name: str) -> str | None:
    """The first value of response header `name` in `check`, matched case-insensitively."""
    wanted = name.lower()
    return next((value for key, value in check.headers if key.lower() == wanted), None)
