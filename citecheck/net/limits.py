"""Concurrency limits: requests in flight overall and per host."""

from __future__ import annotations

import threading
from collections.abc import Hashable, Iterator
from contextlib import contextmanager


class SlotLimiter:
    """A slot is one request in flight: a host slot first, then a global one.

    Always taken in that order and released together, so two requests can never
    wait on each other. A request holds its slots only while it talks to the
    server — never while it sleeps before a retry.
    """

    def __init__(self, total: int, per_host: int) -> None:
        self._total = threading.BoundedSemaphore(total)
        self._per_host = per_host
        self._hosts: dict[Hashable, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()

    @contextmanager
    def slot(self, host_key: Hashable) -> Iterator[None]:
        host = self._host_semaphore(host_key)
        with host, self._total:
            yield

    def _host_semaphore(self, host_key: Hashable) -> threading.BoundedSemaphore:
        with self._lock:
            semaphore = self._hosts.get(host_key)
            if semaphore is None:
                semaphore = self._hosts[host_key] = threading.BoundedSemaphore(self._per_host)
            return semaphore
