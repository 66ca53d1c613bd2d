"""When a verdict was observed, as each report says it: a time in JSON, an age elsewhere.

A verdict taken from the result cache is as old as the observation behind it; the
reader of a report should see that a "resolvable" may be a day old.
"""

from __future__ import annotations

import time

from citecheck.model import Verdict

_UNITS = ((86400, "d"), (3600, "h"), (60, "min"))


def checked_at_text(verdict: Verdict) -> str | None:
    """The moment `verdict` was observed, in ISO 8601 UTC (`2026-12-03T09:14:05Z`)."""
    if verdict.checked_at is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(verdict.checked_at))


def cached_note(verdict: Verdict, now: float | None = None) -> str | None:
    """"cached 3 h ago" for a verdict the run took from the cache, None for one it observed."""
    if not verdict.cached or verdict.checked_at is None:
        return None
    age = max(0.0, (time.time() if now is None else now) - verdict.checked_at)
    for seconds, unit in _UNITS:
        if age >= seconds:
            return f"cached {int(age // seconds)} {unit} ago"
    return "cached just now"
