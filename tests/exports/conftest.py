"""Documents built from CSL items, and the exports of the sample notes."""

from __future__ import annotations

from typing import Any

import bibtexparser
import pytest

from citecheck.exports import export
from citecheck.model import Citation, Document, Note, ParsedDocument, ParsedNote, Section


def document_of(*items: dict[str, Any], section: str = "第1章") -> ParsedDocument:
    """A parsed document with one note per item, each citing that item."""
    notes = []
    for number, item in enumerate(items, start=1):
        note = Note(section, str(number), number, str(item.get("title", "")), number)
        citation = Citation(f"c{number}", section, str(number), number, note.text, dict(item))
        notes.append(ParsedNote(note=note, citations=(citation,), commentary=None))
    document = Document("notes.txt", "text", (Section(section, tuple(n.note for n in notes)),))
    return ParsedDocument(document, tuple(notes))


def entries(text: str) -> dict[str, tuple[str, dict[str, str]]]:
    """key → (type, {field: value as written}) of an exported .bib text."""
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    return {
        entry.key: (entry.entry_type, {f.key: str(f.value) for f in entry.fields})
        for entry in library.entries
    }


def one_entry(item: dict[str, Any], fmt: str = "biblatex") -> tuple[str, dict[str, str]]:
    (only,) = entries(export(document_of(item), fmt)).values()
    return only


@pytest.fixture(scope="session")
def sample_export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The sample notes exported once in every format: format → text."""
    from pathlib import Path

    from citecheck.citations import parse_document
    from citecheck.readers import read_document

    notes = Path(__file__).resolve().parents[2] / "references"
    parsed = parse_document(read_document(str(notes / "china-security-report-2026-notes.txt")))
    return {fmt: export(parsed, fmt) for fmt in ("biblatex", "bibtex", "csl-json")}
