"""OpenDocument text: LibreOffice and pandoc output, flat XML, and broken packages."""

from __future__ import annotations

import zipfile

import pytest

from citecheck.errors import InputError
from citecheck.readers import detect_format, read_document

LETTER_MARKERS = [
    ("Footnotes", "1", 1, 2, 29),
    ("Footnotes", "2", 2, 2, 56),
    ("Footnotes", "*", None, 3, 30),
    ("Endnotes", "i", 1, 4, 29),
    ("Endnotes", "ii", 2, 4, 49),
]


def markers_of(document):
    return [(m.section, m.mark, m.number, m.line, m.column) for m in document.markers]


@pytest.mark.parametrize(
    "name", ["odt/letter-libreoffice.odt", "sources/letter.fodt"], ids=["odt", "flat-fodt"]
)
def test_letter_matches_its_docx_conversion(fixtures, name):
    document = read_document(str(fixtures / name))
    docx = read_document(str(fixtures / "docx" / "letter-libreoffice.docx"))
    assert document.format == "odt"
    assert markers_of(document) == LETTER_MARKERS == markers_of(docx)
    # Same notes as LibreOffice's DOCX of the same file, placed at their citations.
    assert [(n.section, n.mark, n.text) for n in document.notes] == [
        (n.section, n.mark, n.text) for n in docx.notes
    ]
    assert [n.line for n in document.notes] == [2, 2, 3, 4, 4]


def test_pandoc_odt(fixtures):
    document = read_document(str(fixtures / "odt" / "report-pandoc.odt"))
    assert [n.mark for n in document.notes] == ["1", "2", "3", "4", "5", "6", "7"]
    assert [(m.line, m.column) for m in document.markers] == [
        (3, 43), (3, 70), (4, 67), (4, 121), (6, 19), (6, 37), (6, 54)
    ]  # fmt: skip
    assert document.notes[3].text.endswith(
        "국방연구원 https://www.kida.re.kr/frt/board/frtNormalBoardDetail.do?sidx=2181."
    )


def test_flat_odt_is_sniffed_by_content(fixtures, tmp_path):
    path = tmp_path / "letter.xml"
    path.write_bytes((fixtures / "sources" / "letter.fodt").read_bytes())
    assert detect_format(str(path)) == "odt"
    renamed = tmp_path / "letter"
    renamed.write_bytes((fixtures / "odt" / "letter-libreoffice.odt").read_bytes())
    assert detect_format(str(renamed)) == "odt"


def test_numbering_configuration_and_spacing(tmp_path):
    fodt = """<?xml version="1.0"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0">
<office:styles><text:notes-configuration text:note-class="footnote" style:num-format="a"
 text:start-value="2"/></office:styles>
<office:body><office:text>
<text:p>A<text:s text:c="3"/>B<text:tab/>C<text:note text:note-class="footnote"
><text:note-citation>c</text:note-citation
><text:note-body><text:p>First.</text:p></text:note-body></text:note></text:p>
</office:text></office:body></office:document>"""
    path = tmp_path / "config.fodt"
    path.write_text(fodt)
    document = read_document(str(path))
    # "A   B\tC" is 7 characters; the numbering starts at the third letter.
    assert markers_of(document) == [("Footnotes", "c", 3, 1, 8)]
    assert document.notes[0].text == "First."


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ({"mimetype": "application/vnd.oasis.opendocument.text"}, "content.xml is missing"),
        ({"content.xml": "<office:document"}, "malformed XML"),
    ],
    ids=["no-content", "bad-xml"],
)
def test_broken_odt(tmp_path, parts, message):
    path = tmp_path / "broken.odt"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with pytest.raises(InputError, match=message):
        read_document(str(path))


def test_odt_without_notes(tmp_path):
    path = tmp_path / "plain.fodt"
    path.write_text(
        '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">'
        "<office:body><office:text/></office:body></office:document>"
    )
    with pytest.raises(InputError, match="no footnotes or endnotes"):
        read_document(str(path))
