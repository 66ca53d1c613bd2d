"""Web-archive snapshots for cited links: the capture closest to what the author saw."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from citecheck.archives import ArchiveSettings, SnapshotMemory, find_snapshots
from citecheck.archives.memory import LookupStore
from citecheck.model import Link, Verdict
from citecheck.net import HttpClient, NetPolicy

DAY = 86400.0


def with_snapshots(
    verdicts: Sequence[Verdict],
    links: Sequence[Link],
    settings: ArchiveSettings,
    policy: NetPolicy,
    *,
    store: LookupStore | None = None,
    max_age: float = DAY,
) -> tuple[Verdict, ...]:
    """`verdicts` with an archive snapshot looked up for every link in the settings' scope
    (every link, or the dead ones only).

    The archive is asked through its own client without retries: the archive
    service paces every request, and retrying a 429 is what gets an address blocked.
    With a `store` (the result cache), answers of earlier runs are reused (a snapshot
    found for 30 days or `max_age` if longer, "none" for `max_age`, a failure never;
    see `citecheck.archives.memory`) and new ones are kept.
    """
    wanted = [
        index
        for index, verdict in enumerate(verdicts)
        if settings.scope == "all" or verdict.state == "dead"
    ]
    if not settings.enabled or not wanted:
        return tuple(verdicts)
    memory = SnapshotMemory(store, settings, max_age) if store is not None else None
    with HttpClient(replace(policy, retries=0)) as client:
        lookups = find_snapshots(
            client, [links[index] for index in wanted], settings, memory=memory
        )
    updated = list(verdicts)
    for index, lookup in zip(wanted, lookups, strict=True):
        verdict = updated[index]
        updated[index] = replace(
            verdict, archive=lookup.snapshot, details=(*verdict.details, lookup.summary)
        )
    return tuple(updated)
