"""Small manuscripts for the verification tests: body chapters, then the notes."""

from __future__ import annotations

from collections.abc import Sequence

from citecheck.model import Document, ParsedDocument, ParsedNote, Problem
from citecheck.readers.plaintext import read_text


def manuscript(body: str, notes: str) -> str:
    return f"{body.strip()}\n\n注\n\n{notes.strip()}\n"


def read(body: str, notes: str) -> Document:
    return read_text(manuscript(body, notes), "test.txt")


def without_citations(document: Document) -> ParsedDocument:
    return ParsedDocument(document, tuple(ParsedNote(n, (), None) for n in document.notes))


def kinds(problems: Sequence[Problem]) -> list[tuple[str, int | None, int | None]]:
    """(kind, note, line) of each problem, the way the tests compare them."""
    return sorted((p.kind, p.note, p.line) for p in problems)
