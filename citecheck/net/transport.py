"""urllib3's connection pools with the guard and the watchdog built into every connection.

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
from dataclasses import dataclass, field

import certifi
import urllib3
import urllib3.connection
import urllib3.connectionpool

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
    #: Answers the client already got for (host, port) while choosing the request's
    #: politeness slot: the first new connection to it uses them (still checked by the
    #: guard) instead of asking again; any later connection resolves afresh.
    resolved: dict[tuple[str, int], list[tuple]] = field(default_factory=dict)


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
        infos = scope.resolved.pop((host.lower().rstrip("."), port), None)
        if infos is None:
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


class GuardedPools:
    """One pool of guarded connections per host (the `hosts_kept` most recent), sent
    to without retries, redirects or proxies: the client does each of those itself.

    urllib3 directly, not requests' adapter: the same pools and the same certificate
    checks (certifi's bundle, as requests uses), without building a requests Response
    (its case-insensitive headers, cookie jar and hooks) for every answer.
    """

    def __init__(self, hosts_kept: int, connections_per_host: int) -> None:
        self._manager = urllib3.PoolManager(
            num_pools=hosts_kept,
            maxsize=connections_per_host,
            block=False,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
        )
        self._manager.pool_classes_by_scheme = {
            "http": GuardedHTTPConnectionPool,
            "https": GuardedHTTPSConnectionPool,
        }

    def send(
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        timeout: tuple[float, float],
        body: bytes | None = None,
    ) -> urllib3.BaseHTTPResponse:
        """The answer's status and headers; its body is left unread on the connection."""
        parts = urllib3.util.parse_url(url)
        pool = self._manager.connection_from_host(parts.host, parts.port, parts.scheme)
        return pool.urlopen(
            method,
            parts.request_uri,
            headers=headers,
            body=body,
            redirect=False,
            assert_same_host=False,
            preload_content=False,
            decode_content=False,
            retries=False,
            timeout=urllib3.Timeout(connect=timeout[0], read=timeout[1]),
        )

    def close(self) -> None:
        self._manager.clear()
