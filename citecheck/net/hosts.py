"""Which server a URL reaches, for politeness, and how fast that server wants to be asked.

`politeness_key`: one server, however its URLs spell it, gets one budget of request
slots. `http://HOST/`, `http://host:80/` and `HTTP://host/` are one origin (scheme,
lower-cased host without a trailing dot, effective port); `http://localhost/` and
`http://127.0.0.1/` are one address. The client keys its slots on the address once the
name resolves (the origin until then).

`HostPacer`: a host that answers several requests in a row with 429 Too Many Requests
is asked less, not more: from then on its requests go out one at a time, each the
longest Retry-After it sent (at least a second) after the one before, and a URL whose
turn would come after its deadline is not sent at all. The first answer other than
429 lifts it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Hashable
from dataclasses import dataclass
from urllib.parse import SplitResult

DEFAULT_PORTS = {"http": 80, "https": 443}
#: 429 answers in a row after which a host is paced.
THROTTLE_AFTER = 3
#: Seconds between two requests to a paced host that sent no (or a shorter) Retry-After.
MIN_INTERVAL = 1.0

Origin = tuple[str, str, int]


def origin_of(parts: SplitResult) -> Origin:
    """(scheme, host, effective port) of a split http(s) URL; raises ValueError for a
    port out of range."""
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    return scheme, host, parts.port or DEFAULT_PORTS.get(scheme, 0)


def address_key(infos: list[tuple], port: int) -> Hashable:
    """The politeness key of a resolved host: its first IPv4 address (else its first
    address) in a fixed order, so a name and the address it resolves to share one key."""
    addresses = sorted({str(info[4][0]) for info in infos}, key=lambda a: (":" in a, a))
    return ("address", addresses[0], port)


@dataclass
class _Pace:
    streak: int = 0  # 429 answers in a row
    longest: float = 0.0  # longest Retry-After seen while the streak lasts
    next_at: float = 0.0  # monotonic time the next request may go out
    paced: bool = False


class HostPacer:
    """Thread-safe; see the module docstring."""

    def __init__(self) -> None:
        self._hosts: dict[Hashable, _Pace] = {}
        self._lock = threading.Lock()

    def turn(self, key: Hashable, time_left: float) -> float | None:
        """Seconds to wait before sending to `key` (0 when it is not paced), or None
        when its turn comes only after `time_left` seconds."""
        with self._lock:
            pace = self._hosts.get(key)
            if pace is None or not pace.paced:
                return 0.0
            now = time.monotonic()
            start = max(now, pace.next_at)
            if start - now >= time_left:
                return None
            pace.next_at = start + max(pace.longest, MIN_INTERVAL)
            return start - now

    def answered(self, key: Hashable, status: int | None, retry_after: float | None) -> None:
        """Record a server's answer (`status` None: no answer, which changes nothing)."""
        if status is None:
            return
        with self._lock:
            pace = self._hosts.setdefault(key, _Pace())
            if status != 429:
                pace.streak, pace.longest, pace.paced = 0, 0.0, False
                return
            pace.streak += 1
            pace.longest = max(pace.longest, retry_after or 0.0)
            if pace.streak >= THROTTLE_AFTER and not pace.paced:
                pace.paced = True
                pace.next_at = max(pace.next_at, time.monotonic() + pace.longest)

    def paced(self, key: Hashable) -> bool:
        with self._lock:
            pace = self._hosts.get(key)
            return pace is not None and pace.paced
