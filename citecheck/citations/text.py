"""Helpers for cutting fields out of a citation's text while keeping offsets valid."""

from __future__ import annotations

import re

BLANK = "\u2002"
LEFTOVER_PUNCTUATION = " 　,，、.。;；:：-–—/"  # `/` of GOST's `// Журнал`
#: A remark in parentheses, "(attached to the Letter on …)": not part of an outlet's name.
REMARK = re.compile(r"\s*[(（]\s*[a-z][^()（）]*\s[^()（）]*\s[^()（）]*[)）]")


#: `[Jake's]{.nocase}`, `[UN]{.smallcaps}`: pandoc spans; their text is the value.
PANDOC_SPAN = re.compile(r"\[([^\[\]]*)\]\{[.#][^{}]*\}")
#: `\_`, `\*`, `\[`: a Markdown backslash escape of ASCII punctuation.
MARKDOWN_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def strip_markup(text: str) -> str:
    """`Jake\\_s [Jake's]{.nocase}` → `Jake_s Jake's`: the Markdown escapes and pandoc spans a
    reader left in a note are markup, not part of any value."""
    return MARKDOWN_ESCAPE.sub(r"\1", PANDOC_SPAN.sub(r"\1", text))


def blank(text: str, ranges: list[tuple[int, int]]) -> str:
    """Replace ranges with spaces so the offsets of the rest stay valid."""
    chars = list(text)
    for start, end in ranges:
        for index in range(max(start, 0), min(end, len(chars))):
            chars[index] = BLANK
    return "".join(chars)


def remainder(text: str) -> str:
    """What is left once fields were blanked out: spaces folded, empty brackets, remarks and
    separators at either end dropped."""
    text = re.sub(rf"[{BLANK}\s]+", " ", text)
    text = re.sub(r"[（(]\s*[)）]", "", text)
    text = REMARK.sub("", text)
    return text.strip(LEFTOVER_PUNCTUATION + BLANK)
