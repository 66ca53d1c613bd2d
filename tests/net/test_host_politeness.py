"""One server gets one politeness budget however its URLs spell it, and a server that
answers 429 to everything is asked less and less, not three times per URL.

Both servers count what they see themselves (connections in flight at once, requests
received); the client is driven with more workers than slots, so only the client's own
limits can keep the counts down.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from citecheck.net import HttpClient
from citecheck.net.pool import run_concurrently
from tests.net.conftest import fast


class _Counting:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.in_flight = 0
        self.peak = 0
        self.requests = 0


@contextmanager
def counting_server(status: int, delay: float, headers: dict[str, str]) -> Iterator[tuple]:
    """A loopback server answering `status` to every GET after `delay` seconds; yields
    (port, counters)."""
    counts = _Counting()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            with counts.lock:
                counts.requests += 1
                counts.in_flight += 1
                counts.peak = max(counts.peak, counts.in_flight)
            try:
                time.sleep(delay)
                body = b"<html><title>answer</title><p>a page of some length</p></html>"
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
            finally:
                # Counted out before the body goes: once the client has the last byte it
                # may start its next request before this thread would run again.
                with counts.lock:
                    counts.in_flight -= 1
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server.server_address[1], counts
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_every_spelling_of_one_server_shares_its_slots() -> None:
    with counting_server(200, 0.15, {}) as (port, counts):
        spellings = [
            f"http://127.0.0.1:{port}/a",
            f"HTTP://127.0.0.1:{port}/b",
            f"http://localhost:{port}/c",
            f"http://LOCALHOST:{port}/d",
            f"http://127.0.0.1:{port}/e?x=1",
        ]
        urls = [f"{url}{'&' if '?' in url else '?'}n={n}" for n in range(6) for url in spellings]
        with HttpClient(fast(host_concurrency=2, deadline=10, read_timeout=5)) as client:
            checks = run_concurrently(urls, client.fetch, concurrency=len(urls))
    assert [check.status for check in checks] == [200] * len(urls)
    assert counts.requests >= len(urls)
    assert 1 <= counts.peak <= 2


def test_a_host_answering_429_to_everything_is_paced() -> None:
    """200 URLs, every answer 429 with Retry-After: 1. Retried as usual, they would
    cost 600 requests; paced, the host sees a few bursts and then one a second."""
    with counting_server(429, 0.0, {"Retry-After": "1"}) as (port, counts):
        urls = [f"http://127.0.0.1:{port}/item/{n}" for n in range(200)]
        policy = fast(host_concurrency=4, deadline=3, read_timeout=1, retry_after_cap=2)
        started = time.monotonic()
        with HttpClient(policy) as client:
            checks = run_concurrently(urls, client.fetch, concurrency=16)
        took = time.monotonic() - started
    assert counts.requests <= 30, counts.requests  # not 600
    assert took < 20
    # Each URL ends with the host's 429, unsent, or (a turn that came just before the
    # deadline, on a loaded machine) cut off by its deadline: never anything else.
    outcomes = {check.status or check.error for check in checks}
    assert outcomes <= {429, "host-rate-limited", "timeout"}, outcomes
    unsent = [check for check in checks if check.error == "host-rate-limited"]
    assert unsent and all(check.attempts == 0 for check in unsent)


def test_pacing_ends_with_the_first_answer_that_is_not_429() -> None:
    from citecheck.net.hosts import THROTTLE_AFTER, HostPacer

    pacer = HostPacer()
    for _ in range(THROTTLE_AFTER):
        pacer.answered("host", 429, 0.5)
    assert pacer.paced("host")
    assert pacer.turn("host", time_left=10) > 0  # the longest Retry-After, for everyone
    pacer.answered("host", 200, None)
    assert not pacer.paced("host") and pacer.turn("host", time_left=10) == 0


def test_one_origin_however_it_is_written() -> None:
    from urllib.parse import urlsplit

    from citecheck.net.hosts import origin_of

    same = [
        "http://example.org/",
        "http://example.org:80/a",
        "HTTP://EXAMPLE.ORG/b",
        "http://example.org./",
    ]
    assert {origin_of(urlsplit(url)) for url in same} == {("http", "example.org", 80)}
    assert origin_of(urlsplit("https://example.org/")) == ("https", "example.org", 443)
    assert origin_of(urlsplit("http://example.org:8080/")) != origin_of(urlsplit(same[0]))
