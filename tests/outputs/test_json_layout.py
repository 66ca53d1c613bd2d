"""The JSON report's layout: valid JSON, one link and one problem per line."""

from __future__ import annotations

import json

from citecheck.model import Document, ParsedDocument, Problem, Report, Section, Verdict
from citecheck.reports import WRITERS, render, render_chunks

EMPTY = ParsedDocument(Document("x.txt", "text", (Section("Notes", ()),)), ())


def test_empty_report_is_valid_json():
    data = json.loads(render(Report(EMPTY), "json"))
    assert data["links"] == [] and data["problems"] == []
    assert data["summary"]["links"] == 0


def test_one_line_per_link_and_problem():
    verdicts = tuple(Verdict(f"https://example.org/{n}", "dead", "http-404") for n in range(3))
    problems = (Problem("numbering-gap", "error", "Notes", 4, 2, "number 2 is skipped"),)
    text = render(Report(EMPTY, problems, verdicts, links_checked=True), "json")
    data = json.loads(text)
    assert [link["url"] for link in data["links"]] == [v.url for v in verdicts]
    assert data["problems"][0]["kind"] == "numbering-gap"
    lines = text.splitlines()
    assert sum(line.lstrip().startswith('{"url"') for line in lines) == 3
    assert sum(line.lstrip().startswith('{"kind"') for line in lines) == 1


def test_chunks_join_to_the_report_one_item_at_a_time():
    """`check` writes the JSON in pieces: each link is its own piece, so a big report is
    never one tree of dicts and one string in memory; the pieces join to `render`'s text."""
    verdicts = tuple(Verdict(f"https://example.org/{n}", "dead", "http-404") for n in range(3))
    report = Report(EMPTY, (), verdicts, links_checked=True)
    pieces = list(render_chunks(report, "json"))
    assert "".join(pieces) == render(report, "json")
    assert sum('{"url"' in piece for piece in pieces) == 3
    assert all(piece.count('{"url"') <= 1 for piece in pieces)


def test_every_format_renders_the_same_in_chunks():
    verdicts = (Verdict("https://example.org/a", "moved", "http-301"),)
    report = Report(EMPTY, (), verdicts, links_checked=True)
    for fmt in WRITERS:
        assert "".join(render_chunks(report, fmt)) == render(report, fmt), fmt
