"""The line that opens a plain-text note, and when a numbered line may open one.

A note opens with its number written in one of the usual ways: `- 1 text` (a dash,
the form of the seed manuscript), `1. text`, `1) text`, `1 text`, `(1) text`,
`[1] text` (pandoc's plain-text endnotes, e-mail), `¹ text`, or `1．text`. Wrapped
notes make a numbered line ambiguous: "vol.⏎7 Bollingen Series" starts with a number
too. So a numbered line opens a note only where the numbering continues (the previous
note's number plus one) or after a blank line; any other numbered line is the wrapped
text of the note before it. A dashed number always opens a note: the dash says so.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from citecheck.readers.superscripts import SUPERSCRIPT_DIGITS, superscript_value

NUMBER = r"[0-9０-９]{1,4}"
DASHED_NOTE = re.compile(rf"^\s*[-–•・]\s*({NUMBER})[.．)）]?\s+(.*)$")
#: Every undashed form: the number, its punctuation, then the text (after a space,
#: except after full-width punctuation or a superscript, which need none).
NUMBERED_NOTE = re.compile(
    rf"^\s*(?:(?:\[(?P<bracket>{NUMBER})\]|[(（](?P<paren>{NUMBER})[)）]|(?P<plain>{NUMBER})[.)]?)\s+"
    rf"|(?P<wide>{NUMBER})[．）]\s*|(?P<sup>[{SUPERSCRIPT_DIGITS}]+)\s*)(?P<text>\S.*)$"
)
#: How far past the previous note a number may jump after a blank line and still open
#: a note (a wrapped line starting "2019." is a year, not note 2019).
MAX_JUMP = 20


class NumberedLine(NamedTuple):
    number: int
    text: str
    dashed: bool
    form: str  # which way the number is written: "dash", "bracket", "paren", "plain", …


def numbered_line(line: str) -> NumberedLine | None:
    """The number and text of a line written as a numbered note, whatever the context."""
    match = DASHED_NOTE.match(line)
    if match:
        return NumberedLine(int(match.group(1)), match.group(2).strip(), True, "dash")
    match = NUMBERED_NOTE.match(line)
    if match is None:
        return None
    form = next(name for name in ("bracket", "paren", "plain", "wide", "sup") if match[name])
    digits = match[form]
    number = superscript_value(digits) if form == "sup" else int(digits)
    return NumberedLine(number, match["text"].strip(), False, form)


def opens_note(found: NumberedLine, previous: int | None, after_blank: bool) -> bool:
    """Whether the numbered line `found` opens a note after note `previous` (None at the
    start of a block), `after_blank` telling whether a blank line comes before it."""
    if found.dashed:
        return True
    if previous is None:
        return 1 <= found.number <= MAX_JUMP
    if found.number == previous + 1:
        return True
    return after_blank and 1 <= found.number <= previous + MAX_JUMP


def breaks_numbering(found: NumberedLine, previous: int | None) -> bool:
    """Whether a numbered line that is not note `previous + 1` could have been meant as
    a note: a number a little past the previous one."""
    return previous is not None and previous + 1 < found.number <= previous + MAX_JUMP
