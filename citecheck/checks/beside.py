"""The citations parsed beside the link checks, in a child process that yields the CPU.

Checking links is mostly waiting, but each answer needs a little CPU at once: a parse
on a second thread holds the interpreter lock for 5 ms at a time, so every answer that
arrives meanwhile waits for it, and each host's request slots are held that much
longer. On the bench's simulated web (2,000 URLs on one CPU) a parse beside the checks
on a thread made them 0.3-0.5 s slower, the slowest tenth of the requests taking
110-130 ms instead of 75-80 ms.

So where the process may fork (Linux and the other POSIX systems but macOS, whose
system libraries are not safe in a forked child; and no other thread is running: a
fork copies only the thread that calls it), the parse runs in a forked child at the lowest CPU
priority, which gets only the CPU the checks leave, and sends its result back as JSON
(`citecheck.records`: data, never code; `Prepared` round-trips exactly). Anywhere else,
or when the child fails in any way, the parse runs on a thread as before: the result
is the same, and an error of the parse is raised as the parse raised it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future

from citecheck import records
from citecheck.prepared import Prepared

Parses = dict[int, Prepared]
#: The child's result is read in pieces this large.
PIECE = 1 << 20


class ParseBeside:
    """`parse()` started beside the caller; `on_parsed` hears of its result first
    (on the thread that collects it). `result()` waits for it; `close()` ends a child
    whose result is no longer wanted."""

    def __init__(
        self,
        parse: Callable[[], Parses],
        on_parsed: Callable[[Parses], None] = lambda parses: None,
    ) -> None:
        self._parse, self._on_parsed = parse, on_parsed
        self._future: Future[Parses] = Future()
        self._closed = False
        self._child = _fork(parse) if _may_fork() else None
        threading.Thread(target=self._finish, name="citecheck-parse", daemon=True).start()

    def result(self) -> Parses:
        return self._future.result()

    def close(self) -> None:
        self._closed = True
        if self._child is not None and not self._future.done():
            # SIGKILL: the child holds nothing to clean up, and a SIGTERM could meet the
            # handler it inherited (the CLI's, or a host program's that ignores it).
            with contextlib.suppress(ProcessLookupError):  # it may have ended meanwhile
                os.kill(self._child[0], signal.SIGKILL)

    def _finish(self) -> None:
        try:
            parses = _collect(*self._child) if self._child is not None else None
            if parses is None and self._closed:
                return  # nobody waits for it
            if parses is None:
                parses = self._parse()
            self._on_parsed(parses)
        except BaseException as exc:  # handed to the caller through the future
            self._future.set_exception(exc)
        else:
            self._future.set_result(parses)


def _may_fork() -> bool:
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


def _fork(parse: Callable[[], Parses]) -> tuple[int, int]:
    """(pid, read end of the pipe) of a child writing `parse()` as JSON, then exiting."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns, never runs the parent's exit handlers
        code = 1
        try:
            os.close(read)
            _lowest_priority()
            parses = parse()
            data = records.dumps([[index, ready] for index, ready in parses.items()])
            with os.fdopen(write, "wb") as out:
                out.write(data.encode("utf-8"))
            code = 0
        except BaseException:  # the parent parses again and raises it
            pass
        finally:
            os._exit(code)
    os.close(write)
    return pid, read


def _lowest_priority() -> None:
    with contextlib.suppress(OSError):  # not permitted: the parse only competes more
        os.nice(19)


def _collect(pid: int, read: int) -> Parses | None:
    """The child's parses, or None when it failed or sent something else."""
    pieces = []
    with os.fdopen(read, "rb") as source:
        while piece := source.read(PIECE):
            pieces.append(piece)
    _, status = os.waitpid(pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    try:
        pairs = records.loads(tuple[tuple[int, Prepared], ...], b"".join(pieces))
    except records.RecordError:
        return None
    return dict(pairs)
