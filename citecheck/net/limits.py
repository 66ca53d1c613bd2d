"""Concurrency limits: requests in flight overall and per host."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Hashable
from queue import SimpleQueue


class SlotLimiter:
    """A slot is one request in flight: a host slot first, then a global one.

    Always taken in that order and released together, so two requests can never
    wait on each other. A request holds its slots only while it talks to the
    server — never while it sleeps before a retry.

    A host's free slot goes to a URL's first request before a retry or a redirect's next
    hop (`first=True`): what a URL will cost is unknown until its first answer, while a
    retry's or a hop's is one more request. So the last URLs of a host start as early
    as its slots allow, rather than behind the retries of URLs that already answered
    (a slow page started last would hold the whole run's end); and a host that asked
    for a retry gets it a little later, never sooner than its back-off.
    """

    def __init__(self, total: int, per_host: int) -> None:
        self._total = _tokens(total)
        self._per_host = per_host
        self._hosts: dict[Hashable, _HostSlots] = {}
        self._lock = threading.Lock()

    def slot(self, host_key: Hashable, *, first: bool = True) -> _Slot:
        """`with limiter.slot(key):` holds a slot of `key` and a global one."""
        host = self._hosts.get(host_key)
        if host is None:
            with self._lock:
                host = self._hosts.get(host_key)
                if host is None:
                    host = self._hosts[host_key] = _HostSlots(self._per_host)
        return _Slot(host, self._total, first)


class _HostSlots:
    """One host's slots: free ones counted, waiters handed a slot in their class's order.

    A waiter blocks on a lock of its own that the request giving its slot back releases
    (the slot passes straight to it: nobody can take it in between)."""

    __slots__ = ("_firsts", "_free", "_lock", "_others")

    def __init__(self, count: int) -> None:
        self._lock = threading.Lock()
        self._free = count
        self._firsts: deque[threading.Lock] = deque()
        self._others: deque[threading.Lock] = deque()

    def take(self, first: bool) -> None:
        with self._lock:
            if self._free:
                self._free -= 1
                return
            waiter = threading.Lock()
            waiter.acquire()
            waiting = self._firsts if first else self._others
            waiting.append(waiter)
        try:
            waiter.acquire()
        except BaseException:  # interrupted: leave the line, or give back what came
            with self._lock:
                if waiter in waiting:
                    waiting.remove(waiter)
                    raise
            self.give()
            raise

    def give(self) -> None:
        with self._lock:
            if self._firsts:
                self._firsts.popleft().release()
            elif self._others:
                self._others.popleft().release()
            else:
                self._free += 1


class _Slot:
    __slots__ = ("_first", "_host", "_total")

    def __init__(self, host: _HostSlots, total: SimpleQueue[None], first: bool) -> None:
        self._host, self._total, self._first = host, total, first

    def __enter__(self) -> None:
        self._host.take(self._first)
        try:
            self._total.get()
        except BaseException:
            self._host.give()
            raise

    def __exit__(self, *exc_info: object) -> None:
        self._total.put(None)
        self._host.give()


def _tokens(count: int) -> SimpleQueue[None]:
    tokens: SimpleQueue[None] = SimpleQueue()
    for _ in range(count):
        tokens.put(None)
    return tokens
