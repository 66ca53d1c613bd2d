"""The network policy: one immutable value holding every limit a fetch obeys."""

from __future__ import annotations

from dataclasses import dataclass

from citecheck import __version__
from citecheck.errors import UsageError

PROJECT_URL = "https://pypi.org/project/citecheck-notes/"


@dataclass(frozen=True)
class NetPolicy:
    """Timeouts, caps, retries, concurrency and safety settings for `HttpClient`.

    connect_timeout / read_timeout
        Seconds allowed to open a connection / between two reads from the server.
    deadline
        Total seconds one `fetch` may spend talking to servers: every hop, every
        retry and every back-off sleep counts; time queued for a connection slot
        behind other URLs does not. A server that drips one byte a second is cut
        off at the deadline. A retry is only started when the time left still
        holds a full `read_timeout`, so a URL that never answers costs one
        timeout, not two.
    max_body_bytes
        Bytes of (decompressed) body kept from a page; the rest is never read.
    max_redirects
        Redirect hops followed before giving up with "too-many-redirects".
    retries
        Extra attempts after the first, on 408/429/5xx, timeouts and resets.
    backoff_base / backoff_max
        Exponential back-off with jitter between attempts: base·2ⁿ, capped.
    retry_after_cap
        Longest `Retry-After` honoured; a server asking for more is not retried.
    concurrency
        Requests in flight at once over all hosts. 128 (lychee's default) so that
        many hosts × `host_concurrency` can all be busy: a global 32 would leave
        most of 20 hosts × 4 slots idle and cost several times the wall time.
    host_concurrency
        Requests in flight at once to one host (name:port): politeness.
    user_agent
        Sent with every request, naming the tool and where to read about it.
    allow_private
        Allow loopback, private, link-local and other non-public targets.
        Off by default: a manuscript must not make us probe the local network.
    allowed_networks
        CIDR blocks reachable even when `allow_private` is off (e.g. an intranet
        host the user trusts); empty by default.
    dns_canaries
        Names that resolve wherever DNS works. When none resolves, a failed name
        lookup means "offline", not "this domain does not exist". Asked once per
        client, on the first failed lookup. Empty: no lookup failure is ever
        taken as proof that a name does not exist.
    """

    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    deadline: float = 15.0
    max_body_bytes: int = 256 * 1024
    max_redirects: int = 10
    retries: int = 2
    backoff_base: float = 0.25
    backoff_max: float = 4.0
    retry_after_cap: float = 10.0
    concurrency: int = 128
    host_concurrency: int = 4
    user_agent: str = f"citecheck/{__version__} (+{PROJECT_URL})"
    allow_private: bool = False
    allowed_networks: tuple[str, ...] = ()
    dns_canaries: tuple[str, ...] = ("example.com", "www.iana.org")

    def __post_init__(self) -> None:
        positive = {
            "connect_timeout": self.connect_timeout,
            "read_timeout": self.read_timeout,
            "deadline": self.deadline,
            "max_body_bytes": self.max_body_bytes,
            "concurrency": self.concurrency,
            "host_concurrency": self.host_concurrency,
        }
        for name, value in positive.items():
            if value <= 0:
                raise UsageError(f"{name} must be positive, got {value}")
        non_negative = {
            "retries": self.retries,
            "max_redirects": self.max_redirects,
            "backoff_base": self.backoff_base,
            "backoff_max": self.backoff_max,
            "retry_after_cap": self.retry_after_cap,
        }
        for name, value in non_negative.items():
            if value < 0:
                raise UsageError(f"{name} must not be negative, got {value}")
