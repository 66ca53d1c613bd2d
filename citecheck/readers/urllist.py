"""A plain list of URLs, or any text file: one note per line that holds a URL or DOI.

This is the reader of last resort for link audits: whatever the file is, the lines
that cite something checkable become notes, numbered in order, in one "Links" section.
"""

from __future__ import annotations

import re

from citecheck.errors import InputError
from citecheck.model import Document, Note, Section
from citecheck.readers.source import Source

SECTION = "Links"

#: http(s) URLs, `www.` hosts and DOIs (bare or with a doi: prefix).
LINK = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'「」『』（）、。，]+|\b(?:doi:\s*)?10\.\d{4,9}/[^\s<>\"']+",
    re.IGNORECASE,
)


def has_link(text: str) -> bool:
    return LINK.search(text) is not None


def read_text(text: str, path: str = "<text>") -> Document:
    notes: list[Note] = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if has_link(line):
            number = len(notes) + 1
            notes.append(Note(SECTION, str(number), number, line.strip(), line_no))
    if not notes:
        raise InputError(f"{path}: no URLs or DOIs found")
    return Document(path=path, format="urls", sections=(Section(SECTION, tuple(notes), 1),))


def claims(source: Source) -> bool:
    """Any text with a URL or DOI in it: the reader of last resort."""
    return has_link(source.text)


def read(source: Source) -> Document:
    return read_text(source.text, source.path)
