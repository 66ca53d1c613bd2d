"""Plain-text endnotes: a notes section with one block of numbered notes per chapter.

Accepts either the notes alone or the whole manuscript, in which case the notes
section is the last line that is exactly a notes heading (注, Notes, …) and is
followed by a chapter heading or a note.

    注
    [序章]
    - 1 「中央外事工作会议在北京举行」『人民日报』2023年12月29日。
    - 2 施欣怡「…」『國際展望』2024年第6期、72-73頁。
      (a line after a note without a blank line continues it)
    * an unnumbered note (also **, †, ‡, ※, *1, ※1)

The body before the notes section, when there is one, is searched for note markers
(see `citecheck.readers.body`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

from citecheck.errors import InputError
from citecheck.model import Document, Note, Section
from citecheck.readers.body import body_markers, chapter_starts
from citecheck.readers.notelines import breaks_numbering, numbered_line, opens_note
from citecheck.readers.reflist import (
    Block,
    first_heading,
    reference_list,
    reference_sections,
    region_lines,
)
from citecheck.readers.source import Source
from citecheck.readers.symbols import SYMBOL_RUN

NOTES_HEADING = re.compile(r"^\s*(注|註|脚注|後注|尾注|Notes|NOTES|Endnotes|ENDNOTES)\s*$")
BRACKETED_SECTION = re.compile(r"^\s*[\[【〔]\s*([^\]】〕]{1,30}?)\s*[\]】〕]\s*$")
BARE_SECTION = re.compile(
    r"^\s*(序章|終章|第\s*[0-9０-９一二三四五六七八九十]+\s*[章部節]"
    r"|(?:Chapter|CHAPTER|Part|PART)\s+[0-9IVXLC]+|Introduction|Conclusion)\s*$"
)
#: A symbol note: `* text`, `** text`, `† text`, `※ text`, `*1 text`, `※1：text`.
SYMBOL_NOTE = re.compile(
    rf"^\s*(?:[-–]\s*)?(?P<mark>(?:{SYMBOL_RUN})(?:[0-9０-９]{{1,2}}(?=[\s:：.．)）]))?)"
    r"[:：.．)）]?(?P<space>\s*)(?P<text>.*)$"
)

DEFAULT_SECTION = "Notes"


@dataclass
class _OpenNote:
    mark: str
    number: int | None
    line: int
    parts: list[str] = field(default_factory=list)


def join_lines(parts: list[str]) -> str:
    """Join continuation lines: no space between two East Asian characters."""
    text = ""
    for part in parts:
        if not part:
            continue
        if text and not (_is_wide(text[-1]) and _is_wide(part[0])):
            text += " "
        text += part
    return text


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def section_heading(line: str) -> str | None:
    """The section label on a notes-block heading line, without brackets, or None."""
    match = BRACKETED_SECTION.match(line) or BARE_SECTION.match(line)
    return match.group(1).strip() if match else None


def _note_start(
    line: str, previous: int | None, after_blank: bool = True
) -> tuple[str, int | None, str] | None:
    """(mark, number, text) when `line` opens a note after note `previous`, else None
    (see `citecheck.readers.notelines` for when a numbered line opens one)."""
    found = numbered_line(line)
    if found is not None:
        if opens_note(found, previous, after_blank):
            return str(found.number), found.number, found.text
        return None
    match = SYMBOL_NOTE.match(line)
    if match and _is_symbol_note(match):
        return match["mark"], None, match["text"].strip()
    return None


def _is_symbol_note(match: re.Match[str]) -> bool:
    """A symbol note has words after its mark; `*Title* 15, no. 3` is emphasis."""
    text = match["text"]
    emphasis = match["mark"][0] in "*＊" and not match["space"] and "*" in text.replace("＊", "*")
    return re.search(r"\w", text) is not None and not emphasis


def find_notes_start(lines: list[str]) -> int | None:
    """Index of the first line of the notes section, or None when there is no heading.

    The last notes heading wins (the first one is usually in the table of contents),
    but only one that is followed by a section heading or a note.
    """
    for index in range(len(lines) - 1, -1, -1):
        if not NOTES_HEADING.match(lines[index]):
            continue
        following = next((ln for ln in lines[index + 1 :] if ln.strip()), "")
        if section_heading(following) or _note_start(following, None):
            return index + 1
    return None


class NotesRead(NamedTuple):
    sections: tuple[Section, ...]
    warnings: tuple[str, ...]
    end: int  # index of the first line not read (len(lines) when all were)


def parse_notes(lines: list[str], first_line: int = 1, path: str = "<text>") -> NotesRead:
    """Parse the lines of a notes section into sections of notes.

    Parsing stops at the first line after a blank line that is neither a note nor
    a section heading: that is where the back matter begins. A block whose numbering
    does not run n, n+1, … (a jump, a restart, a numbered line read as wrapped text)
    gets one warning, at its first break.
    """
    sections: list[Section] = []
    label, label_line = DEFAULT_SECTION, first_line
    notes: list[Note] = []
    current: _OpenNote | None = None
    after_blank = False
    previous: int | None = None
    breaks: list[tuple[int, str]] = []
    warnings: list[str] = []
    end = len(lines)

    def close_note() -> None:
        nonlocal current
        if current is not None:
            text = join_lines(current.parts)
            notes.append(Note(label, current.mark, current.number, text, current.line))
            current = None

    def close_section() -> None:
        close_note()
        if notes:
            sections.append(Section(label, tuple(notes), label_line))
        notes.clear()
        if breaks:
            line_no, what = breaks[0]
            more = f" ({len(breaks) - 1} more further on)" if len(breaks) > 1 else ""
            warnings.append(
                f"{path}:{line_no}: the numbering of the notes under {label} breaks here:"
                f" {what}{more}"
            )
        breaks.clear()

    for offset, raw in enumerate(lines):
        line_no = first_line + offset
        line = raw.rstrip("\r\n")
        if not line.strip():
            after_blank = True
            continue
        heading = section_heading(line)
        if heading is not None:
            close_section()
            label, label_line, previous = heading, line_no, None
            after_blank = False
            continue
        start = _note_start(line, previous, after_blank or current is None)
        if start is not None:
            close_note()
            mark, number, text = start
            current = _OpenNote(mark, number, line_no, [text])
            if number is not None:
                if previous is not None and number != previous + 1:
                    breaks.append((line_no, f"note {number} follows note {previous}"))
                previous = number
        elif current is not None and not after_blank:
            found = numbered_line(line)
            if found is not None and breaks_numbering(found, previous):
                breaks.append(
                    (line_no, f"a line starting {found.number} is read as part of note {previous}")
                )
            current.parts.append(line.strip())
        elif current is not None or sections or notes:
            end = offset
            break
        after_blank = False
    close_section()
    return NotesRead(tuple(sections), tuple(warnings), end)


def read_text(text: str, path: str = "<text>") -> Document:
    """Read a notes section, or a whole manuscript whose body holds the note markers.

    Reference lists under a References / 参考文献 heading are read as such (see
    `citecheck.readers.reflist`) and kept out of the notes and the body; a file that
    is nothing but references, without heading or notes, is one reference list.
    """
    all_lines = text.splitlines()
    first = first_heading(all_lines)
    tail = _blocks(all_lines, first) if first is not None else []
    references = reference_sections(tail)
    lines = _without_regions(all_lines, region_lines(tail))
    start = find_notes_start(lines)
    body = lines[: start - 1] if start is not None else []
    if start is None and (start := _endnotes_start(lines)) is not None:
        body = lines[:start]
    notes = parse_notes(lines[start:], start + 1, path) if start is not None else parse_notes(lines)
    sections = notes.sections
    if start is None and not references and _maybe_pasted_list(sections):
        pasted = reference_list(_blocks(all_lines, 0), surname_first=bool(sections))
        if pasted is not None:
            sections, references = (), (pasted,)
    if not sections and not references:
        raise InputError(
            f"{path}: no notes found"
            " (expected numbered notes such as '- 1 text', or a reference list)"
        )
    warnings = notes.warnings if sections else ()
    if not any(line.strip() for line in body):
        return Document(path, "text", sections + references, warnings=warnings)
    note_marks = tuple(note.mark for section in sections for note in section.notes)
    if _document_wide(sections):
        # One block of notes under no chapter heading: every marker in the body refers to it.
        markers = body_markers(body, (), sections[0].label, note_marks=note_marks)
        return Document(
            path, "text", sections + references, markers, has_body=True, warnings=warnings
        )
    chapters = chapter_starts(body, note_labels=tuple(s.label for s in sections))
    # Markers outside every chapter belong to notes that have no chapter heading either.
    outside = sections[0].label if len(sections) == 1 and not chapters else DEFAULT_SECTION
    return Document(
        path=path,
        format="text",
        sections=sections + references,
        markers=body_markers(body, chapters, outside, note_marks=note_marks),
        has_body=True,
        body_sections=tuple(chapter.label for chapter in chapters),
        warnings=warnings,
    )


def _endnotes_start(lines: list[str]) -> int | None:
    """Index of the first of the `[1] text` endnotes that end a text without a notes
    heading (pandoc's plain-text rendering, an e-mail), or None.

    Note 1 must follow a blank line and the notes must run to the end of the text:
    a `[1]` line inside the body is not where its notes begin.
    """
    for index in range(len(lines) - 1, -1, -1):
        found = numbered_line(lines[index])
        if found is None or found.form != "bracket" or found.number != 1:
            continue
        if index and lines[index - 1].strip():
            continue
        rest = lines[index:]
        return index if parse_notes(rest).end == len(rest) else None
    return None


def _blocks(lines: list[str], first: int) -> list[Block]:
    """Lines from index `first` on as blocks for `reflist`."""
    return [Block(line, number) for number, line in enumerate(lines[first:], start=first + 1)]


def _without_regions(lines: list[str], regions: list[tuple[int, int]]) -> list[str]:
    """`lines` with the lines of the reference lists blanked, positions unchanged."""
    kept = list(lines)
    for first, last in regions:
        for number in range(first, last + 1):
            kept[number - 1] = ""
    return kept


def _maybe_pasted_list(sections: tuple[Section, ...]) -> bool:
    """Whether a file without notes heading may be a pasted reference list: it has no
    notes, or one block of numbered ones (a numbered list of references reads as notes
    too; `reference_list` then asks for names written surname first)."""
    if not sections:
        return True
    return len(sections) == 1 and not any(note.unnumbered for note in sections[0].notes)


def _document_wide(sections: tuple[Section, ...]) -> bool:
    """Whether the notes are one block without a chapter heading, numbered through the
    whole text rather than chapter by chapter."""
    return len(sections) == 1 and sections[0].label == DEFAULT_SECTION


def claims(source: Source) -> bool:
    """Whether `read_text` finds a note (its first note is the first line of the notes
    section that opens one: nothing before it can end the parse) or a reference list,
    under its heading or pasted alone."""
    lines = source.text.splitlines()
    start = find_notes_start(lines)
    if any(
        section_heading(line) is None and _note_start(line, None) is not None
        for line in lines[start or 0 :]
    ):
        return True
    first = first_heading(lines)
    if first is not None and reference_sections(_blocks(lines, first)):
        return True
    return reference_list(_blocks(lines, 0)) is not None


def read(source: Source) -> Document:
    return read_text(source.text, source.path)
