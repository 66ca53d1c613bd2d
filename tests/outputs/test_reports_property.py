"""Any text from a manuscript: every writer still produces well-formed output."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.model import (
    Citation,
    Document,
    Note,
    ParsedDocument,
    ParsedNote,
    Problem,
    Report,
    Section,
    Verdict,
)
from citecheck.reports import render

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from("<>&\"'|`*_[]\n"),
    max_size=30,
)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    section = draw(TEXT)
    texts = draw(st.lists(TEXT, min_size=1, max_size=4))
    notes, parsed_notes, verdicts = [], [], []
    for number, text in enumerate(texts, 1):
        note = Note(section, str(number), number, text, number)
        cid = f"c{number}"
        parts = draw(st.lists(st.one_of(st.integers(0, 3000), TEXT), min_size=1, max_size=3))
        csl = {"id": cid, "title": text, "issued": {"date-parts": [parts]}}
        citation = Citation(cid, section, str(number), number, text, csl)
        notes.append(note)
        parsed_notes.append(ParsedNote(note, (citation,), None))
        state = draw(st.sampled_from(["resolvable", "moved", "dead", "inconclusive"]))
        url = "https://example.org/" + draw(TEXT).replace("\n", "")
        verdicts.append(Verdict(url, state, draw(TEXT), new_url=url + "/new", citation_ids=(cid,)))
    problems = tuple(
        Problem(draw(TEXT), "error", section, None, 1, message) for message in draw(st.lists(TEXT))
    )
    document = Document("x.txt", "text", (Section(section, tuple(notes)),))
    parsed = ParsedDocument(document, tuple(parsed_notes))
    return Report(parsed, problems, tuple(verdicts), links_checked=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_every_writer_stays_well_formed(report: Report) -> None:
    links = json.loads(render(report, "json"))["links"]
    assert len(links) == len(report.verdicts)
    root = ET.fromstring(render(report, "junit").encode("utf-8"))
    assert len(root.findall("./testsuite[@name='links']/testcase")) == len(report.verdicts)
    page = BeautifulSoup(render(report, "html"), "html.parser")
    assert len(page.select("li.note")) == len(report.parsed.notes)
    assert len(page.select("li.link .badge")) == len(report.verdicts)
    table = [line for line in render(report, "markdown").splitlines() if line.startswith("| ")]
    problems = sum(v.state != "resolvable" for v in report.verdicts) + len(report.problems)
    rows = table[2:]  # the summary table's header and numbers come first
    if problems:
        assert len(rows) == 1 + problems  # the problem table's header, then one row each
        assert all(row.replace("\\\\", "").replace("\\|", "").count("|") == 6 for row in rows)
    assert render(report, "terminal", quiet=True).count("\n") == 1
