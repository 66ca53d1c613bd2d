"""Readers: one module per input format, registered in READERS.

A reader turns a file into a `Document` (sections of notes, plus body markers where
the format has them). Adding a format is one module and one line here.

The format comes from the extension when that is unambiguous (.md, .docx, .bib, …).
Otherwise (.txt, .htm/.xhtml, no or an unknown extension) the content decides: a zip
is a DOCX, EPUB or ODT by its parts; text is flat ODT, HTML, BibTeX, Markdown notes,
plain-text endnotes or a list of links, tried in that order by what each one must
contain.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Callable
from pathlib import Path

from citecheck.errors import InputError
from citecheck.model import Document
from citecheck.readers import plaintext, urllist
from citecheck.readers.source import decode_text, load_bytes
from citecheck.readers.zipparts import OLE_MAGIC, ZipParts

Reader = Callable[[str], Document]

#: Format name → the module whose `read(path)` reads it. Modules are imported when
#: their format is read, so a run pays only for the parser libraries it uses.
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

ZIP_MAGIC = b"PK\x03\x04"
ODF_NAMESPACE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"

HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
BIBTEX_ENTRY = re.compile(r"^\s*@[A-Za-z]+\s*[{(]\s*[^\s,]+\s*,", re.M)
MARKDOWN_NOTES = re.compile(r"^ {0,3}\[\^[^\]\s]+\]:|\^\[[^\]]+\]", re.M)
SUP_MARKER = re.compile(r"<sup\b[^>]*>\s*(?:<a\b[^>]*>\s*)?\[?\d{1,4}\]?", re.I)


def detect_format(path: str) -> str:
    """The format name for `path`: by extension, else by what the file holds."""
    by_extension = EXTENSIONS.get(Path(path).suffix.lower())
    return by_extension or sniff_format(path)


def sniff_format(path: str) -> str:
    data = load_bytes(path)
    if data.startswith(ZIP_MAGIC):
        return _sniff_zip(path, data)
    if data.startswith(OLE_MAGIC):
        raise InputError(
            f"{path}: a Word 97-2003 .doc or an encrypted Office file; save it as .docx"
        )
    text = decode_text(data, path)
    return sniff_text(text, path)


def sniff_text(text: str, path: str = "<text>") -> str:
    """Tell the text formats apart by what each one must contain."""
    head = text[:4096]
    if "<office:document" in head and ODF_NAMESPACE in head:
        return "odt"
    if HTML_START.match(head) or re.search(r"<body\b", head, re.I):
        return "html"
    if BIBTEX_ENTRY.search(text):
        return "bibtex"
    if MARKDOWN_NOTES.search(text) or SUP_MARKER.search(text):
        return "markdown"
    try:
        plaintext.read_text(text, path)
        return "text"
    except InputError:
        pass
    if urllist.has_link(text):
        return "urls"
    raise InputError(
        f"{path}: cannot tell the format (no notes, footnotes, entries or links found)"
    )


def _sniff_zip(path: str, data: bytes) -> str:
    parts = ZipParts(path, "zip", data)
    if parts.has("word/document.xml"):
        return "docx"
    mimetype = parts.read("mimetype").strip() if parts.has("mimetype") else b""
    if mimetype == b"application/vnd.oasis.opendocument.text":
        return "odt"
    if parts.has("META-INF/container.xml") or mimetype == b"application/epub+zip":
        return "epub"
    raise InputError(f"{path}: a zip archive, but neither a DOCX, an EPUB nor an ODT")


def read_document(path: str, fmt: str | None = None, *, quiet: bool = False) -> Document:
    """Read `path` with the reader for `fmt` (detected from the file when None).

    What the reader skipped (`Document.warnings`, e.g. a broken BibTeX entry) is also
    written to standard error, one line each, so every command reports it.
    """
    name = fmt or detect_format(path)
    module = READERS.get(name)
    if module is None:
        known = ", ".join(sorted(READERS))
        raise InputError(f"{path}: unknown format {name!r} (known: {known})")
    reader: Reader = importlib.import_module(module).read
    document = reader(path)
    if not quiet:
        print_warnings(document)
    return document


def print_warnings(document: Document) -> None:
    """What the reader skipped, one line each on standard error."""
    for warning in document.warnings:
        print(f"citecheck: warning: {warning}", file=sys.stderr)
