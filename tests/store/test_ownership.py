"""Only a file carrying citecheck's marker (PRAGMA application_id) is ever changed or
moved aside: `--cache` on a manuscript, another application's database or anything
that is not a regular file is refused with one line, exit 2, and left byte for byte."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from citecheck.cli import main
from citecheck.model import Verdict
from citecheck.store import APPLICATION_ID, CacheRefused, ResultCache

NOTES = "注\n- 1 山田太郎「題名」『雑誌』2020年。https://example.org/a\n"


def application_id(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[68:72], "big")


def run_check(tmp_path: Path, cache: Path, capsys) -> tuple[int, str, str]:
    book = tmp_path / "book.txt"
    book.write_text(NOTES, encoding="utf-8")
    code = main(["check", str(book), "--cache", str(cache), "--no-archive", "--format", "json"])
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir() if path.is_file()}


def foreign_tables(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        db.execute("INSERT INTO contacts VALUES ('A', '1')")
    db.close()


def foreign_id(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA application_id = 1598903374")  # another program's marker
        db.execute("CREATE TABLE verdicts (x)")
    db.close()


def manuscript(path: Path) -> None:
    path.write_text("Chapter 1\n\nIt was a dark and stormy night.\n" * 200, encoding="utf-8")


def torn_sqlite(path: Path) -> None:
    foreign_tables(path)
    data = bytearray(path.read_bytes())
    data[16:100] = os.urandom(84)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (manuscript, "not an SQLite database"),
        (foreign_tables, "other tables (contacts)"),
        (foreign_id, "another application's SQLite database"),
        (torn_sqlite, "left as it is"),
    ],
    ids=["manuscript", "foreign-tables", "foreign-id", "torn-unmarked"],
)
def test_a_file_that_is_not_ours_is_refused_and_left_alone(tmp_path, capsys, make, says):
    folder = tmp_path / "files"
    folder.mkdir()
    target = folder / "notes.txt"
    make(target)
    before = snapshot(folder)
    code, out, err = run_check(tmp_path, target, capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("citecheck: error: --cache ") and says in err
    assert snapshot(folder) == before  # no rename, no -wal/-shm, not a byte changed


def test_a_directory_or_fifo_is_refused_at_once(tmp_path) -> None:
    with pytest.raises(CacheRefused, match="not a regular file"):
        ResultCache(tmp_path)
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        with pytest.raises(CacheRefused, match="not a regular file"):
            ResultCache(fifo)  # and never opened: that would block


@pytest.mark.parametrize("existing", [False, True], ids=["missing", "empty-file"])
def test_a_new_or_empty_path_becomes_a_marked_cache(tmp_path, existing) -> None:
    path = tmp_path / "sub" / "cache.sqlite"
    if existing:
        path.parent.mkdir()
        path.touch()
    with ResultCache(path) as cache:
        assert cache.available and cache.warnings == []
    assert application_id(path) == APPLICATION_ID


def test_a_cache_from_before_the_marker_is_adopted_with_its_rows(tmp_path) -> None:
    """A cache written by an earlier citecheck has only citecheck's tables and no id."""
    path = tmp_path / "cache.sqlite"
    with ResultCache(path):
        pass
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA application_id = 0")
        db.execute(
            "INSERT INTO verdicts (url, checked_at, state, reason, evidence)"
            " VALUES ('u', 1.0, 'dead', 'not-found', '{}')"
        )
    db.close()
    assert application_id(path) == 0
    with ResultCache(path) as cache:
        assert cache.available and cache.moved_aside is None
        with sqlite3.connect(path) as db:
            assert db.execute("SELECT count(*) FROM verdicts").fetchone() == (1,)
        db.close()
    assert application_id(path) == APPLICATION_ID


def test_a_damaged_cache_of_ours_is_moved_aside_not_lost(tmp_path) -> None:
    path = tmp_path / "cache.sqlite"
    with ResultCache(path) as cache:
        for n in range(2000):
            cache.record_verdict(Verdict(f"u{n}", "dead", "not-found"))
    data = path.read_bytes()
    damaged = data[:4096] + os.urandom(len(data) - 4096)  # header and marker intact
    path.write_bytes(damaged)
    with ResultCache(path) as cache:
        assert cache.moved_aside is not None and cache.moved_aside.read_bytes() == damaged
        assert cache.available
    assert application_id(path) == APPLICATION_ID


def test_a_marked_cache_with_a_trigger_is_refused(tmp_path, capsys) -> None:
    """citecheck writes no trigger or view; one in a restored cache was put there."""
    path = tmp_path / "cache.sqlite"
    ResultCache(path).close()
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TRIGGER wipe AFTER INSERT ON verdicts BEGIN DELETE FROM memos; END"
        )
    db.close()
    before = path.read_bytes()
    with pytest.raises(CacheRefused, match="trigger wipe"):
        ResultCache(path)
    assert path.read_bytes() == before
