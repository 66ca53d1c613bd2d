"""Markdown: pandoc footnotes and the hand-made `<sup>n</sup>` + ordered-list pattern.

Pandoc footnotes (`[^id]` markers, `[^id]: text` definitions with indented
continuation paragraphs, inline `^[text]` notes) share one numbering across the
document, so they form one section, "Notes". An id is a label, not a number, even when
it is written with digits ([^41], [^smith-2020]): pandoc numbers the notes itself, in
the order they are cited. So notes and markers carry the id as their mark and no
number, and are matched by mark; ids that start at 41 or are out of order are fine.

Hand-made notes are `<sup>3</sup>` markers (also `<sup>[3]</sup>`,
`[<sup>3</sup>](#fn3)`, `<sup><a href="#fn3">3</a></sup>`) with an ordered list of the
notes under a notes heading ("Notes", "注", "脚注", …) or, without such a heading, as
the last ordered list of the document. Each notes list is one section: a document
whose chapters each end with their own list gets one section per chapter, labelled
by the chapter's heading, and the markers before a list belong to it.

Notes written in raw HTML inside the Markdown (noteref links to `<li id="fn1">` items)
are read as HTML. Footnote-like text in code spans, fenced code and HTML comments is
ignored. Lines and columns are 1-based positions in the file.
"""

from __future__ import annotations

import re
from dataclasses import replace

from citecheck.errors import InputError
from citecheck.links.local import local_links
from citecheck.model import Document, Marker, Note, Section
from citecheck.readers import html, urllist
from citecheck.readers.markup import LineIndex, split_repeats
from citecheck.readers.mdlists import hand_made_notes
from citecheck.readers.mdsyntax import (
    FOOTNOTE_DEF,
    SECTION,
    Block,
    block_end,
    mask_code,
    note_text,
    resolve_reference_links,
)
from citecheck.readers.source import load_text

FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
INLINE_NOTE_OPEN = re.compile(r"\^\[")
MAX_INLINE_NOTE = 10_000


def _pandoc_notes(original: list[str], masked: list[str]) -> tuple[list[Note], list[Block]]:
    notes: list[Note] = []
    blocks: list[Block] = []
    index = 0
    while index < len(masked):
        match = FOOTNOTE_DEF.match(masked[index])
        if not match:
            index += 1
            continue
        end = block_end(masked, index)
        first = FOOTNOTE_DEF.match(original[index])
        first_text = first.group(2) if first else match.group(2)
        parts = [first_text, *(line.strip() for line in original[index + 1 : end])]
        mark = match.group(1)
        notes.append(Note(SECTION, mark, None, note_text("\n".join(parts)), index + 1))
        blocks.append(Block(index, end))
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
    """The `]` that closes an inline note opened before `start`, within one paragraph."""
    depth = 1
    for offset in range(start, min(len(text), start + MAX_INLINE_NOTE)):
        char = text[offset]
        if char == "[":
            depth += 1
        elif char == "\n" and text.startswith("\n\n", offset):
            return None
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
            markers.append(Marker(SECTION, mark, None, line, column))
    return markers


# --- the reader ----------------------------------------------------------------------


def read_text(text: str, path: str = "<text>") -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    masked_text = mask_code(text)
    original = resolve_reference_links(text.split("\n"))
    masked = masked_text.split("\n")
    lines = LineIndex(text)

    notes, blocks = _pandoc_notes(original, masked)
    skip = {i for block in blocks for i in range(block.start, block.end)}
    inline, inline_markers = _inline_notes(text, masked_text, lines, skip)
    markers = _pandoc_markers(masked_text, lines, skip) + inline_markers
    notes = sorted(notes + inline, key=lambda note: note.line)
    sections = [Section(SECTION, tuple(notes), notes[0].line)] if notes else []

    sup_sections, sup_markers, sup_blocks = hand_made_notes(
        original, masked_text, lines, fallback=not sections
    )
    if sup_sections and (sup_markers or not sections):
        sections.extend(sup_sections)
        markers.extend(sup_markers)
        blocks.extend(sup_blocks)

    if not sections and not markers:
        return _html_notes(text, path) or _links_only(masked_text, path)
    markers.sort(key=lambda marker: (marker.line, marker.column))
    noted = {i for block in blocks for i in range(block.start, block.end)}
    has_body = any(line.strip() for i, line in enumerate(masked) if i not in noted)
    firsts, repeats = split_repeats(markers)
    return Document(
        path=path,
        format="markdown",
        sections=tuple(sections),
        markers=firsts,
        repeat_markers=repeats,
        has_body=has_body,
        body_sections=tuple(section.label for section in sections) if has_body else (),
    )


def _html_notes(text: str, path: str) -> Document | None:
    """Notes written as raw HTML inside Markdown (noteref links and an `<ol>` of notes)."""
    if "<" not in text:
        return None
    try:
        document = html.read_text(text, path)
    except InputError:
        return None
    return replace(document, format="markdown") if document.sections else None


def _links_only(text: str, path: str) -> Document:
    """A Markdown file without notes still has links worth checking."""
    try:
        links = urllist.read_text(text, path)
    except InputError:
        if local_links(text, "markdown"):  # only links into its own tree: no notes
            return Document(path=path, format="markdown", sections=())
        raise InputError(f"{path}: no footnotes, notes list or links found") from None
    warning = f"{path}: no footnotes found; every line with a link is taken as a note"
    sections = tuple(
        replace(section, notes=tuple(replace(n, text=note_text(n.text)) for n in section.notes))
        for section in links.sections
    )
    return Document(path=path, format="markdown", sections=sections, warnings=(warning,))


def read(path: str) -> Document:
    return read_text(load_text(path), path)
