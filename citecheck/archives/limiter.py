"""A thread-safe token bucket: the one pace-setter for every archive request.

The Internet Archive asks for well under 60 requests a minute and blocks an address
for an hour when its 429s are ignored, so every request to it first takes a token.
The clock and the sleep are injectable so tests can count requests per minute
without waiting for real minutes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class TokenBucket:
    """`rate_per_minute` tokens a minute, at most `burst` saved up.

    `acquire()` blocks until a token is free and returns how long it waited. The
    bucket starts full, so a run may send `burst` requests at once, then one every
    60 / rate_per_minute seconds.
    """

    def __init__(
        self,
        rate_per_minute: float,
        burst: int = 1,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate_per_minute <= 0:
            raise ValueError("rate_per_minute must be positive")
        if burst < 1:
            raise ValueError("burst must be at least 1")
        self.rate_per_minute = rate_per_minute
        self.burst = burst
        self._interval = 60.0 / rate_per_minute
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._tokens = float(burst)
        self._updated = clock()

    def _refill(self, now: float) -> None:
        earned = (now - self._updated) / self._interval
        self._tokens = min(float(self.burst), self._tokens + earned)
        self._updated = now

    def _take_or_wait_time(self) -> float:
        """Take a token and return 0, or return how long until one is due."""
        with self._lock:
            self._refill(self._clock())
            if self._tokens >= 1.0:
                self._tokens -= 1.0
                return 0.0
            return (1.0 - self._tokens) * self._interval

    def acquire(self) -> float:
        """Block until a token is taken; return the seconds spent waiting."""
        waited = 0.0
        while True:
            delay = self._take_or_wait_time()
            if delay <= 0.0:
                return waited
            self._sleep(delay)
            waited += delay
