"""Platform-aware checks for URLs whose own answer proves nothing.

x.com and t.me answer 200 (or 403) whether a post exists or not, and a doi.org
redirect says little about the DOI itself; each handler asks the platform's own
API instead. The checker calls `handler_for(url)` and, when it gets a handler,
uses `handler.decide(client, url)` in place of the generic judgement.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Protocol

from citecheck.errors import UsageError
from citecheck.model import Fetcher
from citecheck.platforms.decision import PlatformDecision
from citecheck.platforms.doi import DoiHandler
from citecheck.platforms.telegram import TelegramPostHandler
from citecheck.platforms.twitter import XStatusHandler


class Handler(Protocol):
    """One platform: which URLs it knows, and how it decides about them."""

    @property
    def name(self) -> str: ...

    @property
    def endpoint(self) -> str: ...

    def matches(self, url: str) -> bool: ...

    def decide(self, client: Fetcher, url: str) -> PlatformDecision: ...


PLATFORMS: tuple[Handler, ...] = (XStatusHandler(), TelegramPostHandler(), DoiHandler())


def handler_for(url: str, platforms: tuple[Handler, ...] = PLATFORMS) -> Handler | None:
    """The first handler in `platforms` that knows `url`, or None for the generic check."""
    return next((handler for handler in platforms if handler.matches(url)), None)


def with_endpoints(
    endpoints: Mapping[str, str], platforms: tuple[Handler, ...] = PLATFORMS
) -> tuple[Handler, ...]:
    """`platforms` with the endpoints named in `endpoints` (handler name → base URL) replaced.

    For tests and mirrors: {"x": "http://127.0.0.1:8080/oembed"}.
    """
    known = {handler.name for handler in platforms}
    unknown = sorted(set(endpoints) - known)
    if unknown:
        raise UsageError(
            f"unknown platform(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    return tuple(
        dataclasses.replace(handler, endpoint=endpoints[handler.name])
        if handler.name in endpoints
        else handler
        for handler in platforms
    )


__all__ = [
    "PLATFORMS",
    "DoiHandler",
    "Handler",
    "PlatformDecision",
    "TelegramPostHandler",
    "XStatusHandler",
    "handler_for",
    "with_endpoints",
]
