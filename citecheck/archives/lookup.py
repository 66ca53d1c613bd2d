"""Find the archived copy of a cited page closest to the citation's own date.

Order of questions, each one rate-limited: the availability API for the closest
200 capture before the citation date, then after it; when it names none (it often
answers empty for pages that are archived), the CDX API for every 200 capture in a
window around the date, taking the nearest. A capture whose own status is not 200,
or (with `verify_snapshots`) whose replay lands on another page, is never offered.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from citecheck.archives.choice import closest_capture, replay_problem, usable
from citecheck.archives.formats import (
    ArchiveFormatError,
    availability_request,
    cdx_request,
    parse_availability,
    parse_cdx,
    replay_url,
)
from citecheck.archives.service import ArchiveService, shared_service
from citecheck.archives.settings import ArchiveSettings
from citecheck.archives.timestamps import shifted, target_timestamp
from citecheck.model import ArchiveSnapshot, Check, Fetcher, Link

if TYPE_CHECKING:  # memory.py builds on this module
    from citecheck.archives.memory import SnapshotMemory

FOUND = "archived"
NOT_ARCHIVED = "not-archived"
NO_USABLE_SNAPSHOT = "no-usable-snapshot"
RATE_LIMITED = "archive-rate-limited"
ARCHIVE_ERROR = "archive-error"
DISABLED = "archive-disabled"
SETTLED_REASONS = frozenset({FOUND, NOT_ARCHIVED, NO_USABLE_SNAPSHOT})


@dataclass(frozen=True)
class ArchiveLookup:
    """The snapshot to offer for a link, or None, and always the reason.

    `source` names the API that found it ("availability" or "cdx"); `requests`
    counts what the lookup sent; `details` explains skipped captures and failures.
    `complete` is False when a question went unanswered (rate-limited, unreachable,
    timed out, a 5xx or a malformed answer): the answer may then be wrong.
    """

    snapshot: ArchiveSnapshot | None
    reason: str
    source: str | None = None
    requests: int = 0
    details: tuple[str, ...] = ()
    complete: bool = True

    @property
    def settled(self) -> bool:
        """Whether this is the archive's whole answer (a snapshot, or none to offer),
        and so worth remembering; a failed or disabled lookup is not."""
        return self.complete and self.reason in SETTLED_REASONS

    @property
    def summary(self) -> str:
        """One line for a verdict's details: "archive: archived 20240210000000 (cdx)"."""
        if self.snapshot is None:
            return f"archive: {self.reason}"
        return f"archive: {self.reason} {self.snapshot.timestamp} ({self.source})"


class _Search:
    """One link's questions to the archive, with what each answer taught."""

    def __init__(self, client: Fetcher, service: ArchiveService, settings: ArchiveSettings):
        self.client, self.service, self.settings = client, service, settings
        self.requests = 0
        self.details: list[str] = []
        self.rate_limited = False
        self.failed = False
        self.unusable = False

    def _send(self, url: str, *, json: bool) -> Check | None:
        """The archive's answer, or None (noted) when it is or just became rate-limited."""
        check = self.service.get(self.client, url, json=json)
        if check is not None:
            self.requests += check.attempts
        if check is None or check.status == 429:
            self.rate_limited = True
            self.details.append(self.service.stopped_because or "the archive answered 429")
            return None
        return check

    def _ask(self, api: str, url: str) -> bytes | None:
        """The body of a 2xx answer, or None after noting why there is none."""
        check = self._send(url, json=True)
        if check is None:
            return None
        if check.error is not None or check.status is None or not 200 <= check.status < 300:
            self.failed = True
            self.details.append(f"{api}: {check.error or f'HTTP {check.status}'}")
            return None
        return check.body

    def _offerable(self, snapshot: ArchiveSnapshot, original: str) -> bool:
        if not usable(snapshot):
            self.unusable = True
            self.details.append(f"skipped {snapshot.url}: capture status {snapshot.status}")
            return False
        if not self.settings.verify_snapshots:
            return True
        check = self._send(snapshot.url, json=False)
        if check is None:
            self.details.append(f"offered unverified: {snapshot.url}")
            return True
        problem = replay_problem(snapshot, original, check)
        if check.error is not None or (check.status or 0) >= 500:
            self.failed = True  # the replay may well work next time: not a settled "unusable"
        if problem is not None:
            self.unusable = True
            self.details.append(f"skipped {snapshot.url}: {problem}")
            return False
        return True

    def availability(
        self, api: str, url: str, target: str | None, direction: str | None
    ) -> ArchiveSnapshot | None:
        body = self._ask("availability", availability_request(api, url, target, direction))
        if body is None:
            return None
        try:
            snapshot = parse_availability(body)
        except ArchiveFormatError as exc:
            self.failed = True
            self.details.append(f"availability: {exc}")
            return None
        if snapshot is None or not self._offerable(snapshot, url):
            return None
        return snapshot

    def cdx(self, api: str, url: str, target: str | None) -> ArchiveSnapshot | None:
        window = self.settings.cdx_window_days
        start = shifted(target, -window) if target else None
        end = shifted(target, window) if target else None
        body = self._ask("cdx", cdx_request(api, url, start, end, self.settings.cdx_limit))
        if body is None:
            return None
        try:
            capture = closest_capture(parse_cdx(body), target)
        except ArchiveFormatError as exc:
            self.failed = True
            self.details.append(f"cdx: {exc}")
            return None
        if capture is None:
            return None
        snapshot = ArchiveSnapshot(
            replay_url(self.settings.replay_base, capture), capture.timestamp, capture.status
        )
        return snapshot if self._offerable(snapshot, url) else None

    def result(self, snapshot: ArchiveSnapshot | None, source: str | None) -> ArchiveLookup:
        if snapshot is not None:
            reason = FOUND
        elif self.rate_limited:
            reason = RATE_LIMITED
        elif self.unusable:
            reason = NO_USABLE_SNAPSHOT
        elif self.failed:
            reason = ARCHIVE_ERROR
        else:
            reason = NOT_ARCHIVED
        complete = not (self.failed or self.rate_limited)
        return ArchiveLookup(snapshot, reason, source, self.requests, tuple(self.details), complete)


def find_snapshot(
    client: Fetcher,
    link: Link,
    settings: ArchiveSettings,
    service: ArchiveService | None = None,
) -> ArchiveLookup:
    """The best archived copy of `link.url` for its citation date (`link.cited_on`).

    Pass the run's `service` to share its pace and 429 state; without one, the
    process-wide service for `settings` is used.
    """
    if not settings.enabled:
        return ArchiveLookup(None, DISABLED)
    search = _Search(client, service or shared_service(settings), settings)
    target = target_timestamp(link.cited_on)
    if settings.availability_api:
        directions = settings.availability_directions if target else (None,)
        for direction in directions:
            snapshot = search.availability(settings.availability_api, link.url, target, direction)
            if snapshot is not None:
                return search.result(snapshot, "availability")
            if search.rate_limited:
                return search.result(None, None)
    if settings.cdx_api:
        snapshot = search.cdx(settings.cdx_api, link.url, target)
        if snapshot is not None:
            return search.result(snapshot, "cdx")
    return search.result(None, None)


def find_snapshots(
    client: Fetcher,
    links: Sequence[Link],
    settings: ArchiveSettings,
    service: ArchiveService | None = None,
    *,
    workers: int = 3,
    progress: Callable[[int, int], None] | None = None,
    memory: SnapshotMemory | None = None,
) -> tuple[ArchiveLookup, ...]:
    """`find_snapshot` for every link, in the order of `links`.

    The service's bucket sets the pace whatever `workers` is; a few workers only
    let one answer's latency overlap the wait for the next token. With a `memory`,
    a link it still holds an answer for is not looked up (no request, no wait for
    a token), and each new answer is stored as soon as it comes, so an interrupted
    run keeps what it learned.
    """
    service = service or shared_service(settings)
    memory = memory if settings.enabled else None
    recalled = memory.recall(links) if memory is not None else [None] * len(links)
    done, lock = 0, threading.Lock()

    def one(link: Link, known: ArchiveLookup | None) -> ArchiveLookup:
        nonlocal done
        result = known or find_snapshot(client, link, settings, service)
        if known is None and memory is not None:
            memory.keep(link, result)
        if progress is not None:
            with lock:
                done += 1
                progress(done, len(links))
        return result

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return tuple(pool.map(one, links, recalled))
