"""Hostile servers: every fetch ends within the per-URL deadline, with bounded memory.

Each case is one path of the raw-socket `HostileServer` on 127.0.0.1. The client
runs with a short deadline; what is asserted is the evidence (`Check`), the time it
took, the Python heap it needed (tracemalloc peak) and, once the judge is present,
the verdict a user would read.
"""

from __future__ import annotations

import time
import tracemalloc

import pytest

from citecheck import net
from citecheck.model import Check, Link
from citecheck.verdicts import Observations, judge
from tests.robustness.hostile import HostileServer, gzip_bomb

DEADLINE = 2.5
#: Time allowed past the deadline for thread wake-ups and closing sockets.
SLACK = 1.0
#: The Python heap a single fetch may use, whatever the server sends.
MEMORY_LIMIT = 16 * 1024 * 1024


@pytest.fixture(scope="module")
def server():
    gzip_bomb()  # build the payload before any measurement
    with HostileServer() as running:
        yield running


@pytest.fixture(scope="module")
def client():
    policy = net.NetPolicy(
        connect_timeout=1.0,
        read_timeout=1.5,
        deadline=DEADLINE,
        retries=1,
        backoff_base=0.05,
        backoff_max=0.1,
        allow_private=True,
        dns_canaries=(),
    )
    with net.HttpClient(policy) as running:
        yield running


def measured_fetch(client, url: str) -> tuple[Check, float, int]:
    """(check, seconds, peak traced bytes) of one fetch."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        check = client.fetch(url)
        seconds = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return check, seconds, peak


def verdict_state(url: str, check: Check) -> str:
    """The judge's verdict on `check`."""
    return judge(Link(url, ()), Observations(main=check)).state


def assert_bounded(check: Check, seconds: float, peak: int) -> None:
    assert seconds <= DEADLINE + SLACK, f"took {seconds:.2f} s: {check}"
    assert peak <= MEMORY_LIMIT, f"peak heap {peak / 1e6:.1f} MB"


FAILING = [
    pytest.param("/loop-a", {"redirect-loop", "too-many-redirects"}, {"dead"}, id="redirect-loop"),
    pytest.param(
        "/chain/0", {"too-many-redirects"}, {"dead", "inconclusive"}, id="endless-redirect-chain"
    ),
    pytest.param("/drip", {"timeout"}, {"inconclusive"}, id="drips-one-byte-at-a-time"),
    pytest.param("/silent", {"timeout"}, {"inconclusive"}, id="accepts-never-answers"),
    pytest.param(
        "/close-early", {"reset", "invalid-response"}, {"inconclusive"}, id="closes-before-answer"
    ),
    pytest.param("/bad-status", {"invalid-response"}, {"inconclusive"}, id="invalid-status-line"),
    pytest.param("/garbage", {"invalid-response"}, {"inconclusive"}, id="binary-garbage"),
    pytest.param(
        "/huge-headers", {"invalid-response", "timeout"}, {"inconclusive"}, id="ten-mb-of-headers"
    ),
    pytest.param(
        "/huge-header", {"invalid-response", "timeout"}, {"inconclusive"}, id="one-8mb-header"
    ),
]


@pytest.mark.parametrize(("path", "errors", "states"), FAILING)
def test_failing_server_ends_in_time_with_a_failure(server, client, path, errors, states):
    url = server.url(path)
    check, seconds, peak = measured_fetch(client, url)
    assert_bounded(check, seconds, peak)
    assert check.error in errors, check
    state = verdict_state(url, check)
    assert state in states, (state, check)


def test_redirect_chain_stops_at_the_hop_cap(server, client):
    check, _, _ = measured_fetch(client, server.url("/chain/0"))
    assert check.error == "too-many-redirects", check
    assert len(check.hops) == client.policy.max_redirects + 1, check
    assert all(hop.status == 302 for hop in check.hops), check


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/big", id="50mb-html"),
        pytest.param("/big-pdf", id="50mb-pdf"),
        pytest.param("/endless", id="endless-chunked-body"),
        pytest.param("/bomb", id="gzip-bomb"),
        pytest.param("/drip-body", id="body-drips-one-byte-at-a-time"),
        pytest.param("/close-mid", id="closes-mid-body"),
    ],
)
def test_oversized_or_broken_body_is_capped(server, client, path):
    """A page that answers 200 stays alive; only its first bytes are ever kept."""
    url = server.url(path)
    check, seconds, peak = measured_fetch(client, url)
    assert_bounded(check, seconds, peak)
    assert len(check.body) <= client.policy.max_body_bytes
    state = verdict_state(url, check)
    if check.status == 200:
        assert state in ("resolvable", "inconclusive"), (state, check)
    else:
        assert check.error is not None, check
        assert state == "inconclusive", (state, check)


def test_many_hostile_urls_at_once_end_in_time(server):
    """Twenty hostile fetches in parallel: all end within one deadline plus slack."""
    from citecheck.net.pool import run_concurrently

    paths = ["/silent", "/drip", "/big", "/bomb", "/endless", "/huge-headers", "/loop-a"] * 3
    policy = net.NetPolicy(
        connect_timeout=1.0,
        read_timeout=1.5,
        deadline=DEADLINE,
        retries=0,
        allow_private=True,
        host_concurrency=32,
        dns_canaries=(),
    )
    started = time.monotonic()
    with net.HttpClient(policy) as parallel:
        checks = run_concurrently(
            [server.url(path) for path in paths], parallel.fetch, concurrency=32
        )
    assert time.monotonic() - started <= DEADLINE + 2 * SLACK
    assert len(checks) == len(paths)
    assert all(len(check.body) <= policy.max_body_bytes for check in checks)


def test_healthy_path_still_answers(server, client):
    """The server itself is sound: its plain page is fetched fine."""
    check, seconds, peak = measured_fetch(client, server.url("/ok"))
    assert check.status == 200 and check.error is None, check
    assert b"fine" in check.body
    assert_bounded(check, seconds, peak)


#: Judges the page saved in argv[1] once to warm up, then eight copies at once on threads
#: (as the check workers do), and prints how far the peak RSS rose above the warm RSS.
JUDGE_IN_PARALLEL = """
import sys, threading
from citecheck.model import Check, Link
from citecheck.verdicts import Observations, judge

def rss(field):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])

body = open(sys.argv[1], "rb").read()
def one(i):
    url = f"http://127.0.0.2/page/{i}"
    check = Check(url=url, method="GET", status=200, final_url=url, body=body,
                  content_type="text/html")
    judge(Link(url, ()), Observations(main=check))
one(0)
before = rss("VmRSS")
workers = [threading.Thread(target=one, args=(i,)) for i in range(1, 9)]
[w.start() for w in workers]
[w.join() for w in workers]
print((rss("VmHWM") - before) / 1024)
"""


def test_gzip_bomb_pages_are_judged_in_bounded_memory(server, client, tmp_path):
    """Eight bomb pages judged at once stay within 32 MB of RSS (a plain page: ~0)."""
    import subprocess
    import sys
    from pathlib import Path

    check = client.fetch(server.url("/bomb"))
    assert check.body, check
    page = tmp_path / "bomb-page.html"
    page.write_bytes(check.body)
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", JUDGE_IN_PARALLEL, str(page)],
        cwd=root, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    growth_mb = float(done.stdout.strip().splitlines()[-1])
    assert growth_mb < 32, f"peak RSS grew by {growth_mb:.0f} MB"
