"""A URL split once: the parts the checks, the verdict rules and the platform handlers
ask of every link (host, port, path), worked out once per URL.

`urllib.parse.urlsplit` keeps only its last 128 answers, and its `hostname` and `port`
parse the network location again on every read; a run asks them of each of thousands of
links several times over (its host's queue, the platform handlers, the redirect and
soft-404 rules).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple
from urllib.parse import urlsplit


class UrlParts(NamedTuple):
    scheme: str  # lower-cased
    netloc: str  # as written
    host: str  # lower-cased; "" when the URL names none
    port: int | None  # None when absent or not a valid port number
    path: str
    query: str


@lru_cache(maxsize=8192)
def url_parts(url: str) -> UrlParts:
    """The parts of `url`; raises ValueError for a URL `urlsplit` refuses."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    return UrlParts(
        parts.scheme.lower(), parts.netloc, parts.hostname or "", port, parts.path, parts.query
    )
