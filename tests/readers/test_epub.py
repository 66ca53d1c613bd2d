"""EPUB: generated books and hand-packed ones (cross-document notes, symbol noterefs)."""

from __future__ import annotations

import zipfile

import pytest

from citecheck.errors import InputError
from citecheck.readers import read_document

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/book.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>"""


def opf(*items: tuple[str, str], spine: tuple[str, ...]) -> str:
    manifest = "".join(
        f'<item id="{ident}" href="{href}" media-type="application/xhtml+xml"/>'
        for ident, href in items
    )
    refs = "".join(f'<itemref idref="{ident}"/>' for ident in spine)
    return (
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
        f"<manifest>{manifest}</manifest><spine>{refs}</spine></package>"
    )


def xhtml(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" '
        'xmlns:epub="http://www.idpf.org/2007/ops">\n<head><title>t</title></head>\n'
        f"<body>\n{body}\n</body></html>"
    )


def write_epub(path, parts: dict[str, str]) -> str:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        for name, data in parts.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return str(path)


def test_libreoffice_epub(fixtures):
    document = read_document(str(fixtures / "epub" / "letter-libreoffice.epub"))
    assert document.format == "epub" and document.has_body
    assert [(n.mark, n.number) for n in document.notes] == [
        ("1", 1),
        ("2", 2),
        ("*", None),
        ("i", None),
        ("ii", None),
    ]
    assert [m.mark for m in document.markers] == ["1", "2", "*", "i", "ii"]
    assert document.notes[0].text == (
        "National Archives, “Reading room hours,” reading room page "
        "https://www.archives.example.org/hours, accessed 3 June 2025."
    )


def test_pandoc_epub_restarts_numbering_per_chapter(fixtures):
    document = read_document(str(fixtures / "epub" / "report-pandoc.epub"))
    assert [(s.label, len(s.notes)) for s in document.sections] == [("序章", 4), ("第1章", 3)]
    assert [(m.section, m.mark) for m in document.markers] == [
        ("序章", "1"),
        ("序章", "2"),
        ("序章", "3"),
        ("序章", "4"),
        ("第1章", "1"),
        ("第1章", "2"),
        ("第1章", "3"),
    ]
    chapter1 = document.sections[1].notes
    assert (
        chapter1[1].text
        == "«Заява МЗС України», 5 лютого 2022 р., https://mfa.gov.ua/news/zayava-mzs-ukrayini."
    )


def test_noterefs_into_a_separate_notes_document_in_spine_order(tmp_path, fixtures):
    chapter = (fixtures / "html" / "epub-chapter.xhtml").read_text(encoding="utf-8")
    path = write_epub(
        tmp_path / "book.epub",
        {
            "META-INF/container.xml": CONTAINER,
            "OEBPS/book.opf": opf(
                ("notes", "text/notes.xhtml"),
                ("ch1", "text/ch1.xhtml"),
                ("ch3", "text/ch3.xhtml"),
                spine=("ch1", "ch3", "notes"),
            ),
            "OEBPS/text/ch1.xhtml": xhtml(
                '<p>Opening.<a epub:type="noteref" href="notes.xhtml#n1">1</a></p>\n'
                '<p>Again.<a epub:type="noteref" href="notes.xhtml#n2">2</a></p>'
            ),
            "OEBPS/text/ch3.xhtml": chapter,
            "OEBPS/text/notes.xhtml": xhtml(
                '<section epub:type="rearnotes"><h1>Notes</h1><ol>\n'
                '<li id="n1">Notes file, https://example.org/n1.</li>\n'
                '<li id="n2">Second, <a href="https://example.org/n2">link</a>.</li>\n'
                "</ol></section>"
            ),
        },
    )
    document = read_document(path)

    # Spine order (ch1, ch3, notes); "1" is used by two notes blocks, so each is a
    # section, labelled by its chapter heading (notes.xhtml has only "Notes"). Lines run
    # on through the content documents in reading order; `place` names the file and line.
    def where(line: int) -> str:
        return document.place(line).removeprefix("OEBPS/text/").split(" (")[0]

    assert [(s.label, [(n.mark, where(n.line)) for n in s.notes]) for s in document.sections] == [
        (
            "Chapter 3: The Northern Route",
            [("*", "ch3.xhtml:12"), ("†", "ch3.xhtml:16"), ("‡", "ch3.xhtml:21"),
             ("*2", "ch3.xhtml:24"), ("1", "ch3.xhtml:31")],
        ),
        ("Notes", [("1", "notes.xhtml:6"), ("2", "notes.xhtml:7")]),
    ]  # fmt: skip
    assert [(m.section, m.mark, where(m.line), m.column) for m in document.markers] == [
        ("Notes", "1", "ch1.xhtml:5", 12),
        ("Notes", "2", "ch1.xhtml:6", 10),
        ("Chapter 3: The Northern Route", "*", "ch3.xhtml:10", 42),
        ("Chapter 3: The Northern Route", "†", "ch3.xhtml:11", 37),
        ("Chapter 3: The Northern Route", "‡", "ch3.xhtml:19", 35),
        ("Chapter 3: The Northern Route", "*2", "ch3.xhtml:20", 55),
        ("Chapter 3: The Northern Route", "1", "ch3.xhtml:27", 52),
    ]
    assert [m.line for m in document.markers] == sorted(m.line for m in document.markers)
    assert document.place(document.markers[2].line).endswith("(Chapter 3: The Northern Route)")
    assert document.sections[1].notes[1].text == "Second, link https://example.org/n2."


def test_missing_container_falls_back_to_the_package_file_and_skips_empty_documents(tmp_path):
    path = write_epub(
        tmp_path / "nocontainer.epub",
        {
            "content.opf": opf(("b", "blank.xhtml"), ("c", "c.xhtml"), spine=("b", "c")),
            "blank.xhtml": "",
            "c.xhtml": xhtml(
                '<p>x<a epub:type="noteref" href="#f">*</a></p>'
                '<aside epub:type="footnote" id="f">Aside.</aside>'
            ),
        },
    )
    document = read_document(path)
    assert [(n.mark, n.text) for n in document.notes] == [("*", "Aside.")]


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ({"META-INF/container.xml": "<container"}, "malformed XML"),
        ({"META-INF/container.xml": CONTAINER}, "part OEBPS/book.opf is missing"),
        ({"mimetype": "application/epub+zip"}, "no package document"),
        (
            {"META-INF/container.xml": CONTAINER, "OEBPS/book.opf": opf(spine=())},
            "no XHTML content documents",
        ),
    ],
    ids=["bad-container", "missing-opf", "no-opf", "empty-spine"],
)
def test_broken_epubs_are_input_errors(tmp_path, parts, message):
    path = tmp_path / "broken.epub"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with pytest.raises(InputError, match=message):
        read_document(str(path))


def test_truncated_epub(fixtures, tmp_path):
    data = (fixtures / "epub" / "report-pandoc.epub").read_bytes()
    path = tmp_path / "cut.epub"
    path.write_bytes(data[:-200])
    with pytest.raises(InputError, match="not a readable EPUB file"):
        read_document(str(path))


def test_epub_sniffed_without_extension(fixtures, tmp_path):
    path = tmp_path / "book"
    path.write_bytes((fixtures / "epub" / "report-pandoc.epub").read_bytes())
    assert read_document(str(path)).format == "epub"


def test_calibre_style_notes_with_backlink_anchors_in_another_file(tmp_path):
    # Converters such as calibre write <sup> links into the text and a notes file whose
    # paragraphs start with a numbered back-link that is also the link target.
    path = write_epub(
        tmp_path / "calibre.epub",
        {
            "META-INF/container.xml": CONTAINER,
            "OEBPS/book.opf": opf(
                ("p1", "part0001.html"), ("p2", "part0002.html"), spine=("p1", "p2")
            ),
            "OEBPS/part0001.html": xhtml(
                '<p class="calibre_1">正文。<a href="part0002.html#fn1" id="ref1">'
                '<sup>1</sup></a>続き。<a href="part0002.html#fn2" id="ref2"><sup>2</sup></a></p>'
            ),
            "OEBPS/part0002.html": xhtml(
                '<p class="calibre_7"><a href="part0001.html#ref1" id="fn1">1</a>. '
                "『人民日報』2023年12月29日、http://paper.people.com.cn/x.htm</p>\n"
                '<p class="calibre_7"><a href="part0001.html#ref2" id="fn2">2</a>. 同上。</p>'
            ),
        },
    )
    document = read_document(path)
    assert [(n.mark, document.place(n.line), n.text) for n in document.notes] == [
        (
            "1",
            "OEBPS/part0002.html:5 (t)",
            "『人民日報』2023年12月29日、http://paper.people.com.cn/x.htm",
        ),
        ("2", "OEBPS/part0002.html:6 (t)", "同上。"),
    ]
    assert [(m.mark, m.line) for m in document.markers] == [("1", 5), ("2", 5)]
