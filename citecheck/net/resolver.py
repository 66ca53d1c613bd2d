"""Name resolution, and telling "this name does not exist" from "DNS is down".

Offline, every lookup fails at once exactly as a name that does not exist does.
A failed lookup only counts as "dns" (evidence that a link is dead) when the
resolver demonstrably works — some canary name resolves — and it answered that
the name does not exist; a resolver that could not answer this time gives
"dns-temporary". The canaries are asked
once per client, on the first failure, and the answer is kept.

getaddrinfo cannot be interrupted, and a resolver that never answers holds it for
30 s or more whatever the deadline. So a lookup with a time limit runs on a daemon
thread of its own and is waited for only as long as the request has left; at most
`MAX_PENDING` such lookups run at once (a lookup that never ends holds one until the
system gives up on it), and a request finding them all busy waits for its time limit.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable

from citecheck.net.failures import FetchFailure

#: getaddrinfo's signature as this module calls it: (host, port, type=…) -> infos.
Lookup = Callable[..., list[tuple]]
MAX_PENDING = 64
#: Seconds a canary lookup may take before DNS counts as not working.
CANARY_TIMEOUT = 5.0

# Answers meaning "this name does not exist" (EAI_NODATA: it exists without addresses).
_NO_SUCH_NAME = frozenset(
    code for code in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", None)) if code is not None
)


class Resolver:
    """`lookup` is the system's getaddrinfo unless a test or an embedding program
    gives another (the seam for a resolver that never answers)."""

    def __init__(self, canaries: tuple[str, ...], lookup: Lookup | None = None) -> None:
        self._canaries = canaries
        self._lookup = lookup or socket.getaddrinfo
        self._lock = threading.Lock()
        self._dns_works: bool | None = None
        self._pending = threading.BoundedSemaphore(MAX_PENDING)

    def resolve(self, host: str, port: int, timeout: float | None = None) -> list[tuple]:
        """getaddrinfo for a TCP connection, given at most `timeout` seconds (None: as
        long as the system takes); raises FetchFailure "dns", "dns-temporary",
        "offline", or "timeout" when no answer came in time."""
        try:
            return self._within(timeout, host, port, type=socket.SOCK_STREAM)
        except TimeoutError:
            raise FetchFailure("timeout", f"no answer resolving {host} in time") from None
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
                self._dns_works = any(self._resolves(name) for name in self._canaries)
            return self._dns_works

    def _resolves(self, name: str) -> bool:
        try:
            return bool(self._within(CANARY_TIMEOUT, name, 80, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError):  # TimeoutError included
            return False

    def _within(self, timeout: float | None, *args: object, **kwargs: object) -> list[tuple]:
        """`lookup(*args, **kwargs)`, raising TimeoutError after `timeout` seconds."""
        if timeout is None:
            return self._lookup(*args, **kwargs)
        if timeout <= 0 or not self._pending.acquire(timeout=timeout):
            raise TimeoutError
        answer: list = []
        done = threading.Event()

        def run() -> None:
            try:
                answer.append((True, self._lookup(*args, **kwargs)))
            except BaseException as exc:  # handed to the waiting request
                answer.append((False, exc))
            finally:
                self._pending.release()
                done.set()

        threading.Thread(target=run, name="citecheck-resolve", daemon=True).start()
        if not done.wait(timeout):
            raise TimeoutError
        ok, value = answer[0]
        if not ok:
            raise value
        return value
