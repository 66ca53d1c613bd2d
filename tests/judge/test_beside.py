"""The parse beside the checks: a forked child's result is the parse's own, exactly;
a child that fails, a parse that raises and a process that may not fork all give
what a parse on a thread gives."""

from __future__ import annotations

import os
import signal
import threading

import pytest

from citecheck.checks import beside
from citecheck.checks.beside import ParseBeside
from citecheck.links import extract_links
from citecheck.model import Document, Note, Section
from citecheck.pipeline import parse_and_verify
from citecheck.prepared import Prepared

NOTES = (
    Note("1", "1", 1, "Jane Doe, “A Page,” https://example.org/a (accessed 1 May 2024).", 1),
    Note("1", "2", 2, "山田太郎『日本の本』東京出版、2020年、https://example.jp/b", 2),
    Note("1", "3", 3, "Ibid., 12.", 3),
)


def parses() -> dict[int, Prepared]:
    document = Document("book.txt", "text", (Section("1", NOTES),))
    parsed, problems = parse_and_verify(document)
    return {0: Prepared(parsed, problems, tuple(extract_links(parsed)))}


def test_a_forked_parse_gives_the_parse_itself_and_tells_on_parsed() -> None:
    heard: list[dict[int, Prepared]] = []
    expected = parses()
    parsing = ParseBeside(parses, heard.append)
    assert parsing._child is not None  # this test process runs one thread: it forks
    child_pid = parsing._child[0]
    assert parsing.result() == expected
    assert heard == [expected]
    with pytest.raises(ChildProcessError):
        os.waitpid(child_pid, os.WNOHANG)  # reaped


def test_the_child_runs_at_the_lowest_priority() -> None:
    told_r, told_w = os.pipe()
    parents: list[int] = []

    def parse_and_tell() -> dict[int, Prepared]:
        if os.getpid() == parent:
            parents.append(parent)
        os.write(told_w, str(os.getpriority(os.PRIO_PROCESS, 0)).encode() + b"\n")
        return parses()

    parent = os.getpid()
    assert ParseBeside(parse_and_tell).result() == parses()
    assert os.read(told_r, 64) == b"19\n"  # told by the child
    assert parents == []  # the parent did not parse
    os.close(told_r)
    os.close(told_w)


def test_a_parse_that_raises_raises_in_the_caller() -> None:
    def broken() -> dict[int, Prepared]:
        raise ValueError("no parse")

    with pytest.raises(ValueError, match="no parse"):
        ParseBeside(broken).result()


def test_a_child_that_sends_nothing_usable_is_parsed_again(monkeypatch) -> None:
    monkeypatch.setattr(beside.records, "dumps", lambda value: '{"not": "parses"}')
    assert ParseBeside(parses).result() == parses()


def test_with_another_thread_running_the_parse_stays_in_the_process() -> None:
    release = threading.Event()
    other = threading.Thread(target=release.wait, daemon=True)
    other.start()
    try:
        parsing = ParseBeside(parses)
        assert parsing._child is None
        assert parsing.result() == parses()
    finally:
        release.set()
        other.join()


@pytest.mark.parametrize("handler", [signal.SIG_DFL, lambda signum, frame: None])
def test_close_ends_a_child_whose_result_is_not_wanted(handler: object) -> None:
    # also when the parent has a SIGTERM handler of its own that ignores the signal
    previous = signal.signal(signal.SIGTERM, handler)
    try:
        _close_ends_the_child()
    finally:
        signal.signal(signal.SIGTERM, previous)


def _close_ends_the_child() -> None:
    gate_r, gate_w = os.pipe()

    def waits() -> dict[int, Prepared]:
        os.read(gate_r, 1)  # never written: only close() ends it
        return parses()

    parsing = ParseBeside(waits)
    assert parsing._child is not None
    pid = parsing._child[0]
    parsing.close()
    for _ in range(200):  # bounded: the collecting thread reaps it
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        threading.Event().wait(0.01)
    else:
        pytest.fail("the child did not end")
    os.close(gate_r)
    os.close(gate_w)
