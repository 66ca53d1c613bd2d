"""Safety: the private-address guard end to end, and a cache killed mid-write.

The guard: a public-looking site (127.0.0.2, the one network the policy allows)
redirects into loopback, private and link-local space, and names and spellings that
resolve to loopback are cited directly. Nothing may reach the victim server on
127.0.0.1; the fetch ends with "private-address" and the verdict is inconclusive.
The cache: a process writing to it is killed with SIGKILL; the next open works and
keeps what was committed; a damaged cache is moved aside and rebuilt, with a warning,
when its header still carries citecheck's marker, and refused untouched otherwise.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote

import pytest

from citecheck import net
from citecheck import store as cache_module
from citecheck.model import Link
from citecheck.verdicts import Observations, judge

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_STAND_IN = "127.0.0.2"


class _Counting(BaseHTTPRequestHandler):
    """Answers 200, or a redirect to `?to=URL`, and counts every request."""

    protocol_version = "HTTP/1.1"
    hits: list[str]

    def log_message(self, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        self.hits.append(self.path)
        if self.path.startswith("/redirect?to="):
            self.send_response(302)
            self.send_header("Location", unquote(self.path.split("=", 1)[1]))
        else:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "0")
        self.end_headers()


class CountingServer:
    def __init__(self, host: str) -> None:
        handler = type("Handler", (_Counting,), {"hits": []})
        self.hits: list[str] = handler.hits
        self.server = ThreadingHTTPServer((host, 0), handler)
        self.server.daemon_threads = True
        self.host, self.port = host, self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str, host: str | None = None) -> str:
        return f"http://{host or self.host}:{self.port}{path}"

    def __enter__(self) -> CountingServer:
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def victim() -> Iterator[CountingServer]:
    with CountingServer("127.0.0.1") as server:
        yield server


@pytest.fixture
def site() -> Iterator[CountingServer]:
    with CountingServer(PUBLIC_STAND_IN) as server:
        yield server


def guarded_client():
    policy = net.NetPolicy(
        connect_timeout=1.0,
        read_timeout=1.0,
        deadline=3.0,
        retries=0,
        allow_private=False,
        allowed_networks=(f"{PUBLIC_STAND_IN}/32",),
        dns_canaries=(),
    )
    return net.HttpClient(policy)


def verdict_of(url: str, check) -> tuple[str, str]:
    verdict = judge(Link(url, ()), Observations(main=check))
    return verdict.state, verdict.reason


def _loopback_spellings(port: int) -> list[str]:
    spellings = [
        f"http://localhost:{port}/secret",
        f"http://LOCALHOST.:{port}/secret",
        f"http://2130706433:{port}/secret",  # 127.0.0.1 as one decimal number
        f"http://0x7f.0.0.1:{port}/secret",
        f"http://0177.0.0.1:{port}/secret",
        f"http://127.1:{port}/secret",
        f"http://[::ffff:127.0.0.1]:{port}/secret",
        f"http://0.0.0.0:{port}/secret",
    ]
    if socket.has_ipv6:
        spellings.append(f"http://[::1]:{port}/secret")
    return spellings


#: Ways a fetch may end without contacting anything: refused by the guard, a spelling the
#: URL parser rejects, or a name the resolver does not know.
NOT_CONTACTED = ("private-address", "invalid-url", "dns", "offline")

REDIRECT_TARGETS = [
    "http://127.0.0.1:{port}/secret",
    "http://localhost:{port}/secret",
    "http://10.0.0.1/internal",
    "http://10.255.255.254:8080/admin",
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://192.168.1.1/",
    "http://[fd00::1]/",
]


@pytest.mark.parametrize("target", REDIRECT_TARGETS)
def test_redirect_into_private_space_is_refused(site, victim, target):
    target = target.format(port=victim.port)
    url = site.url("/redirect?to=" + quote(target, safe=":/[]"))
    with guarded_client() as client:
        check = client.fetch(url)
    assert check.error == "private-address", check
    assert [hop.status for hop in check.hops] == [302], check
    assert victim.hits == []
    judged = verdict_of(url, check)
    assert judged[0] == "inconclusive", judged


def test_loopback_spellings_are_refused(victim):
    with guarded_client() as client:
        for url in _loopback_spellings(victim.port):
            check = client.fetch(url)
            assert check.status is None and check.error in NOT_CONTACTED, (url, check)
    assert victim.hits == []


def test_allowed_stand_in_is_reached(site):
    """The control: the one allowed network answers, so refusals above are the guard's."""
    with guarded_client() as client:
        check = client.fetch(site.url("/page"))
    assert check.status == 200 and site.hits == ["/page"]


# --- end to end through `citecheck check` ---------------------------------------------------


def _has_check() -> bool:
    from citecheck.commands import COMMANDS

    return any(command.NAME == "check" for command in COMMANDS)


def _check_json(tmp_path: Path, capsys, urls: list[str], *options: str) -> tuple[int, dict, str]:
    """`citecheck check` in this process, inside the fence of tests/fence.py: a guard
    that regressed would meet the fence, not the network."""
    if not _has_check():
        pytest.skip("the check command is not on this branch yet")
    from citecheck.cli import main

    notes = tmp_path / "notes.txt"
    lines = ["注", "[序章]"] + [f"- {i} 資料、{url}。" for i, url in enumerate(urls, start=1)]
    notes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = main(["check", str(notes), "--format", "json", "--no-archive", "--timeout", "2",
                 "--retries", "0", *options])  # fmt: skip
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err, captured.err
    return code, json.loads(captured.out), captured.err


def test_check_without_allow_private_contacts_nothing(tmp_path, capsys, victim):
    urls = [
        victim.url("/by-name", host="localhost"),
        victim.url("/decimal", host="2130706433"),
        victim.url("/mapped", host="[::ffff:127.0.0.1]"),
        victim.url("/direct"),
        "http://10.0.0.1/internal",
        "http://169.254.169.254/latest/meta-data/",
    ]
    code, report, _ = _check_json(tmp_path, capsys, urls, "--no-cache")
    assert victim.hits == []
    assert code == 0  # nothing is dead
    links = {link["url"]: link for link in report["links"]}
    assert len(links) == len(urls)
    for link in links.values():
        assert link["verdict"] == "inconclusive" and "private" in link["reason"], link
    assert report["summary"]["dead"] == 0


def test_check_with_allow_private_reaches_loopback(tmp_path, capsys, victim):
    """The control: the same command with --allow-private does reach the server."""
    code, report, _ = _check_json(tmp_path, capsys, [victim.url("/direct")], "--no-cache",
                                  "--allow-private")  # fmt: skip
    assert victim.hits and report["links"][0]["verdict"] == "resolvable", report
    assert code == 0


# --- the result cache under SIGKILL -------------------------------------------------------

WRITER = """
import sys, time
from citecheck.model import Verdict, Check
from citecheck.store import ResultCache
cache = ResultCache(sys.argv[1])
stop = time.monotonic() + 30
batch = 0
while time.monotonic() < stop:
    items = []
    for i in range(500):
        url = f"http://example.org/{batch}/{i}"
        check = Check(url=url, method="GET", status=200, final_url=url, body=b"x" * 2000)
        items.append((Verdict(url=url, state="resolvable", reason="ok", status=200), [check]))
    cache.record_verdicts(items)
    print(batch, flush=True)
    batch += 1
"""


def _kill_while_writing(path: Path, batches: int) -> int:
    """Start a writer, SIGKILL it after `batches` commits; the last committed batch."""
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    committed = -1
    try:
        assert writer.stdout is not None
        for line in writer.stdout:
            committed = int(line)
            if committed >= batches:
                break
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
    return committed


@pytest.mark.parametrize("batches", [0, 3])
def test_cache_killed_mid_write_opens_with_committed_data(tmp_path, batches):
    path = tmp_path / "cache.sqlite"
    committed = _kill_while_writing(path, batches)
    assert committed >= batches
    with cache_module.ResultCache(path) as cache:
        assert cache.moved_aside is None  # a kill is not damage: WAL recovers it
        assert cache.history(f"http://example.org/{committed}/499")
        from citecheck.model import Verdict

        cache.record_verdict(Verdict(url="http://after/", state="dead", reason="http-404"))
        assert cache.history("http://after/")


@pytest.mark.parametrize(
    "damage",
    ["torn-header", "truncated", "garbage"],
)
def test_damaged_cache_is_moved_aside_only_when_its_marker_says_it_is_ours(tmp_path, damage):
    """A truncated cache still has citecheck's header: it is moved aside and rebuilt. A
    file whose header is gone could be anything the user owns: it is refused, unchanged."""
    path = tmp_path / "cache.sqlite"
    _kill_while_writing(path, 1)
    with cache_module.ResultCache(path):  # fold the WAL into the main file
        pass
    data = path.read_bytes()
    damaged = {
        "torn-header": b"\0" * 100 + data[100:],
        "truncated": data[: len(data) // 3 // 4096 * 4096 + 1000],
        "garbage": os.urandom(len(data)),
    }[damage]
    path.write_bytes(damaged)
    if damage == "truncated":
        with cache_module.ResultCache(path) as cache:
            assert cache.moved_aside is not None and cache.moved_aside.read_bytes() == damaged
            assert cache.history("http://example.org/0/0") == []
            assert any("moved it to" in warning for warning in cache.warnings)
    else:
        with pytest.raises(cache_module.CacheRefused, match="left as it is"):
            cache_module.ResultCache(path)
        assert path.read_bytes() == damaged


def test_check_after_a_killed_check_reuses_the_cache(tmp_path, capsys, victim):
    """End to end: `check` killed mid-run, the next `check` runs and says nothing alarming."""
    if not _has_check():
        pytest.skip("the check command is not on this branch yet")
    cache = tmp_path / "cache.sqlite"
    _kill_while_writing(cache, 2)
    code, report, stderr = _check_json(
        tmp_path, capsys, [victim.url("/after-kill")], "--allow-private", "--cache", str(cache)
    )
    assert code == 0 and report["links"][0]["verdict"] == "resolvable", (report, stderr)
