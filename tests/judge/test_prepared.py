"""A parsed manuscript remembered in the result cache: reused only for the same bytes,
extension and link filters, and never a reason to report what the file no longer says."""

from __future__ import annotations

import json
import os
import pickle
from dataclasses import replace
from pathlib import Path

import pytest

from citecheck import prepared
from citecheck.cli import main
from citecheck.errors import InputError
from citecheck.model import Document, ParsedDocument
from citecheck.readers.source import Source
from citecheck.store import ResultCache
from tests.servers import ScenarioWeb

FAST = ["--allow-private", "--no-archive", "--timeout", "5", "--deadline", "10"]


@pytest.fixture(scope="module")
def web():
    with ScenarioWeb(hosts=2, hold_seconds=3.0) as scenario_web:
        yield scenario_web


def write_notes(path: Path, urls: list[str]) -> Path:
    body = "".join(f"Claim {n}.[^{n}]\n" for n in range(1, len(urls) + 1))
    notes = "".join(f"[^{n}]: Source {n}, 2024. <{url}>\n" for n, url in enumerate(urls, 1))
    path.write_text(f"# Book\n\n{body}\n{notes}", encoding="utf-8")
    return path


def empty_parse() -> prepared.Prepared:
    document = Document(path="book.md", format="markdown", sections=())
    return prepared.Prepared(ParsedDocument(document, ()), (), ())


def check_json(capsys, path: Path, cache: Path, *extra: str) -> dict:
    main(["check", "--format", "json", str(path), "--cache", str(cache), *FAST, *extra])
    return json.loads(capsys.readouterr().out)


def test_key_follows_bytes_extension_and_options(tmp_path) -> None:
    notes = tmp_path / "a.md"
    notes.write_text("[^1]: A. <https://example.org/a>\n", encoding="utf-8")
    key = prepared.content_key(Source.load(notes), "x")
    assert key == prepared.content_key(Source.load(notes), "x")
    assert key != prepared.content_key(Source.load(notes), "y")
    renamed = tmp_path / "a.txt"
    renamed.write_bytes(notes.read_bytes())
    assert prepared.content_key(Source.load(renamed), "x") != key
    notes.write_text("[^1]: A. <https://example.org/b>\n", encoding="utf-8")
    assert prepared.content_key(Source.load(notes), "x") != key


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_what_is_not_a_readable_file_is_never_loaded(tmp_path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for unreadable in (fifo, tmp_path, tmp_path / "missing.md"):
        with pytest.raises(InputError):  # at once: a FIFO is never read
            Source.load(unreadable)


def test_round_trip_and_unreadable_blobs(tmp_path) -> None:
    ready = empty_parse()
    with ResultCache(tmp_path / "cache.sqlite") as store:
        prepared.remember(store, "k", ready)
        assert prepared.recall(store, "k") == ready
        assert prepared.recall(store, "other") is None
        store.remember(prepared.KIND, "broken", b"not a pickle", keep=prepared.KEEP)
        assert prepared.recall(store, "broken") is None
        store.remember(prepared.KIND, "alien", pickle.dumps({"a": 1}), keep=prepared.KEEP)
        assert prepared.recall(store, "alien") is None


def test_only_the_newest_parses_are_kept(tmp_path) -> None:
    ready = empty_parse()
    with ResultCache(tmp_path / "cache.sqlite") as store:
        for n in range(prepared.KEEP + 3):
            prepared.remember(store, f"k{n}", ready)
        kept = [n for n in range(prepared.KEEP + 3) if prepared.recall(store, f"k{n}")]
    assert kept == list(range(3, prepared.KEEP + 3))


def test_second_run_reuses_the_parse_and_answers_the_same(web, tmp_path, capsys) -> None:
    cache = tmp_path / "cache.sqlite"
    book = write_notes(tmp_path / "book.md", [web.url("/ok/p1"), web.url("/missing/p2", 1)])
    first = check_json(capsys, book, cache)
    with ResultCache(cache) as store:
        key = prepared.content_key(Source.load(book), "()", "()")
        assert key is not None and prepared.recall(store, key) is not None
    hits = web.stats.hits("/ok/p1")
    second = check_json(capsys, book, cache)
    first["links"] = [{**link, "cached": True} for link in first["links"]]  # now from the cache
    assert second == first
    assert web.stats.hits("/ok/p1") == hits


def test_a_check_reads_each_file_once(web, tmp_path, capsys, monkeypatch) -> None:
    book = write_notes(tmp_path / "book.md", [web.url("/ok/r1")])
    reads: list[Path] = []
    read_bytes = Path.read_bytes

    def counted(path: Path) -> bytes:
        reads.append(path)
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counted)
    for run in (1, 2):  # a miss, then a hit: its key and its local links need the bytes
        report = check_json(capsys, book, tmp_path / "cache.sqlite")
        assert [link["url"] for link in report["links"]] == [web.url("/ok/r1")]
        assert reads.count(book) == run


def test_the_remembered_parse_is_what_a_second_run_reports(web, tmp_path, capsys) -> None:
    cache = tmp_path / "cache.sqlite"
    book = write_notes(tmp_path / "book.md", [web.url("/ok/m1"), web.url("/missing/m2", 1)])
    check_json(capsys, book, cache)
    key = prepared.content_key(Source.load(book), "()", "()")
    assert key is not None
    with ResultCache(cache) as store:
        ready = prepared.recall(store, key)
        assert ready is not None
        prepared.remember(store, key, replace(ready, links=ready.links[:1]))
    report = check_json(capsys, book, cache)  # the file is not read again: one link left
    assert [link["url"] for link in report["links"]] == [web.url("/ok/m1")]


def test_an_edited_file_is_parsed_again(web, tmp_path, capsys) -> None:
    cache = tmp_path / "cache.sqlite"
    book = write_notes(tmp_path / "book.md", [web.url("/ok/e1")])
    check_json(capsys, book, cache)
    write_notes(book, [web.url("/ok/e1"), web.url("/gone/e2", 1)])
    report = check_json(capsys, book, cache)
    assert [link["verdict"] for link in report["links"]] == ["resolvable", "dead"]
    assert report["summary"]["notes"] == 2


def test_a_new_exclude_pattern_is_honoured(web, tmp_path, capsys) -> None:
    cache = tmp_path / "cache.sqlite"
    book = write_notes(tmp_path / "book.md", [web.url("/ok/x1"), web.url("/missing/x2", 1)])
    check_json(capsys, book, cache)
    report = check_json(capsys, book, cache, "--exclude", "/missing/")
    assert [link["url"] for link in report["links"]] == [web.url("/ok/x1")]


def test_a_parse_too_large_is_not_kept(tmp_path, monkeypatch) -> None:
    ready = empty_parse()
    monkeypatch.setattr(prepared, "MAX_BYTES", 10)
    with ResultCache(tmp_path / "cache.sqlite") as store:
        prepared.remember(store, "big", ready)
        assert prepared.recall(store, "big") is None


class _RunsCode:
    """Unpickling this calls `os.system`: a cache that unpickled would run it."""

    def __reduce__(self):
        return (os.system, ("touch ran-from-cache",))


def test_a_stored_pickle_is_never_run(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with ResultCache(tmp_path / "cache.sqlite") as store:
        store.remember(prepared.KIND, "hostile", pickle.dumps(_RunsCode()), keep=prepared.KEEP)
        assert prepared.recall(store, "hostile") is None
    assert not (tmp_path / "ran-from-cache").exists()


def test_the_sample_parse_round_trips_as_json(tmp_path) -> None:
    from citecheck.citations import parse_document
    from citecheck.links.extract import extract_links
    from citecheck.readers import read_document
    from citecheck.verify import verify

    sample = Path(__file__).resolve().parents[2] / "references"
    document = read_document(str(next(sample.glob("*.txt"))))
    parsed = parse_document(document)
    ready = prepared.Prepared(
        parsed, verify(parsed).problems, extract_links(parsed)
    )
    assert parsed.citations and ready.problems and ready.links
    with ResultCache(tmp_path / "cache.sqlite") as store:
        prepared.remember(store, "sample", ready)
        value = store.recall(prepared.KIND, "sample")
        assert value is not None and json.loads(value)["parsed"]["document"]["format"] == "text"
        assert prepared.recall(store, "sample") == ready
