"""The private-address guard, tested so that a regression cannot leave the machine.

Hostile names resolve through `FakeDNS` (tests/fence.py) to private, link-local and
loopback addresses, and every test runs inside the fence that refuses connections
outside loopback: if the guard let a fetch through, the fence would stop it before a
packet went out and the test would fail. The controls below prove the fence does
exactly that. Then `citecheck check` end to end, without --allow-private: redirects
and meta refreshes into private space, a name that rebinds between the page and the
host's not-found baseline, archive endpoints in private space, and proxy variables
pointing at a local server — none reaches a private address or the victim server.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from citecheck.cli import main
from citecheck.net import HttpClient, NetPolicy
from citecheck.net.guard import AddressGuard
from tests.fence import FakeDNS, Fence
from tests.servers import page

SITE, VICTIM = "127.0.0.2", "127.0.0.5"
DNS = {
    "site.test": [SITE],
    "victim.test": [VICTIM],
    "metadata.test": ["169.254.169.254"],
    "intranet.test": ["10.0.0.1"],
    "mapped.test": ["::ffff:10.0.0.1"],
    "router.test": ["192.168.1.1"],
    "rebind.test": [SITE, "10.0.0.1"],  # public-looking first, private from then on
    "archive.test": ["169.254.169.254"],
}


class _Counting(BaseHTTPRequestHandler):
    """200 article, `/refresh?to=URL` (meta refresh), `/redirect?to=URL` (302), 404 for
    the not-found baseline's random path; counts
    every request and closes every connection, so each request resolves its name anew."""

    protocol_version = "HTTP/1.1"
    hits: list[str]

    def log_message(self, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        self.hits.append(self.path)
        parts = urlsplit(self.path)
        target = parse_qs(parts.query).get("to", [""])[0]
        body = b""
        if parts.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", target)
        elif parts.path.startswith("/citecheck-"):  # a well-behaved site's not-found
            self.send_response(404)
        else:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            refresh = f'<meta http-equiv="refresh" content="0; url={target}">' if target else ""
            body = page("An article about the cited matter", "<p>Text.</p>" * 50, refresh)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True


class Server:
    def __init__(self, host: str) -> None:
        handler = type("Handler", (_Counting,), {"hits": []})
        self.hits: list[str] = handler.hits
        self.httpd = ThreadingHTTPServer((host, 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, name: str, path: str) -> str:
        return f"http://{name}:{self.port}{path}"

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def site() -> Iterator[Server]:
    with Server(SITE) as server:
        yield server


@pytest.fixture
def victim() -> Iterator[Server]:
    with Server(VICTIM) as server:
        yield server


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> FakeDNS:
    return FakeDNS(DNS).install(monkeypatch)


def guarded(**changes: object) -> HttpClient:
    policy = NetPolicy(
        connect_timeout=1.0, read_timeout=2.0, deadline=4.0, retries=0,
        allowed_networks=(f"{SITE}/32",), dns_canaries=(),
    )  # fmt: skip
    return HttpClient(NetPolicy(**{**policy.__dict__, **changes}))


# --- the controls: the fence stops what the guard would have let through ---------------


def test_the_fence_stops_a_connection_the_guard_allows(outside_fence: Fence) -> None:
    with guarded(allow_private=True) as client:  # the guard off, as a regression would be
        check = client.fetch("http://10.0.0.1/admin")
    assert outside_fence.attempts == [("10.0.0.1", 80)]
    assert check.error in ("unreachable", "offline")  # the fence refused: nothing was sent
    outside_fence.attempts.clear()


def test_a_regressed_guard_fails_here_without_sending(
    outside_fence: Fence, site: Server, dns: FakeDNS, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(AddressGuard, "permits", lambda self, address: True)
    with guarded() as client:
        check = client.fetch(site.url("site.test", "/redirect?to=http://metadata.test/"))
    assert check.error != "private-address"
    assert outside_fence.attempts == [("169.254.169.254", 80)]
    outside_fence.attempts.clear()


# --- the guard, through names it cannot see through without resolving -----------------


@pytest.mark.parametrize(
    "target", ["metadata.test", "intranet.test", "mapped.test", "router.test", "victim.test"]
)
def test_a_redirect_to_a_name_in_private_space_is_refused(site, victim, dns, target) -> None:
    port = f":{victim.port}" if target == "victim.test" else ""
    with guarded() as client:
        check = client.fetch(site.url("site.test", f"/redirect?to=http://{target}{port}/x"))
    assert check.error == "private-address", check
    assert [hop.status for hop in check.hops] == [302]
    assert dns.asked[target] == 1 and victim.hits == []


def test_a_name_that_rebinds_is_refused_on_the_next_connection(site, dns) -> None:
    with guarded() as client:
        first = client.fetch(site.url("rebind.test", "/a"))
        second = client.fetch(site.url("rebind.test", "/b"))
    assert first.status == 200
    assert second.error == "private-address", second
    assert site.hits == ["/a"] and dns.asked["rebind.test"] == 2


# --- citecheck check, end to end ------------------------------------------------------


def check_json(tmp_path: Path, capsys, urls: list[str], *extra: str) -> tuple[int, dict]:
    notes = tmp_path / "notes.txt"
    lines = ["注", "[序章]"] + [f"- {n} 資料、{url}。" for n, url in enumerate(urls, start=1)]
    notes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    argv = ["check", str(notes), "--format", "json", "--no-cache", "--timeout", "2",
            "--retries", "0", "--allow-network", f"{SITE}/32", *extra]  # fmt: skip
    code = main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, json.loads(captured.out)


def verdicts(report: dict) -> dict[str, tuple[str, str]]:
    return {link["url"]: (link["verdict"], link["reason"]) for link in report["links"]}


def test_check_follows_no_redirect_or_refresh_into_private_space(
    tmp_path, capsys, site, victim, dns
) -> None:
    inside = [
        "http://metadata.test/latest/meta-data/", "http://intranet.test/wiki",
        victim.url("victim.test", "/secret"), "http://10.0.0.1/admin", "http://[fd00::1]/x",
    ]  # fmt: skip
    urls = [site.url("site.test", f"/redirect?to={quote(t, safe='')}") for t in inside]
    urls += [site.url("site.test", f"/refresh?to={quote(t, safe='')}") for t in inside]
    code, report = check_json(tmp_path, capsys, urls, "--no-archive")
    assert victim.hits == []
    found = verdicts(report)
    assert len(found) == len(urls)
    for url in urls[: len(inside)]:  # a redirect into private space: no answer to judge
        assert found[url][0] == "inconclusive" and "private" in found[url][1], found[url]
    for url in urls[len(inside):]:  # nor a refresh there: no move to report
        assert found[url] == ("inconclusive", "meta-refresh-private-address"), found[url]
    assert dns.asked["metadata.test"] == 2 and dns.asked["victim.test"] == 2  # asked, refused
    assert code in (0, 1) and report["summary"]["dead"] == 0


def test_the_baseline_of_a_rebinding_name_is_refused(tmp_path, capsys, site, dns) -> None:
    _, report = check_json(tmp_path, capsys, [site.url("rebind.test", "/page")], "--no-archive")
    assert site.hits == ["/page"]  # the not-found baseline would have gone to 10.0.0.1
    assert dns.asked["rebind.test"] >= 2
    assert report["links"][0]["verdict"] != "dead"


@pytest.mark.parametrize(
    "endpoints",
    [
        ["--wayback-api", "http://archive.test/wayback/available",
         "--cdx-api", "http://archive.test/cdx/search/cdx"],
        ["--wayback-api", "http://10.0.0.1/wayback/available",
         "--cdx-api", "http://169.254.169.254/cdx/search/cdx"],
    ],
)  # fmt: skip
def test_archive_endpoints_in_private_space_are_refused(
    tmp_path, capsys, site, dns, endpoints
) -> None:
    urls = [site.url("site.test", "/page")]
    _, report = check_json(tmp_path, capsys, urls, "--archive-scope", "all", *endpoints)
    assert site.hits[:1] == ["/page"]
    assert report["links"][0]["archive"] is None
    if "http://archive.test/wayback/available" in endpoints:
        assert dns.asked["archive.test"] >= 1  # looked up, then refused


def test_proxy_variables_do_not_route_requests(tmp_path, capsys, site, victim, dns, monkeypatch):
    proxy = f"http://{VICTIM}:{victim.port}"
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(name, proxy)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    _, report = check_json(tmp_path, capsys, [site.url("site.test", "/page")], "--no-archive")
    assert victim.hits == []  # a proxy on loopback would be a way around the guard
    assert site.hits[:1] == ["/page"] and report["links"][0]["verdict"] == "resolvable"
