"""Plain-text notes as real files write them: wrapped lines, every numbering form,
pandoc's plain-text rendering, and a numbering that breaks down."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.readers import read_document
from citecheck.readers.plaintext import read_text

DATA = Path(__file__).resolve().parent.parent / "data" / "plaintext"


def test_a_wrapped_line_starting_with_a_number_continues_its_note():
    text = (
        "Body.¹ More.²\n\nNotes\n\n1. S. T. Coleridge, Collected Works, vol.\n"
        "7.2, Bollingen Series 75 (London: Routledge, 1983).\n\n"
        "2. A. Author, Book One (London: Press, 2000).\n"
    )
    document = read_text(text)
    assert [(n.number, n.text) for n in document.notes] == [
        (
            1,
            "S. T. Coleridge, Collected Works, vol. 7.2, Bollingen Series 75"
            " (London: Routledge, 1983).",
        ),
        (2, "A. Author, Book One (London: Press, 2000)."),
    ]
    assert not document.warnings


def test_a_numbered_line_that_does_not_continue_the_numbering_is_wrapped_text():
    text = "Notes\n\n1. A. Author, Book (London: Press,\n7 Dials, 2000).\n2. B. Author, Two.\n"
    document = read_text(text)
    assert [n.number for n in document.notes] == [1, 2]
    assert document.notes[0].text == "A. Author, Book (London: Press, 7 Dials, 2000)."


def test_bracketed_endnotes_after_the_body_are_notes_and_markers():
    text = (
        "Body one.[1] Body two.[2]\n\n[1] A. Author, Book One (London: Press, 2000).\n\n"
        "[2] B. Author, Book Two (London: Press, 2001).\n"
    )
    document = read_text(text)
    assert document.has_body
    assert [(n.number, n.line) for n in document.notes] == [(1, 3), (2, 5)]
    assert [(m.number, m.line) for m in document.markers] == [(1, 1), (2, 1)]


@pytest.mark.parametrize(
    "first, second",
    [("1. One.", "2. Two."), ("1) One.", "2) Two."), ("(1) One.", "(2) Two."),
     ("[1] One.", "[2] Two."), ("¹ One.", "² Two."), ("１．One.", "２．Two."),
     ("- 1 One.", "- 2 Two.")],
)  # fmt: skip
def test_every_numbering_form_reads(first, second):
    document = read_text(f"Notes\n\n{first}\n{second}\n")
    assert [(n.number, n.text) for n in document.notes] == [(1, "One."), (2, "Two.")]


def test_a_numbering_that_breaks_down_is_a_warning():
    text = "Notes\n\n1. One, vol.\n3 Two.\n\n4. Four.\n"
    document = read_text(text, "n.txt")
    assert [n.number for n in document.notes] == [1, 4]
    assert len(document.warnings) == 1
    assert document.warnings[0].startswith("n.txt:4: the numbering of the notes under Notes")
    assert "1 more" in document.warnings[0]


@pytest.mark.parametrize("name", ["chicago90-pandoc-endnotes.txt", "chicago90-pandoc-notes.txt"])
def test_pandoc_plain_text_of_90_chicago_notes(name):
    """`pandoc -t plain --columns 72` of tests/data/plaintext/chicago90*.md: every note
    once, wrapped lines (many starting with a number) joined, markers found."""
    document = read_document(str(DATA / name))
    assert [n.number for n in document.notes] == list(range(1, 91))
    assert not document.warnings
    assert all("  " not in n.text and n.text.endswith(".") for n in document.notes)
    source = (DATA / name.replace("-pandoc-endnotes.txt", ".md")).read_text(encoding="utf-8")
    if name.endswith("endnotes.txt"):
        assert document.has_body and [m.number for m in document.markers] == list(range(1, 91))
        assert document.notes[8].text.replace("\xa0", " ") in source.replace("*", "")
