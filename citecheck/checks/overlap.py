"""Looking up the archived copies of links while the links are still being checked.

(The links themselves are checked while the citations are parsed: `citecheck.pipeline`
checks the URLs written in the notes at once, beside the parse, see
`citecheck.checks.beside`.)
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace

from citecheck.archives import ArchiveLookup, ArchiveSettings, SnapshotMemory, find_snapshot
from citecheck.archives.lookup import FOUND, NOT_ARCHIVED
from citecheck.archives.memory import LookupStore
from citecheck.archives.save import PageSaver
from citecheck.archives.service import shared_service
from citecheck.links.urls import dedup_key
from citecheck.model import Link, Verdict
from citecheck.net import NetPolicy
from citecheck.net.ondemand import OnDemandClient


class SnapshotsAlongside:
    """Archive lookups that run while the links are still being checked.

    A link in the settings' scope (every link, or the dead ones) is looked up as soon as
    its verdict is known (`verdict_known`) and its citation date is (`dates_known`, once
    the parse is done: the snapshot wanted is the one closest to that date), on a few
    threads paced by the run's archive service, so the wait for the archive's pace
    overlaps the wait for slow sites. `finish` starts what is left, waits, and gives the
    verdicts their snapshots; `progress(done, total, url)` hears of every lookup.
    """

    def __init__(
        self,
        settings: ArchiveSettings,
        policy: NetPolicy,
        *,
        store: LookupStore | None = None,
        max_age: float = 86400.0,
        progress: Callable[[int, int, str], None] | None = None,
        workers: int = 3,
        saver: PageSaver | None = None,
    ) -> None:
        self.settings = settings
        self._memory = SnapshotMemory(store, settings, max_age) if store is not None else None
        # No retries: the service paces every request, and a retried 429 gets an address
        # blocked. Made on the first lookup: a warm run whose snapshots are all remembered
        # imports no network stack.
        self._client = OnDemandClient(replace(policy, retries=0))
        self._service = shared_service(settings)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="citecheck-archive")
        self._progress = progress
        self._saver = saver
        self._live: set[str] = set()
        self._lock = threading.Lock()
        self._dated: dict[str, Link] | None = None
        self._waiting: set[str] = set()
        self._started: dict[str, Future[ArchiveLookup]] = {}
        self._done = 0

    def wants(self, verdict: Verdict) -> bool:
        return self.settings.enabled and (self.settings.scope == "all" or verdict.state == "dead")

    def verdict_known(self, link: Link | None, verdict: Verdict) -> None:
        """Look `verdict`'s link up if it is in scope (now, or once dates are known)."""
        if not self.wants(verdict):
            return
        key = dedup_key(verdict.url)
        with self._lock:
            if verdict.state == "resolvable":
                self._live.add(key)
            if key in self._started or key in self._waiting:
                return
            if self._dated is None:
                self._waiting.add(key)
            else:
                self._start(key)

    def dates_known(self, links: Mapping[str, Link]) -> None:
        """The run's links by `dedup_key`, with their citation dates: lookups waiting for
        them start."""
        with self._lock:
            self._dated = dict(links)
            for key in sorted(self._waiting):
                self._start(key)
            self._waiting.clear()

    def finish(self, verdicts: Sequence[Verdict], links: Mapping[str, Link]) -> tuple[Verdict, ...]:
        """`verdicts` with the snapshot of each one in scope, every lookup awaited."""
        with self._lock:
            dated = self._dated is not None
        if not dated:
            self.dates_known(links)
        for verdict in verdicts:
            self.verdict_known(None, verdict)
        with self._lock:
            started = dict(self._started)
        lookups = {key: future.result() for key, future in started.items()}
        self.close()
        updated = []
        for verdict in verdicts:
            lookup = lookups.get(dedup_key(verdict.url))
            if lookup is not None and self.wants(verdict):
                details = (*verdict.details, lookup.summary)
                verdict = replace(verdict, archive=lookup.snapshot, details=details)
            updated.append(verdict)
        return tuple(updated)

    def close(self) -> None:
        """Stop: lookups not begun are dropped, running ones end (each is bounded)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._client.close()

    def _start(self, key: str) -> None:
        """Submit the lookup of `key` (the lock is held). A link the parse did not keep
        (a filter dropped it) is not looked up: no report shows it."""
        link = self._dated.get(key) if self._dated is not None else None
        if link is None:
            return
        self._started[key] = self._pool.submit(self._look_up, link, key in self._live)
        self._report(link.url)

    def _look_up(self, link: Link, live: bool) -> ArchiveLookup:
        known = self._memory.recall([link])[0] if self._memory is not None else None
        lookup = known or find_snapshot(self._client, link, self.settings, self._service)
        if known is None and live and lookup.reason == NOT_ARCHIVED and self._saver is not None:
            lookup = _saved(self._saver, self._client, link, lookup)
        if known is None and self._memory is not None:
            self._memory.keep(link, lookup)
        with self._lock:
            self._done += 1
            self._report(link.url)
        return lookup

    def _report(self, url: str) -> None:
        if self._progress is not None:
            self._progress(self._done, len(self._started), url)


def _saved(
    saver: PageSaver, client: OnDemandClient, link: Link, lookup: ArchiveLookup
) -> ArchiveLookup:
    """A live page no archive holds, captured now (Save Page Now); else `lookup` with
    why it was not."""
    saved = saver.save(client, link.url)
    if saved.snapshot is None:
        return replace(lookup, details=(*lookup.details, saved.reason, *saved.details))
    return ArchiveLookup(saved.snapshot, FOUND, "save-page-now", lookup.requests)
