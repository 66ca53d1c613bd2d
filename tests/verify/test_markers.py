"""Superscript markers and body chapters in plain text."""

from __future__ import annotations

from citecheck.readers.body import chapter_starts
from citecheck.readers.superscripts import superscript_markers
from tests.verify.helpers import read


def test_superscript_runs_become_numbers_with_columns():
    assert superscript_markers("と指摘した¹⁰¹。さらに²") == [("101", 101, 6), ("2", 2, 13)]


def test_marker_directly_after_digits_is_a_marker():
    assert superscript_markers("安保理決議2270³³を契機") == [("33", 33, 10)]


def test_units_squared_or_cubed_are_not_markers():
    for text in ("約740km²から", "約 520 km² に", "5m³の水", "9.8 m/s²", "10 cm² と"):
        assert superscript_markers(text) == [], text


def test_a_word_ending_in_m_is_not_a_unit():
    assert superscript_markers("the program² and Islam³") == [("2", 2, 12), ("3", 3, 23)]


def test_a_unit_followed_by_a_longer_run_is_a_marker():
    assert superscript_markers("面積は 30 km¹²。") == [("12", 12, 10)]


BODY = """\
目次
序章 はじめに	9
第1章 中国外交	16
終章 展望	80

要旨
第1章 中国外交
要旨の本文。

序章
本文¹。さらに²。

中国安全保障レポート 2026

第 1 章
本文¹で km² は単位²。
第 1 章
続き³。

終章
結び。
"""


def test_table_of_contents_titles_and_running_heads_are_not_chapter_starts():
    lines = BODY.splitlines()
    chapters = chapter_starts(lines)
    assert [(c.label, c.line) for c in chapters] == [("序章", 10), ("第 1 章", 15), ("終章", 20)]


def test_a_label_repeated_after_the_table_of_contents_starts_the_chapter():
    lines = ["序章", "第1章", "第2章", "", "序章", "本文¹", "第1章", "本文¹", "第2章", "本文¹"]
    assert [c.line for c in chapter_starts(lines)] == [5, 7, 9]


def test_reader_labels_markers_with_their_chapter():
    document = read(BODY, "[序章]\n- 1 A\n- 2 B\n\n[第1章]\n- 1 C\n- 2 D\n- 3 E")
    assert document.has_body
    assert document.body_sections == ("序章", "第 1 章", "終章")
    found = [(m.section, m.number, m.line, m.column) for m in document.markers]
    assert found == [
        ("序章", 1, 11, 3),
        ("序章", 2, 11, 8),
        ("第 1 章", 1, 16, 3),
        ("第 1 章", 2, 16, 13),
        ("第 1 章", 3, 18, 3),
    ]


def test_body_without_chapters_uses_the_notes_label():
    document = read("Text¹ and more².", "- 1 One.\n- 2 Two.")
    assert [(m.section, m.number) for m in document.markers] == [("Notes", 1), ("Notes", 2)]
    assert document.body_sections == ()


def test_notes_alone_have_no_body():
    from citecheck.readers.plaintext import read_text

    document = read_text("注\n\n- 1 One.\n- 2 Two.\n")
    assert not document.has_body
    assert document.markers == ()


def test_titled_headings_are_used_when_no_label_stands_alone():
    lines = [
        "目次",
        "第1章 始まり\t3",
        "第2章 終わり\t9",
        "",
        "第1章 始まり",
        "本文¹",
        "第2章 終わり",
    ]
    lines += ["本文¹", "第2章では前述のとおり²"]
    assert [(c.label, c.line) for c in chapter_starts(lines)] == [("第1章", 5), ("第2章", 7)]


def test_a_notes_label_alone_on_a_line_starts_its_chapter():
    lines = ["Introduction", "Text¹", "Chapter 1", "Introduction", "Text¹"]
    assert [c.label for c in chapter_starts(lines)] == ["Chapter 1"]
    found = chapter_starts(lines[:3], note_labels=("Introduction", "Chapter 1"))
    assert [(c.label, c.line) for c in found] == [("Introduction", 1), ("Chapter 1", 3)]


def test_bracketed_markers_when_there_are_no_superscripts():
    document = read("序章\n本文[1]。続き［２］と[3](http://x)と[4, 5]。", "[序章]\n- 1 A\n- 2 B")
    assert [(m.number, m.column) for m in document.markers] == [(1, 3), (2, 9)]


def test_note_word_markers():
    document = read("序章\n本文（注1）。続き(注 2)。", "[序章]\n- 1 A\n- 2 B")
    assert [(m.number, m.column) for m in document.markers] == [(1, 3), (2, 10)]


def test_one_marker_style_per_manuscript():
    document = read("序章\n本文¹。一覧[2]。", "[序章]\n- 1 A")
    assert [m.number for m in document.markers] == [1]
