"""The network: the only package that imports requests and tenacity.

`NetPolicy` (limits), `HttpClient` (fetch → `Check`), `run_concurrently` (a
bounded thread pool, fair across hosts), `ResultCache` (SQLite history of
observations and verdicts).
"""

from citecheck.net.cache import ResultCache, default_cache_path
from citecheck.net.client import HttpClient
from citecheck.net.policy import NetPolicy
from citecheck.net.pool import run_concurrently

__all__ = ["HttpClient", "NetPolicy", "ResultCache", "default_cache_path", "run_concurrently"]
