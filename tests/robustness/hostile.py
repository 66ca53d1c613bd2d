"""A loopback server that misbehaves on purpose, one behaviour per path, on raw sockets.

Every connection is served on its own daemon thread and every behaviour ends by
itself: endless ones stop when the client goes away, when the server is stopped,
or after `MAX_CONNECTION_SECONDS`. Only 127.0.0.1 is ever bound.
"""

from __future__ import annotations

import socket
import threading
import time
import zlib
from collections.abc import Callable
from functools import cache

MAX_CONNECTION_SECONDS = 20.0
BIG_BODY_BYTES = 50 * 1024 * 1024
BOMB_BYTES = 200 * 1024 * 1024
CHUNK = b"<p>" + b"x" * (256 * 1024 - 7) + b"</p>\n"

Behaviour = Callable[["Connection", str], None]


@cache
def gzip_bomb() -> bytes:
    """About 200 KB of gzip that inflates to `BOMB_BYTES` of HTML-ish zeros."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * (1024 * 1024)
    parts = [compressor.compress(b"<html><body>")]
    parts += [compressor.compress(block) for _ in range(BOMB_BYTES // len(block))]
    parts.append(compressor.flush())
    return b"".join(parts)


class Connection:
    """One accepted client socket, with the helpers behaviours write with."""

    def __init__(self, sock: socket.socket, stopping: threading.Event) -> None:
        self.sock = sock
        self.stopping = stopping
        self.started = time.monotonic()

    @property
    def expired(self) -> bool:
        age = time.monotonic() - self.started
        return self.stopping.is_set() or age > MAX_CONNECTION_SECONDS

    def send(self, data: bytes) -> bool:
        """Send everything; False when the client has gone away."""
        try:
            self.sock.sendall(data)
            return True
        except OSError:
            return False

    def wait(self, seconds: float) -> bool:
        """Sleep unless the server stops; False when it stopped."""
        return not self.stopping.wait(seconds)

    def head(self, status: str, headers: dict[str, str]) -> bool:
        lines = [f"HTTP/1.1 {status}"] + [f"{k}: {v}" for k, v in headers.items()]
        return self.send(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))


def redirect_loop(conn: Connection, path: str) -> None:
    target = "/loop-b" if path == "/loop-a" else "/loop-a"
    conn.head("302 Found", {"Location": target, "Content-Length": "0"})


def endless_chain(conn: Connection, path: str) -> None:
    step = int(path.rsplit("/", 1)[1]) + 1
    conn.head("302 Found", {"Location": f"/chain/{step}", "Content-Length": "0"})


def big_body(conn: Connection, path: str, content_type: str = "text/html") -> None:
    headers = {"Content-Type": content_type, "Content-Length": str(BIG_BODY_BYTES)}
    if not conn.head("200 OK", headers):
        return
    for _ in range(BIG_BODY_BYTES // len(CHUNK)):
        if conn.expired or not conn.send(CHUNK):
            return


def big_pdf(conn: Connection, path: str) -> None:
    big_body(conn, path, "application/pdf")


def endless_body(conn: Connection, path: str) -> None:
    """Chunked transfer that never ends: the only limit is the client's."""
    if not conn.head("200 OK", {"Content-Type": "text/html", "Transfer-Encoding": "chunked"}):
        return
    frame = f"{len(CHUNK):x}\r\n".encode() + CHUNK + b"\r\n"
    while not conn.expired and conn.send(frame):
        pass


def bomb(conn: Connection, path: str) -> None:
    data = gzip_bomb()
    headers = {
        "Content-Type": "text/html",
        "Content-Encoding": "gzip",
        "Content-Length": str(len(data)),
    }
    if conn.head("200 OK", headers):
        conn.send(data)


def drip(conn: Connection, path: str) -> None:
    """A valid response, one byte every half second, forever."""
    payload = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>" + b"." * 10_000
    for byte in payload:
        if conn.expired or not conn.send(bytes([byte])) or not conn.wait(0.5):
            return


def drip_body(conn: Connection, path: str) -> None:
    """Headers at once, then a body of one byte every half second."""
    if not conn.head("200 OK", {"Content-Type": "text/html", "Content-Length": "100000"}):
        return
    while not conn.expired and conn.send(b".") and conn.wait(0.5):
        pass


def silent(conn: Connection, path: str) -> None:
    """Accepts, reads the request and never answers."""
    while not conn.expired and conn.wait(0.2):
        pass


def close_mid_response(conn: Connection, path: str) -> None:
    headers = {"Content-Type": "text/html", "Content-Length": "100000"}
    if conn.head("200 OK", headers):
        conn.send(b"<html><head><title>half</title></head><body>" + b"y" * 2000)


def close_before_answer(conn: Connection, path: str) -> None:
    """Closes the connection as soon as the request is read."""


def invalid_status_line(conn: Connection, path: str) -> None:
    conn.send(b"HTTP/1.1 two hundred OK\r\nContent-Length: 2\r\n\r\nok")


def garbage(conn: Connection, path: str) -> None:
    conn.send(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(range(256)) * 4)


def huge_headers(conn: Connection, path: str) -> None:
    """Ten thousand 1 KB headers (10 MB) before any body."""
    if not conn.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"):
        return
    line = b"X-Filler-%05d: " + b"z" * 1000 + b"\r\n"
    for index in range(10_000):
        if conn.expired or not conn.send(line.replace(b"%05d", b"%05d" % index)):
            return
    conn.send(b"Content-Length: 2\r\n\r\nok")


def one_huge_header(conn: Connection, path: str) -> None:
    """A single header line of 8 MB."""
    if not conn.send(b"HTTP/1.1 200 OK\r\nX-Huge: "):
        return
    for _ in range(32):
        if conn.expired or not conn.send(b"h" * (256 * 1024)):
            return
    conn.send(b"\r\nContent-Length: 2\r\n\r\nok")


def ok(conn: Connection, path: str) -> None:
    body = b"<html><head><title>fine</title></head><body>fine</body></html>"
    headers = {"Content-Type": "text/html", "Content-Length": str(len(body))}
    if conn.head("200 OK", headers):
        conn.send(body)


BEHAVIOURS: dict[str, Behaviour] = {
    "/loop-a": redirect_loop,
    "/loop-b": redirect_loop,
    "/chain": endless_chain,
    "/big": big_body,
    "/big-pdf": big_pdf,
    "/endless": endless_body,
    "/bomb": bomb,
    "/drip": drip,
    "/drip-body": drip_body,
    "/silent": silent,
    "/close-mid": close_mid_response,
    "/close-early": close_before_answer,
    "/bad-status": invalid_status_line,
    "/garbage": garbage,
    "/huge-headers": huge_headers,
    "/huge-header": one_huge_header,
    "/ok": ok,
}


def behaviour_for(path: str) -> Behaviour:
    if path in BEHAVIOURS:
        return BEHAVIOURS[path]
    prefix = "/" + path.strip("/").split("/", 1)[0]
    return BEHAVIOURS.get(prefix, ok)


class HostileServer:
    """Serve `BEHAVIOURS` on 127.0.0.1 until `stop()`; use as a context manager."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=64)
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)
        self._listener.close()

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                sock, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(sock,), daemon=True).start()

    def _serve(self, sock: socket.socket) -> None:
        with sock:
            sock.settimeout(MAX_CONNECTION_SECONDS)
            path = _read_request_path(sock)
            if path is not None:
                behaviour_for(path)(Connection(sock, self._stopping), path)


def _read_request_path(sock: socket.socket) -> str | None:
    """The request path, after reading the request head (bounded to 64 KB)."""
    data = b""
    try:
        while b"\r\n\r\n" not in data and len(data) < 65536:
            chunk = sock.recv(4096)
            if not chunk:
                return None
            data += chunk
    except OSError:
        return None
    parts = data.split(b"\r\n", 1)[0].split(b" ")
    return parts[1].decode("latin-1").split("?", 1)[0] if len(parts) >= 2 else None
