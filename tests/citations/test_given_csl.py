"""A reader that knows a note's exact CSL item (BibTeX) is taken at its word."""

from __future__ import annotations

from citecheck.citations import parse_document
from citecheck.model import Document, Note, Section


def test_note_with_given_csl_becomes_one_exact_citation():
    item = {"type": "book", "title": "历史的惯性", "author": [{"literal": "阎学通"}], "id": "yan"}
    note = Note("Bibliography", "yan2013", None, "阎学通『历史的惯性』（2013年）", 5, csl=item)
    parsed = parse_document(Document("x.bib", "bibtex", (Section("Bibliography", (note,)),)))
    (citation,) = parsed.citations
    assert citation.csl == {**item, "id": "s1-nyan2013-c1"}
    assert citation.backref is None and citation.note_line == 5
