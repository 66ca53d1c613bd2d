"""Checking links while the citations are still being parsed, and looking up their
archived copies while the links are still being checked.

Parsing a long manuscript's citations takes a good fraction of a second, and checking
its links spends most of its time waiting on servers. The URLs are already written in
the notes' text, so they can be checked at once while the parser runs beside them;
once it is done, each verdict is given the citations and spelling the parse found,
and any link only the parse produced (a DOI field, say) is checked then.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import TypeVar

from citecheck.archives import ArchiveLookup, ArchiveSettings, SnapshotMemory, find_snapshot
from citecheck.archives.lookup import FOUND, NOT_ARCHIVED
from citecheck.archives.memory import LookupStore
from citecheck.archives.save import PageSaver
from citecheck.archives.service import shared_service
from citecheck.links import extract_links, links_in_notes
from citecheck.links.urls import dedup_key
from citecheck.model import Document, Link, ParsedDocument, Verdict
from citecheck.net import NetPolicy
from citecheck.net.ondemand import OnDemandClient

Parsed = TypeVar("Parsed")
CheckLinks = Callable[[Sequence[Link]], tuple[Verdict, ...]]


def check_while_parsing(
    document: Document,
    parse: Callable[[Document], Parsed],
    parsed_of: Callable[[Parsed], ParsedDocument],
    check: CheckLinks,
    wanted: Callable[[str], bool] = lambda url: True,
) -> tuple[Parsed, tuple[Link, ...], tuple[Verdict, ...]]:
    """(what `parse` returned, the parsed links, one verdict per link, in link order).

    `parse` runs on a second thread while `check` checks the links written in the
    notes; `parsed_of` gets the ParsedDocument out of what `parse` returned.
    """
    early = [link for link in links_in_notes(document) if wanted(link.url)]
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="citecheck-parse") as pool:
        parsing = pool.submit(parse, document)
        early_verdicts = check(early)
        result = parsing.result()
    links = tuple(link for link in extract_links(parsed_of(result)) if wanted(link.url))
    found = {dedup_key(v.url): v for v in early_verdicts}
    late = [link for link in links if dedup_key(link.url) not in found]
    if late:
        found.update((dedup_key(v.url), v) for v in check(late))
    verdicts = tuple(
        replace(found[dedup_key(link.url)], url=link.url, citation_ids=link.citation_ids)
        for link in links
    )
    return result, links, verdicts


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
