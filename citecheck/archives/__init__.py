"""Web-archive lookups: the snapshot of a cited page closest to its citation date.

One `ArchiveService` per run holds the shared pace (a token bucket, 20 requests a
minute and a burst of 3 by default) and stops asking once the archive answers 429:

    settings = ArchiveSettings.from_table(config.archive)     # or ArchiveSettings(...)
    service = ArchiveService(settings)
    archive_client = HttpClient(dataclasses.replace(policy, retries=0))
    lookup = find_snapshot(archive_client, link, settings, service)
    lookup.snapshot   # ArchiveSnapshot | None (status 200 captures only)
    lookup.reason     # "archived", "not-archived", "no-usable-snapshot",
                      # "archive-rate-limited", "archive-error" or "archive-disabled"
    lookups = find_snapshots(archive_client, links, settings, service, progress=report)

Lookups are remembered across runs in the result cache (see `memory.py` for how
long each kind of answer is reused):

    memory = SnapshotMemory(result_cache, settings, max_age=86400)
    lookups = find_snapshots(archive_client, links, settings, service, memory=memory)

The client should not retry: the service paces every request it sends, and a
retried 429 is what gets an address blocked.
"""

from __future__ import annotations

from citecheck.lazy import lazy_attributes

# Imported on first use: `citecheck.archives.settings` (read by every command's options)
# must not pull in the lookups and, through them, the network stack.
_LAZY = {
    "ArchiveLookup": "citecheck.archives.lookup",
    "ArchiveService": "citecheck.archives.service",
    "ArchiveSettings": "citecheck.archives.settings",
    "SnapshotMemory": "citecheck.archives.memory",
    "TokenBucket": "citecheck.archives.limiter",
    "find_snapshot": "citecheck.archives.lookup",
    "find_snapshots": "citecheck.archives.lookup",
    "shared_service": "citecheck.archives.service",
}

__all__ = sorted(_LAZY)


__getattr__ = lazy_attributes(__name__, _LAZY)
