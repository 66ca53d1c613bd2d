"""Concurrency limits: requests in flight overall and per host."""

from __future__ import annotations

import threading
from collections.abc import Hashable
from queue import SimpleQueue


class SlotLimiter:
    """A slot is one request in flight: a host slot first, then a global one.

    Always taken in that order and released together, so two requests can never
    wait on each other. A request holds its slots only while it talks to the
    server — never while it sleeps before a retry.

    Each limit is a queue holding one token per free slot: taking and giving back a
    token are single C calls (a `threading.Semaphore` is Python code around a
    condition variable, a good part of a request's own CPU here).
    """

    def __init__(self, total: int, per_host: int) -> None:
        self._total = _tokens(total)
        self._per_host = per_host
        self._hosts: dict[Hashable, _Slot] = {}
        self._lock = threading.Lock()

    def slot(self, host_key: Hashable) -> _Slot:
        """`with limiter.slot(key):` holds a slot of `key` and a global one."""
        slot = self._hosts.get(host_key)
        if slot is None:
            with self._lock:
                slot = self._hosts.get(host_key)
                if slot is None:
                    slot = self._hosts[host_key] = _Slot(_tokens(self._per_host), self._total)
        return slot


class _Slot:
    __slots__ = ("_host", "_total")

    def __init__(self, host: SimpleQueue[None], total: SimpleQueue[None]) -> None:
        self._host, self._total = host, total

    def __enter__(self) -> None:
        self._host.get()
        try:
            self._total.get()
        except BaseException:
            self._host.put(None)
            raise

    def __exit__(self, *exc_info: object) -> None:
        self._total.put(None)
        self._host.put(None)


def _tokens(count: int) -> SimpleQueue[None]:
    tokens: SimpleQueue[None] = SimpleQueue()
    for _ in range(count):
        tokens.put(None)
    return tokens
