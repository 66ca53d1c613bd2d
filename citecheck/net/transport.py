"""requests' transport with the guard and the watchdog built into every connection.

Each connection resolves the host itself, keeps only the addresses the guard
permits, connects to one of those very addresses (no second lookup that could
answer differently), and hands its socket to the watchdog of the request that is
using it. The request's guard, resolver and watch travel in a thread-local: a
urllib3 connection is always opened and used on the calling thread.
"""

from __future__ import annotations

import errno
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import urllib3.connection
import urllib3.connectionpool
from requests.adapters import HTTPAdapter

from citecheck.net.failures import FetchFailure
from citecheck.net.guard import AddressGuard
from citecheck.net.resolver import Resolver
from citecheck.net.watchdog import Watch, Watchdog


@dataclass(frozen=True)
class RequestScope:
    guard: AddressGuard
    resolver: Resolver
    watchdog: Watchdog
    watch: Watch


_local = threading.local()


@contextmanager
def request_scope(scope: RequestScope) -> Iterator[None]:
    """Make `scope` the one the connections opened or used on this thread obey."""
    _local.scope = scope
    try:
        yield
    finally:
        _local.scope = None


def _scope() -> RequestScope:
    scope = getattr(_local, "scope", None)
    if scope is None:  # a programming error, not a network condition
        raise RuntimeError("a guarded connection was used outside a request scope")
    return scope


_CONNECT_ERRORS = {
    errno.ECONNREFUSED: "refused",
    errno.ETIMEDOUT: "connect-timeout",
    errno.ECONNRESET: "reset",
}


class _GuardedConnectionMixin:
    """Overrides for urllib3's HTTP(S)Connection; see the module docstring."""

    def _new_conn(self) -> socket.socket:
        scope = _scope()
        host, port = self._dns_host, self.port  # type: ignore[attr-defined]
        infos = scope.resolver.resolve(host, port, timeout=scope.watchdog.left(scope.watch))
        permitted = [info for info in infos if scope.guard.permits(info[4][0])]
        if not permitted:
            refused = ", ".join(sorted({str(info[4][0]) for info in infos}))
            raise FetchFailure("private-address", f"{host} resolves to {refused}")
        failure = FetchFailure("unreachable", host)
        for family, kind, proto, _, sockaddr in permitted:
            try:
                sock = socket.socket(family, kind, proto)
            except OSError as exc:  # out of file descriptors, family not supported here
                failure = FetchFailure("no-socket", str(exc))
                continue
            scope.watchdog.add_socket(scope.watch, sock)
            try:
                for option in self.socket_options or ():  # type: ignore[attr-defined]
                    sock.setsockopt(*option)
                sock.settimeout(self.timeout)  # type: ignore[attr-defined]
                sock.connect(sockaddr)
                return sock
            except TimeoutError:
                failure = FetchFailure("connect-timeout", host)
            except OSError as exc:
                code = _CONNECT_ERRORS.get(exc.errno or 0, "unreachable")
                failure = FetchFailure(code, f"{host}: {exc}")
            sock.close()
            if scope.watch.expired:  # the deadline cut the connection attempt short
                raise FetchFailure("connect-timeout", f"{host}: deadline reached")
        raise failure

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        _scope().watchdog.add_socket(_scope().watch, self.sock)  # type: ignore[attr-defined]

    def request(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if self.sock is not None:  # type: ignore[attr-defined]  # a reused keep-alive connection
            _scope().watchdog.add_socket(_scope().watch, self.sock)  # type: ignore[attr-defined]
        super().request(*args, **kwargs)  # type: ignore[misc]


class GuardedHTTPConnection(_GuardedConnectionMixin, urllib3.connection.HTTPConnection):
    pass


class GuardedHTTPSConnection(_GuardedConnectionMixin, urllib3.connection.HTTPSConnection):
    pass


class GuardedHTTPConnectionPool(urllib3.connectionpool.HTTPConnectionPool):
    ConnectionCls = GuardedHTTPConnection


class GuardedHTTPSConnectionPool(urllib3.connectionpool.HTTPSConnectionPool):
    ConnectionCls = GuardedHTTPSConnection


class GuardedAdapter(HTTPAdapter):
    """requests' adapter whose pools open guarded connections; it never retries."""

    def __init__(self, hosts_kept: int, connections_per_host: int) -> None:
        super().__init__(
            pool_connections=hosts_kept,
            pool_maxsize=connections_per_host,
            max_retries=0,
            pool_block=False,
        )

    def init_poolmanager(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": GuardedHTTPConnectionPool,
            "https": GuardedHTTPSConnectionPool,
        }
