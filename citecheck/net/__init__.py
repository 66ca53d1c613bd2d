"""The network: the only package that imports requests and tenacity.

`NetPolicy` (limits), `HttpClient` (fetch → `Check`), `run_concurrently` (a
bounded thread pool), `ResultCache` (SQLite history of observations and verdicts).
"""

from citecheck.net.client import HttpClient
from citecheck.net.policy import NetPolicy

__all__ = ["HttpClient", "NetPolicy"]
