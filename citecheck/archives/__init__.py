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

The client should not retry: the service paces every request it sends, and a
retried 429 is what gets an address blocked.
"""

from citecheck.archives.limiter import TokenBucket
from citecheck.archives.lookup import ArchiveLookup, find_snapshot, find_snapshots
from citecheck.archives.service import ArchiveService, shared_service
from citecheck.archives.settings import ArchiveSettings

__all__ = [
    "ArchiveLookup",
    "ArchiveService",
    "ArchiveSettings",
    "TokenBucket",
    "find_snapshot",
    "find_snapshots",
    "shared_service",
]
