"""The archive as one polite party for a whole run: shared pace, and silence after a 429."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from citecheck.archives.limiter import TokenBucket
from citecheck.archives.settings import ArchiveSettings
from citecheck.model import Check, Fetcher
from citecheck.verdicts.walls import header

ACCEPT_JSON = {"Accept": "application/json"}


class ArchiveService:
    """Every request to one archive goes through here.

    It takes a token from the shared bucket before each request, and once the
    archive answers 429 it sends nothing more for the rest of the run: the Internet
    Archive blocks an address for an hour when its 429s are ignored. Lookups then
    report "archive-rate-limited" rather than pretending nothing was archived.
    Safe to share between threads.

    Give lookups a client that does not retry (`NetPolicy(retries=0)`): a retry
    inside the client is a request the bucket never paced, and a retried 429 is
    exactly the hammering the archive punishes. Retries a client does make are
    still counted in `sent_at`, so an audit of the pace stays honest.
    """

    def __init__(
        self,
        settings: ArchiveSettings,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.limiter = TokenBucket(
            settings.rate_per_minute, settings.burst, clock=clock, sleep=sleep
        )
        self._clock = clock
        self._lock = threading.Lock()
        self._stopped_because: str | None = None
        self._sent_at: list[float] = []

    @property
    def stopped_because(self) -> str | None:
        """Why the archive is no longer asked (its 429 answer), or None while it is."""
        with self._lock:
            return self._stopped_because

    @property
    def sent_at(self) -> tuple[float, ...]:
        """The clock reading at each request sent, for auditing the pace."""
        with self._lock:
            return tuple(self._sent_at)

    def get(self, client: Fetcher, url: str, *, json: bool = True) -> Check | None:
        """GET `url` from the archive at the shared pace; None once the archive said 429."""
        if self.stopped_because is not None:
            return None
        self.limiter.acquire()
        with self._lock:
            if self._stopped_because is not None:
                return None
            self._sent_at.append(self._clock())
        check = client.fetch(url, method="GET", headers=ACCEPT_JSON if json else None)
        if check.attempts > 1:
            with self._lock:
                self._sent_at.extend([self._clock()] * (check.attempts - 1))
        if check.status == 429:
            self._stop(check)
        return check

    def _stop(self, check: Check) -> None:
        retry_after = header(check, "Retry-After")
        host = urlsplit(check.url).hostname or check.url
        reason = f"{host} answered 429"
        if retry_after:
            reason += f" (Retry-After: {retry_after})"
        with self._lock:
            if self._stopped_because is None:
                self._stopped_because = reason + "; no further archive requests this run"


_SHARED: dict[ArchiveSettings, ArchiveService] = {}
_SHARED_LOCK = threading.Lock()


def shared_service(settings: ArchiveSettings) -> ArchiveService:
    """The process-wide service for `settings`, so separate lookups share one pace."""
    with _SHARED_LOCK:
        service = _SHARED.get(settings)
        if service is None:
            service = _SHARED[settings] = ArchiveService(settings)
        return service
