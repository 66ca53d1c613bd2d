"""Web-archive snapshots for cited links: the capture closest to what the author saw."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from citecheck.archives import ArchiveSettings, find_snapshots
from citecheck.model import Link, Verdict
from citecheck.net import HttpClient, NetPolicy


def with_snapshots(
    verdicts: Sequence[Verdict],
    links: Sequence[Link],
    settings: ArchiveSettings,
    policy: NetPolicy,
) -> tuple[Verdict, ...]:
    """`verdicts` with an archive snapshot looked up for every link in the settings' scope
    (every link, or the dead ones only).

    The archive is asked through its own client without retries: the archive
    service paces every request, and retrying a 429 is what gets an address blocked.
    """
    wanted = [
        index
        for index, verdict in enumerate(verdicts)
        if settings.scope == "all" or verdict.state == "dead"
    ]
    if not settings.enabled or not wanted:
        return tuple(verdicts)
    with HttpClient(replace(policy, retries=0)) as client:
        lookups = find_snapshots(client, [links[index] for index in wanted], settings)
    updated = list(verdicts)
    for index, lookup in zip(wanted, lookups, strict=True):
        verdict = updated[index]
        updated[index] = replace(
            verdict, archive=lookup.snapshot, details=(*verdict.details, lookup.summary)
        )
    return tuple(updated)
