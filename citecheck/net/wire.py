"""HTTP/1.1 on the guarded sockets of `transport`: one request, its answer, kept-alive
connections per origin.

What urllib3's pool and http.client did for the client, without their per-request
layers (Timeout and Retry objects, an email parser for every header block, a
response wrapper around a response): about a third of the CPU a request cost.
Their behaviour is kept where an answer depends on it — the same framing (Content-Length,
chunked, until close; none for HEAD, 1xx, 204, 304), the same limits (a line of at most
64 KiB, at most 100 headers), the same header values (obsolete line folding joined by
one space), the same headers in the same order (duplicates after the first of their
name, as urllib3's HTTPHeaderDict lists them) and the same exceptions (http.client's),
so `failures.classify` gives every failure the code it had.

A connection goes back to its origin's idle list only when its answer was read to the
end and the server keeps it open; before reuse it is dropped if the server closed it
meanwhile (readable while idle).
"""

from __future__ import annotations

import http.client
import re
import select
import socket
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator

#: http.client's limits: longest status, header or chunk-size line; most headers.
MAX_LINE = 65536
MAX_HEADERS = 100
_NO_BODY_STATUS = frozenset({204, 304})
_OBSOLETE_FOLD = re.compile(r"(?:(?<![ \t])[ \t]+)?\r\n[ \t]+")
_ILLEGAL_TARGET = re.compile(r"[\x00-\x20\x7f]")
#: What the email parser takes for a header line: printable characters up to a colon.
_HEADER_NAME = re.compile(r"[\x21-\x39\x3b-\x7e]*:")

Origin = tuple[str, str, int]
#: Opens a connected socket to (scheme, host, port) under the current request's scope,
#: TLS already set up for https.
Opener = Callable[[str, str, int, float], socket.socket]


class Headers:
    """An answer's headers: `items()` in urllib3's order (every value of a name right
    after the first one, the name spelled as it first came), `get` joins a name's values
    with ", ", `get_all` (what the cookie jar reads) lists them."""

    __slots__ = ("_fields",)

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        fields: dict[str, list[str]] = {}
        for name, value in pairs:
            known = fields.setdefault(name.lower(), [name])
            known.append(value)
        self._fields = fields

    def items(self) -> Iterator[tuple[str, str]]:
        for values in self._fields.values():
            for value in values[1:]:
                yield values[0], value

    def get(self, name: str, default: str | None = None) -> str | None:
        values = self._fields.get(name.lower())
        return ", ".join(values[1:]) if values else default

    def get_all(self, name: str, default: list[str] | None = None) -> list[str] | None:
        values = self._fields.get(name.lower())
        return values[1:] if values else default

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._fields

    def first(self, name: str) -> str | None:
        """The first value of `name` (what http.client frames the body by)."""
        values = self._fields.get(name)
        return values[1] if values else None


class Connection:
    """A socket, its buffered reader and the origin it talks to."""

    __slots__ = ("origin", "reader", "sock")

    def __init__(self, origin: Origin, sock: socket.socket) -> None:
        self.origin = origin
        self.sock = sock
        self.reader = sock.makefile("rb")

    def dropped(self) -> bool:
        """True when an idle connection was closed by the server (or sent something
        unasked): readable while nothing was asked is never good news."""
        poller = select.poll()  # not select(): descriptors past 1024 are common here
        try:
            poller.register(self.sock, select.POLLIN)
            return bool(poller.poll(0))
        except (OSError, ValueError):
            return True

    def close(self) -> None:
        self.reader.close()
        self.sock.close()


class Response:
    """The status and headers of one answer, its body left on the connection.

    `read(amount)` gives at most `amount` body bytes (b"" at the end), chunked framing
    removed, content encoding kept. `close()` hands a connection whose answer was read
    to its end back to the pool and closes any other.
    """

    def __init__(
        self, pool: Pool, conn: Connection, method: str, status: int, version: int,
        headers: Headers,
    ) -> None:  # fmt: skip
        self.status = status
        self.headers = headers
        self._pool = pool
        self._conn: Connection | None = conn
        self._chunked = (headers.first("transfer-encoding") or "").lower() == "chunked"
        self._chunk_left: int | None = None
        self._length = _length(headers, status, method, self._chunked)
        self._will_close = _will_close(headers, version) or (
            not self._chunked and self._length is None
        )
        self._done = self._length == 0

    def read(self, amount: int) -> bytes:
        conn = self._conn
        if conn is None or self._done:
            return b""
        if self._chunked:
            data = self._read_chunked(conn.reader, amount)
        elif self._length is None:  # until the server closes
            data = conn.reader.read1(amount) if amount else b""
            self._done = not data
        else:
            data = conn.reader.read1(min(amount, self._length))
            if not data:
                raise http.client.IncompleteRead(b"", self._length)
            self._length -= len(data)
            self._done = self._length == 0
        return data

    def drain_conn(self) -> None:
        """Read the rest of the body and throw it away, to keep the connection (a
        failure only costs the connection, as with urllib3)."""
        try:
            while self.read(65536):
                pass
        except (OSError, http.client.HTTPException):
            self._done = False

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        if self._done and not self._will_close:
            self._pool.put(conn)
        else:
            conn.close()

    def _read_chunked(self, reader, amount: int) -> bytes:  # type: ignore[no-untyped-def]
        if not self._chunk_left:
            if self._chunk_left == 0:  # the end of the last chunk's data
                _expect_crlf(reader)
            size = _chunk_size(reader)
            if size == 0:
                _skip_trailers(reader)
                self._done = True
                return b""
            self._chunk_left = size
        data = reader.read1(min(amount, self._chunk_left))
        if not data:
            raise http.client.IncompleteRead(b"", self._chunk_left)
        self._chunk_left -= len(data)
        return data


class Pool:
    """Idle connections per origin: at most `per_origin` each, for the `origins_kept`
    origins used last (the others' connections are closed). Thread-safe."""

    def __init__(self, opener: Opener, origins_kept: int, per_origin: int) -> None:
        self._open = opener
        self._kept = origins_kept
        self._per_origin = per_origin
        self._idle: OrderedDict[Origin, list[Connection]] = OrderedDict()
        self._lock = threading.Lock()

    def send(
        self,
        method: str,
        origin: Origin,
        target: str,
        headers: dict[str, str],
        timeout: tuple[float, float],
        on_socket: Callable[[socket.socket], None],
        body: bytes | None = None,
    ) -> Response:
        """Send one request (on an idle connection to `origin`, else a new one) and read
        its status and headers; `on_socket` hears of the socket before it is used."""
        if _ILLEGAL_TARGET.search(target):
            raise http.client.InvalidURL(f"URL can't contain control characters: {target!r}")
        conn = self._take(origin)
        if conn is None:
            scheme, host, port = origin
            conn = Connection(origin, self._open(scheme, host, port, timeout[0]))
        else:
            on_socket(conn.sock)
        try:
            conn.sock.settimeout(timeout[1])
            conn.sock.sendall(_request_bytes(method, origin, target, headers, body))
            return _read_head(self, conn, method)
        except BaseException:
            conn.close()
            raise

    def put(self, conn: Connection) -> None:
        to_close: list[Connection] = []
        with self._lock:
            idle = self._idle.setdefault(conn.origin, [])
            self._idle.move_to_end(conn.origin)
            if len(idle) < self._per_origin:
                idle.append(conn)
            else:
                to_close.append(conn)
            while len(self._idle) > self._kept:
                to_close += self._idle.popitem(last=False)[1]
        for old in to_close:
            old.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = list(self._idle.values()), OrderedDict()
        for conns in idle:
            for conn in conns:
                conn.close()

    def _take(self, origin: Origin) -> Connection | None:
        while True:
            with self._lock:
                idle = self._idle.get(origin)
                if not idle:
                    return None
                conn = idle.pop()
            if not conn.dropped():
                return conn
            conn.close()


def _request_bytes(
    method: str, origin: Origin, target: str, headers: dict[str, str], body: bytes | None
) -> bytes:
    scheme, host, port = origin
    if ":" in host:
        host = f"[{host}]"
    if port != (443 if scheme == "https" else 80):
        host = f"{host}:{port}"
    lines = [f"{method} {target} HTTP/1.1", f"Host: {host}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    if body is not None:
        lines.append(f"Content-Length: {len(body)}")
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    return head + body if body else head


def _read_head(pool: Pool, conn: Connection, method: str) -> Response:
    """The status line and headers of the answer (a 100 Continue skipped), as
    http.client reads them."""
    reader = conn.reader
    while True:
        version, status = _status_line(reader)
        pairs = _header_block(reader)
        if status != 100:
            return Response(pool, conn, method, status, version, Headers(pairs))


def _status_line(reader) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    line = str(reader.readline(MAX_LINE + 1), "iso-8859-1")
    if len(line) > MAX_LINE:
        raise http.client.LineTooLong("status line")
    if not line:
        raise http.client.RemoteDisconnected("Remote end closed connection without response")
    parts = line.split(None, 2)
    version = parts[0] if len(parts) >= 2 else ""
    if not version.startswith("HTTP/"):
        raise http.client.BadStatusLine(line)
    try:
        status = int(parts[1])
    except ValueError:
        raise http.client.BadStatusLine(line) from None
    if status < 100 or status > 999:
        raise http.client.BadStatusLine(line)
    if version == "HTTP/1.0":
        return 10, status
    if version.startswith("HTTP/1."):
        return 11, status
    raise http.client.UnknownProtocol(version)


def _header_block(reader) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(name, value) of each header line up to the blank line; like the email parser
    http.client uses, a line that is no header ends the headers (the rest is skipped)."""
    lines: list[bytes] = []
    while True:
        line = reader.readline(MAX_LINE + 1)
        if len(line) > MAX_LINE:
            raise http.client.LineTooLong("header line")
        if line in (b"\r\n", b"\n", b""):
            break
        lines.append(line)
        if len(lines) > MAX_HEADERS:
            raise http.client.HTTPException(f"got more than {MAX_HEADERS} headers")
    pairs: list[tuple[str, str]] = []
    for raw in lines:
        line = raw.decode("iso-8859-1")
        if line[:1] in (" ", "\t"):  # an obsolete fold: continues the header before
            if pairs:
                name, value = pairs[-1]
                pairs[-1] = (name, value + "\r\n" + line.rstrip("\r\n"))
            continue
        if not _HEADER_NAME.match(line):
            break
        name, _, value = line.partition(":")
        pairs.append((name, value.lstrip(" \t").rstrip("\r\n")))
    return [
        (name, _OBSOLETE_FOLD.sub(" ", value) if "\r\n" in value else value)
        for name, value in pairs
    ]


def _length(headers: Headers, status: int, method: str, chunked: bool) -> int | None:
    """Body bytes to read: 0 for answers without a body, None for chunked or
    until-close framing."""
    if status in _NO_BODY_STATUS or 100 <= status < 200 or method == "HEAD":
        return 0
    if chunked:
        return None
    declared = headers.get("content-length")
    if declared is None:
        return None
    try:
        lengths = {int(value) for value in declared.split(",")}
    except ValueError:
        return None
    if len(lengths) > 1:  # which one frames the body? urllib3 refused such an answer too
        raise http.client.HTTPException(f"Content-Length values disagree: {declared}")
    length = lengths.pop()
    return length if length >= 0 else None


def _will_close(headers: Headers, version: int) -> bool:
    connection = (headers.first("connection") or "").lower()
    if version == 11:
        return "close" in connection
    return not (headers.first("keep-alive") or "keep-alive" in connection)


def _chunk_size(reader) -> int:  # type: ignore[no-untyped-def]
    line = reader.readline(MAX_LINE + 1)
    if len(line) > MAX_LINE:
        raise http.client.LineTooLong("chunk size")
    try:
        size = int(line.split(b";", 1)[0], 16)
    except ValueError:
        raise http.client.IncompleteRead(b"") from None
    if size < 0:
        raise http.client.IncompleteRead(b"")
    return size


def _expect_crlf(reader) -> None:  # type: ignore[no-untyped-def]
    if reader.read(2) != b"\r\n":
        raise http.client.IncompleteRead(b"")


def _skip_trailers(reader) -> None:  # type: ignore[no-untyped-def]
    for _ in range(MAX_HEADERS + 1):
        line = reader.readline(MAX_LINE + 1)
        if len(line) > MAX_LINE:
            raise http.client.LineTooLong("trailer line")
        if line in (b"\r\n", b"\n", b""):
            return
    raise http.client.HTTPException(f"got more than {MAX_HEADERS} trailers")
