"""Each look-up service as one polite party for a whole run: its own pace, and its 429s obeyed.

Every request to a service first takes a token from that service's bucket (its
documented rate, burst 1). A 429 or 503 with a `Retry-After` the run can afford (up to
`retry_after_cap`) holds every request to that service until then and the request is
sent once more; a longer wait, a second refusal or none said stops the service for
the rest of the run, and its look-ups report "rate-limited". A lower limit the service
announces (`X-Rate-Limit-Limit` per `X-Rate-Limit-Interval`, as Crossref does) slows
the bucket down. The client given must not retry by itself (`NetPolicy(retries=0)`):
a retry inside it would be a request the bucket never paced.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Mapping

from citecheck.archives.limiter import TokenBucket
from citecheck.model import Check, Fetcher
from citecheck.net.retry import retry_after_seconds
from citecheck.verdicts.page import header

REFUSALS = frozenset({429, 503})
MAX_SENDS = 3
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*s?\s*$")


class ServicePace:
    """The pace of one service. `sent_at` records the clock at every request sent."""

    def __init__(
        self,
        name: str,
        rate_per_second: float,
        *,
        retry_after_cap: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.name = name
        self.rate = rate_per_second
        self.retry_after_cap = retry_after_cap
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._bucket = TokenBucket(rate_per_second * 60, 1, clock=clock, sleep=sleep)
        self._held_until = 0.0
        self._stopped_because: str | None = None
        self._sent_at: list[float] = []

    @property
    def stopped_because(self) -> str | None:
        with self._lock:
            return self._stopped_because

    @property
    def sent_at(self) -> tuple[float, ...]:
        with self._lock:
            return tuple(self._sent_at)

    def get(self, client: Fetcher, url: str, headers: Mapping[str, str]) -> Check | None:
        """GET `url` at the service's pace; None once the service is stopped (rate-limited)."""
        for _ in range(MAX_SENDS):
            if not self._take_turn():
                return None
            check = client.fetch(url, method="GET", headers=headers, want_body=True)
            self._slow_to_announced(check)
            if check.status not in REFUSALS:
                return check
            wait = retry_after_seconds(header(check, "Retry-After"))
            if wait is None or wait > self.retry_after_cap:
                self._stop(f"{check.status}, Retry-After {header(check, 'Retry-After')}")
                return None
            with self._lock:
                self._held_until = max(self._held_until, self._clock() + wait)
        self._stop("refused again after waiting")
        return None

    def _take_turn(self) -> bool:
        while True:
            with self._lock:
                if self._stopped_because is not None:
                    return False
                hold = self._held_until - self._clock()
            if hold <= 0:
                break
            self._sleep(hold)
        with self._lock:
            bucket = self._bucket
        bucket.acquire()
        with self._lock:
            if self._stopped_because is not None:
                return False
            self._sent_at.append(self._clock())
        return True

    def _slow_to_announced(self, check: Check) -> None:
        """Take a lower rate from the service's X-Rate-Limit-Limit / -Interval headers."""
        limit, interval = (
            header(check, "X-Rate-Limit-Limit"),
            header(check, "X-Rate-Limit-Interval"),
        )
        match = _INTERVAL.match(interval or "")
        if not (limit and limit.strip().isdigit() and match):
            return
        seconds = float(match.group(1))
        announced = int(limit.strip()) / seconds if seconds > 0 else 0.0
        if 0 < announced < self.rate:
            with self._lock:
                self.rate = announced
                self._bucket = TokenBucket(announced * 60, 1, clock=self._clock, sleep=self._sleep)

    def _stop(self, why: str) -> None:
        with self._lock:
            if self._stopped_because is None:
                self._stopped_because = why
