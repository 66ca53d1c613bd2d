"""Links checked while citations are parsed: same verdicts, the parse's ids and spelling."""

from __future__ import annotations

import threading

from citecheck.checks.overlap import check_while_parsing, links_in_notes
from citecheck.model import (
    Citation,
    Document,
    Note,
    ParsedDocument,
    ParsedNote,
    Section,
    Verdict,
)

NOTES = (
    Note("1", "1", 1, "A, <https://Example.org/a#top>. See also https://b.example/x.", 1),
    Note("1", "2", 2, "B, doi:10.1000/xyz.", 2),
)


def document() -> Document:
    return Document("book.txt", "text", (Section("1", NOTES),))


def parse(doc: Document) -> ParsedDocument:
    first, second = doc.notes
    cite_a = Citation("c1", "1", "1", 1, "A", {"URL": "https://example.org/a"})
    cite_doi = Citation("c2", "1", "2", 2, "B", {"DOI": "10.1000/XYZ"})
    notes = (
        ParsedNote(first, (cite_a,), "See also https://b.example/x."),
        ParsedNote(second, (cite_doi,), None),
    )
    return ParsedDocument(doc, notes)


def test_verdicts_take_the_parsed_links_ids_and_spelling() -> None:
    batches: list[list[str]] = []

    def check(links):  # a stand-in for check_links: every link resolvable
        batches.append([link.url for link in links])
        return tuple(Verdict(link.url, "resolvable", "ok", 200, link.url) for link in links)

    parsed, links, verdicts = check_while_parsing(document(), parse, lambda p: p, check)
    assert parsed.citations[0].id == "c1"
    assert [link.url for link in links] == [
        "https://example.org/a",
        "https://b.example/x",
        "https://doi.org/10.1000/XYZ",
    ]
    assert [(v.url, v.citation_ids) for v in verdicts] == [
        ("https://example.org/a", ("c1",)),
        ("https://b.example/x", ("note:1/1",)),
        ("https://doi.org/10.1000/XYZ", ("c2",)),
    ]
    assert batches == [
        ["https://Example.org/a#top", "https://b.example/x", "https://doi.org/10.1000/xyz"]
    ]


def test_parsing_runs_beside_the_checks_and_excluded_links_are_left_out() -> None:
    parsing_started = threading.Event()

    def slow_parse(doc: Document) -> ParsedDocument:
        parsing_started.set()
        return parse(doc)

    def check(links):
        assert parsing_started.wait(5), "the parse should run while links are checked"
        return tuple(Verdict(link.url, "dead", "not-found") for link in links)

    wanted = lambda url: "b.example" not in url  # noqa: E731
    _, links, verdicts = check_while_parsing(document(), slow_parse, lambda p: p, check, wanted)
    assert [link.url for link in links] == ["https://example.org/a", "https://doi.org/10.1000/XYZ"]
    assert [(v.url, v.state) for v in verdicts] == [
        ("https://example.org/a", "dead"),
        ("https://doi.org/10.1000/XYZ", "dead"),
    ]


def test_links_in_notes_are_cited_by_their_notes() -> None:
    assert [link.citation_ids for link in links_in_notes(document())] == [
        ("note:1/1",),
        ("note:1/1",),
        ("note:1/2",),
    ]
