"""Helpers for cutting fields out of a citation's text while keeping offsets valid."""

from __future__ import annotations

import re

from citecheck.citations.guarded import Guarded

BLANK = "\u2002"
LEFTOVER_PUNCTUATION = " 　,，、.。;；:：-–—/"  # `/` of GOST's `// Журнал`
SPACES = re.compile(rf"[{BLANK}\s]+")
EMPTY_BRACKETS = re.compile(r"[（(]\s*[)）]")
#: A remark in parentheses, "(attached to the Letter on …)": not part of an outlet's name.
REMARK = re.compile(r"\s*[(（]\s*[a-z][^()（）]*\s[^()（）]*\s[^()（）]*[)）]")


#: `[Jake's]{.nocase}`, `[UN]{.smallcaps}`: pandoc spans; their text is the value.
PANDOC_SPAN = Guarded(re.compile(r"\[([^\[\]]*)\]\{[.#][^{}]*\}"), "]{")
#: `\_`, `\*`, `\[`: a Markdown backslash escape of ASCII punctuation.
MARKDOWN_ESCAPE = Guarded(re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])"), "\\")


def strip_markup(text: str) -> str:
    """`Jake\\_s [Jake's]{.nocase}` → `Jake_s Jake's`: the Markdown escapes and pandoc spans a
    reader left in a note are markup, not part of any value."""
    return MARKDOWN_ESCAPE.sub(r"\1", PANDOC_SPAN.sub(r"\1", text))


def blank(text: str, ranges: list[tuple[int, int]]) -> str:
    """Replace ranges with spaces so the offsets of the rest stay valid."""
    for start, end in ranges:
        start, end = max(start, 0), min(end, len(text))
        if start < end:
            text = text[:start] + BLANK * (end - start) + text[end:]
    return text


def remainder(text: str) -> str:
    """What is left once fields were blanked out: spaces folded, empty brackets, remarks and
    separators at either end dropped."""
    text = SPACES.sub(" ", text)
    text = EMPTY_BRACKETS.sub("", text)
    text = REMARK.sub("", text)
    return text.strip(LEFTOVER_PUNCTUATION + BLANK)
