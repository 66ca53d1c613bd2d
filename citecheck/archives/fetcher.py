"""The one thing archive lookups and platform handlers need from the network layer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from citecheck.model import Check


class Fetcher(Protocol):
    """Anything that observes a URL over HTTP and reports a `Check` (citecheck.net's client)."""

    def fetch(
        self,
        url: str,
        *,
        method: str = ...,
        headers: Mapping[str, str] | None = ...,
        want_body: bool = ...,
    ) -> Check: ...


def header(check: Check, name: str) -> str | None:
    """The first value of response header `name` in `check`, matched case-insensitively."""
    wanted = name.lower()
    return next((value for key, value in check.headers if key.lower() == wanted), None)
