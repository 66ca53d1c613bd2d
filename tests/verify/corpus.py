"""Real-shaped manuscripts for the `verify` corpus test, each correct or with one defect.

Every document is built from a committed fixture (pandoc's and LibreOffice's own
output, see tests/fixtures/make_fixtures.py and tests/data/plaintext) or written here
the way its producer writes it (an EPUB of several content files, a Wikipedia page).
`build(case, defect, folder)` writes the file: `defect=False` gives the correct
document, `defect=True` the same with its one planted defect (`Case.expect`).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
FIXTURES = TESTS / "fixtures"
PLAINTEXT = TESTS / "data" / "plaintext"

CONTAINER = (
    '<?xml version="1.0"?><container version="1.0" '
    'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
    '<rootfile full-path="OEBPS/book.opf" media-type="application/oebps-package+xml"/>'
    "</rootfiles></container>"
)


@dataclass(frozen=True)
class Case:
    name: str
    suffix: str
    make: Callable[[bool], bytes | dict[str, bytes]]
    #: The one problem the defect must give: (kind, note number); a number of None is
    #: not compared (a DOCX or ODT note's number is the word processor's to give).
    expect: tuple[str, int | None]


def _once(pattern: str, replacement: str, text: str) -> str:
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.S)
    assert count == 1, pattern
    return changed


def _xhtml(title: str, body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"'
        ' xmlns:epub="http://www.idpf.org/2007/ops">\n<head><title>'
        f"{title}</title></head>\n<body>\n{body}\n</body></html>\n"
    )


def _opf(names: list[str], spine: list[str]) -> str:
    items = "".join(
        f'<item id="{n}" href="{n}.xhtml" media-type="application/xhtml+xml"/>' for n in names
    )
    refs = "".join(f'<itemref idref="{n}"/>' for n in spine)
    return (
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
        f"<manifest>{items}</manifest><spine>{refs}</spine></package>"
    )


def _book(files: dict[str, str], order: list[str]) -> dict[str, bytes]:
    # The manifest lists the files in another order than the spine, as converters do.
    parts = {"META-INF/container.xml": CONTAINER, "OEBPS/book.opf": _opf(sorted(files), order)}
    parts.update({f"OEBPS/{name}.xhtml": text for name, text in files.items()})
    return {name: text.encode("utf-8") for name, text in parts.items()}


def epub_endnotes(defect: bool) -> dict[str, bytes]:
    """Three chapters (the first long), one notes file; markers 1-12 through the book."""
    chapters, notes, number = {}, [], 0
    for chapter, (title, paragraphs) in enumerate(
        (("Chapter One", 6), ("Chapter Two", 3), ("Chapter Three", 3)), start=1
    ):
        body = [f"<h1>{title}</h1>"] + [f"<p>Filler line {k}.</p>" for k in range(40 // chapter)]
        for _ in range(paragraphs):
            number += 1
            ref = f'<a epub:type="noteref" href="notes.xhtml#n{number}">{number}</a>'
            if defect and number == 5:
                ref = ""
            body.append(f"<p>Claim {number} of {title.lower()}.{ref}</p>")
            notes.append(
                f'<li id="n{number}" epub:type="endnote">Author {number}, <i>Book {number}</i>'
                f" (London: Press, {1990 + number}), {number * 3}.</li>"
            )
        chapters[f"ch{chapter}"] = _xhtml(title, "\n".join(body))
    chapters["notes"] = _xhtml(
        "Notes",
        '<section epub:type="endnotes"><h1>Notes</h1><ol>\n' + "\n".join(notes) + "</ol></section>",
    )
    return _book(chapters, ["ch1", "ch2", "ch3", "notes"])


def epub_footnotes(defect: bool) -> dict[str, bytes]:
    """Footnote asides per chapter, numbering restarting in each chapter."""
    chapters = {}
    for chapter in (1, 2, 3):
        body = [f"<h1>Part {chapter}</h1>"]
        for number in (1, 2, 3):
            ident = f"c{chapter}f{number}"
            ref = f'<a epub:type="noteref" href="#{ident}">{number}</a>'
            if defect and (chapter, number) == (2, 3):
                ref = ""
            body.append(f"<p>Point {number}.{ref}</p>")
            body.append(
                f'<aside epub:type="footnote" id="{ident}"><p>{number}. Writer {chapter}{number},'
                f' "Essay {chapter}.{number}," <i>Review</i> {chapter} ({2000 + number}):'
                f" {number}1.</p></aside>"
            )
        chapters[f"part{chapter}"] = _xhtml(f"Part {chapter}", "\n".join(body))
    return _book(chapters, ["part1", "part2", "part3"])


def wikipedia(defect: bool) -> bytes:
    """Explanatory notes citing sources, cite web with COinS, a reused reference."""

    def ref(ident: str, label: str) -> str:
        link = f'<a href="#cite_note-{ident}">[{label}]</a>'
        return f'<sup id="cite_ref-{ident}" class="reference">{link}</sup>'

    def cite(number: int) -> str:
        coins = (
            "ctx_ver=Z39.88-2004&amp;rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Abook&amp;"
            f"rft.genre=unknown&amp;rft.btitle=Page+{number}&amp;rft.pub=Site+{number}&amp;"
            f"rft_id=https%3A%2F%2Fexample.org%2F{number}"
        )
        return (
            f'<li id="cite_note-{number}"><span class="mw-cite-backlink"><b>'
            f'<a href="#cite_ref-{number}">^</a></b></span> <span class="reference-text">'
            f'<cite class="citation web cs1"><a rel="nofollow" class="external text" '
            f'href="https://example.org/{number}">"Page {number}"</a>. <i>Site {number}</i>. '
            f'Retrieved <span class="nowrap">{number} May</span> 2016.</cite>'
            f'<span title="{coins}" class="Z3988"></span></span></li>'
        )

    body = [
        f"<p>Anthem.{ref('n1', 'n 1')} Flag.{ref('2', '2')}</p>",
        f"<p>Motto.{ref('n2', 'n 2')} Arms.{ref('4', '4')}</p>",
        f"<p>Seal.{ref('5', '5')}</p>",
    ]
    if defect:
        body[2] = "<p>Seal.</p>"
    explanatory = (
        '<li id="cite_note-n1"><span class="reference-text">Used only on regal occasions.'
        f'{ref("1", "1")}</span></li><li id="cite_note-n2"><span class="reference-text">'
        f"Adopted later.{ref('3', '3')}</span></li>"
    )
    page = (
        "<!DOCTYPE html><html><head><title>Emblems</title></head><body>\n"
        + "\n".join(body)
        + '\n<h2>Notes</h2><ol class="references">'
        + explanatory
        + '</ol>\n<h2>References</h2><ol class="references">\n'
        + "\n".join(cite(n) for n in range(1, 6))
        + "\n</ol></body></html>\n"
    )
    return page.encode("utf-8")


def pandoc_endnotes(defect: bool) -> bytes:
    """`pandoc -t plain --columns 72` of 90 Chicago footnotes: `[n]` endnotes, wrapped."""
    text = (PLAINTEXT / "chicago90-pandoc-endnotes.txt").read_text(encoding="utf-8")
    if defect:
        text = _once(r"evidence\.\[37\]", "evidence.", text)
    return text.encode("utf-8")


def pandoc_numbered(defect: bool) -> bytes:
    """A body with superscript markers over pandoc's plain `1.` notes list (72 columns)."""
    notes = (PLAINTEXT / "chicago90-pandoc-notes.txt").read_text(encoding="utf-8")
    sup = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
    order = list(range(1, 91))
    if defect:
        order[40], order[41] = order[41], order[40]
    body = "\n\n".join(
        f"Paragraph {k} says what the sources say.{str(n).translate(sup)}"
        for k, n in enumerate(order, start=1)
    )
    return f"The Argument\n\n{body}\n\n{notes}".encode()


def email_endnotes(defect: bool) -> bytes:
    """A plain-text message with `[n]` references, one per line."""
    notes = [
        "[1] A. Author, Book One (London: Press, 2000).",
        '[2] B. Author, "An Article," Journal 4, no. 2 (2001): 3-9.',
        "[3] C. Author, Report (Paris: Office, 2003), https://example.org/report.",
        "[4] D. Author, Book Four (New York: House, 2004), 12.",
    ]
    if defect:
        del notes[2]
    body = (
        "Dear editor,\n\nThe first claim [1] and the second [2] are sourced.\n"
        "So are the third [3] and\nthe fourth.[4]\n\nRegards\n"
    )
    return (body + "\n" + "\n\n".join(notes) + "\n").encode("utf-8")


def markdown_footnotes(defect: bool) -> bytes:
    """The Markdown the pandoc plain-text fixtures were rendered from."""
    text = (PLAINTEXT / "chicago90.md").read_text(encoding="utf-8")
    if defect:
        text = _once(r"evidence\.\[\^12\]", "evidence.", text)
    return text.encode("utf-8")


def _zip_edit(source: Path, member: str, edit: Callable[[str], str] | None) -> dict[str, bytes]:
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    if edit is not None:
        parts[member] = edit(parts[member].decode("utf-8")).encode("utf-8")
    return parts


def docx_letter(defect: bool) -> dict[str, bytes]:
    """LibreOffice DOCX with footnotes and endnotes; the defect drops the `*` footnote's marker."""
    drop = lambda xml: _once(r'<w:footnoteReference w:id="3"\s*/>', "", xml)  # noqa: E731
    return _zip_edit(
        FIXTURES / "docx" / "letter-libreoffice.docx", "word/document.xml", drop if defect else None
    )


def docx_chicago(defect: bool) -> dict[str, bytes]:
    """pandoc DOCX of Chicago notes; the defect drops the third footnote's marker."""
    drop = lambda xml: _once(r'<w:footnoteReference w:id="22"\s*/>', "", xml)  # noqa: E731
    return _zip_edit(
        FIXTURES / "docx" / "chicago-pandoc.docx", "word/document.xml", drop if defect else None
    )


def odt_letter(defect: bool) -> dict[str, bytes]:
    """LibreOffice ODT with footnotes and endnotes; the defect is an impossible date."""
    date = lambda xml: _once("2024年3月5日", "2024年2月30日", xml)  # noqa: E731
    return _zip_edit(
        FIXTURES / "odt" / "letter-libreoffice.odt", "content.xml", date if defect else None
    )


def html_chicago(defect: bool) -> bytes:
    """pandoc HTML of Chicago notes; the defect drops footnote 3's marker."""
    text = (FIXTURES / "html" / "chicago-pandoc.html").read_text(encoding="utf-8")
    if defect:
        text = _once(r'<a href="#fn3" class="footnote-ref"[^>]*>.*?</a>', "", text)
    return text.encode("utf-8")


def epub_chicago(defect: bool) -> dict[str, bytes]:
    """pandoc EPUB 3 of Chicago notes; the defect drops footnote 2's marker."""
    drop = lambda xml: _once(r'<a href="#fn2" class="footnote-ref"[^>]*>.*?</a>', "", xml)  # noqa: E731
    return _zip_edit(
        FIXTURES / "epub" / "chicago-pandoc.epub", "EPUB/text/ch001.xhtml", drop if defect else None
    )


CASES = (
    Case("epub-endnotes", ".epub", epub_endnotes, ("note-without-marker", 5)),
    Case("epub-footnotes", ".epub", epub_footnotes, ("note-without-marker", 3)),
    Case("wikipedia", ".html", wikipedia, ("note-without-marker", 5)),
    Case("pandoc-endnotes", ".txt", pandoc_endnotes, ("note-without-marker", 37)),
    Case("pandoc-numbered", ".txt", pandoc_numbered, ("marker-order", 42)),
    Case("email-endnotes", ".txt", email_endnotes, ("marker-without-note", 3)),
    Case("markdown-footnotes", ".md", markdown_footnotes, ("note-without-marker", None)),
    Case("docx-letter", ".docx", docx_letter, ("note-without-marker", None)),
    Case("docx-chicago", ".docx", docx_chicago, ("note-without-marker", None)),
    Case("odt-letter", ".odt", odt_letter, ("impossible-date", None)),
    Case("html-chicago", ".html", html_chicago, ("note-without-marker", 3)),
    Case("epub-chicago", ".epub", epub_chicago, ("note-without-marker", 2)),
)


def build(case: Case, defect: bool, folder: Path) -> Path:
    made = case.make(defect)
    path = folder / f"{case.name}{'-defect' if defect else ''}{case.suffix}"
    if isinstance(made, bytes):
        path.write_bytes(made)
        return path
    with zipfile.ZipFile(path, "w") as archive:
        if "mimetype" in made or case.suffix == ".epub":
            archive.writestr(
                "mimetype",
                made.pop("mimetype", b"application/epub+zip"),
                compress_type=zipfile.ZIP_STORED,
            )
        for name, data in made.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return path
