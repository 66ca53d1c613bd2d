"""HTML and EPUB XHTML: notes found by what links to them, markers by what links.

Recognised, in any mix:

- EPUB 3 `epub:type="noteref"` links to `footnote` / `endnote` / `rearnote` elements
  (asides or list items, alone or in a `footnotes` / `endnotes` / `rearnotes` block);
- DPUB-ARIA `role="doc-noteref"` links to `doc-footnote` / `doc-endnote` elements or
  to the items of a `doc-endnotes` block;
- Wikipedia `cite_ref` markers linking to `cite_note-…` list items;
- plain `<sup><a href="#fn1">1</a></sup>` or `<a href="#note3">[3]</a>` links to an
  element that is a note (by its role, by the block it is in, or by an id such as
  fn1, note-3, endnote_12);
- when nothing links, hand-made `<sup>3</sup>` marks with an `<ol>` of notes under a
  notes heading (or, after the marks, as the page's last ordered list).

A marker's mark is its note's mark: the marker's text ("1", "[1]", "*", "†"), else the
note's number in its ordered list, else a mark printed at the start of the note.
Back-links from a note to its markers (↩, Wikipedia's ^ a b) are not note text. Links
in a note keep their URL in the text so the citation parser finds it.

Notes form one section when their marks are unique; when numbering restarts (per
chapter, per EPUB content document) each notes block is a section, labelled by the
heading before it. Lines and columns are 1-based positions in the (X)HTML source;
for an EPUB they are positions in the content document that holds the note.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from citecheck.errors import InputError
from citecheck.model import Document, Marker, Note, Section
from citecheck.readers.htmlblocks import page_blocks
from citecheck.readers.htmllinks import links_document
from citecheck.readers.htmlnotes import (
    HEADING_TAGS,
    LEADING_MARK,
    SECTION,
    Page,
    block_of,
    enclosing_block,
    is_block,
    is_note,
    is_noteref,
    is_typed_noteref,
    link_target,
    list_number,
    mark_text,
    note_of,
    note_text,
    page_parts,
    parse_page,
    source_position,
    unlinked_notes,
)
from citecheck.readers.markup import (
    is_notes_heading,
    parse_mark,
    split_repeats,
    squash_spaces,
    unescape_emphasis,
)
from citecheck.readers.reflist import reference_sections
from citecheck.readers.source import Source

if TYPE_CHECKING:
    from bs4 import Tag


@dataclass
class _Found:
    """A note element, where it is (page, notes block, reading order), and its mark."""

    element: Tag
    page: Page
    group: tuple[str, int]
    order: tuple[int, int, int]
    mark: str | None = None
    section: str = SECTION


def _label_for(element: Tag, page: Page) -> str:
    """A section label: the nearest heading before `element` that is not "Notes",
    else the page's first heading, its title, or its name."""
    for heading in element.find_all_previous(HEADING_TAGS):
        text = squash_spaces(heading.get_text())
        if text and not is_notes_heading(text):
            return text
    first = page.soup.find(HEADING_TAGS)
    if first is not None and first.get_text(strip=True):
        return squash_spaces(first.get_text())
    title = page.soup.title
    if title is not None and title.get_text(strip=True):
        return title.get_text(strip=True)
    return page.name or SECTION


def _unique(label: str, taken: set[str]) -> str:
    candidate, count = label, 1
    while candidate in taken:
        count += 1
        candidate = f"{label} ({count})"
    taken.add(candidate)
    return candidate


@dataclass(frozen=True)
class _Ref:
    """A marker element (a noteref link, an unlinked `<sup>`) and the note it names."""

    element: Tag
    page: Page
    note: Tag | None
    within: Tag | None = None  # the note this reference is written in, if any


class _Finder:
    """Collects the note elements and the references to them across all pages."""

    def __init__(self, pages: list[Page]) -> None:
        self.pages = pages
        self.by_name = {page.name: page for page in pages}
        self.index = {page.name: index for index, page in enumerate(pages)}
        self.notes: dict[int, _Found] = {}
        self.refs: list[_Ref] = []
        self.nested: list[_Ref] = []  # note references written inside another note

    def remember(self, element: Tag, page: Page) -> None:
        if id(element) not in self.notes:
            block = block_of(element)
            group = (page.name, id(block) if block is not None else 0)
            line, column = source_position(element)
            order = (self.index[page.name], line, column)
            self.notes[id(element)] = _Found(element, page, group, order)

    def linked(self) -> None:
        """Typed notes, the items of notes blocks, and every noteref link."""
        for page in self.pages:
            for tag in page.soup.find_all(is_note):
                self.remember(tag, page)
            for block in page.soup.find_all(is_block):
                for item in block.find_all("li"):
                    if item.find_parent(is_block) is block and item.find_parent("li") is None:
                        self.remember(item, page)
            for link in page.soup.find_all("a", href=True):
                within = note_of(link)
                if within is None:
                    self._link(link, page)
                else:
                    self._nested_link(link, page, within)

    def _link(self, link: Tag, page: Page) -> None:
        target_page, target, fragment = link_target(link, page, self.by_name)
        if not is_noteref(link, target, fragment):
            return
        note = None
        if target is not None:
            note = note_of(target)
            if note is None and is_typed_noteref(link, fragment):
                note = enclosing_block(target, None)
        if note is not None:
            self.remember(note, target_page)
        self.refs.append(_Ref(link, page, note))

    def _nested_link(self, link: Tag, page: Page, within: Tag) -> None:
        """A note reference inside a note (a Wikipedia explanatory note citing a source):
        the note it names is referenced. Back-links and cross-references ("see note 5")
        are not typed note references and are left to the note's text."""
        target_page, target, fragment = link_target(link, page, self.by_name)
        if target is None or not is_typed_noteref(link, fragment):
            return
        note = note_of(target)
        if note is None or note is within:
            return
        self.remember(note, target_page)
        self.nested.append(_Ref(link, page, note, within))

    def unlinked(self) -> None:
        for page in self.pages:
            items, refs = unlinked_notes(page)
            for item in items:
                self.remember(item, page)
            self.refs.extend(_Ref(sup, page, item) for sup, item in refs)

    def markers_outside_notes(self) -> list[_Ref]:
        return [ref for ref in self.refs if not _inside_note(ref.element, self.notes)]


def _give_marks(found: list[_Found], refs: list[_Ref], notes: dict[int, _Found]) -> None:
    """A note's mark: its first marker's text, else its list number, a mark printed at
    its start, its id, or its position."""
    for ref in refs:
        if ref.note is not None and notes[id(ref.note)].mark is None:
            notes[id(ref.note)].mark = mark_text(ref.element)
    for position, item in enumerate(found):
        if item.mark is not None:
            continue
        number = list_number(item.element)
        leading = LEADING_MARK.match(item.element.get_text())
        ident = item.element.get("id")
        if number is not None:
            item.mark = str(number)
        elif leading:
            item.mark = leading.group(1)
        else:
            item.mark = str(ident) if ident else str(position + 1)


def read_pages(pages: Iterable[Page], path: str, fmt: str) -> Document:
    from citecheck.readers.coins import cite_csl  # with the citation parser's dates

    finder = _Finder(list(pages))
    parts = page_parts(finder.pages)
    offsets = {part.name: part.first_line - 1 for part in parts}
    finder.linked()
    if not finder.notes and not finder.refs:
        finder.unlinked()
    refs = finder.markers_outside_notes()
    found = sorted(finder.notes.values(), key=lambda f: f.order)
    _give_marks(found, refs, finder.notes)
    _assign_sections(found)
    marks = _unique_marks(found)

    marker_ids = {id(ref.element) for ref in refs}
    marker_ids |= {id(ref.element.parent) for ref in refs if ref.element.parent is not None}
    _drop_from_text(finder.nested)
    sections: dict[str, list[Note]] = {}
    for item in found:
        csl = cite_csl(item.element)
        text = note_text(item.element, item.page, finder.by_name, marker_ids)
        leading = LEADING_MARK.match(text)
        if leading and unescape_emphasis(leading.group(1)) == item.mark:
            text = text[leading.end() :]
        mark = marks[id(item.element)]
        line = source_position(item.element)[0] + offsets.get(item.page.name, 0)
        sections.setdefault(item.section, []).append(
            Note(item.section, mark, parse_mark(mark), text, line, csl)
        )

    default_section = found[0].section if found else SECTION
    markers = []
    cited_at: dict[int, tuple[int, int]] = {}  # note → where its first marker is
    for ref in refs:
        line, column = source_position(ref.element)
        line += offsets.get(ref.page.name, 0)
        if ref.note is not None:
            section, mark = finder.notes[id(ref.note)].section, marks[id(ref.note)]
            cited_at.setdefault(id(ref.note), (line, column))
        else:
            section, mark = default_section, mark_text(ref.element)
        markers.append(Marker(section, mark, parse_mark(mark), line, column))
    for ref, (line, column) in _nested_places(finder.nested, cited_at):
        found_note = finder.notes[id(ref.note)]
        mark = marks[id(ref.note)]
        markers.append(Marker(found_note.section, mark, parse_mark(mark), line, column))
    markers.sort(key=lambda marker: (marker.line, marker.column))

    has_body = bool(markers) or _has_body_text(finder.pages, finder.notes)
    references = tuple(
        _shifted(section, offsets.get(page.name, 0))
        for page in finder.pages
        for section in reference_sections(
            page_blocks(page, finder.by_name, finder.notes, marker_ids)
        )
    )
    if not sections and not markers and not references:
        raise InputError(f"{path}: no notes or note references found")
    firsts, repeats = split_repeats(markers)
    return Document(
        path=path,
        format=fmt,
        sections=tuple(
            Section(label, tuple(items), items[0].line) for label, items in sections.items()
        )
        + references,
        markers=firsts,
        repeat_markers=repeats,
        has_body=has_body,
        body_sections=tuple(sections) if markers else (),
        parts=parts,
    )


def _nested_places(
    nested: list[_Ref], cited_at: dict[int, tuple[int, int]]
) -> list[tuple[_Ref, tuple[int, int]]]:
    """Each reference written inside a note, placed where that note is cited: a source
    cited in an explanatory note is cited, in reading order, where the note is. A note
    in a note in a note is placed in as many rounds; one whose note is never cited has
    no place (that note is reported unreferenced)."""
    placed: list[tuple[_Ref, tuple[int, int]]] = []
    waiting = list(nested)
    while waiting:
        ready = [ref for ref in waiting if id(ref.within) in cited_at]
        if not ready:
            break
        for ref in ready:
            place = cited_at[id(ref.within)]
            placed.append((ref, place))
            cited_at.setdefault(id(ref.note), place)
        waiting = [ref for ref in waiting if id(ref.within) not in cited_at]
    return placed


def _drop_from_text(nested: list[_Ref]) -> None:
    """A reference inside a note is a marker, not part of the note's words."""
    for ref in nested:
        holder = ref.element.parent
        if (
            holder is not None
            and holder.name == "sup"
            and holder.get_text() == ref.element.get_text()
        ):
            holder.decompose()
        else:
            ref.element.decompose()


def _shifted(section: Section, offset: int) -> Section:
    """A page's reference list with its lines numbered as the document's."""
    if not offset:
        return section
    notes = tuple(replace(note, line=note.line + offset) for note in section.notes)
    return replace(section, notes=notes, line=section.line + offset)


def _inside_note(link: Tag, notes: dict[int, _Found]) -> bool:
    return any(id(parent) in notes for parent in link.parents)


def _assign_sections(found: list[_Found]) -> None:
    """One section, unless a mark recurs in another notes block (numbering restarts).

    The notes blocks of one page count as one when their marks do not collide (a
    chapter's footnote asides and its endnotes list). A mark repeated inside one
    block (a `*` on every page) does not split sections either: `_unique_marks`
    numbers the repeats instead.
    """
    by_page: dict[str, list[_Found]] = {}
    for item in found:
        by_page.setdefault(item.page.name, []).append(item)
    for items in by_page.values():
        if not _collides(items):
            for item in items:
                item.group = (item.page.name, 0)
    if not _collides(found):
        return
    taken: set[str] = set()
    labels: dict[tuple[str, int], str] = {}
    for item in found:
        if item.group not in labels:
            labels[item.group] = _unique(_label_for(item.element, item.page), taken)
        item.section = labels[item.group]


def _collides(items: list[_Found]) -> bool:
    """Whether some mark is used in two different groups of `items`."""
    groups_of: dict[str | None, set[tuple[str, int]]] = {}
    for item in items:
        groups_of.setdefault(item.mark, set()).add(item.group)
    return any(len(groups) > 1 for groups in groups_of.values())


def _unique_marks(found: list[_Found]) -> dict[int, str]:
    """Marks that repeat inside a section (a `*` per page) get a count: *, *2, *3."""
    seen: dict[tuple[str, str], int] = {}
    marks: dict[int, str] = {}
    for item in found:
        key = (item.section, str(item.mark))
        seen[key] = seen.get(key, 0) + 1
        count = seen[key]
        marks[id(item.element)] = str(item.mark) if count == 1 else f"{item.mark}{count}"
    return marks


def _has_body_text(pages: list[Page], notes: dict[int, _Found]) -> bool:
    for page in pages:
        body = page.soup.body or page.soup
        for string in body.find_all(string=True):
            if string.strip() and not any(id(parent) in notes for parent in string.parents):
                if string.parent is not None and string.parent.name in ("script", "style"):
                    continue
                return True
    return False


def read_text(text: str, path: str = "<html>", *, in_markdown: bool = False) -> Document:
    """Read an HTML page; `in_markdown`: it is raw HTML inside a Markdown file, so its
    text is Markdown already (`*…*` italics, `\\*` an asterisk) and is not escaped."""
    page = parse_page(Path(path).name, text)
    page.in_markdown = in_markdown
    return read_pages([page], path, "html")


HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
BODY = re.compile(r"<body\b", re.I)


def claims(source: Source) -> bool:
    """Text that opens as an HTML document or has a `<body>` near its start."""
    head = source.text[:4096]
    return bool(HTML_START.match(head) or BODY.search(head))


def read(source: Source) -> Document:
    """The notes of an HTML file; a page without notes is read as a links document."""
    try:
        return read_text(source.text, source.path)
    except InputError:
        return links_document(parse_page(Path(source.path).name, source.text), source.path)
