"""Readers: one module per input format, registered in READERS.

A reader turns a file into a `Document` (sections of notes, plus body markers where
the format has them). Each reader module has `read(source)` and `claims(source)`,
where the source is the file loaded once (`readers.source.Source`); adding a format
is one module and one line here.

The format comes from the extension when that is unambiguous (.md, .docx, .bib, …).
Otherwise (.txt, .htm/.xhtml, no or an unknown extension) each reader is asked in
turn whether it claims the file, by cheap checks on what that format must contain:
for a zip, DOCX, ODT and EPUB by their parts; for text, flat ODT, HTML, BibTeX,
Markdown notes, plain-text endnotes and a list of links, in that order.
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import replace
from types import ModuleType

from citecheck.errors import InputError
from citecheck.model import Document
from citecheck.readers.source import Source
from citecheck.readers.zipparts import OLE_MAGIC, ZIP_MAGIC, ZipParts

#: Format name → the module whose `read(source)` reads it and `claims(source)` says
#: whether a file is in its format. Modules are imported when their format is asked
#: about; the HTML and ODT readers load bs4 and lxml only once they parse.
READERS: dict[str, str] = {
    "text": "citecheck.readers.plaintext",
    "markdown": "citecheck.readers.markdown",
    "urls": "citecheck.readers.urllist",
    "html": "citecheck.readers.html",
    "epub": "citecheck.readers.epub",
    "docx": "citecheck.readers.docx",
    "bibtex": "citecheck.readers.bibtex",
    "odt": "citecheck.readers.odt",
}

#: The order formats are asked to claim a file: the first that claims it reads it.
#: A text format earlier in the list is the more specific (a BibTeX file may hold
#: URLs, Markdown notes look like plain-text notes).
ZIP_FORMATS = ("docx", "odt", "epub")
TEXT_FORMATS = ("odt", "html", "bibtex", "markdown", "text", "urls")

EXTENSIONS: dict[str, str] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".html": "html",
    ".epub": "epub",
    ".docx": "docx",
    ".bib": "bibtex",
    ".bibtex": "bibtex",
    ".odt": "odt",
    ".fodt": "odt",
}


def reader_module(name: str) -> ModuleType:
    return importlib.import_module(READERS[name])


def detect_format(path: str) -> str:
    """The format name for `path`: by extension, else by what the file holds."""
    return format_of(Source.load(path))


def format_of(source: Source) -> str:
    """The format of `source`: by its extension, else the first reader that claims it."""
    return EXTENSIONS.get(source.suffix) or sniff_format(source)


def sniff_format(source: Source) -> str:
    """The first format in ZIP_FORMATS or TEXT_FORMATS whose reader claims `source`."""
    path, data = source.path, source.data
    if data.startswith(OLE_MAGIC):
        raise InputError(
            f"{path}: a Word 97-2003 .doc or an encrypted Office file; save it as .docx"
        )
    if data.startswith(ZIP_MAGIC):
        found = _first_claim(ZIP_FORMATS, source)
        if found is None:
            ZipParts(path, "zip", data)  # a broken zip says why
            raise InputError(f"{path}: a zip archive, but neither a DOCX, an EPUB nor an ODT")
        return found
    # Bytes that are not text fail the first text reader's claim with the reason.
    found = _first_claim(TEXT_FORMATS, source)
    if found is None:
        raise InputError(
            f"{path}: cannot tell the format (no notes, footnotes, entries or links found)"
        )
    return found


def _first_claim(names: tuple[str, ...], source: Source) -> str | None:
    return next((name for name in names if reader_module(name).claims(source)), None)


def sniff_text(text: str, path: str = "<text>") -> str:
    """The text format of `text`, as detection would tell it from a file's content."""
    return sniff_format(Source(path, text.encode("utf-8")))


def read_document(path: str, fmt: str | None = None, *, quiet: bool = False) -> Document:
    """Read `path` with the reader for `fmt` (detected from the file when None).

    What the reader skipped (`Document.warnings`, e.g. a broken BibTeX entry) is also
    written to standard error, one line each, so every command reports it.
    """
    return read_source(Source.load(path), fmt, quiet=quiet)


def read_source(source: Source, fmt: str | None = None, *, quiet: bool = False) -> Document:
    """Read a loaded file: detection and the reader share its bytes and decoded text."""
    name = fmt or format_of(source)
    if name not in READERS:
        known = ", ".join(sorted(READERS))
        raise InputError(f"{source.path}: unknown format {name!r} (known: {known})")
    document = reader_module(name).read(source)
    if source.warnings:
        document = replace(document, warnings=source.warnings + document.warnings)
    if not quiet:
        print_warnings(document)
    return document


def print_warnings(document: Document) -> None:
    """What the reader skipped, one line each on standard error."""
    for warning in document.warnings:
        print(f"citecheck: warning: {warning}", file=sys.stderr)
