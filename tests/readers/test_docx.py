"""DOCX: generated files from LibreOffice and pandoc, and hand-built edge cases."""

from __future__ import annotations

import zipfile

import pytest

from citecheck.errors import InputError
from citecheck.readers import read_document
from citecheck.readers.numbering import format_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
NS = f'xmlns:w="{W}" xmlns:r="{R}"'


def notes_of(document):
    return [(n.section, n.mark, n.number, n.line, n.text) for n in document.notes]


def markers_of(document):
    return [(m.section, m.mark, m.number, m.line, m.column) for m in document.markers]


def test_libreoffice_docx_footnotes_endnotes_and_custom_mark(fixtures):
    document = read_document(str(fixtures / "docx" / "letter-libreoffice.docx"))
    assert document.format == "docx" and document.has_body and document.warnings == ()
    assert [s.label for s in document.sections] == ["Footnotes", "Endnotes"]
    # LibreOffice gives its separators ids 0 and 1, so real notes start at id 2.
    assert notes_of(document) == [
        (
            "Footnotes", "1", 1, 2,
            "National Archives, “Reading room hours,” reading room page "
            "https://www.archives.example.org/hours, accessed 3 June 2025.",
        ),
        ("Footnotes", "2", 2, 3, "https://catalogue.example.org/search"),
        ("Footnotes", "*", None, 4, "Translator’s note: 「档案馆」 is rendered “archive”."),
        (
            "Endnotes", "i", 1, 2,
            "「2024年度予算」『日本経済新聞』2024年3月5日、https://www.nikkei.com/article/DGXZQO0000000/。",
        ),
        (
            "Endnotes", "ii", 2, 3,
            "SIPRI Military Expenditure Database. Second paragraph: "
            "https://www.sipri.org/databases/milex",
        ),
    ]  # fmt: skip
    assert markers_of(document) == [
        ("Footnotes", "1", 1, 2, 29),
        ("Footnotes", "2", 2, 2, 56),
        ("Footnotes", "*", None, 3, 30),
        ("Endnotes", "i", 1, 4, 29),
        ("Endnotes", "ii", 2, 4, 49),
    ]


@pytest.mark.parametrize("name", ["report-pandoc.docx", "report-libreoffice.docx"])
def test_multilingual_report_from_pandoc_and_libreoffice(fixtures, name):
    document = read_document(str(fixtures / "docx" / name))
    assert [s.label for s in document.sections] == ["Footnotes"]
    # pandoc turns the second [^2] reference into a note of its own: 7 notes.
    assert [n.mark for n in document.notes] == ["1", "2", "3", "4", "5", "6", "7"]
    assert [(m.mark, m.line, m.column) for m in document.markers] == [
        ("1", 3, 43),
        ("2", 3, 70),
        ("3", 4, 67),
        ("4", 4, 121),
        ("5", 6, 19),
        ("6", 6, 37),
        ("7", 6, 54),
    ]
    texts = [n.text for n in document.notes]
    assert texts[3] == (
        "김민수 「중국 외교의 변화」 『국방연구』 2024년 3월, 15쪽, 국방연구원 "
        "https://www.kida.re.kr/frt/board/frtNormalBoardDetail.do?sidx=2181."
    )
    assert texts[4].endswith(
        "http://en.kremlin.ru/supplement/5770. A second paragraph in the same note."
    )
    assert texts[6] == "防衛研究所『中国安全保障レポート2025』2025年、doi:10.1234/nids.2025.1。"


# --- hand-built packages -------------------------------------------------------------


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def ref(kind: str, note_id: int, custom_mark: str | None = None) -> str:
    if custom_mark is None:
        return f'<w:r><w:{kind}Reference w:id="{note_id}"/></w:r>'
    return (
        f'<w:r><w:{kind}Reference w:customMarkFollows="1" w:id="{note_id}"/>'
        f"<w:t>{custom_mark}</w:t></w:r>"
    )


def document_xml(*paragraphs: str) -> str:
    body = "".join(f"<w:p>{p}</w:p>" for p in paragraphs)
    return f"{HEAD}<w:document {NS}><w:body>{body}</w:body></w:document>"


def notes_xml(kind: str, *notes: tuple[int, str | None, str]) -> str:
    items = []
    for note_id, note_type, content in notes:
        type_attr = f' w:type="{note_type}"' if note_type else ""
        items.append(f'<w:{kind} w:id="{note_id}"{type_attr}><w:p>{content}</w:p></w:{kind}>')
    return f"{HEAD}<w:{kind}s {NS}>{''.join(items)}</w:{kind}s>"


def rels_xml(*rels: tuple[str, str, str, bool]) -> str:
    items = "".join(
        f'<Relationship Id="{rid}" Type="{R}/{kind}" Target="{target}"'
        + (' TargetMode="External"' if external else "")
        + "/>"
        for rid, kind, target, external in rels
    )
    ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    return f'{HEAD}<Relationships xmlns="{ns}">{items}</Relationships>'


def write_zip(path, parts: dict[str, str | bytes]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return str(path)


SEPARATORS = (
    (7, "separator", "<w:r><w:separator/></w:r>"),
    (8, "continuationSeparator", "<w:r><w:continuationSeparator/></w:r>"),
    (9, "continuationNotice", ""),
)


def test_separators_are_skipped_by_type_not_by_id(tmp_path):
    # Real notes use ids 0 and 1, which Word usually gives its separators.
    path = write_zip(
        tmp_path / "ids.docx",
        {
            "word/document.xml": document_xml(
                run("First claim.") + ref("footnote", 1),
                run("Second claim.") + ref("footnote", 0),
            ),
            "word/footnotes.xml": notes_xml(
                "footnote",
                *SEPARATORS,
                (0, None, "<w:r><w:footnoteRef/></w:r>" + run("Zero, https://example.org/0")),
                (1, None, "<w:r><w:footnoteRef/></w:r>" + run("One.")),
            ),
        },
    )
    document = read_document(path)
    assert notes_of(document) == [
        ("Footnotes", "1", 1, 1, "One."),
        ("Footnotes", "2", 2, 0, "Zero, https://example.org/0"),
    ]
    assert markers_of(document) == [
        ("Footnotes", "1", 1, 1, 13),
        ("Footnotes", "2", 2, 2, 14),
    ]


def test_hyperlinks_through_relationships_and_fields(tmp_path):
    link = '<w:hyperlink r:id="rId9">' + run("the report") + "</w:hyperlink>"
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> HYPERLINK "https://example.org/field" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + run("a field link")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    simple = '<w:fldSimple w:instr=" HYPERLINK &quot;https://example.org/simple&quot; ">'
    simple += run("https://example.org/simple") + "</w:fldSimple>"
    path = write_zip(
        tmp_path / "links.docx",
        {
            "word/document.xml": document_xml(run("Text.") + ref("endnote", 2)),
            "word/endnotes.xml": notes_xml(
                "endnote",
                (-1, "separator", ""),
                (2, None, run("See ") + link + run(", ") + field + run(" and ") + simple),
            ),
            "word/_rels/endnotes.xml.rels": rels_xml(
                ("rId9", "hyperlink", "https://example.org/report?id=1&amp;x=2", True)
            ),
        },
    )
    document = read_document(path)
    assert document.notes[0].text == (
        "See the report https://example.org/report?id=1&x=2, a field link "
        "https://example.org/field and https://example.org/simple"
    )
    assert document.notes[0].mark == "i"  # Word's default endnote numbering


def test_parts_found_through_relationships_and_number_format(tmp_path):
    settings = (
        f'{HEAD}<w:settings {NS}><w:footnotePr><w:numFmt w:val="chicago"/>'
        f'<w:numStart w:val="1"/></w:footnotePr></w:settings>'
    )
    path = write_zip(
        tmp_path / "moved.docx",
        {
            "_rels/.rels": rels_xml(("rId1", "officeDocument", "/main/doc.xml", False)),
            "main/doc.xml": document_xml(
                run("A.") + ref("footnote", 3) + run(" B.") + ref("footnote", 4)
            ),
            "main/_rels/doc.xml.rels": rels_xml(
                ("rId2", "footnotes", "notes/fn.xml", False),
                ("rId3", "settings", "settings.xml", False),
            ),
            "main/settings.xml": settings,
            "main/notes/fn.xml": notes_xml(
                "footnote", (3, None, run("Three.")), (4, None, run("Four."))
            ),
        },
    )
    document = read_document(path)
    assert [(n.mark, n.number, n.text) for n in document.notes] == [
        ("*", 1, "Three."),
        ("†", 2, "Four."),
    ]


def test_custom_mark_and_unreferenced_note(tmp_path):
    path = write_zip(
        tmp_path / "custom.docx",
        {
            "word/document.xml": document_xml(
                run("Claim.")
                + ref("footnote", 5, custom_mark="†")
                + run(" Next.")
                + ref("footnote", 6)
            ),
            "word/footnotes.xml": notes_xml(
                "footnote",
                (5, None, run("† A dagger note.")),
                (6, None, run("Numbered.")),
                (7, None, run("Nobody points here.")),
            ),
        },
    )
    document = read_document(path)
    assert [(n.mark, n.number, n.text) for n in document.notes] == [
        ("†", None, "A dagger note."),
        ("1", 1, "Numbered."),
        ("#7", None, "Nobody points here."),
    ]
    # The body was searched, so the unreferenced note is reported as such by verification.
    assert document.body_sections == ("Footnotes",)
    assert [(m.mark, m.column) for m in document.markers] == [("†", 7), ("1", 14)]


def test_missing_notes_part_is_a_warning_and_markers_stay(tmp_path):
    path = write_zip(
        tmp_path / "nonotes.docx",
        {"word/document.xml": document_xml(run("A.") + ref("footnote", 1))},
    )
    document = read_document(path)
    assert document.notes == ()
    assert markers_of(document) == [("Footnotes", "1", 1, 1, 3)]
    assert "1 footnote references but no word/footnotes.xml part" in document.warnings[0]


def test_format_number_styles():
    assert [format_number(n, "lowerRoman") for n in (1, 4, 9, 14)] == ["i", "iv", "ix", "xiv"]
    assert [format_number(n, "upperLetter") for n in (1, 26, 27)] == ["A", "Z", "AA"]
    assert [format_number(n, "chicago") for n in (1, 4, 5)] == ["*", "§", "**"]
    assert format_number(12, "decimal") == "12"


# --- bad packages --------------------------------------------------------------------


def test_truncated_docx(fixtures, tmp_path):
    data = (fixtures / "docx" / "letter-libreoffice.docx").read_bytes()
    path = tmp_path / "truncated.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match=r"truncated\.docx: not a readable DOCX file"):
        read_document(str(path))


def test_corrupt_member_is_an_input_error(tmp_path):
    path = tmp_path / "corrupt.docx"
    write_zip(path, {"word/document.xml": document_xml(run("x" * 2000) + ref("footnote", 1))})
    data = bytearray(path.read_bytes())
    data[60:90] = b"\xff" * 30  # inside the compressed document.xml
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match=r"corrupt\.docx"):
        read_document(str(path))


def test_missing_document_part(tmp_path):
    path = write_zip(tmp_path / "empty.docx", {"word/styles.xml": "<x/>"})
    with pytest.raises(InputError, match="not a Word document"):
        read_document(path)


def test_malformed_xml(tmp_path):
    path = write_zip(tmp_path / "bad.docx", {"word/document.xml": "<w:document><w:body>"})
    with pytest.raises(InputError, match="malformed XML"):
        read_document(path)


def test_no_notes_at_all(tmp_path):
    path = write_zip(tmp_path / "plain.docx", {"word/document.xml": document_xml(run("Text."))})
    with pytest.raises(InputError, match="no footnotes or endnotes"):
        read_document(path)


@pytest.mark.parametrize(
    ("size", "message"),
    [(40 * 1024 * 1024, "over the .* byte limit"), (4 * 1024 * 1024, "zip bomb")],
    ids=["oversized-part", "high-ratio"],
)
def test_zip_bombs_are_refused_before_inflating(tmp_path, size, message):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("word/document.xml", document_xml(run("x")))
        with archive.open("word/footnotes.xml", "w") as part:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                part.write(chunk)
    with pytest.raises(InputError, match=message):
        read_document(str(path))


def test_zip_that_is_neither_docx_nor_epub(tmp_path):
    path = write_zip(tmp_path / "archive.txt", {"readme.txt": "hello"})
    with pytest.raises(InputError, match="neither a DOCX, an EPUB nor an ODT"):
        read_document(path)


def test_entity_expansion_bomb_is_refused(tmp_path):
    levels = ['<!ENTITY l0 "lol">'] + [
        f'<!ENTITY l{n} "{("&l" + str(n - 1) + ";") * 10}">' for n in range(1, 10)
    ]
    xml = f'<?xml version="1.0"?><!DOCTYPE w:document [{"".join(levels)}]>'
    xml += f"<w:document {NS}><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"
    path = write_zip(tmp_path / "laughs.docx", {"word/document.xml": xml})
    with pytest.raises(InputError, match="malformed XML"):
        read_document(path)


def test_external_entities_are_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read me")
    doctype = f'<!DOCTYPE w:footnotes [<!ENTITY e SYSTEM "{secret.as_uri()}">]>'
    footnotes = notes_xml("footnote", (1, None, run("&e; note"))).replace(
        "<w:footnotes", doctype + "<w:footnotes", 1
    )
    path = write_zip(
        tmp_path / "xxe.docx",
        {
            "word/document.xml": document_xml(run("A.") + ref("footnote", 1)),
            "word/footnotes.xml": footnotes,
        },
    )
    document = read_document(path)
    assert "do not read me" not in document.notes[0].text


def test_old_doc_or_encrypted_file(tmp_path):
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(InputError, match="OLE compound file"):
        read_document(str(path))


def test_text_box_written_twice_counts_once(tmp_path):
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    box = run("In a box.") + ref("footnote", 1)
    alternate = (
        f'<w:r><mc:AlternateContent xmlns:mc="{mc}">'
        f"<mc:Choice><w:txbxContent><w:p>{box}</w:p></w:txbxContent></mc:Choice>"
        f"<mc:Fallback><w:txbxContent><w:p>{box}</w:p></w:txbxContent></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    path = write_zip(
        tmp_path / "box.docx",
        {
            "word/document.xml": document_xml(run("Body.") + alternate),
            "word/footnotes.xml": notes_xml("footnote", (1, None, run("Boxed note."))),
        },
    )
    document = read_document(path)
    assert markers_of(document) == [("Footnotes", "1", 1, 2, 10)]
    assert [n.text for n in document.notes] == ["Boxed note."]
