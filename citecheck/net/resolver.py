"""Name resolution, and telling "this name does not exist" from "DNS is down".

Offline, every lookup fails at once exactly as a name that does not exist does.
A failed lookup only counts as "dns" (evidence that a link is dead) when the
resolver demonstrably works: some canary name resolves. The canaries are asked
once per client, on the first failure, and the answer is kept.
"""

from __future__ import annotations

import socket
import threading

from citecheck.net.failures import FetchFailure


class Resolver:
    def __init__(self, canaries: tuple[str, ...]) -> None:
        self._canaries = canaries
        self._lock = threading.Lock()
        self._dns_works: bool | None = None

    def resolve(self, host: str, port: int) -> list[tuple]:
        """getaddrinfo for a TCP connection; raises FetchFailure "dns" or "offline"."""
        try:
            return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            code = "dns" if self.dns_works() else "offline"
            raise FetchFailure(code, f"cannot resolve {host}: {exc}") from None

    def dns_works(self) -> bool:
        with self._lock:
            if self._dns_works is None:
                self._dns_works = any(_resolves(name) for name in self._canaries)
            return self._dns_works

    @property
    def checked(self) -> bool:
        """Whether the canaries have been asked (only after a failed lookup)."""
        return self._dns_works is not None


def _resolves(name: str) -> bool:
    try:
        return bool(socket.getaddrinfo(name, 80, type=socket.SOCK_STREAM))
    except (OSError, UnicodeError):
        return False
