"""Run many fetches at once on a bounded thread pool, spread fairly over hosts."""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


# A worker also sleeps between retries and waits for a host's slot, holding no
# connection meanwhile, so the pool needs more workers than requests in flight: twice
# as many, and four items per host request slot. With two, a host's items were often
# mostly asleep before a retry (a 503 twice, a 429 with Retry-After: 1): on the
# simulated web (2,000 URLs, 20 hosts, 4 per host) up to 7 of a host's 8 items slept
# at once and its slots stood idle; with four, its slots stay busy until its last URLs.
WORKERS_PER_REQUEST_SLOT = 2
ITEMS_PER_HOST_SLOT = 4


def pool_limits(concurrency: int, host_concurrency: int) -> tuple[int, int]:
    """(workers, per_key) for `run_concurrently` under a client's global/per-host limits."""
    return WORKERS_PER_REQUEST_SLOT * concurrency, ITEMS_PER_HOST_SLOT * host_concurrency


def run_concurrently(
    items: Iterable[T],
    fn: Callable[[T], R],
    *,
    concurrency: int,
    key: Callable[[T], Hashable] | None = None,
    per_key: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[R]:
    """`[fn(item) for item in items]` on `concurrency` threads; results in input order.

    With `key` (the URL's host) and `per_key` (above the client's per-host
    limit: see `pool_limits`), no more than `per_key` items of
    one key run at once and the next item is taken round-robin from the keys
    that have room. Without it, workers would pile up on a host whose requests
    hang, waiting for its slots, while every other host sat idle.
    `progress(done, total)` is called (under a lock, from a worker) as items end.
    An exception raised by `fn` stops the run and is raised again here.
    """
    queue = _FairQueue(list(items), key, per_key)
    results: dict[int, R] = {}
    errors: list[BaseException] = []
    progress_lock = threading.Lock()
    finished = [0]

    def worker() -> None:
        while (taken := queue.take()) is not None:
            index, item = taken
            try:
                results[index] = fn(item)
            except BaseException as exc:
                errors.append(exc)
                queue.abort()
            finally:
                queue.done(item)
            with progress_lock:
                finished[0] += 1
                if progress is not None:
                    progress(finished[0], queue.total)

    threads = [
        threading.Thread(target=worker, name=f"citecheck-worker-{n}", daemon=True)
        for n in range(max(1, min(concurrency, queue.total)))
    ]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            thread.join()
    except BaseException:  # Ctrl-C: start nothing new; running fetches end by their deadline
        queue.abort()
        raise
    if errors:
        raise errors[0]
    return [results[index] for index in range(queue.total)]


class _FairQueue(Generic[T]):
    """Pending items grouped by key, handed out round-robin within per-key limits."""

    def __init__(
        self, items: list[T], key: Callable[[T], Hashable] | None, per_key: int | None
    ) -> None:
        self.total = len(items)
        self._key = key or (lambda _item: None)
        self._per_key = per_key if key is not None and per_key else self.total or 1
        self._pending: OrderedDict[Hashable, deque[tuple[int, T]]] = OrderedDict()
        for index, item in enumerate(items):
            self._pending.setdefault(self._key(item), deque()).append((index, item))
        self._running: dict[Hashable, int] = {}
        self._aborted = False
        self._cond = threading.Condition()

    def take(self) -> tuple[int, T] | None:
        with self._cond:
            while True:
                if self._aborted or not self._pending:
                    return None
                for group, waiting in self._pending.items():
                    if self._running.get(group, 0) < self._per_key:
                        taken = waiting.popleft()
                        self._running[group] = self._running.get(group, 0) + 1
                        if waiting:
                            self._pending.move_to_end(group)  # round-robin over keys
                        else:
                            del self._pending[group]
                        return taken
                self._cond.wait()

    def done(self, item: T) -> None:
        with self._cond:
            self._running[self._key(item)] -= 1
            if self._pending:
                self._cond.notify()  # one freed place, one waiter: no thundering herd
            else:
                self._cond.notify_all()  # nothing left: let every waiter end

    def abort(self) -> None:
        with self._cond:
            self._aborted = True
            self._cond.notify_all()
