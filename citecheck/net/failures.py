"""Why a request got no usable answer, as the short codes a `Check.error` carries.

Codes: "dns" (the name does not exist, and DNS demonstrably works),
"dns-temporary" (the resolver could not answer this time), "offline"
(DNS or the network itself is down), "unreachable" (no route to that host),
"refused", "connect-timeout", "timeout", "reset", "ssl", "invalid-response",
"private-address", "invalid-url", "unsupported-scheme", "too-many-redirects",
"redirect-loop", "no-socket" (this machine could not open one), "host-rate-limited"
(not sent: the host answered 429 to request after request, and this URL's turn would
come after its deadline; see `net.hosts`).
"""

from __future__ import annotations

import errno
import http.client
import socket
import ssl

# Worth another attempt: the next one may well succeed.
RETRYABLE = frozenset({"timeout", "connect-timeout", "reset", "dns-temporary"})


class FetchFailure(Exception):
    """Raised inside a request to end it with a known code.

    Deliberately not an OSError: urllib3 and requests let it through untouched,
    so the code survives their exception wrapping.
    """

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code


def classify(exc: BaseException) -> str:
    """Map an exception raised by a request to its failure code."""
    for cause in _causes(exc):
        code = _code_of(cause)
        if code is not None:
            return code
    return "invalid-response"


def _causes(exc: BaseException):
    """The exception and everything it wraps, outermost first (bounded walk)."""
    seen: set[int] = set()
    pending = [exc]
    while pending and len(seen) < 32:
        current = pending.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        reason = getattr(current, "reason", None)
        linked = [reason, current.__cause__, current.__context__]
        linked += [arg for arg in getattr(current, "args", ()) if isinstance(arg, BaseException)]
        pending.extend(e for e in linked if isinstance(e, BaseException))


def _code_of(exc: BaseException) -> str | None:
    if isinstance(exc, FetchFailure):
        return exc.code
    # Imported on a failure only: a plain request never imports requests (`net.prepare`).
    import requests
    import urllib3.exceptions

    if isinstance(exc, requests.exceptions.ConnectTimeout | urllib3.exceptions.ConnectTimeoutError):
        return "connect-timeout"
    if isinstance(
        exc,
        requests.exceptions.ReadTimeout | urllib3.exceptions.ReadTimeoutError | socket.timeout,
    ):
        return "timeout"
    if isinstance(exc, ssl.SSLError | ssl.CertificateError | requests.exceptions.SSLError):
        return "ssl"
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if isinstance(exc, http.client.BadStatusLine) and not isinstance(
        exc, http.client.RemoteDisconnected
    ):
        return "invalid-response"
    if isinstance(
        exc,
        http.client.RemoteDisconnected
        | http.client.IncompleteRead
        | urllib3.exceptions.IncompleteRead
        | ConnectionResetError
        | ConnectionAbortedError
        | BrokenPipeError,
    ):
        return "reset"
    if isinstance(exc, http.client.LineTooLong | http.client.HTTPException):
        return "invalid-response"
    if isinstance(exc, urllib3.exceptions.LocationParseError | requests.exceptions.InvalidURL):
        return "invalid-url"
    if isinstance(exc, OSError) and exc.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        return "unreachable"
    return None
