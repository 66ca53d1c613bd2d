"""Symbol note markers in a plain-text body: `Maxar*`, `…した※`, `text†`, `語*1`.

An unnumbered note (`*`, `**`, `†`, `‡`, `※`, `*1`, `※1`) is referred to by its symbol
written right after the word it annotates. The same characters do other jobs in plain
text, so a symbol is read as a marker only where nothing else explains it:

- it follows a letter (any script), a closing bracket or quote, or sentence
  punctuation: a bullet (`* item`), a product (`3 * 4`, `5*3`) or a significance star
  (`0.05*`) does not;
- no ASCII letter or digit follows it (`a*b`, `*.txt`, `x*2`), and no longer run of
  the same symbol (`****`, a separator);
- on a line with asterisks, every asterisk run must read as a marker and no two may
  be the same mark: `*word*`, `**bold**` and `これは**重要**です` are emphasis;
- a mark that starts a line of the body (`* item`, `※ 注意`, `† Source: …` under a
  table) is in local use there, so it is not read as a note marker anywhere in the body;
- symbols are read only when the notes have symbol notes, and the digit forms (`*1`)
  only when some note's mark has digits: a manuscript that does not use them has no
  symbol markers, whatever its asterisks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

#: (mark, number, 1-based column) of each marker on a line; a symbol has no number.
Found = list[tuple[str, int | None, int]]
SymbolFinder = Callable[[str], Found]

SYMBOL_RUN = r"\*{1,3}|＊{1,3}|†{1,2}|‡{1,2}|※"
SYMBOL_CHARS = "*＊†‡※"
DIGITS = "0-9０-９"
#: A symbol mark anywhere on a line, with the digits that may follow it.
MARK = re.compile(rf"(?<![{SYMBOL_CHARS}])({SYMBOL_RUN})([{DIGITS}]{{1,2}})?(?![{SYMBOL_CHARS}])")
#: A line that starts with a mark: a bullet, a rule, a local note under a table.
LINE_START_MARK = re.compile(rf"^\s*({SYMBOL_RUN})([{DIGITS}]{{1,2}})?")
ASTERISK_RUN = re.compile(r"[*＊]+")
#: After a marker: the end of the line or anything but an ASCII letter or digit.
FOLLOWING_OK = re.compile(r"(?![A-Za-z0-9_])")
#: Sentence punctuation a marker may follow ("as reported.*", "…した。※").
PUNCTUATION_BEFORE = frozenset(".,;:!?。、，．！？")


def fold_mark(mark: str) -> str:
    """A mark as compared with others: full-width ＊ and １ are * and 1."""
    return unicodedata.normalize("NFKC", mark)


def symbol_finder(lines: Iterable[str], note_marks: Iterable[str]) -> SymbolFinder | None:
    """A function reading the symbol markers on one body line, or None when the notes
    give no reason to read any (they have no symbol notes)."""
    marks = {fold_mark(mark) for mark in note_marks}
    symbols = {mark for mark in marks if mark and mark[0] in SYMBOL_CHARS}
    if not symbols:
        return None
    with_digits = any(mark[-1].isdigit() for mark in symbols)
    local = {_line_start_mark(line) for line in lines} - {None}

    def find(line: str) -> Found:
        found: Found = []
        for match in MARK.finditer(line):
            mark = match.group(0) if with_digits else match.group(1)
            end = match.end() if with_digits else match.end(1)
            if fold_mark(mark) in local or not _placed_as_marker(line, match.start(), end):
                continue
            found.append((mark, None, match.start() + 1))
        return _without_emphasis(line, found)

    return find


def _line_start_mark(line: str) -> str | None:
    match = LINE_START_MARK.match(line)
    return fold_mark(match.group(0).strip()) if match else None


def _placed_as_marker(line: str, start: int, end: int) -> bool:
    if start == 0 or not FOLLOWING_OK.match(line, end):
        return False
    before = line[start - 1]
    category = unicodedata.category(before)
    return category[0] in "LM" or category in ("Pe", "Pf") or before in PUNCTUATION_BEFORE


def _without_emphasis(line: str, found: Found) -> Found:
    """Drop the asterisk markers of a line whose asterisks may be emphasis."""
    runs = ASTERISK_RUN.findall(line)
    if not runs:
        return found
    asterisk_marks = [fold_mark(mark) for mark, _, _ in found if mark[0] in "*＊"]
    if len(asterisk_marks) == len(runs) and len(set(asterisk_marks)) == len(asterisk_marks):
        return found
    return [item for item in found if item[0][0] not in "*＊"]
