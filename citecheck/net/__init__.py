"""The network: the only package that imports requests and urllib3.

policy.py     NetPolicy — every limit, as one immutable value
client.py     HttpClient.fetch(url) → Check: redirects hop by hop, retries, body cap
prepare.py    the request to send: URL normalised (once, and only when needed), headers
retry.py      what is retried and how long to wait (always bounded)
transport.py  guarded sockets: the address guard and the watchdog in every connection
wire.py       HTTP/1.1 on those sockets: request, answer head, framed body, kept-alive pools
guard.py      which addresses may be contacted (no loopback/private unless allowed)
resolver.py   name lookups, and "this name does not exist" vs "DNS is down"
watchdog.py   cuts off any request still running at its deadline
body.py       reads at most N decompressed bytes
limits.py     global and per-host slots
pool.py       run_concurrently: a thread pool fair across hosts
failures.py   the error codes a Check carries
"""

from __future__ import annotations

from citecheck.lazy import lazy_attributes

# Imported on first use: `citecheck.net.policy` (every command's options) must not pull in
# requests, urllib3, which only a command that fetches needs.
_LAZY = {
    "HttpClient": "citecheck.net.client",
    "NetPolicy": "citecheck.net.policy",
    "pool_limits": "citecheck.net.pool",
    "run_concurrently": "citecheck.net.pool",
}

__all__ = sorted(_LAZY)


__getattr__ = lazy_attributes(__name__, _LAZY)
