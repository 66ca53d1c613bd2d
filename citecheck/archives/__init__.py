"""Web-archive lookups: the snapshot of a cited page closest to its citation date.

service = ArchiveService(ArchiveSettings(rate_per_minute=20))
lookup = find_snapshot(client, link, service.settings, service)
lookup.snapshot  # ArchiveSnapshot | None, and lookup.reason says why
"""

from citecheck.archives.limiter import TokenBucket
from citecheck.archives.lookup import ArchiveLookup, find_snapshot
from citecheck.archives.service import ArchiveService, shared_service
from citecheck.archives.settings import ArchiveSettings

__all__ = [
    "ArchiveLookup",
    "ArchiveService",
    "ArchiveSettings",
    "TokenBucket",
    "find_snapshot",
    "shared_service",
]
