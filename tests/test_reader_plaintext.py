from __future__ import annotations

import pytest

from citecheck.errors import InputError
from citecheck.readers import read_document
from citecheck.readers.plaintext import read_text

EXPECTED_COUNTS = {"序章": 19, "第1章": 120, "第2章": 74, "第3章": 88}


def numbered_counts(document):
    return {s.label: sum(n.number is not None for n in s.notes) for s in document.sections}


def test_sample_notes_all_found(sample_notes_path):
    document = read_document(str(sample_notes_path))
    assert numbered_counts(document) == EXPECTED_COUNTS
    assert not document.has_body
    for section in document.sections:
        numbers = [n.number for n in section.notes if n.number is not None]
        assert numbers == list(range(1, len(numbers) + 1))


def test_seed_manuscript_finds_notes_section(seed_path):
    document = read_document(str(seed_path))
    assert document.has_body
    assert numbered_counts(document) == EXPECTED_COUNTS
    last = document.sections[-1].notes[-1]
    assert last.mark == "*" and last.unnumbered
    assert last.text.startswith("衛星画像を扱う Maxar 社")
    note23 = next(n for n in document.notes if n.section == "第2章" and n.number == 23)
    assert note23.line == 1069
    assert note23.text == "同上、22-23 頁。"


def test_continuation_lines_join_without_space_between_cjk(sample_notes_path):
    document = read_document(str(sample_notes_path))
    note = next(n for n in document.notes if n.section == "第3章" and n.number == 82)
    assert "285頁。土山は" in note.text


VARIANTS = """Notes

Chapter 1
1. First note, continued
on the next line.
2 Second note.

3) Third note.

【第2章】
- 1 A
- 2 B
※ unnumbered
"""


def test_heading_and_numbering_variants():
    document = read_text(VARIANTS)
    assert [s.label for s in document.sections] == ["Chapter 1", "第2章"]
    first = document.sections[0].notes
    assert [(n.number, n.text) for n in first] == [
        (1, "First note, continued on the next line."),
        (2, "Second note."),
        (3, "Third note."),
    ]
    assert [n.mark for n in document.sections[1].notes] == ["1", "2", "※"]


def test_back_matter_after_notes_is_not_a_note():
    text = "注\n\n[序章]\n\n- 1 One.\n- 2 Two.\n\n著者一覧\n\n山田 太郎\n"
    document = read_text(text)
    assert [n.text for n in document.notes] == ["One.", "Two."]


def test_year_at_line_start_is_not_a_note():
    text = "- 1 First 2023 report\n2024 年の報告も参照。\n- 2 Second.\n"
    document = read_text(text)
    assert [n.number for n in document.notes] == [1, 2]
    assert document.notes[0].text.endswith("2024 年の報告も参照。")


def test_text_without_notes_is_an_input_error():
    with pytest.raises(InputError, match="no notes found"):
        read_text("Just a paragraph of prose.\nAnother line.\n", "prose.txt")
