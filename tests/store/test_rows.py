"""Rows crafted straight into the SQLite file: whatever does not fit its table's row
format is a miss — never an exception, never code run — while valid rows beside it
are still found."""

from __future__ import annotations

import json
import os
import pickle
import sqlite3
from pathlib import Path

import pytest

from citecheck import prepared, records
from citecheck.model import Document, ParsedDocument, Verdict
from citecheck.store import ArchiveRecord, ResultCache

NOW = 1_000_000.0
DAY = 86400.0


class _RunsCode:
    """Unpickling this calls `os.system`: a cache that unpickled would run it."""

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, ("touch ran-from-cache",))


PICKLE = pickle.dumps(_RunsCode())


def good_evidence(url: str, state: str = "resolvable", reason: str = "ok") -> str:
    return records.dumps(Verdict(url, state, reason, status=200))  # type: ignore[arg-type]


def insert_verdict(path: Path, url: str, evidence: object, **columns: object) -> None:
    row = {
        "url": url,
        "checked_at": NOW,
        "policy": "p",
        "state": "resolvable",
        "reason": "ok",
        "status": 200,
        "evidence": evidence,
        **columns,
    }
    names = ", ".join(row)
    with sqlite3.connect(path) as db:
        db.execute(
            f"INSERT INTO verdicts ({names}) VALUES ({', '.join('?' for _ in row)})",
            tuple(row.values()),
        )
    db.close()


@pytest.fixture
def path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # where a pickle payload would leave its mark
    cache_path = tmp_path / "cache.sqlite"
    ResultCache(cache_path).close()  # the tables, with citecheck's marker
    return cache_path


EVIDENCE = {
    "pickle payload": (PICKLE, {}),
    "pickle payload as text": (PICKLE.decode("latin-1"), {}),
    "truncated JSON": (good_evidence("u")[:-7], {}),
    "not an object": ("[1, 2, 3]", {}),
    "wrong type": (good_evidence("u").replace('"status":200', '"status":"200"'), {}),
    "boolean for a number": (good_evidence("u").replace('"attempts":0', '"attempts":true'), {}),
    "unknown key": (good_evidence("u")[:-1] + ',"__reduce__":"os.system"}', {}),
    "state outside the model": (good_evidence("u").replace("resolvable", "alive"), {}),
    "NaN": (good_evidence("u").replace('"elapsed":0.0', '"elapsed":NaN'), {}),
    "nested too deep": ('{"url": ' + "[" * 100_000 + "]" * 100_000 + "}", {}),
    "checked_at as text": (good_evidence("u"), {"checked_at": "yesterday"}),
    "reason as a number": (good_evidence("u"), {"reason": 404}),
    "row disagrees with its evidence": (good_evidence("u"), {"state": "dead"}),
    "evidence of another URL": (good_evidence("elsewhere"), {}),
    "status as a blob": (good_evidence("u"), {"status": b"\x00"}),
}


@pytest.mark.parametrize("damage", list(EVIDENCE))
def test_a_verdict_row_that_does_not_fit_is_a_miss(path: Path, damage: str) -> None:
    evidence, columns = EVIDENCE[damage]
    insert_verdict(path, "u", evidence, **columns)
    insert_verdict(path, "v", good_evidence("v"))
    with ResultCache(path) as cache:
        found = cache.fresh_verdicts({"u": "p", "v": "p"}, DAY, now=NOW + 60)
        assert list(found) == ["v"] and found["v"].cached and found["v"].checked_at == NOW
        assert cache.history("u") == []
        assert cache.available and cache.warnings == []
        cache.last_durations(["u", "v"])  # reads the evidence too: no exception
    assert not Path("ran-from-cache").exists()


def test_the_same_rows_well_formed_are_found(path: Path) -> None:
    """The control for the test above: the row it damages is found when intact."""
    insert_verdict(path, "u", good_evidence("u"))
    with ResultCache(path) as cache:
        assert cache.fresh_verdicts({"u": "p"}, DAY, now=NOW + 60)["u"].reason == "ok"
        assert cache.fresh_verdicts({"u": "other policy"}, DAY, now=NOW + 60) == {}


def empty_parse() -> prepared.Prepared:
    document = Document(path="book.md", format="markdown", sections=())
    return prepared.Prepared(ParsedDocument(document, ()), (), ())


@pytest.mark.parametrize(
    "value",
    [
        PICKLE,
        PICKLE.decode("latin-1"),  # a TEXT value where the table holds blobs
        records.dumps(empty_parse()).encode()[:-3],
        records.dumps(empty_parse()).encode().replace(b'"sections":[]', b'"sections":{}'),
        records.dumps(empty_parse()).encode()[:-1] + b',"extra":1}',
        12345,
    ],
    ids=["pickle", "text", "truncated", "wrong-type", "unknown-key", "number"],
)
def test_a_parse_memo_row_that_does_not_fit_is_a_miss(path: Path, value: object) -> None:
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO memos (kind, key, stored_at, value) VALUES (?, 'k', 1.0, ?)",
            (prepared.KIND, value),
        )
        db.execute(
            "INSERT INTO memos (kind, key, stored_at, value) VALUES (?, 'good', 1.0, ?)",
            (prepared.KIND, records.dumps(empty_parse()).encode()),
        )
    db.close()
    with ResultCache(path) as cache:
        assert prepared.recall(cache, "k") is None
        assert prepared.recall(cache, "good") == empty_parse()
    assert not Path("ran-from-cache").exists()


ASKED = '{"availability": "https://archive.example/available"}'


@pytest.mark.parametrize(
    "columns",
    [
        {"looked_up_at": "recently"},
        {"snapshot_status": "two hundred"},
        {"snapshot_timestamp": None},  # a snapshot URL without its time
        {"reason": PICKLE},
        {"source": b"\x80"},
    ],
    ids=["time-as-text", "status-as-text", "no-timestamp", "pickle-reason", "blob-source"],
)
def test_an_archive_row_that_does_not_fit_is_a_miss(path: Path, columns: dict) -> None:
    row = {
        "url": "u",
        "wanted": "",
        "asked": ASKED,
        "looked_up_at": 1.0,
        "reason": "archived",
        "snapshot_url": "https://archive.example/web/2024/u",
        "snapshot_timestamp": "20240101",
        "snapshot_status": 200,
        "source": "availability",
    }
    with sqlite3.connect(path) as db:
        query = "INSERT INTO archive_lookups ({}) VALUES ({})"
        for url, changes in (("u", columns), ("v", {})):
            values = {**row, "url": url, **changes}
            db.execute(query.format(", ".join(values), ", ".join("?" * len(values))),
                       tuple(values.values()))
    db.close()
    with ResultCache(path) as cache:
        found = cache.archive_lookups(ASKED, ["u", "v"])
    assert [record.url for record in found] == ["v"]
    assert isinstance(found[0], ArchiveRecord) and found[0].snapshot is not None


def test_an_observation_row_that_does_not_fit_is_left_out(path: Path) -> None:
    with sqlite3.connect(path) as db:
        query = (
            "INSERT INTO observations (url, checked_at, method, status, attempts, elapsed,"
            " evidence) VALUES ('u', ?, 'GET', ?, 1, 0.1, '{}')"
        )
        db.execute(query, (1.0, "not a status"))
        db.execute(query, (2.0, 404))
    db.close()
    with ResultCache(path) as cache:
        assert [row.status for row in cache.observations("u")] == [404]


def test_a_crafted_row_makes_check_observe_the_link_again(tmp_path, monkeypatch, capsys):
    """End to end: a hostile row under the very policy the run asks for is not taken."""
    from citecheck.checks import CheckOptions
    from citecheck.cli import main
    from citecheck.platforms import handler_for
    from tests.servers import ScenarioWeb

    monkeypatch.chdir(tmp_path)
    cache_path = tmp_path / "cache.sqlite"
    ResultCache(cache_path).close()
    with ScenarioWeb(hosts=1) as web:
        url = web.url("/missing/crafted")
        policy = CheckOptions(handler_for=handler_for, allow_private=True).policy(url)
        insert_verdict(cache_path, url, PICKLE, policy=policy, checked_at=9e9)
        book = tmp_path / "links.txt"
        book.write_text(f"{url}\n", encoding="utf-8")
        args = ["check", str(book), "--format", "json", "--cache", str(cache_path),
                "--allow-private", "--no-archive", "--retries", "0"]
        code = main(args)
        report = json.loads(capsys.readouterr().out)
        assert web.stats.hits("/missing/crafted") >= 1
    assert code == 1 and report["links"][0]["verdict"] == "dead"
    assert report["links"][0]["cached"] is False
    assert not (tmp_path / "ran-from-cache").exists()
