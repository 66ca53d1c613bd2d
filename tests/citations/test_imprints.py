"""Book citations whose italics were lost: the imprint still ends the title."""

from __future__ import annotations

import pytest

from citecheck.citations import parse_document
from citecheck.citations.fields import extract_fields
from citecheck.citations.imprints import parse_imprint, unmarked_book_title
from citecheck.citations.split import split_note
from citecheck.model import BackRef, Document, Note, Section


@pytest.mark.parametrize(
    ("text", "title", "authors", "place", "publisher", "year", "page"),
    [
        (
            "A. Author, Book One (London: Press, 2020), 12.",
            "Book One", ["Author"], "London", "Press", 2020, "12",
        ),
        (
            "Richard Weitz and Ann Lee, The New China-Russia Alignment: Critical Challenges "
            "(Santa Barbara: Praeger, 2022), 99",
            "The New China-Russia Alignment: Critical Challenges", ["Weitz", "Lee"],
            "Santa Barbara", "Praeger", 2022, "99",
        ),
        (
            "Mark Cozad et al., Future Scenarios for Sino-Russian Military Cooperation "
            "(Santa Monica: RAND, 2024), 99.",
            "Future Scenarios for Sino-Russian Military Cooperation", ["Cozad"],
            "Santa Monica", "RAND", 2024, "99",
        ),
    ],
)  # fmt: skip
def test_unmarked_book_title(text, title, authors, place, publisher, year, page) -> None:
    (segment,) = split_note(text)
    assert segment.kind == "citation"
    csl = extract_fields(segment.text).csl
    assert csl["title"] == title
    assert [author["family"] for author in csl["author"]] == authors
    assert (csl["publisher-place"], csl["publisher"]) == (place, publisher)
    assert csl["issued"] == {"date-parts": [[year]]}
    assert csl["page"] == page
    assert csl["type"] == "book"


@pytest.mark.parametrize(
    "text",
    [
        "Smith, 2019 (London: Press, 2019)",  # no letter in the "title"
        "Conference held in 2019 (London: Press, 2019)",  # no comma: no names
        "A. Author, Book One(London: Press, 2020)",  # no space before the imprint
        "A. Author, Book One (2020)",  # a year alone is no imprint
        "R. 2 D. 2, Droids (Tatooine: Jawa, 2019)",  # digits are not names
    ],
)
def test_no_title_without_names_and_an_imprint(text: str) -> None:
    assert unmarked_book_title(text) is None


def test_marked_titles_are_unchanged() -> None:
    text = "Richard Weitz, *The New China-Russia Alignment* (Santa Barbara: Praeger, 2022), 99"
    assert extract_fields(text).csl["title"] == "The New China-Russia Alignment"
    assert parse_imprint("北京：人民出版社、2023年")[:2] == ("北京", "人民出版社")


def test_ibid_after_an_unmarked_book_finds_it() -> None:
    texts = ["A. Author, Book One (London: Press, 2020), 12.", "Ibid., 14."]
    notes = tuple(Note("Notes", str(n), n, text, n) for n, text in enumerate(texts, start=1))
    document = Document("book.txt", "text", (Section("Notes", notes),))
    parsed = parse_document(document)
    second = parsed.notes[1].citations[0]
    assert second.backref == BackRef("ibid", parsed.notes[0].citations[0].id)
    assert second.locator == "14"
