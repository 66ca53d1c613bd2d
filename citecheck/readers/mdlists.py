"""Hand-made Markdown notes: `<sup>n</sup>` markers with an ordered list of notes.

Markers are `<sup>3</sup>`, `<sup>[3]</sup>`, `[<sup>3</sup>](#fn3)` or
`<sup><a href="#fn3">3</a></sup>`; the notes are an ordered list under a notes heading
("Notes", "注", "脚注", …) or, without such a heading, the last ordered list of the
document when markers come before it. Each notes list is one section: a document whose
chapters each end with their own list gets one section per chapter, labelled by the
chapter's heading, and the markers before a list belong to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from citecheck.model import Marker, Note, Section
from citecheck.readers.lazyre import LazyPattern
from citecheck.readers.markup import (
    UNIT_BEFORE,
    LineIndex,
    is_bibliography_heading,
    is_notes_heading,
    parse_mark,
)
from citecheck.readers.mdparse import note_text
from citecheck.readers.mdsyntax import (
    HEADING,
    LIST_ITEM,
    SECTION,
    SETEXT_UNDERLINE,
    Block,
    block_end,
    indented,
)

SUP_MARK = r"[0-9]{1,4}|[*†‡§¶※＊]{1,3}"
SUP_MARKER = LazyPattern(
    r"(\[\s*)?<sup\b[^>]*>\s*(?:<a\b[^>]*>\s*)?\[?\[?(" + SUP_MARK + r")\]?"
    r"(?:\]\([^)\s]*\))?\s*(?:</a>\s*)?</sup>(?(1)\s*\]\([^)\s]*\))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _NotesList:
    heading: int | None
    start: int
    end: int


def _headings(masked: list[str]) -> dict[int, tuple[int, str]]:
    """Headings by line index: (level, title), ATX (`## x`) and setext (underlined).

    A line that only says "Notes" (`**注释：**`, `Notes:`) heads notes too.
    """
    found: dict[int, tuple[int, str]] = {}
    for index, line in enumerate(masked):
        match = HEADING.match(line)
        if match:
            found[index] = (len(match.group(1)), match.group(2))
        elif (
            index > 0
            and SETEXT_UNDERLINE.match(line)
            and masked[index - 1].strip()
            and not LIST_ITEM.match(masked[index - 1])
        ):
            level = 1 if line.strip().startswith("=") else 2
            found[index - 1] = (level, masked[index - 1].strip())
        else:
            words = line.strip().strip("*_").strip()
            if words and len(words) < 40 and is_notes_heading(words):
                found[index] = (6, words)
    return found


def _list_after(masked: list[str], start: int) -> tuple[int, int] | None:
    """The first ordered list after `start`, before the next heading: (first, end)."""
    index = start
    while index < len(masked) and not LIST_ITEM.match(masked[index]):
        if HEADING.match(masked[index]):
            return None
        index += 1
    if index == len(masked):
        return None
    first = index
    while index < len(masked):
        if LIST_ITEM.match(masked[index]):
            index = block_end(masked, index)
        elif not masked[index].strip():
            index += 1
        else:
            break
    end = index
    while end > first and not masked[end - 1].strip():
        end -= 1
    return first, end


def _find_notes_lists(
    masked: list[str], headings: dict[int, tuple[int, str]], fallback: bool
) -> list[_NotesList]:
    """Ordered lists under a notes heading; without one, and when `fallback` allows,
    the last ordered list of the document."""
    found = []
    for index, (_, title) in headings.items():
        if is_notes_heading(title):
            span = _list_after(masked, index + 1)
            if span:
                found.append(_NotesList(index, *span))
    if found or not fallback:
        return found
    last_item = max((i for i, ln in enumerate(masked) if LIST_ITEM.match(ln)), default=None)
    if last_item is None:
        return []
    first = last_item
    while first > 0 and (LIST_ITEM.match(masked[first - 1]) or _continues(masked, first - 1)):
        first -= 1
    while first < len(masked) and not LIST_ITEM.match(masked[first]):
        first += 1
    span = _list_after(masked, first)
    return [_NotesList(None, *span)] if span else []


def _continues(masked: list[str], index: int) -> bool:
    """Whether line `index` is inside a list item (indented, blank or lazy text)."""
    line = masked[index]
    return not line.strip() or indented(line)


def _list_notes(original: list[str], masked: list[str], span: _NotesList, label: str) -> list[Note]:
    items: list[tuple[int, int | None, str]] = []
    index = span.start
    while index < span.end:
        match = LIST_ITEM.match(masked[index])
        if not match:
            index += 1
            continue
        end = min(block_end(masked, index), span.end)
        written = next(group for group in match.groups()[:4] if group)
        first = LIST_ITEM.match(original[index])
        parts = [(first or match).group(5)]
        parts.extend(line.strip() for line in original[index + 1 : end])
        items.append((index + 1, int(written), note_text("\n".join(parts))))
        index = end
    written_numbers = [number for _, number, _ in items]
    increasing = all(b > a for a, b in pairwise(written_numbers))
    notes = []
    for position, (line, written, text) in enumerate(items):
        number = written if increasing else written_numbers[0] + position
        notes.append(Note(label, str(number), number, text, line))
    return notes


def hand_made_notes(
    original: list[str], masked_text: str, lines: LineIndex, fallback: bool
) -> tuple[list[Section], list[Marker], list[Block]]:
    """Notes lists and the `<sup>` markers before them.

    A list found only by being last (no notes heading) counts only when there are
    markers: a numbered list in a note-less document is not a notes list.
    """
    masked = masked_text.split("\n")
    headings = _headings(masked)
    lists = _find_notes_lists(masked, headings, fallback)
    if not lists:
        return [], [], []
    raw_markers = []
    for match in SUP_MARKER.finditer(masked_text):
        line, column = lines.position(match.start())
        mark = match.group(2)
        if mark in ("2", "3") and UNIT_BEFORE.search(
            masked_text[max(0, match.start() - 4) : match.start()]
        ):
            continue
        if not any(span.start <= line - 1 < span.end for span in lists):
            raw_markers.append((line, column, mark))
    if lists[0].heading is None and not raw_markers:
        return [], [], []
    lists = _without_uncited_bibliographies(lists, headings, [line for line, _, _ in raw_markers])
    if not lists:
        return [], [], []
    labels = _section_labels(lists, headings)
    sections: list[Section] = []
    markers: list[Marker] = []
    previous_end = 0
    for position, (span, label) in enumerate(zip(lists, labels, strict=True)):
        notes = _list_notes(original, masked, span, label)
        top = span.heading if span.heading is not None else span.start
        sections.append(Section(label, tuple(notes), top + 1))
        last = position == len(lists) - 1
        for line, column, mark in raw_markers:
            if previous_end < line <= span.start or (last and line > span.end):
                markers.append(Marker(label, mark, parse_mark(mark), line, column))
        previous_end = span.end
    blocks = [Block(span.start, span.end) for span in lists]
    return sections, markers, blocks


def _without_uncited_bibliographies(
    lists: list[_NotesList], headings: dict[int, tuple[int, str]], marker_lines: list[int]
) -> list[_NotesList]:
    """Drop a numbered "References" list that no marker cites: it is the reference
    list (see `citecheck.readers.reflist`), not a block of notes."""
    kept: list[_NotesList] = []
    previous_end = 0
    for span in lists:
        title = headings[span.heading][1] if span.heading is not None else ""
        cited = any(previous_end < line <= span.start for line in marker_lines)
        if not cited and is_bibliography_heading(title):
            continue
        kept.append(span)
        previous_end = span.end
    return kept


def _section_labels(lists: list[_NotesList], headings: dict[int, tuple[int, str]]) -> list[str]:
    """One label per notes list: the chapter heading of the text before it.

    The chapter level is the highest heading level found before every list, so a
    document title above the first chapter does not become the first label.
    """
    if len(lists) == 1:
        return [SECTION]
    regions: list[list[tuple[int, str]]] = []
    previous_end = 0
    for span in lists:
        top = span.heading if span.heading is not None else span.start
        regions.append(
            [
                heading
                for index, heading in sorted(headings.items())
                if previous_end <= index < top and not is_notes_heading(heading[1])
            ]
        )
        previous_end = span.end
    common = set.intersection(*({level for level, _ in region} for region in regions))
    chapter_level = min(common) if common else None
    labels: list[str] = []
    for position, region in enumerate(regions, start=1):
        titles = [title for level, title in region if level == chapter_level]
        label = note_text(titles[-1]) if titles else f"{SECTION} {position}"
        if label in labels:
            label = f"{label} ({position})"
        labels.append(label)
    return labels
