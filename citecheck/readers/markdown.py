"""Markdown: pandoc footnotes and the hand-made `<sup>n</sup>` + ordered-list pattern.

Pandoc footnotes (`[^id]` markers, `[^id]: text` definitions with indented
continuation paragraphs, inline `^[text]` notes) share one numbering across the
document, so they form one section, "Notes". Ids may be numbers starting anywhere or
names; a name gives a note without a number.

Hand-made notes are `<sup>3</sup>` markers (also `<sup>[3]</sup>`,
`[<sup>3</sup>](#fn3)`, `<sup><a href="#fn3">3</a></sup>`) with an ordered list of the
notes under a notes heading ("Notes", "注", "脚注", …) or, without such a heading, as
the last ordered list of the document. Each notes list is one section: a document
whose chapters each end with their own list gets one section per chapter, labelled
by the chapter's heading, and the markers before a list belong to it.

Footnote-like text in code spans, fenced code and HTML comments is ignored. Lines and
columns are 1-based positions in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from citecheck.errors import InputError
from citecheck.model import Document, Marker, Note, Section
from citecheck.readers import urllist
from citecheck.readers.markup import (
    BACKLINK_CHARS,
    LineIndex,
    is_notes_heading,
    parse_mark,
    squash_spaces,
)
from citecheck.readers.source import load_text

SECTION = "Notes"

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)\s*$")

FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]?(.*)$")
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
INLINE_NOTE_OPEN = re.compile(r"\^\[")

SUP_MARK = r"[0-9]{1,4}|[*†‡§¶]{1,3}"
SUP_MARKER = re.compile(
    r"(\[\s*)?<sup\b[^>]*>\s*(?:<a\b[^>]*>\s*)?\[?\[?(" + SUP_MARK + r")\]?"
    r"(?:\]\([^)\s]*\))?\s*(?:</a>\s*)?</sup>(?(1)\s*\]\([^)\s]*\))",
    re.IGNORECASE,
)
#: `km<sup>2</sup>` is a unit, not a note: a superscript 2 or 3 right after a unit.
UNIT_BEFORE = re.compile(r"(?<![A-Za-z])(?:[kcmdµn]?m|ft|yd|mi)$")
LIST_ITEM = re.compile(r"^ {0,3}(?:(\d{1,4})[.)]|\[(\d{1,4})\])[ \t]+(.*)$")

MD_LINK = re.compile(r"!?\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+)>")
HTML_LINK = re.compile(r"<a\b[^>]*?href=[\"']([^\"']+)[\"'][^>]*>(.*?)</a>", re.I | re.S)
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
ATTRIBUTES = re.compile(r"\{#[^}]*\}")


@dataclass(frozen=True)
class _Block:
    """Lines [start, end) of the file that hold notes, not body text."""

    start: int
    end: int


def mask_code(text: str) -> str:
    """Blank out fenced code, code spans and comments, keeping every offset in place."""
    lines = text.split("\n")
    fence: str | None = None
    for index, line in enumerate(lines):
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            lines[index] = " " * len(line)
        elif fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            lines[index] = " " * len(line)
        else:
            lines[index] = CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
    masked = "\n".join(lines)
    return COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), masked)


def note_text(raw: str) -> str:
    """Readable note text: links keep their URL, back-links and tags are dropped."""
    text = ATTRIBUTES.sub("", raw)
    text = HTML_LINK.sub(_html_link, text)
    text = MD_LINK.sub(_md_link, text)
    text = AUTOLINK.sub(r"\1", text)
    text = HTML_TAG.sub("", text)
    text = text.translate({ord(ch): " " for ch in BACKLINK_CHARS})
    return squash_spaces(text)


def _link_text(label: str, target: str) -> str:
    label = label.strip()
    if target.startswith("#") or not label.strip(BACKLINK_CHARS + " "):
        return label if label.strip(BACKLINK_CHARS + " ") else ""
    return label if target in label else f"{label} {target}".strip()


def _md_link(match: re.Match[str]) -> str:
    return _link_text(match.group(1), match.group(2))


def _html_link(match: re.Match[str]) -> str:
    return _link_text(HTML_TAG.sub("", match.group(2)), match.group(1))


def _indented(line: str) -> bool:
    return line.startswith(("    ", "\t"))


def _block_end(lines: list[str], start: int, continues: re.Pattern[str] | None = None) -> int:
    """End of a note or list item opened at `start`: indented lines and lazy lines follow.

    A blank line ends it unless the next text line is indented (a further paragraph).
    """
    index = start + 1
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            following = next((i for i in range(index, len(lines)) if lines[i].strip()), None)
            if following is None or not _indented(lines[following]):
                return index
            index = following
            continue
        if _indented(line):
            index += 1
            continue
        if FOOTNOTE_DEF.match(line) or HEADING.match(line) or LIST_ITEM.match(line):
            return index
        if continues is not None and not continues.match(line):
            return index
        index += 1
    return index


# --- pandoc footnotes ------------------------------------------------------------


def _pandoc_notes(original: list[str], masked: list[str]) -> tuple[list[Note], list[_Block]]:
    notes: list[Note] = []
    blocks: list[_Block] = []
    index = 0
    while index < len(masked):
        match = FOOTNOTE_DEF.match(masked[index])
        if not match:
            index += 1
            continue
        end = _block_end(masked, index, continues=re.compile(r"\S"))
        first = FOOTNOTE_DEF.match(original[index])
        first_text = first.group(2) if first else match.group(2)
        parts = [first_text, *(line.strip() for line in original[index + 1 : end])]
        mark = match.group(1)
        notes.append(Note(SECTION, mark, parse_mark(mark), note_text("\n".join(parts)), index + 1))
        blocks.append(_Block(index, end))
        index = end
    return notes, blocks


def _inline_notes(
    text: str, masked: str, lines: LineIndex, skip: set[int]
) -> tuple[list[Note], list[Marker]]:
    notes: list[Note] = []
    markers: list[Marker] = []
    for match in INLINE_NOTE_OPEN.finditer(masked):
        line, column = lines.position(match.start())
        if line - 1 in skip:
            continue
        close = _closing_bracket(masked, match.end())
        if close is None:
            continue
        mark = f"inline-{len(notes) + 1}"
        notes.append(Note(SECTION, mark, None, note_text(text[match.end() : close]), line))
        markers.append(Marker(SECTION, mark, None, line, column))
    return notes, markers


def _closing_bracket(text: str, start: int) -> int | None:
    depth = 1
    for offset in range(start, len(text)):
        char = text[offset]
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return offset
    return None


def _pandoc_markers(masked: str, lines: LineIndex, skip: set[int]) -> list[Marker]:
    markers = []
    for match in FOOTNOTE_REF.finditer(masked):
        line, column = lines.position(match.start())
        if line - 1 not in skip:
            mark = match.group(1)
            markers.append(Marker(SECTION, mark, parse_mark(mark), line, column))
    return markers


# --- hand-made <sup> markers with ordered lists of notes ----------------------------


@dataclass(frozen=True)
class _NotesList:
    heading: int | None
    start: int
    end: int


def _headings(masked: list[str]) -> dict[int, tuple[int, str]]:
    """Headings by line index: (level, title), ATX (`## x`) and setext (underlined)."""
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
            index = _block_end(masked, index)
        elif not masked[index].strip():
            index += 1
        else:
            break
    end = index
    while end > first and not masked[end - 1].strip():
        end -= 1
    return first, end


def _find_notes_lists(masked: list[str], headings: dict[int, tuple[int, str]]) -> list[_NotesList]:
    found = []
    for index, (_, title) in headings.items():
        if is_notes_heading(title):
            span = _list_after(masked, index + 1)
            if span:
                found.append(_NotesList(index, *span))
    if found:
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
    return not line.strip() or _indented(line)


def _list_notes(original: list[str], masked: list[str], span: _NotesList, label: str) -> list[Note]:
    items: list[tuple[int, int | None, str]] = []
    index = span.start
    while index < span.end:
        match = LIST_ITEM.match(masked[index])
        if not match:
            index += 1
            continue
        end = min(_block_end(masked, index), span.end)
        written = match.group(1) or match.group(2)
        first = LIST_ITEM.match(original[index])
        parts = [first.group(3) if first else match.group(3)]
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


def _sup_notes(
    original: list[str], masked_text: str, lines: LineIndex
) -> tuple[list[Section], list[Marker], list[_Block]]:
    masked = masked_text.split("\n")
    headings = _headings(masked)
    lists = _find_notes_lists(masked, headings)
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
    labels = _section_labels(lists, headings)
    sections: list[Section] = []
    markers: list[Marker] = []
    previous_end = 0
    for position, (span, label) in enumerate(zip(lists, labels, strict=True)):
        notes = _list_notes(original, masked, span, label)
        sections.append(Section(label, tuple(notes), (span.heading or span.start) + 1))
        last = position == len(lists) - 1
        for line, column, mark in raw_markers:
            if previous_end < line <= span.start or (last and line > span.end):
                markers.append(Marker(label, mark, parse_mark(mark), line, column))
        previous_end = span.end
    blocks = [_Block(span.start, span.end) for span in lists]
    return sections, markers, blocks


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


# --- the reader ----------------------------------------------------------------------


def read_text(text: str, path: str = "<text>") -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    masked_text = mask_code(text)
    original, masked = text.split("\n"), masked_text.split("\n")
    lines = LineIndex(text)

    notes, blocks = _pandoc_notes(original, masked)
    skip = {i for block in blocks for i in range(block.start, block.end)}
    inline, inline_markers = _inline_notes(text, masked_text, lines, skip)
    markers = _pandoc_markers(masked_text, lines, skip) + inline_markers
    notes = sorted(notes + inline, key=lambda note: note.line)
    sections = [Section(SECTION, tuple(notes), notes[0].line)] if notes else []

    sup_sections, sup_markers, sup_blocks = _sup_notes(original, masked_text, lines)
    if sup_sections and (sup_markers or not sections):
        sections.extend(sup_sections)
        markers.extend(sup_markers)
        blocks.extend(sup_blocks)

    if not sections and not markers:
        return _links_only(text, path)
    markers.sort(key=lambda marker: (marker.line, marker.column))
    noted = {i for block in blocks for i in range(block.start, block.end)}
    has_body = any(line.strip() for i, line in enumerate(masked) if i not in noted)
    return Document(
        path=path,
        format="markdown",
        sections=tuple(sections),
        markers=tuple(markers),
        has_body=has_body,
        body_sections=tuple(section.label for section in sections) if has_body else (),
    )


def _links_only(text: str, path: str) -> Document:
    """A Markdown file without notes still has links worth checking."""
    try:
        links = urllist.read_text(text, path)
    except InputError:
        raise InputError(f"{path}: no footnotes, notes list or links found") from None
    warning = f"{path}: no footnotes found; every line with a link is taken as a note"
    sections = tuple(
        replace(section, notes=tuple(replace(n, text=note_text(n.text)) for n in section.notes))
        for section in links.sections
    )
    return Document(path=path, format="markdown", sections=sections, warnings=(warning,))


def read(path: str) -> Document:
    return read_text(load_text(path), path)
