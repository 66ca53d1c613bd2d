"""The per-host not-found baseline: what a host answers for a path that cannot exist.

Fetched at most once per host (scheme + host + port), and only when a page on
that host needs it; concurrent askers wait for the one fetch in flight.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from citecheck.model import Check
from citecheck.urlparts import url_parts

if TYPE_CHECKING:
    from concurrent.futures import Future


def site_of(url: str) -> str:
    parts = url_parts(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


def random_missing_path() -> str:
    """A path no real site serves: random, so no cache or crafted page can answer it."""
    import secrets  # imports hmac and _hashlib: only for a run that fetches

    return f"/citecheck-{secrets.token_hex(8)}-no-such-page"


class Baselines:
    """Fetches and remembers one baseline per site, thread-safe."""

    def __init__(self, fetch: Callable[[str], Check]) -> None:
        self._fetch = fetch
        self._lock = threading.Lock()
        self._sites: dict[str, Future[Check]] = {}

    def for_url(self, url: str) -> Check:
        from concurrent.futures import Future  # with logging: only for a run that fetches

        site = site_of(url)
        with self._lock:
            future = self._sites.get(site)
            owner = future is None
            if future is None:
                future = self._sites[site] = Future()
        if owner:
            try:
                future.set_result(self._fetch(site + random_missing_path()))
            except BaseException as exc:
                future.set_exception(exc)
                raise
        return future.result()
