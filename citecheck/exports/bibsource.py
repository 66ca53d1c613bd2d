"""The `.bib` entries a document was read from, for an export that keeps them.

A bibliography exported from a `.bib` file must not break the `\\cite` commands written
against it: each entry keeps its key and its type, and every field the exporter does
not write itself (subtitle, isbn, keywords, a field of the user's own) is copied as it
was. The reader turns an entry into CSL-JSON and keeps only what CSL can say, so the
fields are read again here from the same file, as data (bibtexparser, no macros run).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import bibtexparser

from citecheck.model import ParsedDocument


@dataclass(frozen=True)
class SourceEntry:
    key: str
    entry_type: str
    fields: tuple[tuple[str, str], ...]
    """(name, value) in the entry's order, values as written (LaTeX kept, no braces)."""


def entries_by_citation(parsed: ParsedDocument) -> dict[str, SourceEntry]:
    """The source entry of each citation read from a `.bib` file, by citation id."""
    if parsed.document.format != "bibtex":
        return {}
    entries = _read_entries(parsed.document.path)
    found: dict[str, SourceEntry] = {}
    for parsed_note in parsed.notes:
        key = parsed_note.note.mark
        for citation in parsed_note.citations:
            entry = entries.get(key)
            found[citation.id] = entry or SourceEntry(key, "", ())
    return found


def _read_entries(path: str) -> dict[str, SourceEntry]:
    """The file's entries; none when it cannot be read again (standard input): the keys
    are still kept, from the notes' marks."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        library = bibtexparser.parse_string(text)
    except Exception:  # the reader has already reported what it could not read
        return {}
    finally:
        logger.setLevel(level)
    entries: dict[str, SourceEntry] = {}
    for entry in library.entries:
        fields = tuple((field.key.lower(), str(field.value)) for field in entry.fields)
        entries.setdefault(entry.key, SourceEntry(entry.key, entry.entry_type.lower(), fields))
    return entries
