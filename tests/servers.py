"""A loopback web of misbehaving test servers, one scenario per path.

    with ScenarioWeb(hosts=3) as web:
        url = web.url("/flaky/1?n=2", host=1)     # http://127.0.0.3:<port>/flaky/1?n=2
        ...
        web.stats.requests_to(1), web.stats.peak_per_host, web.stats.hits("/flaky/1")

Each host is a threaded server on its own loopback address (127.0.0.2, .3, …,
ephemeral ports), so per-host limits are real. Requests are parsed by hand so a
scenario can misbehave at the byte level. The scenario is the first path
segment; the rest is an id, so counters (flaky, rate-limited) are per URL.
Everything ends by itself: idle connections time out, held responses end after
`hold_seconds` or when the web closes.

  /                          200 home page
  /ok/ID                     200 HTML article
  /moved-permanent/ID        301 → /ok/ID-new          /moved-308/ID  308 → /ok/ID-new
  /moved-temp/ID             302 → /ok/ID-tmp          /moved-307/ID  307 → /ok/ID-tmp
  /see-other/ID              303 → /ok/ID-other
  /moved-host/ID             301 → the next host's /ok/ID-new
  /trailing-slash/ID         301 → /trailing-slash/ID/, which is 200
  /missing/ID 404    /gone/ID 410    /server-error/ID 500 (always)
  /flaky/ID?n=K              503 for the first K requests (default 2), then 200
  /rate-limited/ID?after=S   429 + Retry-After: S (default 1) on the first request, then 200
  /forbidden/ID              403 bot wall with cf-mitigated: challenge
  /head-not-allowed/ID       405 on HEAD, 200 on GET
  /slow/ID?ms=M              200 after M ms (default 300)
  /hang/ID                   reads the request, never answers
  /loop/ID                   302 → /loop/ID/b → 302 → /loop/ID
  /chain/ID/N                302 → /chain/ID/N-1 … /chain/ID/0 is 200 (an endless chain for big N)
  /soft-404/ID               200 HTML titled "Page not found"
  /to-home/ID                301 → /
  /meta-refresh/ID           200 HTML, meta refresh "0; url=/ok/ID-refreshed"
  /big/ID?mb=M               200 application/pdf, M MB (default 50), streamed
  /big-html/ID?mb=M          200 text/html, M MB (default 50), streamed
  /gzip-bomb/ID              200 text/html, gzip: ~64 KB on the wire, 64 MB inflated
  /deflate/ID                200 text/html, zlib-deflated article
  /drip/ID?every=S           200 headers, then one body byte every S s (default 1)
  /drip-headers/ID?every=S   the status line and headers one byte every S s
  /close-mid-response/ID     200, Content-Length 100000, 1000 bytes, then closes
  /close-before-response/ID  reads the request and closes the connection
  /invalid-status/ID         answers "HELLO WORLD" instead of a status line
  /huge-headers/ID           200 with a 100 KB header line
  /many-headers/ID           200 with 500 headers
  /redirect?to=URL&code=C    C (default 302) → URL
  /cookie-gate/ID            302 to itself with Set-Cookie, 200 once the cookie comes back
  /utf8-location/ID          301 whose Location is raw UTF-8 bytes: /ok/日本
  /echo-headers              200 application/json: the request headers
"""

from __future__ import annotations

import gzip
import json
import socket
import socketserver
import ssl
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

REASONS = {
    200: "OK", 301: "Moved Permanently", 302: "Found", 303: "See Other",
    307: "Temporary Redirect", 308: "Permanent Redirect", 403: "Forbidden",
    404: "Not Found", 405: "Method Not Allowed", 410: "Gone", 429: "Too Many Requests",
    500: "Internal Server Error", 503: "Service Unavailable",
}  # fmt: skip


def page(title: str, body: str = "", head: str = "") -> bytes:
    return (
        f"<!doctype html><html><head><meta charset=utf-8>{head}<title>{title}</title></head>"
        f"<body><h1>{title}</h1>{body}</body></html>"
    ).encode()


@cache
def gzip_bomb(inflated_mb: int = 64) -> bytes:
    return gzip.compress(b"\0" * (inflated_mb * 1024 * 1024), compresslevel=9)


@dataclass
class Stats:
    """What the servers saw: counts per host and path, and concurrency peaks."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    requests: int = 0
    per_host: Counter = field(default_factory=Counter)
    per_path: Counter = field(default_factory=Counter)
    methods: Counter = field(default_factory=Counter)
    inflight: Counter = field(default_factory=Counter)
    peak_per_host: Counter = field(default_factory=Counter)
    inflight_total: int = 0
    peak_total: int = 0
    connections: Counter = field(default_factory=Counter)

    def hits(self, path: str) -> int:
        with self.lock:
            return self.per_path[path]

    def enter(self, host: str, method: str, path: str) -> None:
        with self.lock:
            self.requests += 1
            self.per_host[host] += 1
            self.per_path[path] += 1
            self.methods[method] += 1
            self.inflight[host] += 1
            self.inflight_total += 1
            self.peak_per_host[host] = max(self.peak_per_host[host], self.inflight[host])
            self.peak_total = max(self.peak_total, self.inflight_total)

    def leave(self, host: str) -> None:
        with self.lock:
            self.inflight[host] -= 1
            self.inflight_total -= 1


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def __init__(self, address: tuple[str, int], web: ScenarioWeb) -> None:
        self.web = web
        super().__init__(address, _Handler)

    def get_request(self):  # type: ignore[no-untyped-def]
        sock, address = super().get_request()
        if self.web.tls is not None:
            sock.settimeout(2)  # a client that never finishes the handshake must not block us
            sock = self.web.tls.wrap_socket(sock, server_side=True)
        return sock, address


class _Close(Exception):
    """End this connection without another answer."""


class _Handler(socketserver.StreamRequestHandler):
    server: _Server
    disable_nagle_algorithm = True

    def handle(self) -> None:
        web = self.server.web
        self.connection.settimeout(web.idle_seconds)
        host = self.server.server_address[0]
        with web.stats.lock:
            web.stats.connections[host] += 1
        try:
            for _ in range(1000):  # keep-alive, bounded
                if web.stopping.is_set() or not self._one_request(host):
                    return
        except (OSError, _Close):
            return

    def _one_request(self, host: str) -> bool:
        line = self.rfile.readline(65537)
        if not line.strip():
            return False
        method, target, _version = line.decode("latin-1").split()
        headers: dict[str, str] = {}
        for _ in range(200):
            header = self.rfile.readline(65537)
            if header in (b"\r\n", b"\n", b""):
                break
            name, _, value = header.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        parts = urlsplit(target)
        web = self.server.web
        web.stats.enter(host, method, parts.path)
        scenario = _Scenario(self, web, host, method, parts.path, parts.query, headers)
        try:
            if web.latency:
                time.sleep(web.latency)
            return scenario.run()
        finally:
            scenario.leave()


def _head_bytes(status: int, head: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status} {REASONS.get(status, 'X')}", "Server: scenario-web"]
    lines += [f"{k}: {v}" for k, v in head.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


class _Scenario:
    """Answers one request according to its path."""

    def __init__(self, handler, web, host, method, path, query, headers) -> None:  # type: ignore[no-untyped-def]
        self.h, self.web, self.host, self.method = handler, web, host, method
        self.path, self.headers = path, headers
        self.query = {k: v[0] for k, v in parse_qs(query).items()}
        segments = path.strip("/").split("/")
        self.name = segments[0]
        self.ident = segments[1] if len(segments) > 1 else "0"
        self.segments = segments
        self.in_flight = True

    def leave(self) -> None:
        """The request is over for the counters (once)."""
        if self.in_flight:
            self.in_flight = False
            self.web.stats.leave(self.host)

    # --- writing -----------------------------------------------------------------

    def send(self, status: int, body: bytes = b"", extra: dict[str, str] | None = None) -> bool:
        """The whole answer in one write, the request counted over just before it: the
        client can send its next request only once it read this answer, so the counters
        never see two requests in flight that the client did not have in flight."""
        head = {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(body))}
        head.update(extra or {})
        answer = _head_bytes(status, head) + (body if self.method != "HEAD" else b"")
        self.leave()
        self.h.wfile.write(answer)
        self.h.wfile.flush()
        return True

    def write_head(self, status: int, head: dict[str, str]) -> None:
        self.h.wfile.write(_head_bytes(status, head))

    def redirect(self, status: int, location: str) -> bool:
        return self.send(status, b"", {"Location": location})

    def hold(self) -> None:
        """Keep the connection open without answering, until the client leaves."""
        sock = self.h.connection
        deadline = time.monotonic() + self.web.hold_seconds
        while time.monotonic() < deadline and not self.web.stopping.is_set():
            sock.settimeout(0.05)
            try:
                if sock.recv(1) == b"":
                    return
            except TimeoutError:
                continue
            except OSError:
                return

    def drip(self, data: bytes, every: float) -> None:
        deadline = time.monotonic() + self.web.hold_seconds
        for byte in data:
            if time.monotonic() > deadline or self.web.stopping.is_set():
                return
            self.h.wfile.write(bytes([byte]))
            self.h.wfile.flush()
            time.sleep(every)

    def stream(self, content_type: str, megabytes: float) -> bool:
        total = int(megabytes * 1024 * 1024)
        self.write_head(200, {"Content-Type": content_type, "Content-Length": str(total)})
        if self.method == "HEAD":
            self.h.wfile.flush()
            return True
        chunk = b"%PDF-1.4\n".ljust(64 * 1024, b"x")
        sent = 0
        while sent < total and not self.web.stopping.is_set():
            part = chunk[: total - sent]
            self.h.wfile.write(part)
            sent += len(part)
        self.h.wfile.flush()
        return True

    # --- routing -------------------------------------------------------------------

    def run(self) -> bool:
        route = getattr(self, "do_" + self.name.replace("-", "_"), None) if self.name else None
        if self.path == "/":
            return self.send(200, page(f"Home of {self.host}"))
        if route is None:
            return self.send(404, page("Not Found"))
        return route()

    def count(self) -> int:
        with self.web.lock:
            key = (self.host, self.path)
            self.web.counters[key] += 1
            return self.web.counters[key]

    def do_ok(self) -> bool:
        return self.send(200, page(f"Article {self.ident}", "<p>Some cited content.</p>"))

    def do_moved_permanent(self) -> bool:
        return self.redirect(301, f"/ok/{self.ident}-new")

    def do_moved_308(self) -> bool:
        return self.redirect(308, f"/ok/{self.ident}-new")

    def do_moved_temp(self) -> bool:
        return self.redirect(302, f"/ok/{self.ident}-tmp")

    def do_moved_307(self) -> bool:
        return self.redirect(307, f"/ok/{self.ident}-tmp")

    def do_see_other(self) -> bool:
        return self.redirect(303, f"/ok/{self.ident}-other")

    def do_moved_host(self) -> bool:
        index = self.web.addresses.index(self.host)
        target = (index + 1) % len(self.web.addresses)
        return self.redirect(301, self.web.url(f"/ok/{self.ident}-new", host=target))

    def do_trailing_slash(self) -> bool:
        if self.path.endswith("/"):
            return self.send(200, page(f"Article {self.ident}"))
        return self.redirect(301, self.path + "/")

    def do_missing(self) -> bool:
        return self.send(404, page("Not Found"))

    def do_gone(self) -> bool:
        return self.send(410, page("Gone"))

    def do_server_error(self) -> bool:
        return self.send(500, page("Internal Server Error"))

    def do_flaky(self) -> bool:
        if self.count() <= int(self.query.get("n", "2")):
            return self.send(503, page("Service Unavailable"))
        return self.do_ok()

    def do_rate_limited(self) -> bool:
        if self.count() == 1:
            after = self.query.get("after", "1")
            return self.send(429, page("Too Many Requests"), {"Retry-After": after})
        return self.do_ok()

    def do_forbidden(self) -> bool:
        extra = {"cf-mitigated": "challenge", "Server": "cloudflare"}
        return self.send(403, page("Just a moment...", "<p>Checking your browser.</p>"), extra)

    def do_head_not_allowed(self) -> bool:
        if self.method == "HEAD":
            return self.send(405, b"", {"Allow": "GET"})
        return self.do_ok()

    def do_slow(self) -> bool:
        time.sleep(int(self.query.get("ms", "300")) / 1000)
        return self.do_ok()

    def do_hang(self) -> bool:
        self.hold()
        return False

    def do_loop(self) -> bool:
        back = len(self.segments) > 2
        return self.redirect(302, f"/loop/{self.ident}" if back else f"/loop/{self.ident}/b")

    def do_chain(self) -> bool:
        left = int(self.segments[2]) if len(self.segments) > 2 else 0
        if left <= 0:
            return self.do_ok()
        return self.redirect(302, f"/chain/{self.ident}/{left - 1}")

    def do_soft_404(self) -> bool:
        return self.send(200, page("Page not found", "<p>Sorry, this page does not exist.</p>"))

    def do_to_home(self) -> bool:
        return self.redirect(301, "/")

    def do_meta_refresh(self) -> bool:
        meta = f'<meta http-equiv="refresh" content="0; url=/ok/{self.ident}-refreshed">'
        return self.send(200, page("Redirecting", "This page has moved.", head=meta))

    def do_big(self) -> bool:
        return self.stream("application/pdf", float(self.query.get("mb", "50")))

    def do_big_html(self) -> bool:
        return self.stream("text/html", float(self.query.get("mb", "50")))

    def do_gzip_bomb(self) -> bool:
        return self.send(200, gzip_bomb(), {"Content-Encoding": "gzip"})

    def do_deflate(self) -> bool:
        body = zlib.compress(page(f"Article {self.ident}", "<p>Deflated.</p>"))
        return self.send(200, body, {"Content-Encoding": "deflate"})

    def do_drip(self) -> bool:
        self.write_head(200, {"Content-Type": "text/html", "Content-Length": "100000"})
        self.h.wfile.flush()
        self.drip(b"x" * 100000, float(self.query.get("every", "1")))
        return False

    def do_drip_headers(self) -> bool:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Pad: " + b"y" * 1000
        self.drip(head, float(self.query.get("every", "1")))
        return False

    def do_close_mid_response(self) -> bool:
        self.write_head(200, {"Content-Type": "text/html", "Content-Length": "100000"})
        self.h.wfile.write(b"<html>" + b"x" * 994)
        self.h.wfile.flush()
        raise _Close

    def do_close_before_response(self) -> bool:
        raise _Close

    def do_invalid_status(self) -> bool:
        self.h.wfile.write(b"HELLO WORLD\r\n\r\n")
        self.h.wfile.flush()
        raise _Close

    def do_huge_headers(self) -> bool:
        return self.send(200, page("Huge"), {"X-Huge": "h" * 100_000})

    def do_many_headers(self) -> bool:
        self.write_head(200, {f"X-Header-{n}": "v" for n in range(500)} | {"Content-Length": "0"})
        self.h.wfile.flush()
        return True

    def do_redirect(self) -> bool:
        return self.redirect(int(self.query.get("code", "302")), self.query.get("to", "/"))

    def do_cookie_gate(self) -> bool:
        if "gate=open" in self.headers.get("cookie", ""):
            return self.do_ok()
        return self.send(302, b"", {"Location": self.path, "Set-Cookie": "gate=open; Path=/"})

    def do_utf8_location(self) -> bool:
        head = "HTTP/1.1 301 Moved Permanently\r\nContent-Length: 0\r\nLocation: /ok/日本\r\n\r\n"
        self.h.wfile.write(head.encode("utf-8"))
        self.h.wfile.flush()
        return True

    def do_echo_headers(self) -> bool:
        body = json.dumps(self.headers).encode()
        return self.send(200, body, {"Content-Type": "application/json"})


class ScenarioWeb:
    """Start `hosts` scenario servers on 127.0.0.2, 127.0.0.3, …; stop them on exit.

    `latency` delays every answer (seconds); `hold_seconds` bounds how long a
    hanging or dripping answer lasts; `idle_seconds` closes idle keep-alive
    connections; `tls` (a server-side SSLContext) serves HTTPS instead.
    """

    def __init__(
        self,
        hosts: int = 2,
        *,
        latency: float = 0.0,
        hold_seconds: float = 10.0,
        idle_seconds: float = 5.0,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.tls = tls
        self.scheme = "https" if tls is not None else "http"
        self.addresses = [f"127.0.0.{2 + n}" for n in range(hosts)]
        self.latency = latency
        self.hold_seconds = hold_seconds
        self.idle_seconds = idle_seconds
        self.stats = Stats()
        self.counters: Counter = Counter()
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self._servers: list[_Server] = []
        self._threads: list[threading.Thread] = []

    def url(self, path: str, host: int = 0) -> str:
        address, port = self._servers[host].server_address[:2]
        return f"{self.scheme}://{address}:{port}{path}"

    def port(self, host: int = 0) -> int:
        return self._servers[host].server_address[1]

    def __enter__(self) -> ScenarioWeb:
        for address in self.addresses:
            server = _Server((address, 0), self)
            thread = threading.Thread(
                target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
            )
            thread.start()
            self._servers.append(server)
            self._threads.append(thread)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stopping.set()
        for server in self._servers:
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)


def free_port(address: str = "127.0.0.2") -> int:
    """A port on `address` with nothing listening (connections are refused)."""
    with socket.socket() as sock:
        sock.bind((address, 0))
        return sock.getsockname()[1]


class TitledPage(BaseHTTPRequestHandler):
    """Every path: 200 and a small HTML page with a title (a cited page that is live)."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        body = b"<!doctype html><title>A cited page</title><p>" + b"text " * 200
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve_loopback(handler: Callable[..., BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve `handler` (a handler class, or a partial of one) on 127.0.0.1 (a free port)
    for the block; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
