"""HTML and EPUB XHTML: notes found by what links to them, markers by what links.

Recognised, in any mix:

- EPUB 3 `epub:type="noteref"` links to `footnote` / `endnote` / `rearnote` elements
  (asides or list items, alone or in a `footnotes` / `endnotes` / `rearnotes` block);
- DPUB-ARIA `role="doc-noteref"` links to `doc-footnote` / `doc-endnote` elements or
  to the items of a `doc-endnotes` block;
- Wikipedia `cite_ref` markers linking to `cite_note-…` list items;
- plain `<sup><a href="#fn1">1</a></sup>` or `<a href="#note3">[3]</a>` links to an
  element that is a note (by its role, by the block it is in, or by an id such as
  fn1, note-3, endnote_12).

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

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from citecheck.errors import InputError
from citecheck.model import Document, Marker, Note, Section
from citecheck.readers.markup import BACKLINK_CHARS, parse_mark, squash_spaces
from citecheck.readers.source import load_text

SECTION = "Notes"

NOTE_TYPES = {"footnote", "endnote", "rearnote", "note"}
NOTE_ROLES = {"doc-footnote", "doc-endnote"}
BLOCK_TYPES = {"footnotes", "endnotes", "rearnotes"}
BLOCK_ROLES = {"doc-endnotes", "doc-footnotes"}
BLOCK_CLASSES = {"footnotes", "endnotes", "references", "reflist", "notes"}
#: Ids that name a note (fn1, note-3, endnote_12, cite_note-x); "fnref1" names a marker.
NOTEREF_ID = re.compile(
    r"^(?!.*ref)(?:cite_note|fn|footnote|endnote|note|en|n|ftn|edn|sdfootnote|sdendnote)[-_:.]?\w*$",
    re.I,
)
MARK_TEXT = re.compile(r"^\[?\(?\s*(\d{1,4}|[a-z]|[*†‡§¶#]{1,3})\s*\)?\]?$", re.I)
SYMBOL_MARK = re.compile(r"^[*†‡§¶#]{1,3}$")
LEADING_MARK = re.compile(r"^\s*\[?(\d{1,4}|[*†‡§¶]{1,3})[\].):]?\s+")
BLOCK_TAGS = {"p", "div", "li", "br", "dd", "dt", "section", "aside", "blockquote", "tr"}
HEADING_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6"]


@dataclass
class Page:
    """One (X)HTML document: a file, or a content document of an EPUB."""

    name: str
    soup: BeautifulSoup
    ids: dict[str, Tag] = field(default_factory=dict)


@dataclass
class _Found:
    element: Tag
    page: Page
    group: tuple[str, int]
    order: int
    mark: str | None = None
    section: str = SECTION


def parse_page(name: str, text: str) -> Page:
    soup = BeautifulSoup(text, "html.parser")
    page = Page(name, soup)
    for tag in soup.find_all(True):
        for key in ("id", "name"):
            value = tag.get(key)
            if (
                isinstance(value, str)
                and value not in page.ids
                and (key == "id" or tag.name == "a")
            ):
                page.ids[value] = tag
    return page


def _tokens(tag: Tag, attribute: str) -> set[str]:
    value = tag.get(attribute)
    if value is None:
        return set()
    if isinstance(value, list):
        return {v.lower() for v in value}
    return set(value.lower().split())


def _epub_types(tag: Tag) -> set[str]:
    return _tokens(tag, "epub:type")


def _is_note(tag: Tag) -> bool:
    if tag.name in ("ol", "ul", "a"):
        return False
    if _epub_types(tag) & NOTE_TYPES or _tokens(tag, "role") & NOTE_ROLES:
        return True
    ident = tag.get("id")
    return tag.name == "li" and isinstance(ident, str) and ident.startswith("cite_note")


def _is_block(tag: Tag) -> bool:
    return bool(
        _epub_types(tag) & BLOCK_TYPES
        or _tokens(tag, "role") & BLOCK_ROLES
        or (_tokens(tag, "class") & BLOCK_CLASSES and tag.name in ("ol", "ul", "div", "section"))
    )


def _block_of(tag: Tag) -> Tag | None:
    return next((parent for parent in tag.parents if _is_block(parent)), None)


def _note_of(tag: Tag) -> Tag | None:
    """The note element a link target belongs to, or None when it is not a note."""
    note = _find_note(tag)
    if note is not None and note.name == "a" and note.get("href"):
        return None
    return note


def _find_note(tag: Tag) -> Tag | None:
    for candidate in (tag, *tag.parents):
        if not isinstance(candidate, Tag) or candidate.name in ("body", "html", "[document]"):
            break
        if _is_note(candidate):
            return candidate
    block = _block_of(tag)
    if block is not None:
        item = tag if tag.name == "li" else tag.find_parent("li")
        if item is not None and block in item.parents:
            return item
        return _enclosing_block(tag, block)
    ident = tag.get("id") or tag.get("name")
    if isinstance(ident, str) and NOTEREF_ID.match(ident):
        return _enclosing_block(tag, None)
    return None


def _enclosing_block(tag: Tag, limit: Tag | None) -> Tag:
    """An empty anchor stands for the paragraph or item around it."""
    if tag.name not in ("a", "span") or tag.get_text(strip=True):
        return tag
    for parent in tag.parents:
        if parent is limit or parent.name in ("body", "[document]"):
            break
        if parent.name in ("p", "li", "div", "aside", "dd", "section"):
            return parent
    return tag


def _target(link: Tag, page: Page, pages: dict[str, Page]) -> tuple[Page, Tag | None, str]:
    href = str(link.get("href", ""))
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.fragment:
        return page, None, ""
    target_page = page
    if parts.path:
        name = posixpath.normpath(posixpath.join(posixpath.dirname(page.name), unquote(parts.path)))
        target_page = pages.get(name, page) if name in pages else page
        if name not in pages:
            return page, None, ""
    fragment = unquote(parts.fragment)
    return target_page, target_page.ids.get(fragment), fragment


def _is_noteref(link: Tag, target: Tag | None, fragment: str) -> bool:
    if _is_typed_noteref(link, fragment):
        return True
    if target is None or not MARK_TEXT.match(link.get_text(strip=True)):
        return False
    return _note_of(target) is not None


def _is_typed_noteref(link: Tag, fragment: str) -> bool:
    """A link that says it is a note reference: by type, role, id, superscript or symbol."""
    if _epub_types(link) & {"noteref"} or _tokens(link, "role") & {"doc-noteref"}:
        return True
    if fragment.startswith("cite_note"):
        return True
    text = link.get_text(strip=True)
    in_sup = (link.parent is not None and link.parent.name == "sup") or link.find("sup")
    return bool(MARK_TEXT.match(text)) and bool(in_sup or SYMBOL_MARK.match(text))


def _mark_text(link: Tag) -> str:
    match = MARK_TEXT.match(link.get_text(strip=True))
    return match.group(1) if match else link.get_text(strip=True)


def _list_number(item: Tag) -> int | None:
    """The number an ordered-list item shows, honouring `start` and `value`."""
    parent = item.parent
    if item.name != "li" or parent is None or parent.name != "ol":
        return None
    number = _int_attr(parent, "start", 1) - 1
    for sibling in parent.find_all("li", recursive=False):
        number = _int_attr(sibling, "value", number + 1)
        if sibling is item:
            return number
    return None


def _int_attr(tag: Tag, name: str, default: int) -> int:
    value = tag.get(name)
    return int(value) if isinstance(value, str) and value.strip().isdigit() else default


def _is_backlink(link: Tag, page: Page, marker_ids: set[int]) -> bool:
    """A link from a note back to its marker: typed so, an arrow, or aimed at a marker."""
    if _epub_types(link) & {"backlink"} or _tokens(link, "role") & {"doc-backlink"}:
        return True
    if not link.get_text(strip=True).strip(BACKLINK_CHARS + " "):
        return True
    href = str(link.get("href", ""))
    target = page.ids.get(unquote(href[1:])) if href.startswith("#") else None
    return target is not None and id(target) in marker_ids


def note_text(element: Tag, page: Page, marker_ids: set[int]) -> str:
    """The note's text with URLs spelled out; back-links and markup dropped."""
    for backlink in element.find_all(class_="mw-cite-backlink"):
        backlink.decompose()
    for link in element.find_all("a"):
        if _is_backlink(link, page, marker_ids):
            link.decompose()
            continue
        href = str(link.get("href", ""))
        label = link.get_text()
        if urlsplit(href).scheme in ("http", "https", "ftp") and href not in label:
            link.append(NavigableString(f" {href}"))
    for block in element.find_all(BLOCK_TAGS):
        block.append(NavigableString("\n"))
    text = squash_spaces(element.get_text())
    return text.lstrip(BACKLINK_CHARS + " ").strip()


def _heading_before(element: Tag) -> str | None:
    heading = element.find_previous(HEADING_TAGS)
    return squash_spaces(heading.get_text()) if heading is not None else None


def _unique(label: str, taken: set[str]) -> str:
    candidate, count = label, 1
    while candidate in taken:
        count += 1
        candidate = f"{label} ({count})"
    taken.add(candidate)
    return candidate


def _position(tag: Tag) -> tuple[int, int]:
    return tag.sourceline or 0, (tag.sourcepos or 0) + 1


def read_pages(pages: Iterable[Page], path: str, fmt: str) -> Document:
    ordered = list(pages)
    by_name = {page.name: page for page in ordered}
    notes: dict[int, _Found] = {}
    refs: list[tuple[Tag, Page, Tag | None]] = []
    order = 0

    def remember(element: Tag, page: Page) -> _Found:
        nonlocal order
        if id(element) not in notes:
            block = _block_of(element)
            group = (page.name, id(block) if block is not None else 0)
            notes[id(element)] = _Found(element, page, group, order)
            order += 1
        return notes[id(element)]

    for page in ordered:
        for tag in page.soup.find_all(_is_note):
            remember(tag, page)
        for block in page.soup.find_all(_is_block):
            for item in block.find_all("li"):
                if item.find_parent(_is_block) is block and item.find_parent("li") is None:
                    remember(item, page)
        for link in page.soup.find_all("a", href=True):
            if _note_of(link) is not None:
                continue  # a back-link or a cross-reference inside a note
            target_page, target, fragment = _target(link, page, by_name)
            if not _is_noteref(link, target, fragment):
                continue
            note = None
            if target is not None:
                note = _note_of(target)
                if note is None and _is_typed_noteref(link, fragment):
                    note = _enclosing_block(target, None)
            if note is not None:
                remember(note, target_page)
            refs.append((link, page, note))

    refs = [(link, page, note) for link, page, note in refs if not _inside_note(link, notes)]
    for link, _, note in refs:
        if note is not None and notes[id(note)].mark is None:
            notes[id(note)].mark = _mark_text(link)

    found = sorted(notes.values(), key=lambda f: f.order)
    for item in found:
        if item.mark is None:
            number = _list_number(item.element)
            leading = LEADING_MARK.match(item.element.get_text())
            ident = item.element.get("id")
            item.mark = (
                str(number)
                if number is not None
                else leading.group(1)
                if leading
                else str(ident)
                if ident
                else str(item.order + 1)
            )
    _assign_sections(found)
    marks = _unique_marks(found)

    marker_ids = {id(link) for link, _, _ in refs}
    marker_ids |= {id(link.parent) for link, _, _ in refs if link.parent is not None}
    sections: dict[str, list[Note]] = {}
    for item in found:
        line, _ = _position(item.element)
        text = note_text(item.element, item.page, marker_ids)
        mark = marks[id(item.element)]
        leading = LEADING_MARK.match(text)
        if leading and leading.group(1) == item.mark:
            text = text[leading.end() :]
        note = Note(item.section, mark, parse_mark(mark), text, line)
        sections.setdefault(item.section, []).append(note)

    default_section = found[0].section if found else SECTION
    markers = []
    for link, _, note in refs:
        line, column = _position(link)
        if note is not None:
            item = notes[id(note)]
            section, mark = item.section, marks[id(note)]
        else:
            section, mark = default_section, _mark_text(link)
        markers.append(Marker(section, mark, parse_mark(mark), line, column))

    if not sections and not markers:
        raise InputError(f"{path}: no notes or note references found")
    return Document(
        path=path,
        format=fmt,
        sections=tuple(
            Section(label, tuple(items), items[0].line) for label, items in sections.items()
        ),
        markers=tuple(markers),
        has_body=bool(markers) or _has_body_text(ordered, notes),
        body_sections=tuple(sections) if markers else (),
    )


def _inside_note(link: Tag, notes: dict[int, _Found]) -> bool:
    return any(id(parent) in notes for parent in link.parents)


def _assign_sections(found: list[_Found]) -> None:
    """One section, unless a mark recurs in another notes block (numbering restarts).

    A mark repeated inside one block (a `*` on every page) does not split sections;
    `_unique_marks` numbers the repeats instead.
    """
    groups_of: dict[str | None, set[tuple[str, int]]] = {}
    for item in found:
        groups_of.setdefault(item.mark, set()).add(item.group)
    if all(len(groups) == 1 for groups in groups_of.values()):
        return
    taken: set[str] = set()
    labels: dict[tuple[str, int], str] = {}
    for item in found:
        if item.group not in labels:
            heading = _heading_before(item.element)
            title = item.page.soup.title
            fallback = title.get_text(strip=True) if title is not None else item.page.name
            labels[item.group] = _unique(heading or fallback or SECTION, taken)
        item.section = labels[item.group]


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


def read_text(text: str, path: str = "<html>") -> Document:
    return read_pages([parse_page("", text)], path, "html")


def read(path: str) -> Document:
    return read_text(load_text(path), path)
