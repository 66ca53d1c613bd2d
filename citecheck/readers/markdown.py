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
are read as HTML. A list under a References / 参考文献 heading that no marker cites is a
reference list (`citecheck.readers.reflist`). Lines and columns are 1-based positions
in the file.

The file is parsed by markdown-it (CommonMark plus pandoc footnotes, see
`citecheck.readers.mdparse`): it decides what is code (never a note or a marker), an
autolink, an emphasis or an escape. The note text keeps italics as `*…*` (the citation
parser reads them as title marks) and spells links out as label and address.
`read_text(text, path)` is the entry point whatever the source was loaded from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from citecheck.errors import InputError
from citecheck.links.local import local_links
from citecheck.model import Document, Marker, Note, Section
from citecheck.readers import urllist
from citecheck.readers.markup import LineIndex, split_repeats
from citecheck.readers.mdblocks import markdown_blocks
from citecheck.readers.mdlists import hand_made_notes
from citecheck.readers.mdparse import (
    SourceMap,
    finish,
    inline_text,
    note_text,
    parse,
    raw_inline_text,
    walk,
)
from citecheck.readers.mdsyntax import SECTION, Block, resolve_reference_links
from citecheck.readers.reflist import reference_sections, region_lines
from citecheck.readers.source import Source

if TYPE_CHECKING:
    from markdown_it.token import Token


@dataclass
class _Footnotes:
    """What the token stream holds: pandoc notes, their markers, and the code to mask."""

    notes: list[Note] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    #: (line, first column, last column) of code spans and comments, 1-based, inclusive.
    masked_spans: list[tuple[int, int, int]] = field(default_factory=list)
    masked_lines: set[int] = field(default_factory=set)
    inline_count: int = 0


def _read_tokens(tokens: list[Token], env: dict, lines: list[str]) -> _Footnotes:
    found = _Footnotes()
    inline_notes = env.get("footnotes", {}).get("list", {})
    depth = 0  # inside a footnote definition
    note: tuple[str, int, list[str]] | None = None
    for token in tokens:
        if token.type == "footnote_reference_open":
            depth += 1
            if depth == 1 and token.map:
                note = (token.meta["label"], token.map[0] + 1, [])
                found.blocks.append(Block(token.map[0], token.map[1]))
            continue
        if token.type == "footnote_reference_close":
            depth -= 1
            if depth == 0 and note is not None:
                mark, line, parts = note
                found.notes.append(Note(SECTION, mark, None, finish("\n".join(parts)), line))
                note = None
            continue
        if token.type in ("fence", "code_block") or _is_comment(token):
            if token.map:
                found.masked_lines.update(range(token.map[0], token.map[1]))
            continue
        if token.type != "inline":
            continue
        if note is not None:
            note[2].append(raw_inline_text(token.children or []))
        _read_inline(token, lines, inline_notes, depth > 0, found)
    return found


def _read_inline(
    token: Token, lines: list[str], inline_notes: dict, in_note: bool, found: _Footnotes
) -> None:
    """Markers and inline notes of one inline token, and its code spans to mask."""
    where: SourceMap | None = None
    for child in walk(token.children or []):
        if "start" not in (child.meta or {}):
            continue
        where = where or SourceMap(lines, token)
        if child.type == "code_inline" or _is_comment(child):
            _mask(found, where, child.meta["start"], child.meta["end"])
        elif child.type == "footnote_ref" and not in_note:
            line, column = where.position(child.meta["start"])
            label = child.meta.get("label")
            if label is None:  # an inline note ^[…]
                found.inline_count += 1
                label = f"inline-{found.inline_count}"
                content = inline_notes.get(child.meta["id"], {}).get("tokens", [])
                found.notes.append(Note(SECTION, label, None, inline_text(content), line))
            found.markers.append(Marker(SECTION, label, None, line, column))


def _mask(found: _Footnotes, where: SourceMap, start: int, end: int) -> None:
    first_line, first_column = where.position(start)
    last_line, last_column = where.position(max(end - 1, start))
    if first_line == last_line:
        found.masked_spans.append((first_line, first_column, last_column))
        return
    found.masked_spans.append((first_line, first_column, 10**9))
    found.masked_lines.update(range(first_line, last_line - 1))
    found.masked_spans.append((last_line, 1, last_column))


def _is_comment(token: Token) -> bool:
    return token.type in ("html_block", "html_inline") and token.content.lstrip().startswith("<!--")


def _masked(lines: list[str], found: _Footnotes) -> list[str]:
    """The file's lines with code and comments blanked, every offset kept in place."""
    masked = [" " * len(line) if i in found.masked_lines else line for i, line in enumerate(lines)]
    for line, first, last in found.masked_spans:
        text = masked[line - 1]
        stop = min(last, len(text))
        masked[line - 1] = text[: first - 1] + " " * (stop - first + 1) + text[stop:]
    return masked


# --- the reader ----------------------------------------------------------------------


def read_text(text: str, path: str = "<text>") -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    tokens, env = parse(text)
    found = _read_tokens(tokens, env, lines)
    masked = _masked(lines, found)
    masked_text = "\n".join(masked)
    original = resolve_reference_links(lines)

    notes = sorted(found.notes, key=lambda note: note.line)
    markers = list(found.markers)
    blocks = list(found.blocks)
    sections = [Section(SECTION, tuple(notes), notes[0].line)] if notes else []

    sup_sections, sup_markers, sup_blocks = hand_made_notes(
        original, masked_text, LineIndex(masked_text), fallback=not sections
    )
    if sup_sections and (sup_markers or not sections):
        sections.extend(sup_sections)
        markers.extend(sup_markers)
        blocks.extend(sup_blocks)

    noted = {i for block in blocks for i in range(block.start, block.end)}
    reference_blocks = markdown_blocks(original, masked, noted)
    references = reference_sections(reference_blocks)
    if not sections and not markers and not references:
        return _html_notes(text, path) or _links_only(masked_text, path)
    for first, last in region_lines(reference_blocks):
        noted.update(range(first - 1, last))
    markers.sort(key=lambda marker: (marker.line, marker.column))
    has_body = any(line.strip() for i, line in enumerate(masked) if i not in noted)
    firsts, repeats = split_repeats(markers)
    return Document(
        path=path,
        format="markdown",
        sections=tuple(sections) + references,
        markers=firsts,
        repeat_markers=repeats,
        has_body=has_body,
        body_sections=tuple(section.label for section in sections) if has_body else (),
    )


def _html_notes(text: str, path: str) -> Document | None:
    """Notes written as raw HTML inside Markdown (noteref links and an `<ol>` of notes).

    The HTML reader is imported here: a file with Markdown notes has no use for it."""
    if "<" not in text:
        return None
    from citecheck.readers import html

    try:
        document = html.read_text(text, path, in_markdown=True)
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


#: What only Markdown notes have: a footnote definition, an inline note, a `<sup>` mark.
MARKDOWN_NOTES = re.compile(r"^ {0,3}\[\^[^\]\s]+\]:|\^\[[^\]]+\]", re.M)
SUP_MARKER = re.compile(r"<sup\b[^>]*>\s*(?:<a\b[^>]*>\s*)?\[?\d{1,4}\]?", re.I)


def claims(source: Source) -> bool:
    """Text with a pandoc footnote definition, an inline note or a `<sup>` mark."""
    return bool(MARKDOWN_NOTES.search(source.text) or SUP_MARKER.search(source.text))


def read(source: Source) -> Document:
    return read_text(source.text, source.path)
