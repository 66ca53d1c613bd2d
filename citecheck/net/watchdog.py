"""Cut off requests that outlive their deadline.

Socket timeouts bound each read, not a whole response: a server that drips one
byte a second never trips a 10 s read timeout. The watchdog, one daemon thread
for the whole client, shuts down the sockets of any request still running at its
deadline, which wakes the blocked read at once.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import socket
import threading
import time


class Watch:
    """The sockets one request uses, its deadline (monotonic seconds), and whether the
    deadline cut it off."""

    __slots__ = ("active", "deadline", "expired", "sockets")

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.sockets: list[socket.socket] = []
        self.expired = False
        self.active = True


class Watchdog:
    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._heap: list[tuple[float, int, Watch]] = []
        self._order = itertools.count()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="citecheck-watchdog", daemon=True)
        self._thread.start()

    def watch(self, seconds: float) -> Watch:
        """Start watching a request that must be over within `seconds`."""
        watch = Watch(time.monotonic() + seconds)
        with self._lock:
            # Wake the watchdog only when this deadline comes before the one it waits for.
            if not self._heap or watch.deadline < self._heap[0][0]:
                self._lock.notify()
            heapq.heappush(self._heap, (watch.deadline, next(self._order), watch))
        return watch

    def left(self, watch: Watch) -> float:
        """Seconds until `watch`'s deadline (negative once it passed)."""
        return watch.deadline - time.monotonic()

    def add_socket(self, watch: Watch, sock: socket.socket) -> None:
        with self._lock:
            if watch.expired:
                _shut(sock)
            elif watch.active:
                watch.sockets.append(sock)

    def release(self, watch: Watch) -> None:
        """The request is over: never touch its sockets again."""
        with self._lock:
            watch.active = False
            watch.sockets.clear()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._lock.notify()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        with self._lock:
            while not self._closed:
                now = time.monotonic()
                while self._heap and (self._heap[0][0] <= now or not self._heap[0][2].active):
                    _, _, watch = heapq.heappop(self._heap)
                    if watch.active:
                        watch.expired = True
                        for sock in watch.sockets:
                            _shut(sock)
                        watch.sockets.clear()
                timeout = self._heap[0][0] - now if self._heap else None
                self._lock.wait(timeout)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed by its owner
        sock.shutdown(socket.SHUT_RDWR)
