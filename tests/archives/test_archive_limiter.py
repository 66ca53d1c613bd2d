"""The token bucket paces requests: a burst, then one per interval, across threads."""

from __future__ import annotations

import threading

import pytest

from citecheck.archives.limiter import TokenBucket


class FakeClock:
    """A clock that only moves when someone sleeps on it."""

    def __init__(self) -> None:
        self.now = 1000.0
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.now += seconds


def most_in_any_window(times: list[float], window: float) -> int:
    times = sorted(times)
    best, start = 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best


def test_burst_goes_at_once_then_one_per_interval() -> None:
    clock = FakeClock()
    bucket = TokenBucket(20, burst=3, clock=clock, sleep=clock.sleep)
    waits = [bucket.acquire() for _ in range(5)]
    assert waits[:3] == [0.0, 0.0, 0.0]
    assert waits[3] == pytest.approx(3.0)
    assert waits[4] == pytest.approx(3.0)
    assert clock.now == pytest.approx(1006.0)


def test_requests_per_minute_never_exceed_rate_plus_burst() -> None:
    clock = FakeClock()
    rate, burst = 20, 3
    bucket = TokenBucket(rate, burst=burst, clock=clock, sleep=clock.sleep)
    sent = []
    for _ in range(300):  # a run with 300 links
        bucket.acquire()
        sent.append(clock())
    assert most_in_any_window(sent, 60.0) <= rate + burst
    steady = sent[burst:]
    per_minute = (len(steady) - 1) / ((steady[-1] - steady[0]) / 60.0)
    assert per_minute == pytest.approx(rate)


def test_tokens_saved_while_idle_are_capped_at_burst() -> None:
    clock = FakeClock()
    bucket = TokenBucket(60, burst=2, clock=clock, sleep=clock.sleep)
    clock.sleep(3600)
    waits = [bucket.acquire() for _ in range(3)]
    assert waits == [0.0, 0.0, pytest.approx(1.0)]


def test_threads_share_one_pace() -> None:
    """Real threads, real clock, tiny interval: 12 takes at 600/min need ≥ 0.9 s after burst 3."""
    import time

    bucket = TokenBucket(600, burst=3)
    stamps: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(3):
            bucket.acquire()
            with lock:
                stamps.append(time.monotonic())

    threads = [threading.Thread(target=worker) for _ in range(4)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(stamps) == 12
    assert max(stamps) - started >= 0.9 - 0.02
    assert most_in_any_window(stamps, 0.1) <= 3 + 1


@pytest.mark.parametrize(("rate", "burst"), [(0, 1), (-1, 1), (10, 0)])
def test_rejects_nonsense_settings(rate: float, burst: int) -> None:
    with pytest.raises(ValueError):
        TokenBucket(rate, burst=burst)
