"""Per-host and global concurrency limits, seen from the servers' own counters."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from citecheck.net import HttpClient
from citecheck.net.limits import SlotLimiter
from citecheck.net.pool import pool_limits, run_concurrently
from tests.net.conftest import fast
from tests.servers import ScenarioWeb


def _slow_urls(web: ScenarioWeb, per_host: int, hosts: int, ms: int = 60) -> list[str]:
    paths = [(f"/slow/{h}-{n}?ms={ms}", h) for n in range(per_host) for h in range(hosts)]
    return [web.url(path, host=host) for path, host in paths]


def test_per_host_limit_is_reached_and_never_exceeded() -> None:
    with ScenarioWeb(hosts=3) as web, HttpClient(fast(host_concurrency=2)) as client:
        urls = _slow_urls(web, per_host=8, hosts=3)
        checks = run_concurrently(urls, client.fetch, concurrency=16)
    assert all(check.status == 200 for check in checks)
    assert web.stats.peak_per_host == {"127.0.0.2": 2, "127.0.0.3": 2, "127.0.0.4": 2}


def test_global_limit_is_reached_and_never_exceeded() -> None:
    with ScenarioWeb(hosts=3) as web, HttpClient(fast(concurrency=3)) as client:
        # Answers slow enough that three are surely in flight at once on a loaded machine.
        urls = _slow_urls(web, per_host=4, hosts=3, ms=250)
        run_concurrently(urls, client.fetch, concurrency=12)
    assert web.stats.peak_total == 3


def test_slot_is_released_while_waiting_to_retry() -> None:
    # One slot per host: a URL sleeping on Retry-After must not block the host.
    with ScenarioWeb(hosts=1) as web, HttpClient(fast(host_concurrency=1, deadline=3)) as client:
        started = time.monotonic()
        results = run_concurrently(
            [web.url("/rate-limited/1?after=1"), web.url("/slow/2?ms=100")],
            lambda url: (client.fetch(url), time.monotonic() - started),
            concurrency=2,
        )
    (limited, _), (slow, slow_done) = results
    assert limited.status == slow.status == 200
    assert slow_done < 0.9


def test_results_keep_the_input_order() -> None:
    assert run_concurrently(range(50), lambda n: n * n, concurrency=7) == [n * n for n in range(50)]


def test_fair_queue_keeps_other_hosts_moving() -> None:
    # Host "a" blocks its items until released; "b" must still finish while "a" holds.
    release = threading.Event()
    finished_b = []

    def work(item: tuple[str, int]) -> str:
        host, _ = item
        if host == "a":
            assert release.wait(5)
        else:
            finished_b.append(item)
            if len(finished_b) == 10:
                release.set()
        return host

    items = [("a", n) for n in range(10)] + [("b", n) for n in range(10)]
    results = run_concurrently(items, work, concurrency=4, key=lambda item: item[0], per_key=2)
    assert results == ["a"] * 10 + ["b"] * 10


def test_worker_exception_is_raised_again() -> None:
    def explode(n: int) -> int:
        if n == 3:
            raise ValueError("boom")
        return n

    with pytest.raises(ValueError, match="boom"):
        run_concurrently(range(10), explode, concurrency=2)


def test_a_pool_sized_by_pool_limits_keeps_the_client_limits() -> None:
    policy = fast(host_concurrency=2)
    workers, per_key = pool_limits(policy.concurrency, policy.host_concurrency)
    assert per_key > policy.host_concurrency  # more workers than slots: the client holds them
    with ScenarioWeb(hosts=3) as web, HttpClient(policy) as client:
        urls = _slow_urls(web, per_host=6, hosts=3)
        done: list[int] = []
        checks = run_concurrently(
            urls,
            client.fetch,
            concurrency=workers,
            key=lambda url: url.split("/")[2],
            per_key=per_key,
            progress=lambda finished, total: done.append(finished),
        )
    assert [check.url for check in checks] == urls
    assert max(web.stats.peak_per_host.values()) == 2
    assert sorted(done) == list(range(1, len(urls) + 1))


def _wait_until(condition, seconds: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the waiters never lined up"
        time.sleep(0.005)


def test_a_free_host_slot_goes_to_a_first_request_before_a_retry() -> None:
    limiter = SlotLimiter(total=10, per_host=1)
    holder = limiter.slot("host")
    holder.__enter__()
    order: list[str] = []

    def wait_for_slot(name: str, first: bool) -> None:
        with limiter.slot("host", first=first):
            order.append(name)

    host = limiter._hosts["host"]
    retry = threading.Thread(target=wait_for_slot, args=("retry", False))
    retry.start()
    _wait_until(lambda: len(host._others) == 1)
    fresh = threading.Thread(target=wait_for_slot, args=("first request", True))
    fresh.start()
    _wait_until(lambda: len(host._firsts) == 1)
    holder.__exit__(None, None, None)
    retry.join(5)
    fresh.join(5)
    assert order == ["first request", "retry"]
    with limiter.slot("host"):  # every slot came back
        pass


def test_an_interrupted_wait_for_a_slot_loses_no_slot() -> None:
    limiter = SlotLimiter(total=10, per_host=1)
    holder = limiter.slot("host")
    holder.__enter__()

    class Interrupted(Exception):
        pass

    def interrupt(signum: int, frame: object) -> None:
        raise Interrupted

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.1)
        with pytest.raises(Interrupted), limiter.slot("host", first=False):
            pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert not limiter._hosts["host"]._others  # the interrupted waiter left the line
    holder.__exit__(None, None, None)
    taken = threading.Event()

    def take() -> None:
        with limiter.slot("host"):
            taken.set()

    thread = threading.Thread(target=take)
    thread.start()
    thread.join(5)
    assert taken.is_set()  # the slot went back to the free ones, to nobody waiting


class _RecordingLimiter(SlotLimiter):
    """A limiter that notes, for each slot asked for, whether it was a first request."""

    def __init__(self, total: int, per_host: int) -> None:
        super().__init__(total, per_host)
        self.asked: list[bool] = []

    def slot(self, host_key, *, first: bool = True):  # type: ignore[no-untyped-def]
        self.asked.append(first)
        return super().slot(host_key, first=first)


@pytest.mark.parametrize(
    ("path", "asked"),
    [
        ("/ok/p1", [True]),
        ("/moved-permanent/p2", [True, False]),  # the hop to /ok/p2-new
        ("/flaky/p3", [True, False, False]),  # two 503s, then the answer
    ],
)
def test_only_a_fetchs_first_request_asks_as_a_first_one(path: str, asked: list[bool]) -> None:
    policy = fast(backoff_base=0.01)
    with ScenarioWeb(hosts=1) as web, HttpClient(policy) as client:
        client._limiter = limiter = _RecordingLimiter(policy.concurrency, policy.host_concurrency)
        check = client.fetch(web.url(path))
    assert check.status == 200
    assert limiter.asked == asked
