"""Citation verdicts remembered per file when no look-up is made: a warm check answers
what a fresh judgement would, and a changed link verdict is judged again."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import replace
from functools import partial
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from citecheck import judged, records
from citecheck.cli import main
from citecheck.model import CitationVerdict, Document, FileResult, ParsedDocument, Problem, Verdict
from citecheck.store import ResultCache
from tests.servers import serve_loopback

FAST = ["--allow-private", "--no-archive", "--no-lookup", "--timeout", "5", "--deadline", "10"]


class _Switchable(BaseHTTPRequestHandler):
    """Answers every path with the status in `statuses["now"]`."""

    def __init__(self, *args, statuses: dict[str, int], **kwargs) -> None:
        self.statuses = statuses
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        status = self.statuses["now"]
        body = f"<!doctype html><title>Page {self.path}</title><p>{'text ' * 50}".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_HEAD(self) -> None:
        self.send_response(self.statuses["now"])
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def check_json(capsys, path: Path, cache: Path, *extra: str) -> dict:
    main(["check", "--format", "json", str(path), "--cache", str(cache), *FAST, *extra])
    return json.loads(capsys.readouterr().out)


def without_cached(report: dict) -> dict:
    return {**report, "links": [{**link, "cached": None} for link in report["links"]]}


def judged_records(cache: Path) -> int:
    with ResultCache(cache) as store:
        assert store._db is not None
        return store._db.execute(
            "SELECT count(*) FROM memos WHERE kind = ?", (judged.KIND,)
        ).fetchone()[0]


def test_a_warm_check_answers_what_the_cold_one_judged(tmp_path, capsys) -> None:
    statuses = {"now": 200}
    with serve_loopback(partial(_Switchable, statuses=statuses)) as site:
        book = tmp_path / "book.txt"
        book.write_text(
            f"Notes\n\n1. Jane Doe, “A Page,” {site}/a (accessed 1 May 2024).\n"
            f"2. John Roe, “Another Page,” {site}/b (accessed 2 May 2024).\n3. Ibid.\n",
            encoding="utf-8",
        )
        cache = tmp_path / "cache.sqlite"
        cold = check_json(capsys, book, cache)
        assert judged_records(cache) == 1
        warm = check_json(capsys, book, cache)
        assert [link["cached"] for link in warm["links"]] == [True, True]
        assert without_cached(warm) == without_cached(cold)
        assert judged_records(cache) == 1  # recalled, not judged and stored again
        verdicts = [c["verdict"] for c in warm["citation_verdicts"]]
        assert verdicts == ["resolvable", "resolvable", "resolvable"], warm["citation_verdicts"]

        statuses["now"] = 404  # the links die; a re-check must not get the old judgement
        dead = check_json(capsys, book, cache, "--max-age", "0")
    assert [link["verdict"] for link in dead["links"]] == ["dead", "dead"]
    assert [c["verdict"] for c in dead["citation_verdicts"]] == ["dead", "dead", "dead"]
    assert judged_records(cache) == 2


def _file(path: str, problems: tuple[Problem, ...] = ()) -> FileResult:
    parsed = ParsedDocument(Document(path=path, format="text", sections=()), ())
    return FileResult(path, "text", parsed, problems, (Verdict("https://a.test/", "dead", "x"),))


def test_remembered_problems_are_filtered_on_the_way_out(tmp_path) -> None:
    note_problem = Problem("missing-note", "error", "", 1, 1, "a note problem")
    found = Problem("citation-mismatch", "error", "", 2, 2, "a citation problem")
    calls: list[list[str]] = []

    def judge(files: list[FileResult]) -> tuple[list[FileResult], judged.Basis]:
        calls.append([result.path for result in files])
        verdict = CitationVerdict("s1-n1-c1", "dead", "dead-link")
        return [
            replace(r, problems=(*r.problems, found), citation_verdicts=(verdict,)) for r in files
        ], judged.Basis()

    unreadable = FileResult("gone.txt", "", None, error="no such file")
    files = [_file("a.txt", (note_problem,)), unreadable, _file("b.txt")]
    keys = ["ka", None, None]  # b.txt has no key (standard input): judged every time
    with ResultCache(tmp_path / "cache.sqlite") as store:
        everything = judged.judge_remembered(files, keys, store, judge, lambda kind: True)
        assert calls == [["a.txt", "b.txt"]]
        assert everything[0].problems == (note_problem, found)
        assert everything[1] is unreadable
        quiet = judged.judge_remembered(files, keys, store, judge, lambda kind: kind != found.kind)
        assert calls == [["a.txt", "b.txt"], ["b.txt"]]  # a.txt recalled
    assert quiet[0].problems == (note_problem,)
    assert quiet[2].problems == ()
    assert quiet[0].citation_verdicts == everything[0].citation_verdicts


def test_the_key_ignores_when_a_verdict_was_observed_but_not_what_it_says() -> None:
    verdict = Verdict("https://a.test/", "resolvable", "ok", status=200, checked_at=1.0)
    def key(parse: str, verdicts: list[Verdict], lookups: str = "", offline: bool = False):
        return judged.judged_key(parse, verdicts, lookups=lookups, offline=offline)

    first = key("p", [verdict])
    assert key("p", [replace(verdict, checked_at=2.0, cached=True)]) == first
    for other in (
        key("p", [replace(verdict, state="dead")]),
        key("p", [replace(verdict, page_titles=("T",))]),
        key("q", [verdict]),
        key("p", [verdict], lookups="LookupSettings(enabled=True)"),
        key("p", [verdict], offline=True),
    ):
        assert other != first


def test_a_damaged_record_counts_as_not_stored(tmp_path) -> None:
    with ResultCache(tmp_path / "cache.sqlite") as store:
        store.remember(judged.KIND, "k", b'{"citation_verdicts": 3}', keep=judged.KEEP)
        calls = []

        def judge(files: list[FileResult]) -> tuple[list[FileResult], judged.Basis]:
            calls.append(len(files))
            return files, judged.Basis()

        judged.judge_remembered([_file("a.txt")], ["k"], store, judge, lambda kind: True)
    assert calls == [1]


def test_a_judgement_holds_while_its_answers_do(tmp_path) -> None:
    basis = judged.Basis((("q1", hashlib.sha256(b"answer").hexdigest()),), time.time() + 60)
    verdict = CitationVerdict("s1-n1-c1", "resolvable", "record-matches")
    record = judged.Judged((verdict,), (), basis)
    calls = []

    def judge(files: list[FileResult]) -> tuple[list[FileResult], None]:
        calls.append(len(files))
        return files, None  # a service was asked: nothing to remember

    with ResultCache(tmp_path / "cache.sqlite") as store:
        store.remember(judged.KIND, "k", records.dumps(record).encode(), keep=judged.KEEP)
        store.remember(judged.LOOKUP_KIND, "q1", b"answer", keep=10)
        kept = judged.judge_remembered([_file("a.txt")], ["k"], store, judge, lambda kind: True)
        assert calls == [] and kept[0].citation_verdicts == record.citation_verdicts
        store.remember(judged.LOOKUP_KIND, "q1", b"another answer", keep=10)
        judged.judge_remembered([_file("a.txt")], ["k"], store, judge, lambda kind: True)
        assert calls == [1]  # the answer changed: judged again, and not remembered
        expired = replace(record, basis=replace(basis, answers=(), valid_until=time.time() - 1))
        store.remember(judged.KIND, "k", records.dumps(expired).encode(), keep=judged.KEEP)
        judged.judge_remembered([_file("a.txt")], ["k"], store, judge, lambda kind: True)
        assert calls == [1, 1]
        assert store.recall(judged.KIND, "k") == records.dumps(expired).encode()


def test_the_lookup_memo_kind_is_the_one_the_lookup_stage_writes() -> None:
    from citecheck.lookup import memo

    assert judged.LOOKUP_KIND == memo.KIND
