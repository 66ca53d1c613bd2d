"""A failing cache never throws the check away: full disk, a lock another process keeps,
a read-only file or folder — one warning, the check carries on without the cache, and
the report is printed."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from citecheck.cli import main
from citecheck.model import Verdict
from citecheck.store import ResultCache, database
from tests.servers import ScenarioWeb

ROOT = Path(__file__).resolve().parents[2]
FAST = ["--allow-private", "--no-archive", "--retries", "0", "--timeout", "5",
        "--deadline", "10", "--format", "json"]


@pytest.fixture(scope="module")
def web() -> Iterator[ScenarioWeb]:
    with ScenarioWeb(hosts=2, hold_seconds=3.0) as scenario_web:
        yield scenario_web


def write_links(folder: Path, urls: list[str]) -> Path:
    book = folder / "links.txt"
    book.write_text("".join(f"{url}\n" for url in urls), encoding="utf-8")
    return book


def check(book: Path, cache: Path, capsys) -> tuple[int, dict, str]:
    code = main(["check", str(book), "--cache", str(cache), *FAST])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def assert_one_warning(err: str) -> None:
    lines = [line for line in err.splitlines() if line.startswith("citecheck:")]
    assert len(lines) == 1 and lines[0].startswith("citecheck: warning: cannot use the cache")
    assert "carrying on without it" in lines[0]


def fill_up(db: sqlite3.Connection) -> None:
    """A disk with no room left for this database: not one page more."""
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")


# --- in the store -------------------------------------------------------------------


def test_a_full_disk_closes_the_cache_with_one_warning(tmp_path: Path) -> None:
    with ResultCache(tmp_path / "c.sqlite") as cache:
        assert cache._db is not None
        fill_up(cache._db)
        for batch in range(20):  # far more than one page
            items = [(Verdict(f"u{batch}-{n}", "dead", "not-found"), ()) for n in range(50)]
            cache.record_verdicts(items)
        assert not cache.available
        assert len(cache.warnings) == 1 and "full" in cache.warnings[0]
        assert cache.fresh_verdicts({"u0-0": ""}, 86400) == {}
        assert cache.history("u0-0") == []


def test_a_lock_held_by_another_connection_is_waited_for_briefly(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    ResultCache(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        other.execute("INSERT INTO memos VALUES ('k', 'k', 1.0, x'00')")
        with ResultCache(path, wait=0.3) as cache:
            started = time.monotonic()
            for n in range(5):
                cache.record_verdict(Verdict(f"u{n}", "dead", "not-found"))
            took = time.monotonic() - started
            assert not cache.available and len(cache.warnings) == 1
            assert "locked" in cache.warnings[0]
        assert took < 2.0  # one bounded wait, not one per write
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_read_only_connection_is_done_without(tmp_path: Path) -> None:
    with ResultCache(tmp_path / "c.sqlite") as cache:
        assert cache._db is not None
        cache._db.execute("PRAGMA query_only = ON")
        cache.remember("prepared", "k", b"{}", keep=1)
        assert not cache.available and "readonly" in cache.warnings[0].replace("-", "")


# --- end to end ---------------------------------------------------------------------


def test_a_cache_that_fills_up_mid_run_still_gives_the_report(
    web, tmp_path, capsys, monkeypatch
) -> None:
    connect = database.connect

    def full_after_opening(*args, **kwargs):  # type: ignore[no-untyped-def]
        db = connect(*args, **kwargs)
        fill_up(db)
        return db

    cache = tmp_path / "cache.sqlite"
    book = write_links(tmp_path, [web.url("/ok/full-1"), web.url("/missing/full-2", 1)])
    check(book, cache, capsys)  # a cache with a parse and verdicts in it
    more = [web.url(f"/ok/full-{n}") for n in range(3, 43)]  # more rows than a page holds
    book.write_text(book.read_text() + "".join(f"{url}\n" for url in more), encoding="utf-8")
    monkeypatch.setattr(database, "connect", full_after_opening)
    code, report, err = check(book, cache, capsys)
    assert code == 1
    verdicts = [link["verdict"] for link in report["links"]]
    assert verdicts == ["resolvable", "dead"] + ["resolvable"] * len(more)
    assert_one_warning(err)
    assert "full" in err


def test_a_cache_locked_by_another_process_still_gives_the_report_soon(
    web, tmp_path, capsys, monkeypatch
) -> None:
    cache = tmp_path / "cache.sqlite"
    book = write_links(tmp_path, [web.url("/ok/locked-1")])
    check(book, cache, capsys)
    book.write_text(book.read_text() + web.url("/ok/locked-2") + "\n", encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(cache)],
        stdout=subprocess.PIPE,
        stdin=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"locked\n"
        started = time.monotonic()
        code, report, err = check(book, cache, capsys)
        took = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait(timeout=10)
    assert code == 0 and [link["verdict"] for link in report["links"]] == ["resolvable"] * 2
    assert_one_warning(err)
    assert took < 15  # the lock costs at most a couple of bounded waits


LOCK_HOLDER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA locking_mode = EXCLUSIVE")
db.execute("BEGIN EXCLUSIVE")
db.execute("INSERT INTO memos VALUES ('k', 'k', 1.0, x'00')")
print("locked", flush=True)
sys.stdin.read()
"""


@contextmanager
def tmpfs(size_kb: int) -> Iterator[Path]:
    """A small filesystem of its own (root only; skipped where mounting is not allowed)."""
    folder = Path(tempfile.mkdtemp(prefix="citecheck-fs-"))
    command = ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "citecheck-test", str(folder)]
    mounted = os.geteuid() == 0 and shutil.which("mount") is not None
    if mounted:
        mounted = subprocess.run(command, capture_output=True, check=False).returncode == 0
    if not mounted:
        folder.rmdir()
        pytest.skip("needs a filesystem of its own (root, mount)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)
        folder.rmdir()


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """`folder` and what is in it made read-only for this process: by permissions for a
    user, by remounting for root (whom permissions do not stop)."""
    if os.geteuid() == 0:
        remount = ["mount", "-o", "remount,ro", str(folder)]
        subprocess.run(remount, capture_output=True, check=True)
        try:
            yield
        finally:
            subprocess.run(["mount", "-o", "remount,rw", str(folder)], check=True)
        return
    modes = {path: path.stat().st_mode for path in folder.iterdir()}
    for path in modes:
        path.chmod(0o444)
    folder.chmod(0o555)
    try:
        yield
    finally:
        folder.chmod(0o755)
        for path, mode in modes.items():
            path.chmod(mode)


@contextmanager
def own_folder(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() == 0:
        with tmpfs(1024) as folder:
            yield folder
    else:
        folder = tmp_path / "own"
        folder.mkdir()
        yield folder


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_cache_still_gives_the_report(web, tmp_path, capsys, what) -> None:
    book = write_links(tmp_path, [web.url("/ok/ro-1"), web.url("/missing/ro-2", 1)])
    with own_folder(tmp_path) as folder:
        cache = folder / "cache.sqlite"
        if what == "file":
            check(book, cache, capsys)  # an existing cache, then made read-only
            book.write_text(book.read_text() + web.url("/ok/ro-3") + "\n", encoding="utf-8")
        before = {path.name: path.read_bytes() for path in folder.iterdir()}
        with read_only(folder):
            code, report, err = check(book, cache, capsys)
        assert {path.name: path.read_bytes() for path in folder.iterdir()} == before
    assert code == 1
    expected = ["resolvable", "dead"] + (["resolvable"] if what == "file" else [])
    assert [link["verdict"] for link in report["links"]] == expected
    assert_one_warning(err)


def test_a_really_full_disk_still_gives_the_report(web, tmp_path, capsys) -> None:
    book = write_links(tmp_path, [web.url("/ok/disk-1")])
    with tmpfs(256) as folder:
        cache = folder / "cache.sqlite"
        check(book, cache, capsys)
        with contextlib.suppress(OSError), (folder / "filler").open("wb") as filler:
            while True:  # every block left, until the disk says no
                filler.write(b"\0" * 4096)
                filler.flush()
        more = [web.url(f"/ok/disk-{n}") for n in range(2, 42)]
        book.write_text(book.read_text() + "".join(f"{u}\n" for u in more), encoding="utf-8")
        code, report, err = check(book, cache, capsys)
    assert code == 0 and len(report["links"]) == 41
    assert_one_warning(err)
