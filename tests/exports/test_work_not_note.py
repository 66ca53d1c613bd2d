"""An exported entry describes the work; what one note points to stays with the note."""

from __future__ import annotations

import json

from citecheck.citations import parse_document
from citecheck.exports import export
from citecheck.model import Document, Note, Section

from .conftest import document_of, entries, one_entry

BOOK = {
    "type": "book",
    "title": "同盟の起源",
    "author": [{"literal": "スティーヴン・M・ウォルト"}],
    "publisher": "ミネルヴァ書房",
    "issued": {"date-parts": [[2021]]},
    "page": "36-37",
    "language": "ja",
}


def test_a_books_pinpoint_page_is_not_the_works() -> None:
    for fmt in ("biblatex", "bibtex"):
        _, fields = one_entry(BOOK, fmt)
        assert "pages" not in fields
    (item,) = json.loads(export(document_of(BOOK), "csl-json"))
    assert "page" not in item


def test_an_articles_page_range_is_the_works_and_a_single_page_is_not() -> None:
    article = {
        "type": "article-journal",
        "title": "中国の大国外交",
        "author": [{"literal": "増田雅之"}],
        "container-title": "東亜",
        "issued": {"date-parts": [[2000, 12]]},
        "page": "85-104",
        "language": "ja",
    }
    assert one_entry(article)[1]["pages"] == "85--104"
    assert "pages" not in one_entry({**article, "page": "83"})[1]
    chapter = {**article, "type": "chapter", "page": "320"}
    assert "pages" not in one_entry(chapter)[1]


def test_the_note_keeps_its_locator() -> None:
    text = "増田雅之「対立への岐路に立つ中国の対米政策」（東京大学出版会、2020年）36頁。"
    note = Note("第1章", "1", 1, text, 1)
    parsed = parse_document(Document("n.txt", "text", (Section("第1章", (note,)),)))
    (citation,) = parsed.citations
    assert citation.locator == "36"  # the parse is unchanged: the note still points to p. 36
    (_, fields), *_ = entries(export(parsed, "biblatex")).values()
    assert "pages" not in fields


def test_an_edition_written_as_an_ordinal_is_exported_as_its_number() -> None:
    # BibLaTeX prints `edition = {2}` as "2nd edition", CSL styles as "2nd ed."
    for written, exported in (("2nd ed.", "2"), ("2. Aufl.", "2"), ("第3版", "3"),
                              ("Rev. ed.", "Rev. ed.")):  # fmt: skip
        book = {**BOOK, "edition": written}
        assert one_entry(book, "biblatex")[1]["edition"] == exported
        (item,) = json.loads(export(document_of(book), "csl-json"))
        assert item["edition"] == exported
