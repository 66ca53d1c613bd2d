"""Which capture to offer: usable, and closest to what the author saw."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from citecheck.archives.formats import Capture
from citecheck.archives.timestamps import distance_seconds
from citecheck.model import ArchiveSnapshot, Check

_REPLAY_PATH = re.compile(r"/web/(\d{4,14})[a-z_]*/(.+)$")


def usable(snapshot: ArchiveSnapshot) -> bool:
    """Only a capture of a page that itself answered 200 is worth offering as a fix."""
    return snapshot.status == 200


def closest_capture(captures: Iterable[Capture], target: str | None) -> Capture | None:
    """The 200 capture nearest `target` (ties go to the earlier one); the latest if no target.

    A capture whose status the listing leaves out is not trusted.
    """
    candidates = [capture for capture in captures if capture.status == 200]
    if not candidates:
        return None
    if target is None:
        return max(candidates, key=lambda capture: capture.timestamp)
    return min(
        candidates,
        key=lambda capture: (distance_seconds(capture.timestamp, target), capture.timestamp),
    )


def _page_key(url: str) -> tuple[str, str, str]:
    """A URL reduced to what the Wayback Machine treats as the same page."""
    if "://" not in url:
        url = "http://" + url
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    return host, parts.path.rstrip("/") or "/", parts.query


def replayed_page(snapshot_url: str) -> str | None:
    """The original URL inside a replay URL (`…/web/<timestamp>[flags]/<original>`)."""
    parts = urlsplit(snapshot_url)
    match = _REPLAY_PATH.search(parts.path)
    if not match:
        return None
    return match.group(2) + (f"?{parts.query}" if parts.query else "")


def replay_problem(snapshot: ArchiveSnapshot, original: str, check: Check) -> str | None:
    """Why a fetched snapshot must not be offered, or None when it replays the page.

    The Wayback Machine redirects a replay to the nearest capture of the same page,
    which is fine; a redirect to another page (a site root, an error page) is not.
    """
    if check.error is not None:
        return f"snapshot-unreachable: {check.error}"
    if check.status != 200:
        return f"snapshot-status-{check.status}"
    landed = replayed_page(check.final_url or snapshot.url)
    if landed is None or _page_key(landed) != _page_key(original):
        return "snapshot-redirects-elsewhere"
    return None
