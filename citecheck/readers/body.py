"""The body of a plain-text manuscript: its chapters and the note markers in them.

Markers restart in every chapter, so each marker needs the chapter it sits in. A
chapter starts at a line that holds only its label ("序章", "第 1 章", "終章",
"Chapter 2"). Two things look like chapter starts and are not:

- a table of contents that lists the labels before the text: when a label comes
  back later, the later line is the real start (the last start of each label wins);
- running heads that repeat the current chapter's label on every page: a heading
  equal to the chapter we are already in is ignored.

Titles after the label on the same line ("第1章 大国間競争下の中国外交") are table of
contents or summary entries, unless no line holds a label alone: then the titled
lines are the headings (and the rules above still drop the table of contents).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from citecheck.model import Marker, section_key
from citecheck.readers.markstyles import marker_style
from citecheck.readers.symbols import symbol_finder

CHAPTER_LABEL = (
    r"序章|終章|序論|結論|第\s*[0-9０-９一二三四五六七八九十]+\s*[章部]"
    r"|(?:Chapter|CHAPTER)\s+[0-9IVXLC]+"
)
#: A line holding only a chapter label.
CHAPTER_HEADING = re.compile(rf"^\s*({CHAPTER_LABEL})\s*$")
#: A chapter label followed by its title, used only when no line holds a label alone.
TITLED_HEADING = re.compile(rf"^\s*({CHAPTER_LABEL})\s+\S")


@dataclass(frozen=True)
class Chapter:
    label: str
    line: int


def chapter_starts(
    lines: list[str], first_line: int = 1, note_labels: tuple[str, ...] = ()
) -> tuple[Chapter, ...]:
    """The chapters of the body in reading order, each with the line it starts on.

    Besides numbered chapters, a line holding only the label of a block of notes
    ("Introduction", "はしがき") starts that chapter: it has notes of its own.
    """
    named = {section_key(label): label for label in note_labels}
    starts = _starts(lines, first_line, lambda line: _alone(line, named))
    if not starts:
        starts = _starts(lines, first_line, _titled)
    return starts


def _alone(line: str, named: dict[str, str]) -> str | None:
    match = CHAPTER_HEADING.match(line)
    if match:
        return match.group(1)
    return line.strip() if line.strip() and section_key(line) in named else None


def _titled(line: str) -> str | None:
    match = TITLED_HEADING.match(line)
    return match.group(1) if match else None


def _starts(
    lines: list[str], first_line: int, heading: Callable[[str], str | None]
) -> tuple[Chapter, ...]:
    starts: dict[str, Chapter] = {}
    current: str | None = None
    for offset, line in enumerate(lines):
        found = heading(line)
        if found is None:
            continue
        label = " ".join(found.split())
        key = section_key(label)
        if key == current:
            continue
        starts[key] = Chapter(label, first_line + offset)
        current = key
    return tuple(sorted(starts.values(), key=lambda chapter: chapter.line))


def body_markers(
    lines: list[str],
    chapters: tuple[Chapter, ...],
    outside_label: str,
    first_line: int = 1,
    note_marks: tuple[str, ...] = (),
) -> tuple[Marker, ...]:
    """Every note marker in `lines`, labelled with the chapter it sits in.

    Markers are superscripts (¹²), else bracketed numbers ([12]), else (注12):
    see `citecheck.readers.markstyles`. Symbol markers (`Maxar*`) are read besides
    them when `note_marks`, the marks of the notes, include symbols: see
    `citecheck.readers.symbols`.

    Markers before the first chapter (or in a body without chapters) get
    `outside_label`, the label of the notes that have no chapter of their own.
    """
    finders = [marker_style(lines), symbol_finder(lines, note_marks)]
    active = [find for find in finders if find is not None]
    chapter_lines = [chapter.line for chapter in chapters]
    markers: list[Marker] = []
    for offset, line in enumerate(lines):
        line_no = first_line + offset
        found = sorted((item for find in active for item in find(line)), key=lambda i: i[2])
        if not found:
            continue
        index = bisect_right(chapter_lines, line_no) - 1
        label = chapters[index].label if index >= 0 else outside_label
        markers.extend(Marker(label, mark, number, line_no, col) for mark, number, col in found)
    return tuple(markers)
