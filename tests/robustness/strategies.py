"""Hypothesis strategies for manuscripts: notes sections, bodies with superscript markers.

Shared by the property tests and by `benchmarks/fuzz_parse.py`, which runs them longer.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
CHAPTERS = ("序章", "第1章", "第2章", "第3章", "第4章", "終章")

#: Characters a note may hold: any printable text, no line breaks of any kind.
NOTE_CHARS = st.characters(
    blacklist_categories=("Cc", "Cs", "Zl", "Zp"),
    blacklist_characters="\x1c\x1d\x1e\x85",
)
#: Words of the body: kana and kanji only, so no digit or unit touches a marker.
BODY_WORDS = st.text(
    alphabet="あいうえおかきくけこ日本中国安全保障研究報告", min_size=1, max_size=12
)


def superscript(number: int) -> str:
    return str(number).translate(SUPERSCRIPTS)


@dataclass(frozen=True)
class Manuscript:
    """A generated manuscript and what a correct reader must find in it."""

    text: str
    notes: dict[tuple[str, int], str]
    markers: list[tuple[str, int]]


@st.composite
def note_texts(draw: st.DrawFn) -> str:
    text = draw(st.text(NOTE_CHARS, min_size=1, max_size=80)).strip()
    return text or draw(st.sampled_from(["同上。", "Ibid.", "前掲書、12頁。", "Там же."]))


@st.composite
def notes_sections(draw: st.DrawFn, max_notes: int = 30) -> tuple[list[str], list[list[str]]]:
    """Chapter labels and, for each, its notes' texts (numbered 1..k in order)."""
    labels = draw(st.lists(st.sampled_from(CHAPTERS), min_size=1, max_size=4, unique=True))
    texts = [draw(st.lists(note_texts(), min_size=1, max_size=max_notes)) for _ in labels]
    return labels, texts


@st.composite
def manuscripts(draw: st.DrawFn, with_body: bool = True) -> Manuscript:
    """A body (optional) whose chapters cite every note once, then 注 and the notes."""
    labels, texts = draw(notes_sections())
    body: list[str] = []
    markers: list[tuple[str, int]] = []
    if with_body:
        body.append(draw(BODY_WORDS))
        for label, notes in zip(labels, texts, strict=True):
            body += ["", label, ""]
            for number in range(1, len(notes) + 1):
                body.append(draw(BODY_WORDS) + superscript(number) + draw(BODY_WORDS) + "。")
                markers.append((label, number))
        body.append("")
    notes_part = ["注"]
    expected: dict[tuple[str, int], str] = {}
    for label, notes in zip(labels, texts, strict=True):
        notes_part.append(f"[{label}]")
        for number, text in enumerate(notes, start=1):
            notes_part.append(f"- {number} {text}")
            expected[(label, number)] = text
    return Manuscript("\n".join(body + notes_part) + "\n", expected, markers)


@st.composite
def marker_lines(draw: st.DrawFn) -> tuple[str, list[int]]:
    """A body line of words with superscript note numbers between them."""
    numbers = draw(st.lists(st.integers(min_value=1, max_value=999), max_size=8))
    parts = [draw(BODY_WORDS)]
    for number in numbers:
        parts += [superscript(number), draw(BODY_WORDS)]
    return "".join(parts), numbers


#: Lines that look like parts of a manuscript, for texts that reach deep into the reader.
FRAGMENTS = (
    "注", "Notes", "[序章]", "【第1章】", "第2章", "Chapter IV", "- 1 『本』2020年。",
    "- 2 同上。", "3 「記事」", "12. Ibid.", "* 無番号の注", "※ 注記", "- ９ 全角",
    "本文¹²³の文¹⁰¹。", "740km²の面積", "", "   ", "- 0 零", "- 9999 最後",
)  # fmt: skip


@st.composite
def note_like_texts(draw: st.DrawFn) -> str:
    """Texts made of manuscript-like lines and random ones, in any order."""
    line = st.one_of(st.sampled_from(FRAGMENTS), st.text(NOTE_CHARS, max_size=40))
    return "\n".join(draw(st.lists(line, max_size=40)))
