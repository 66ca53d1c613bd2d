"""Italics survive every reader: the same notes give the same text and citations.

The fixtures are made from sources/chicago.md by pandoc and LibreOffice (see
make_fixtures.py); the Markdown file is the reference. Hand-built files cover what
those programs do not write: split runs, styles, `w:val="0"`, CSS classes.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from citecheck.citations import parse_document
from citecheck.readers import read_document
from citecheck.readers.html import read_text as read_html
from citecheck.readers.markdown import read_text as read_markdown
from citecheck.readers.markup import emphasized

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CONVERTED = [
    f"{kind}/chicago-{program}.{kind}"
    for program in ("pandoc", "libreoffice")
    for kind in ("docx", "odt", "html", "epub")
]


def citations_of(document):
    """Each citation's text, CSL fields and back-reference, by content: ids name the
    section and note, which differ when a format numbers notes per chapter."""
    citations = parse_document(document).citations
    text_of = {c.id: c.text for c in citations}

    def backref(c):
        return c.backref and (c.backref.kind, text_of.get(c.backref.target), c.backref.problem)

    return [
        (c.text, {k: v for k, v in c.csl.items() if k != "id"}, backref(c), c.locator)
        for c in citations
    ]


@pytest.fixture(scope="module")
def markdown():
    return read_document(str(FIXTURES / "sources" / "chicago.md"))


def test_the_markdown_reference_has_its_italic_titles(markdown):
    texts = {note.mark: note.text for note in markdown.notes}
    assert len(texts) == 16
    assert texts["8"].startswith("Vladimir Lenin, *What Is to Be Done?* (New York")
    assert "\\*" in texts["13"]  # the literal asterisk, escaped as pandoc writes it
    titles = {c.note_mark: c.csl.get("title") for c in parse_document(markdown).citations}
    assert titles["3"] == "Mapping the Nation"  # its only mark is the italics


@pytest.mark.parametrize("name", CONVERTED)
def test_converted_notes_read_as_the_markdown_notes(markdown, name):
    document = read_document(str(FIXTURES / name))
    assert [n.text for n in document.notes] == [n.text for n in markdown.notes]
    assert citations_of(document) == citations_of(markdown)
    if name == "epub/chicago-pandoc.epub":  # pandoc's EPUB numbers notes per chapter
        assert [(s.label, [n.mark for n in s.notes]) for s in document.sections] == [
            ("Introduction", [str(k) for k in range(1, 9)]),
            ("Chapter 1", [str(k) for k in range(1, 9)]),
        ]
    else:
        assert [n.mark for n in document.notes] == [n.mark for n in markdown.notes]


def test_without_italics_the_titles_are_lost(markdown):
    """What the readers gave before: the same notes with their marks dropped parse to
    fewer titles, so the equality above is not trivially true."""
    plain = [re.sub(r"(?<!\\)\*", "", note.text) for note in markdown.notes]
    with_marks = parse_document(markdown)
    stripped = replace(
        markdown,
        sections=tuple(
            replace(s, notes=tuple(replace(n, text=t) for n, t in zip(s.notes, plain, strict=True)))
            for s in markdown.sections
        ),
    )
    titles = {c.note_mark: c.csl.get("title") for c in with_marks.citations}
    titles_plain = {c.note_mark: c.csl.get("title") for c in parse_document(stripped).citations}
    assert titles_plain != titles


# --- the mark itself ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        (
            [("Smith, ", False), ("Jour", True), ("nal", True), (", 12.", False)],
            "Smith, *Journal*, 12.",
        ),
        (
            [("A ", False), ("Journal", True), (" ", False), ("of Things", True)],
            "A *Journal of Things*",
        ),
        ([("See ", False), (" Title, ", True), ("3.", False)], "See  *Title*, 3."),
        ([("*Phys. Rev.*", True)], "*\\*Phys. Rev.\\**"),
        ([("4* rating, ", False), ("What?", True)], "4\\* rating, *What?*"),
        ([("a", False), (" , ", True), ("b", False)], "a , b"),
        ([("Title", True), ("; ", True), ("x", False)], "*Title*; x"),
        (
            [("See https://web.archive.org/web/*/example.org and 5*", False)],
            "See https://web.archive.org/web/*/example.org and 5\\*",
        ),
    ],
    ids=[
        "split-run",
        "space-between",
        "spaces-outside",
        "literal",
        "escape",
        "blank",
        "semicolon",
        "url-keeps-asterisk",
    ],
)
def test_emphasized(pieces, expected):
    assert emphasized(pieces) == expected


# --- DOCX: direct formatting, toggles, styles ---------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W}"'


def run(text: str, properties: str = "") -> str:
    rpr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def write_docx(path, note_paragraphs: list[str], styles: str | None = None) -> None:
    body = (
        f"<w:document {NS}><w:body><w:p><w:r><w:t>Text.</w:t></w:r>"
        + "".join(
            f'<w:r><w:footnoteReference w:id="{i}"/></w:r>'
            for i in range(1, len(note_paragraphs) + 1)
        )
        + "</w:p></w:body></w:document>"
    )
    notes = (
        f"<w:footnotes {NS}>"
        + "".join(
            f'<w:footnote w:id="{i}">{paragraph}</w:footnote>'
            for i, paragraph in enumerate(note_paragraphs, start=1)
        )
        + "</w:footnotes>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", body)
        archive.writestr("word/footnotes.xml", notes)
        if styles is not None:
            archive.writestr("word/styles.xml", f"<w:styles {NS}>{styles}</w:styles>")


def test_docx_split_runs_toggles_and_complex_script_italics(tmp_path):
    path = tmp_path / "runs.docx"
    write_docx(
        path,
        [
            "<w:p>"
            + run("Smith, ")
            + run("Jour", "<w:i/>")
            + run("nal", "<w:i/><w:iCs/>")
            + run(" ")
            + run("of History", '<w:i w:val="true"/>')
            + run(", 3.", '<w:i w:val="0"/>')
            + "</w:p>",
            "<w:p>"
            + run("Plain, ")
            + run("off", '<w:i w:val="false"/>')
            + run(" ")
            + run("كتاب", "<w:iCs/>")
            + run(" Latin under a complex-script italic ", "<w:iCs/>")
            + run("عنوان", "<w:i/>")
            + "</w:p>",
        ],
    )
    notes = read_document(str(path)).notes
    assert [n.text for n in notes] == [
        "Smith, *Journal of History*, 3.",
        "Plain, off *كتاب* Latin under a complex-script italic عنوان",
    ]


def test_docx_italics_from_character_and_paragraph_styles(tmp_path):
    styles = (
        '<w:style w:type="character" w:styleId="Emphasis"><w:rPr><w:i/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="BookTitle"><w:basedOn w:val="Emphasis"/></w:style>'
        '<w:style w:type="character" w:styleId="Upright"><w:rPr><w:i w:val="0"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Quote"><w:rPr><w:i/></w:rPr></w:style>'
    )
    path = tmp_path / "styles.docx"
    write_docx(
        path,
        [
            "<w:p>"
            + run("Jones, ")
            + run("A Book", '<w:rStyle w:val="BookTitle"/>')
            + run(", 2020.")
            + "</w:p>",
            '<w:p><w:pPr><w:pStyle w:val="Quote"/></w:pPr>'
            + run("Quoted ")
            + run("upright", '<w:rStyle w:val="Upright"/>')
            + run(" words")
            + "</w:p>",
        ],
        styles,
    )
    notes = read_document(str(path)).notes
    assert [n.text for n in notes] == ["Jones, *A Book*, 2020.", "*Quoted* upright *words*"]


# --- ODT: automatic and named styles ------------------------------------------------


def test_odt_italics_from_automatic_named_and_parent_styles(tmp_path):
    fodt = """<?xml version="1.0"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0">
<office:styles>
 <style:style style:name="Emphasis" style:family="text">
  <style:text-properties fo:font-style="italic"/></style:style>
 <style:style style:name="Title_20_Mark" style:family="text" style:parent-style-name="Emphasis"/>
</office:styles>
<office:automatic-styles>
 <style:style style:name="T1" style:family="text"><style:text-properties fo:font-style="italic"/>
 </style:style>
 <style:style style:name="T2" style:family="text"><style:text-properties fo:font-style="normal"/>
 </style:style>
</office:automatic-styles>
<office:body><office:text>
<text:p>Text.<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>
<text:note-body><text:p>Smith, <text:span text:style-name="T1">Jour</text:span><text:span
 text:style-name="T1">nal</text:span>, 3; <text:span text:style-name="Title_20_Mark">A Book
 <text:span text:style-name="T2">upright</text:span> end</text:span>, 4* stars.</text:p>
</text:note-body></text:note></text:p>
</office:text></office:body></office:document>"""
    path = tmp_path / "styles.fodt"
    path.write_text(fodt)
    [note] = read_document(str(path)).notes
    assert note.text == "Smith, *Journal*, 3; *A Book* upright *end*, 4\\* stars."


# --- HTML: elements, inline styles, classes -----------------------------------------


def test_html_italic_elements_styles_and_classes():
    page = """<html><head><style>.t { font-style: italic } span.u { font-style: normal }</style>
</head><body><p>Text.<a href="#fn1"><sup>1</sup></a><a href="#fn2"><sup>2</sup></a>
<a href="#fn3"><sup>3</sup></a></p>
<ol class="footnotes">
<li id="fn1">Smith, <em>Jour</em><i>nal</i>, <cite>Another Title</cite>,
 <span style="font-style: italic">Styled</span> and <span class="t">Classed <span class="u">not
 this</span></span>.</li>
<li id="fn2"><cite class="citation book">Gill, Bates. <i>Daring to Struggle</i>. 2023.</cite></li>
<li id="fn3"><em><a href="https://example.org/book">A Linked Book</a></em>, 2021.</li>
</ol></body></html>"""
    notes = read_html(page).notes
    assert [n.text for n in notes] == [
        "Smith, *Journal*, *Another Title*, *Styled* and *Classed* not this.",
        "Gill, Bates. *Daring to Struggle*. 2023.",
        "*A Linked Book* https://example.org/book, 2021.",
    ]


def test_html_symbol_mark_printed_before_an_escaped_asterisk():
    page = """<html><body><p>Text.<a href="#n1"><sup>*</sup></a></p>
<div class="footnotes"><p id="n1">* Translator's note on <i>Title</i>.</p></div></body></html>"""
    [note] = read_html(page).notes
    assert (note.mark, note.text) == ("*", "Translator's note on *Title*.")


def test_raw_html_notes_in_markdown_keep_their_markdown():
    text = (
        'Text.<a href="#fn1"><sup>1</sup></a>\n\n'
        '<ol class="footnotes">\n'
        '<li id="fn1">Smith, *Book*, <em>Journal</em>, 4\\* stars.</li></ol>\n'
    )
    [note] = read_markdown(text).notes
    assert note.text == "Smith, *Book*, *Journal*, 4\\* stars."
