"""ResultCache: history, freshness, corruption and kill -9 recovery."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from citecheck.model import ArchiveSnapshot, Check, Hop, Verdict
from citecheck.store import ArchiveRecord, CacheRefused, ResultCache, default_cache_path

ROOT = Path(__file__).resolve().parents[2]
DAY = 86400.0


def fresh(cache: ResultCache, url: str, max_age: float, **options: float) -> Verdict | None:
    """The reusable verdict on one URL."""
    return cache.fresh_verdicts({url: ""}, max_age, **options).get(url)


def _verdict(url: str, state: str = "dead", **extra: object) -> Verdict:
    return Verdict(url=url, state=state, reason=extra.pop("reason", "not-found"), **extra)  # type: ignore[arg-type]


def _check(url: str, status: int | None = 404, at: float = 1000.0) -> Check:
    return Check(
        url=url,
        method="GET",
        status=status,
        final_url=url,
        hops=(Hop(url + "?r", 301),),
        attempts=2,
        elapsed=0.2,
        checked_at=at,
        headers=(("content-type", "text/html"),),
        body=b"<html>not kept</html>",
        content_type="text/html",
    )


def test_verdict_round_trips_with_its_evidence(tmp_path: Path) -> None:
    verdict = Verdict(
        url="https://a.example/x",
        state="moved",
        reason="permanent-redirect",
        status=200,
        final_url="https://b.example/x",
        new_url="https://b.example/x",
        hops=(Hop("https://a.example/x", 301),),
        attempts=1,
        elapsed=0.3,
        archive=ArchiveSnapshot("http://web.archive.org/web/2020/x", "20200101000000", 200),
        citation_ids=("c1", "c2"),
        details=("note",),
    )
    with ResultCache(tmp_path / "c.sqlite") as cache:
        cache.record_verdict(verdict, [_check(verdict.url)])
        assert fresh(cache, verdict.url, DAY) == verdict


def test_freshness_follows_max_age(tmp_path: Path) -> None:
    with ResultCache(tmp_path / "c.sqlite") as cache:
        cache.record_verdict(_verdict("u"), checked_at=1_000_000.0)
        assert fresh(cache, "u", 3600, now=1_000_000.0 + 60) is not None
        assert fresh(cache, "u", 3600, now=1_000_000.0 + 7200) is None
        assert fresh(cache, "other", 3600) is None


def test_inconclusive_is_never_reused(tmp_path: Path) -> None:
    with ResultCache(tmp_path / "c.sqlite") as cache:
        cache.record_verdict(_verdict("u", "resolvable", reason="ok"), checked_at=100.0)
        cache.record_verdict(_verdict("u", "inconclusive", reason="timeout"), checked_at=200.0)
        assert fresh(cache, "u", DAY, now=300.0) is None
        cache.record_verdict(_verdict("u", "resolvable", reason="ok"), checked_at=250.0)
        assert fresh(cache, "u", DAY, now=300.0).state == "resolvable"  # type: ignore[union-attr]


def test_recent_inconclusive_may_be_reused_on_request(tmp_path: Path) -> None:
    with ResultCache(tmp_path / "c.sqlite") as cache:
        cache.record_verdict(_verdict("u", "inconclusive", reason="timeout"), checked_at=1000.0)
        assert fresh(cache, "u", DAY, now=1100.0, inconclusive_max_age=3600) is not None
        assert fresh(cache, "u", DAY, now=9000.0, inconclusive_max_age=3600) is None
        assert cache.fresh_verdicts({"u": ""}, DAY, now=1100.0, inconclusive_max_age=60) == {}


def test_fresh_verdicts_in_bulk_follow_age_and_inconclusive_rules(tmp_path: Path) -> None:
    with ResultCache(tmp_path / "c.sqlite") as cache:
        for n in range(1200):  # more than one query's worth of URLs
            state = ("resolvable", "dead", "inconclusive")[n % 3]
            cache.record_verdict(_verdict(f"u{n}", state, reason="r"), checked_at=1000.0 + n)
        cache.record_verdict(_verdict("u0", "inconclusive", reason="t"), checked_at=5000.0)
        urls = [f"u{n}" for n in range(1200)] + ["unknown"]
        decided = {f"u{n}" for n in range(1, 1200) if n % 3 != 2}  # u0's latest is uncertain
        # Inconclusive at 1000 + n is younger than an hour at 5100 from n = 500 on.
        young_uncertain = {"u0"} | {f"u{n}" for n in range(500, 1200) if n % 3 == 2}
        expected = {
            (5100.0, 0.0): decided,
            (5100.0, 3600.0): decided | young_uncertain,
            (100_000.0, 0.0): set(),  # everything older than max-age
        }
        for (now, young), wanted in expected.items():
            wanted_urls = dict.fromkeys(urls, "")
            bulk = cache.fresh_verdicts(wanted_urls, DAY, now=now, inconclusive_max_age=young)
            assert set(bulk) == wanted
            assert all(verdict.url == url for url, verdict in bulk.items())
        young_u0 = cache.fresh_verdicts({"u0": ""}, DAY, now=5100.0, inconclusive_max_age=3600)
        assert young_u0["u0"].reason == "t"


def test_history_keeps_every_verdict_and_observation(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with ResultCache(path) as cache:
        for day in range(3):
            at = 1000.0 + day * DAY
            cache.record_verdict(_verdict("u"), [_check("u", at=at)], checked_at=at)
        cache.record_verdicts([(_verdict("v", "resolvable", reason="ok"), ())], checked_at=5.0)
    with ResultCache(path) as reopened:
        history = reopened.history("u")
        assert [record.checked_at for record in history] == [1000.0, 1000.0 + DAY, 1000.0 + 2 * DAY]
        assert {record.state for record in history} == {"dead"}
        observations = reopened.observations("u")
        assert len(observations) == 3 and observations[0].status == 404
        assert observations[0].attempts == 2
        now = 1000.0 + 2 * DAY + 100
        assert reopened.fresh_verdicts({"u": "", "v": "", "w": ""}, DAY, now=now) == {
            "u": _verdict("u")
        }
        assert reopened.fresh_verdicts({"v": ""}, DAY, now=10.0) == {
            "v": _verdict("v", "resolvable", reason="ok")
        }


def test_default_path_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_path() == tmp_path / "citecheck" / "cache.sqlite"


def test_garbage_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    garbage = os.urandom(8192)
    path.write_bytes(garbage)
    with pytest.raises(CacheRefused, match="not a citecheck cache"):
        ResultCache(path)
    assert path.read_bytes() == garbage
    assert sorted(tmp_path.iterdir()) == [path]


def test_truncated_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with ResultCache(path) as cache:
        items = [(_verdict(f"https://x.example/{n}"), [_check(f"u{n}")]) for n in range(3000)]
        cache.record_verdicts(items)
    half = path.read_bytes()[: path.stat().st_size // 2]
    path.write_bytes(half)
    with ResultCache(path) as cache:
        assert cache.moved_aside is not None and cache.moved_aside.read_bytes() == half
        assert cache.history("https://x.example/1") == []
        assert cache.available and "moved it to" in cache.warnings[0]


def test_unusable_location_is_done_without_with_a_warning(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with ResultCache(blocker / "cache.sqlite") as cache:
        assert not cache.available
        assert cache.fresh_verdicts({"u": ""}, DAY) == {}
        cache.record_verdict(_verdict("u"))  # dropped, no exception
        assert len(cache.warnings) == 1 and "cannot use the cache" in cache.warnings[0]
    assert blocker.read_text() == "not a directory"


WRITER = """
import sys, time
from citecheck.model import Verdict, Check
from citecheck.store import ResultCache
cache = ResultCache(sys.argv[1])
started = time.monotonic()
for batch in range(100000):
    if time.monotonic() - started > 30:
        break
    items = [(Verdict(url=f"u{batch}-{n}", state="dead", reason="not-found"),
              [Check(url=f"u{batch}-{n}", method="GET", status=404, final_url=None)])
             for n in range(20)]
    cache.record_verdicts(items)
    if batch == 0:
        print("written", flush=True)
"""


def test_kill_9_while_writing_leaves_a_usable_cache(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline() == b"written\n"
        time.sleep(0.5)  # let it commit many more batches, then kill it mid-write
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
    assert writer.returncode == -signal.SIGKILL
    with ResultCache(path) as cache:
        assert cache.moved_aside is None
        assert len(cache.history("u0-0")) == 1
        cache.record_verdict(_verdict("after"))
        assert fresh(cache, "after", DAY) is not None
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = db.execute("SELECT count(*) FROM verdicts").fetchone()[0]
    assert rows > 20 and rows % 20 == 1  # whole batches only, plus the one written after




def _lookup(url: str, wanted: str = "20240215235959", **changes: object) -> ArchiveRecord:
    values: dict = {
        "url": url,
        "wanted": wanted,
        "asked": '{"availability": "https://archive.example/available"}',
        "looked_up_at": 1000.0,
        "reason": "archived",
        "snapshot": ArchiveSnapshot(f"https://archive.example/web/2024/{url}", "20240101", 200),
        "source": "availability",
    }
    values.update(changes)
    return ArchiveRecord(**values)


def test_archive_lookups_round_trip_and_the_latest_answer_replaces(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    found, other_date = _lookup("u"), _lookup("u", wanted="")
    with ResultCache(path) as cache:
        cache.record_archive_lookups([_lookup("u", reason="not-archived", snapshot=None), found])
        cache.record_archive_lookups([other_date, _lookup("v", asked="elsewhere")])
    with ResultCache(path) as reopened:
        stored = reopened.archive_lookups(found.asked, ["u", "v", "w"])
        assert sorted(stored, key=lambda record: record.wanted) == [other_date, found]
        assert reopened.archive_lookups("elsewhere", ["u", "v"]) == [
            _lookup("v", asked="elsewhere")
        ]
        missing = _lookup("x", reason="not-archived", snapshot=None, source=None)
        reopened.record_archive_lookups([missing])
        assert reopened.archive_lookups(found.asked, ["x"]) == [missing]


def test_archive_lookups_in_bulk(tmp_path: Path) -> None:
    with ResultCache(tmp_path / "c.sqlite") as cache:
        records = [_lookup(f"u{n}") for n in range(1200)]  # more than one query's worth
        cache.record_archive_lookups(records)
        urls = [f"u{n}" for n in range(0, 1200, 2)] + ["unknown"]
        assert {record.url for record in cache.archive_lookups(records[0].asked, urls)} == set(
            urls[:-1]
        )


def test_a_cache_from_before_archive_lookups_opens_and_works(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with ResultCache(path) as cache:
        cache.record_verdict(_verdict("u"), [_check("u")])
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE archive_lookups")  # the schema as it was before the table
    with sqlite3.connect(path) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert "archive_lookups" not in tables and "verdicts" in tables
    with ResultCache(path) as cache:
        assert cache.moved_aside is None
        assert len(cache.history("u")) == 1
        assert cache.archive_lookups(_lookup("u").asked, ["u"]) == []
        cache.record_archive_lookups([_lookup("u")])
        assert cache.archive_lookups(_lookup("u").asked, ["u"]) == [_lookup("u")]


def test_only_the_newest_verdict_counts_however_long_the_history(tmp_path: Path) -> None:
    with ResultCache(tmp_path / "c.sqlite") as cache:
        for day in range(30):
            cache.record_verdict(_verdict("u"), checked_at=day * 86400.0)
        timeout = Verdict("u", "inconclusive", "timeout", elapsed=10.0)
        cache.record_verdict(timeout, checked_at=30 * 86400.0)
        now = 30 * 86400.0 + 60
        assert cache.fresh_verdicts({"u": ""}, 100 * DAY, now=now) == {}  # no older final one
        assert cache.fresh_verdicts({"u": ""}, DAY, now=now, inconclusive_max_age=3600) == {
            "u": timeout
        }
        assert cache.last_durations(["u", "never"]) == {"u": 10.0}
