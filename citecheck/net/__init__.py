"""The network: the only package that imports requests and tenacity.

policy.py     NetPolicy — every limit, as one immutable value
client.py     HttpClient.fetch(url) → Check: redirects hop by hop, retries, body cap
retry.py      what is retried and how long to wait (tenacity, always bounded)
transport.py  requests' transport with the guard and the watchdog in every connection
guard.py      which addresses may be contacted (no loopback/private unless allowed)
resolver.py   name lookups, and "this name does not exist" vs "DNS is down"
watchdog.py   cuts off any request still running at its deadline
body.py       reads at most N decompressed bytes
limits.py     global and per-host slots
pool.py       run_concurrently: a thread pool fair across hosts
failures.py   the error codes a Check carries
"""

from citecheck.net.client import HttpClient
from citecheck.net.policy import NetPolicy
from citecheck.net.pool import pool_limits, run_concurrently

__all__ = [
    "HttpClient",
    "NetPolicy",
    "pool_limits",
    "run_concurrently",
]
