"""No network at all: nothing observed says anything about any link."""

from __future__ import annotations

from dataclasses import replace

from citecheck.model import Verdict


def offline_verdict(verdict: Verdict) -> Verdict:
    """The verdict a run without network must give: inconclusive, reason "offline"
    (whatever the failure looked like: a name lookup, a platform API, a refused
    connection), keeping the original reason as a detail."""
    if verdict.state == "inconclusive" and verdict.reason == "offline":
        return verdict
    details = (*verdict.details, f"observed: {verdict.reason}")
    return replace(verdict, state="inconclusive", reason="offline", new_url=None, details=details)
