"""One author-date source (fixtures/sources/references.md) read from every format pandoc
writes it to: the same reference lists, entry for entry (see make_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.citations import parse_document
from citecheck.readers import read_document
from citecheck.verify import verify

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CONVERTED = [
    "docx/references-pandoc.docx",
    "odt/references-pandoc.odt",
    "html/references-pandoc.html",
    "epub/references-pandoc.epub",
]
#: pandoc's smart quotes: the converted files have curly quotes where the source has ".
QUOTES = str.maketrans({"“": '"', "”": '"'})


def reference_lists(document):
    return [
        (section.label, [(note.mark, note.text.translate(QUOTES)) for note in section.notes])
        for section in document.sections
        if section.kind == "references"
    ]


@pytest.fixture(scope="module")
def source():
    return read_document(str(FIXTURES / "sources" / "references.md"))


def test_the_markdown_source_has_three_reference_lists_and_a_note(source):
    assert [(s.label, s.kind, len(s.notes)) for s in source.sections] == [
        ("Notes", "notes", 1),
        ("References", "references", 2),
        ("参考文献", "references", 2),
        ("Список литературы", "references", 2),
    ]
    smith = source.sections[1].notes[0]
    assert smith.text == (
        "Smith, John. 2019. *A Very Long Title That Goes On and On and Wraps Across the"
        " Line Boundary*. New York: Publisher."
    )
    assert source.sections[1].notes[1].text.endswith("45–67. https://doi.org/10.1000/xyz.")


@pytest.mark.parametrize("name", CONVERTED)
def test_every_format_reads_the_same_reference_lists(source, name):
    document = read_document(str(FIXTURES / name))
    assert reference_lists(document) == reference_lists(source)
    notes = [s for s in document.sections if s.kind == "notes"]
    assert [len(s.notes) for s in notes] == [1]


@pytest.mark.parametrize("name", ["sources/references.md", *CONVERTED])
def test_reference_entries_need_no_markers(name):
    document = read_document(str(FIXTURES / name))
    assert verify(parse_document(document)).problems == ()
