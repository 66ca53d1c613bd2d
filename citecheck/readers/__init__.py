"""Readers: one module per input format, registered in READERS.

A reader turns a file into a `Document` (sections of notes, plus body markers where
the format has them). Adding a format is one module and one line here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from citecheck.errors import InputError
from citecheck.model import Document
from citecheck.readers import plaintext

Reader = Callable[[str], Document]

READERS: dict[str, Reader] = {
    "text": plaintext.read,
}

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
}


def detect_format(path: str) -> str:
    fmt = EXTENSIONS.get(Path(path).suffix.lower())
    return fmt or "text"


def read_document(path: str, fmt: str | None = None) -> Document:
    """Read `path` with the reader for `fmt` (detected from the file when None)."""
    name = fmt or detect_format(path)
    reader = READERS.get(name)
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise InputError(f"{path}: unknown format {name!r} (known: {known})")
    return reader(path)
