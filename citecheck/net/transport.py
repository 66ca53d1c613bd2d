"""Guarded sockets: the guard and the watchdog built into every connection.

Each connection resolves the host itself, keeps only the addresses the guard
permits, connects to one of those very addresses (no second lookup that could
answer differently), and hands its socket to the watchdog of the request that is
using it. The request's guard, resolver and watch travel in a thread-local: a
connection is always opened and used on the calling thread (`wire` sends on it).
"""

from __future__ import annotations

import errno
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache

import certifi

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


def open_guarded(scheme: str, host: str, port: int, connect_timeout: float) -> socket.socket:
    """A socket connected to one of the addresses of `host` the guard permits (TLS set up
    for https), watched by the current request's watchdog from its creation on."""
    scope = _scope()
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
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.settimeout(connect_timeout)
            sock.connect(sockaddr)
        except TimeoutError:
            failure = FetchFailure("connect-timeout", host)
        except OSError as exc:
            code = _CONNECT_ERRORS.get(exc.errno or 0, "unreachable")
            failure = FetchFailure(code, f"{host}: {exc}")
        else:
            if scheme != "https":
                return sock
            try:
                secured = _tls().wrap_socket(sock, server_hostname=host)
            except BaseException:
                sock.close()
                raise
            scope.watchdog.add_socket(scope.watch, secured)
            return secured
        sock.close()
        if scope.watch.expired:  # the deadline cut the connection attempt short
            raise FetchFailure("connect-timeout", f"{host}: deadline reached")
    raise failure


def watch_socket(sock: socket.socket) -> None:
    """Put a kept-alive connection's socket under the current request's watchdog."""
    scope = _scope()
    scope.watchdog.add_socket(scope.watch, sock)


@cache
def _tls() -> ssl.SSLContext:
    """Certificates checked against certifi's bundle (as requests and urllib3 check
    them), host names verified, TLS 1.2 at least, HTTP/1.1 offered by ALPN (as urllib3
    offers it)."""
    context = ssl.create_default_context(cafile=certifi.where())
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.set_alpn_protocols(["http/1.1"])
    return context
