"""HTTP/1.1 on raw sockets (`net.wire`): what the answer's bytes become in a `Check`.

The server is a few lines of raw socket on 127.0.0.1 that answers each request with the
canned bytes of its path, on a kept-alive connection, and counts its connections.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from citecheck.net import HttpClient
from tests.net.conftest import fast

ANSWERS = {
    "/headers": b"HTTP/1.1 200 OK\r\nX-A: 1\r\nContent-Type: text/html\r\nX-A: 2\r\n"
    b"X-Fold: a\r\n  b\r\nContent-Length: 5\r\n\r\nhello",
    "/chunked": b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"3\r\nabc\r\n4;ext=1\r\ndefg\r\n0\r\nX-Trailer: t\r\n\r\n",
    "/continue": b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
    "/close": b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok",
    "/short": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10\r\n\r\nabc",
    "/lengths": b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc",
}


class CannedServer:
    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.connections = 0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                sock, _ = self.listener.accept()
            except TimeoutError:
                continue
            self.connections += 1
            threading.Thread(target=self._serve, args=(sock,), daemon=True).start()

    def _serve(self, sock: socket.socket) -> None:
        sock.settimeout(5)
        pending = b""
        with sock:
            for _ in range(20):  # requests per connection, bounded
                while b"\r\n\r\n" not in pending:
                    data = sock.recv(4096) if not self.stopping.is_set() else b""
                    if not data:
                        return
                    pending += data
                head, _, pending = pending.partition(b"\r\n\r\n")
                path = head.split(b" ", 2)[1].decode()
                sock.sendall(ANSWERS[path])
                if path in ("/close", "/short", "/lengths"):
                    return


@pytest.fixture
def server() -> Iterator[CannedServer]:
    running = CannedServer()
    running.thread.start()
    try:
        yield running
    finally:
        running.stopping.set()
        running.thread.join(timeout=5)
        running.listener.close()


def test_headers_keep_urllib3s_order_and_folds_are_joined(server: CannedServer) -> None:
    with HttpClient(fast()) as client:
        check = client.fetch(server.url("/headers"))
    assert (check.status, check.body) == (200, b"hello")
    assert check.headers == (
        ("x-a", "1"),
        ("x-a", "2"),
        ("content-type", "text/html"),
        ("x-fold", "a b"),
        ("content-length", "5"),
    )


def test_a_chunked_body_is_read_without_its_framing(server: CannedServer) -> None:
    with HttpClient(fast()) as client:
        check = client.fetch(server.url("/chunked"))
    assert (check.status, check.body, check.error) == (200, b"abcdefg", None)


def test_a_100_continue_is_skipped(server: CannedServer) -> None:
    with HttpClient(fast()) as client:
        check = client.fetch(server.url("/continue"))
    assert (check.status, check.body, check.error) == (200, b"ok", None)


def test_a_connection_is_kept_alive_unless_the_server_closes_it(server: CannedServer) -> None:
    with HttpClient(fast()) as client:
        for path in ("/headers", "/chunked", "/headers", "/close"):
            assert client.fetch(server.url(path)).status == 200
        assert server.connections == 1
        assert client.fetch(server.url("/headers")).status == 200
    assert server.connections == 2


def test_a_body_shorter_than_its_length_is_a_reset(server: CannedServer) -> None:
    with HttpClient(fast(retries=0)) as client:
        check = client.fetch(server.url("/short"))
    assert (check.status, check.error) == (None, "reset")


def test_an_answer_with_two_lengths_is_refused(server: CannedServer) -> None:
    with HttpClient(fast(retries=0)) as client:
        check = client.fetch(server.url("/lengths"))
    assert (check.status, check.error) == (None, "invalid-response")
