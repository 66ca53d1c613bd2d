"""Symbol notes (*, †, ※, *1) in a notes section, and their markers in a plain-text body."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers.plaintext import read_text
from citecheck.readers.symbols import symbol_finder


def marks(line: str, note_marks=("*", "**", "†", "‡", "※"), body=()) -> list[tuple[str, int]]:
    find = symbol_finder([*body, line], note_marks)
    assert find is not None
    return [(mark, column) for mark, _, column in find(line)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("衛星画像はMaxar*による。", [("*", 11)]),
        ("…と発表した※", [("※", 7)]),
        ("the text† and more‡.", [("†", 9), ("‡", 19)]),
        ("as reported.* Then", [("*", 13)]),
        ("「大国」※の構想", [("※", 5)]),
        ("Maxar** is the second", [("**", 6)]),
        ("Maxar* and Vantor**", [("*", 6), ("**", 18)]),
        ("全角の記号＊も読む", [("＊", 6)]),
    ],
)
def test_a_symbol_right_after_a_word_is_a_marker(line, expected):
    assert marks(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "* a bullet item",
        "3 * 4 = 12 and 5*3 = 15",
        "significant at 0.05* and 0.01**",
        "a*b and a glob *.txt",
        "x*2",
        "*emphasis* in a sentence",
        "**bold** text",
        "intra**word**emphasis",
        "これは**重要**です",
        "Maxar*社とVantor*社",  # two equal runs may pair up as emphasis
        "a rule: ****",
        "text**** more",
        "*",
        "km²* after a superscript",
        "Maxar *spaced",
    ],
)
def test_look_alikes_are_not_markers(line):
    assert marks(line) == []


def test_a_line_with_emphasis_keeps_its_daggers():
    assert marks("*Asian Security* says† so") == [("†", 22)]


def test_a_symbol_that_starts_a_body_line_is_in_local_use():
    table = ["売上高*  100", "利益    20", "* 2024年度の見込み。"]
    assert marks("本文でもMaxar*と書く。", body=table) == []
    assert marks("本文でもMaxar†と書く。", body=table) == [("†", 10)]


def test_digit_forms_are_read_only_when_the_notes_use_them():
    assert marks("Maxar*1社とVantor*2社", note_marks=("*1", "*2")) == [("*1", 6), ("*2", 16)]
    assert marks("Maxar*1社", note_marks=("*",)) == []
    assert marks("注記※１を参照", note_marks=("※1",)) == [("※１", 3)]


def test_without_symbol_notes_no_symbol_is_read():
    assert symbol_finder(["Maxar*による。"], ("1", "2", "fn-a")) is None


def test_symbol_notes_of_every_form_are_parsed():
    text = (
        "注\n- 1 A\n* star\n** two stars\n*1 numbered star\n※1：kome\n"
        "＊ full width\n† dagger\n‡‡ double\n※ kome\n"
    )
    notes = read_text(text).notes
    assert [(n.mark, n.number, n.text) for n in notes] == [
        ("1", 1, "A"),
        ("*", None, "star"),
        ("**", None, "two stars"),
        ("*1", None, "numbered star"),
        ("※1", None, "kome"),
        ("＊", None, "full width"),
        ("†", None, "dagger"),
        ("‡‡", None, "double"),
        ("※", None, "kome"),
    ]


def test_a_line_opening_with_emphasis_continues_the_note():
    text = "注\n- 1 Alexander Korolev, “On the Verge,”\n*Asian Security* 15, no. 3 (2019).\n"
    notes = read_text(text).notes
    assert [(n.mark, n.text) for n in notes] == [
        ("1", "Alexander Korolev, “On the Verge,” *Asian Security* 15, no. 3 (2019).")
    ]


def test_a_year_after_a_symbol_is_text_not_a_mark():
    notes = read_text("注\n- 1 A\n※2025年10月に改称。\n").notes
    assert [(n.mark, n.text) for n in notes] == [("1", "A"), ("※", "2025年10月に改称。")]


WORDS = st.text(st.sampled_from(list("abcXYZ中国語のマーカー")), min_size=1, max_size=8)
GAPS = st.sampled_from(["", " ", "、", "。", ", "])


@settings(max_examples=100, deadline=None)
@given(WORDS, WORDS, WORDS, GAPS, st.sampled_from(["*", "**", "＊"]))
def test_emphasis_around_any_words_is_never_a_marker(before, inside, after, gap, stars):
    line = f"{before}{gap}{stars}{inside}{stars}{gap}{after}"
    assert marks(line) == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 999), min_size=2, max_size=4), st.sampled_from(["*", " * "]))
def test_products_and_significance_stars_are_never_markers(numbers, operator):
    line = operator.join(str(n) for n in numbers) + "*"
    assert marks(line) == []
