"""Bracket structure of a note: title marks, parentheses and what lies outside them.

Notes are typed by hand, so brackets are not always balanced (`「… “… 」`): a closing
mark pops back to its opener, dropping openers left unclosed inside it, and an opener
that is never closed is treated as plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

TITLE_PAIRS = {"「": "」", "『": "』", "“": "”", "«": "»", '"': '"', "„": "“", "‘": "’", "《": "》"}
PAREN_PAIRS = {"（": "）", "(": ")", "【": "】", "〔": "〕"}
PAIRS = {**TITLE_PAIRS, **PAREN_PAIRS}
CLOSERS = {close: open_ for open_, close in PAIRS.items()}  # '"' closes itself
ITALIC = re.compile(r"\*([^*\n]+)\*")


@dataclass(frozen=True)
class Span:
    """A top-level bracketed run: `text[start:end]` includes both marks."""

    start: int
    end: int
    opener: str
    closed: bool = True  # False: an opener never closed, run on to the end of a later title

    @property
    def is_title(self) -> bool:
        return self.opener in TITLE_PAIRS or self.opener == "*"

    def inner(self, text: str) -> str:
        return text[self.start + 1 : self.end - 1 if self.closed else self.end]


@lru_cache(maxsize=4096)
def top_level_spans(text: str) -> tuple[Span, ...]:
    """Top-level bracketed runs (titles, italics and parentheses), in order.

    A title opener never closed (`「북한, … “…경제”, VOA Korea`) is taken to run to the
    end of the last title after it, when there is one.
    """
    ignored: set[int] = set()
    while True:
        spans, unclosed = _scan(text, ignored)
        if not unclosed:
            break
        ignored.update(unclosed)
    for start in sorted(ignored):
        later = [span for span in spans if span.start > start and span.is_title]
        if text[start] in TITLE_PAIRS and later:
            kept = [span for span in spans if not start < span.start <= later[-1].start]
            if all(not (s.start < start < s.end) for s in kept):
                spans = sorted(
                    [*kept, Span(start, later[-1].end, text[start], closed=False)],
                    key=lambda span: span.start,
                )
    return tuple(spans)


#: The characters `_scan` looks at (brackets, quotes, `*`); it skips to the next one.
MARKS = re.compile("[" + re.escape("".join(sorted({*PAIRS, *CLOSERS, "*"}))) + "]")


def _scan(text: str, ignored: set[int]) -> tuple[list[Span], list[int]]:
    spans: list[Span] = []
    stack: list[tuple[str, int]] = []
    index = 0
    while True:
        mark = MARKS.search(text, index)
        if mark is None:
            break
        index = mark.start()
        char = text[index]
        italic = ITALIC.match(text, index) if not stack and char == "*" else None
        if italic:
            spans.append(Span(index, italic.end(), "*"))
            index = italic.end()
            continue
        closes = char in CLOSERS and any(opener == CLOSERS[char] for opener, _ in stack)
        if char == '"' and not (stack and stack[-1][0] == '"'):
            closes = False
        if char == "’" and _apostrophe(text, index):
            closes = False
        if closes:
            while stack[-1][0] != CLOSERS[char]:
                stack.pop()
            opener, start = stack.pop()
            if not stack:
                spans.append(Span(start, index + 1, opener))
        elif char in PAIRS and index not in ignored:
            stack.append((char, index))
        index += 1
    return spans, [start for _, start in stack]  # never closed, whatever is ignored


def _apostrophe(text: str, index: int) -> bool:
    """`’` between two letters (`Women’s`, `d’Arc`) is an apostrophe, not a closing quote."""
    return 0 < index < len(text) - 1 and text[index - 1].isalpha() and text[index + 1].isalpha()


def depth_map(text: str) -> list[int]:
    """For every character, how many brackets enclose it (marks count as inside)."""
    depths = [0] * len(text)
    for span in top_level_spans(text):
        depths[span.start : span.end] = [1] * (span.end - span.start)
    return depths


def outside_titles(text: str) -> str:
    """`text` with every top-level title (「」『』“”«» and *italics*) removed."""
    pieces, last = [], 0
    for span in top_level_spans(text):
        if span.is_title:
            pieces.append(text[last : span.start])
            last = span.end
    pieces.append(text[last:])
    return " ".join(pieces)


def split_top_level(text: str, separators: str) -> list[str]:
    """Split on any of `separators` where no bracket is open."""
    depths = depth_map(text)
    parts, last = [], 0
    for index, char in enumerate(text):
        if char in separators and depths[index] == 0:
            parts.append(text[last:index])
            last = index + 1
    parts.append(text[last:])
    return parts
