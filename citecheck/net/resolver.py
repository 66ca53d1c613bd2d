"""Name resolution, and telling "this name does not exist" from "DNS is down".

Offline, every lookup fails at once exactly as a name that does not exist does.
A failed lookup only counts as "dns" (evidence that a link is dead) when the
resolver demonstrably works — some canary name resolves — and it answered that
the name does not exist; a resolver that could not answer this time gives
"dns-temporary". The canaries are asked
once per client, on the first failure, and the answer is kept.
"""

from __future__ import annotations

import socket
import threading

from citecheck.net.failures import FetchFailure

# Answers meaning "this name does not exist" (EAI_NODATA: it exists without addresses).
_NO_SUCH_NAME = frozenset(
    code for code in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", None)) if code is not None
)


class Resolver:
    def __init__(self, canaries: tuple[str, ...]) -> None:
        self._canaries = canaries
        self._lock = threading.Lock()
        self._dns_works: bool | None = None

    def resolve(self, host: str, port: int) -> list[tuple]:
        """getaddrinfo for a TCP connection; raises FetchFailure "dns" or "offline"."""
        try:
            return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except UnicodeError as exc:  # e.g. a label longer than 63 characters
            raise FetchFailure("invalid-url", f"{host}: {exc}") from None
        except socket.gaierror as exc:
            if not self.dns_works():
                code = "offline"
            elif exc.errno in _NO_SUCH_NAME:
                code = "dns"
            else:  # EAI_AGAIN, EAI_FAIL…: the resolver could not answer this time
                code = "dns-temporary"
            raise FetchFailure(code, f"cannot resolve {host}: {exc}") from None

    def dns_works(self) -> bool:
        with self._lock:
            if self._dns_works is None:
                self._dns_works = any(_resolves(name) for name in self._canaries)
            return self._dns_works


def _resolves(name: str) -> bool:
    try:
        return bool(socket.getaddrinfo(name, 80, type=socket.SOCK_STREAM))
    except (OSError, UnicodeError):
        return False
