"""Archive lookups remembered across runs, in the result cache.

At 20 requests a minute, looking up 300 links takes a quarter of an hour: a run over
a manuscript checked before should not pay that again. What a run reuses:

- a snapshot found: for 30 days, or `max_age` if that is longer. Captures are not
  withdrawn (exclusion requests aside, which the 30 days bound), and a capture made
  later cannot displace the one found before the citation date, which is asked for
  first; re-asking sooner would spend the archive's patience on the same answer.
- no snapshot to offer (nothing archived, or nothing usable): only for `max_age`,
  like a verdict, since the page may be captured meanwhile.
- a lookup in which any question failed (the archive rate-limited us, was
  unreachable, timed out, answered 5xx or nonsense): never. It is not even stored,
  so the next run asks again.

An answer is kept under what was asked: the page URL, the moment the snapshot should
be closest to (the citation date as a Wayback timestamp, so "2024" and "20241231",
which ask the same questions, share one answer) and the settings' `lookup_key` (the
endpoints and search options), so another archive or another search never gets it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from citecheck.archives.lookup import FOUND, ArchiveLookup
from citecheck.archives.settings import ArchiveSettings
from citecheck.archives.timestamps import target_timestamp
from citecheck.model import Link
from citecheck.store import ArchiveRecord

DAY = 86400.0
#: How long a snapshot found is reused at least (`max_age` if longer).
FOUND_KEEP = 30 * DAY


class LookupStore(Protocol):
    """Where answers are kept: `ResultCache` is one."""

    def archive_lookups(self, asked: str, urls: Iterable[str]) -> list[ArchiveRecord]: ...

    def record_archive_lookups(self, records: Iterable[ArchiveRecord]) -> None: ...


def reusable(record: ArchiveRecord, max_age: float, now: float) -> bool:
    """Whether a stored answer is young enough to stand for a new lookup."""
    keep = max(FOUND_KEEP, max_age) if record.reason == FOUND else max_age
    return now - record.looked_up_at <= keep


def wanted_moment(link: Link) -> str:
    """The moment `link`'s snapshot should be closest to; "" for the latest."""
    return target_timestamp(link.cited_on) or ""


class SnapshotMemory:
    """The answers of earlier runs for one run's settings. Safe to share between threads
    when the store is (`ResultCache` is)."""

    def __init__(
        self,
        store: LookupStore,
        settings: ArchiveSettings,
        max_age: float,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.asked = settings.lookup_key
        self.max_age = max_age
        self._clock = clock

    def recall(self, links: Sequence[Link]) -> list[ArchiveLookup | None]:
        """The reusable answer for each of `links` (None where the archive must be asked),
        read in one go."""
        now = self._clock()
        stored = {
            (record.url, record.wanted): record
            for record in self.store.archive_lookups(self.asked, (link.url for link in links))
        }
        recalled: list[ArchiveLookup | None] = []
        for link in links:
            record = stored.get((link.url, wanted_moment(link)))
            if record is not None and reusable(record, self.max_age, now):
                recalled.append(_as_lookup(record))
            else:
                recalled.append(None)
        return recalled

    def keep(self, link: Link, lookup: ArchiveLookup) -> None:
        """Store `lookup` if it is the archive's whole answer; a failed one is dropped."""
        if not lookup.settled:
            return
        record = ArchiveRecord(
            url=link.url,
            wanted=wanted_moment(link),
            asked=self.asked,
            looked_up_at=self._clock(),
            reason=lookup.reason,
            snapshot=lookup.snapshot,
            source=lookup.source,
        )
        self.store.record_archive_lookups([record])


def _as_lookup(record: ArchiveRecord) -> ArchiveLookup:
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(record.looked_up_at))
    return ArchiveLookup(
        record.snapshot, record.reason, record.source, details=(f"remembered from {when}",)
    )
