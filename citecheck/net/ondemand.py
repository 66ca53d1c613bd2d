"""An HttpClient made on its first fetch.

A warm run finds every verdict in the cache and fetches nothing; building the client
up front would import requests and urllib3 and start the watchdog thread for nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING

from citecheck.net.policy import NetPolicy

if TYPE_CHECKING:
    from citecheck.model import Check
    from citecheck.net.client import HttpClient, Method, NetworkStatus


class OnDemandClient:
    """`HttpClient(policy)`, created by the first `fetch` (thread-safe)."""

    def __init__(self, policy: NetPolicy) -> None:
        self.policy = policy
        self._client: HttpClient | None = None
        self._lock = threading.Lock()

    def fetch(
        self,
        url: str,
        *,
        method: Method = "auto",
        headers: Mapping[str, str] | None = None,
        want_body: bool = True,
        body: bytes | None = None,
    ) -> Check:
        return self._made().fetch(
            url, method=method, headers=headers, want_body=want_body, body=body
        )

    def network_status(self) -> NetworkStatus:
        """The client's; "unknown" while nothing was fetched."""
        return "unknown" if self._client is None else self._client.network_status()

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()

    def __enter__(self) -> OnDemandClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _made(self) -> HttpClient:
        client = self._client  # once made, read without the lock every fetch would contend on
        if client is not None:
            return client
        with self._lock:
            if self._client is None:
                from citecheck.net.client import HttpClient

                self._client = HttpClient(self.policy)
            return self._client
