"""The JSON report's layout: valid JSON, one link and one problem per line."""

from __future__ import annotations

import json

from citecheck.model import Document, ParsedDocument, Problem, Report, Section, Verdict
from citecheck.reports import render

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
