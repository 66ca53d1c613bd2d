"""What is a note and what is a note reference in (X)HTML, and a note's text.

The reader in `html` assembles these into a Document; this module only classifies
elements: typed notes and notes blocks (EPUB 3, DPUB-ARIA, Wikipedia, pandoc),
noteref links, anchors that stand for their paragraph, unlinked `<sup>` marks.

BeautifulSoup is imported where a page is parsed, not with this module: format
detection imports the HTML reader to ask whether it claims a file, and a plain-text
manuscript should not pay the 0.2 s bs4 takes to load.

A note's text keeps its italics (`<i>`, `<em>`, `<cite>`, `font-style: italic` in a
`style` attribute or a class's rule) as `*…*`, the mark the citation parser reads as
a title (see `markup.emphasized`).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from citecheck.model import Part
from citecheck.readers.cssitalics import font_style_italic, italic_classes
from citecheck.readers.markup import (
    BACKLINK_CHARS,
    UNIT_BEFORE,
    emphasized,
    is_bibliography_heading,
    is_notes_heading,
    parse_mark,
    shows_url,
    squash_spaces,
)

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, NavigableString, Tag

SECTION = "Notes"

NOTE_TYPES = {"footnote", "endnote", "rearnote", "note"}
NOTE_ROLES = {"doc-footnote", "doc-endnote"}
BLOCK_TYPES = {"footnotes", "endnotes", "rearnotes"}
BLOCK_ROLES = {"doc-endnotes", "doc-footnotes"}
BLOCK_CLASSES = {"footnotes", "endnotes", "references", "reflist", "notes"}
#: Ids that name a note (fn1, note-3, endnote_12, cite_note-x); "fnref1" and
#: LibreOffice's "sdfootnote1anc" name a marker.
NOTEREF_ID = re.compile(
    r"^(?!.*ref)(?!.*\danc$)"
    r"(?:cite_note.*|(?:fn|footnote|endnote|note|ftn|edn|sdfootnote|sdendnote)[-_:.]?\w+"
    r"|(?:en|n)[-_:.]?\d+[a-z]?)$",
    re.I,
)
MARK_TEXT = re.compile(r"^\[?\(?\s*(\d{1,4}|[a-z]|[*†‡§¶#※＊]{1,3})\s*\)?\]?$", re.I)
SYMBOL_MARK = re.compile(r"^[*†‡§¶#※＊]{1,3}$")
#: A mark printed at the start of a note; in note text an asterisk is escaped (`\*`).
LEADING_MARK = re.compile(r"^\s*\[?(\d{1,4}|(?:\\?[*†‡§¶※＊]){1,3})[\].):]?\s+")
BLOCK_TAGS = {"p", "div", "li", "br", "dd", "dt", "section", "aside", "blockquote", "tr"}
HEADING_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
ITALIC_TAGS = {"i", "em", "cite"}


@dataclass
class Page:
    """One (X)HTML document: a file, or a content document of an EPUB."""

    name: str
    soup: BeautifulSoup
    ids: dict[str, Tag] = field(default_factory=dict)
    #: Classes whose style rule sets a font style: True for italics.
    italic_classes: dict[str, bool] = field(default_factory=dict)
    #: Raw HTML inside Markdown: its text is Markdown, asterisks and all.
    in_markdown: bool = False
    #: How many lines the page's source has.
    lines: int = 0

    def stylesheet_links(self) -> list[str]:
        """The `href`s of the page's linked style sheets."""
        return [
            str(link["href"])
            for link in self.soup.find_all("link", href=True)
            if "stylesheet" in _tokens(link, "rel")
        ]

    def link_stylesheet(self, stylesheet: str) -> None:
        """Take in a linked style sheet; the page's own `<style>` rules still win."""
        self.italic_classes = {**italic_classes(stylesheet), **self.italic_classes}


def page_parts(pages: list[Page]) -> tuple[Part, ...]:
    """The pages as parts of one document, lines numbered on through them in reading
    order; no parts for a single page, whose lines are its own."""
    if len(pages) < 2:
        return ()
    parts, first = [], 1
    for page in pages:
        parts.append(Part(first, page.name, _page_title(page)))
        first += page.lines
    return tuple(parts)


def _page_title(page: Page) -> str:
    heading = page.soup.find(HEADING_TAGS)
    if heading is not None and heading.get_text(strip=True):
        return squash_spaces(heading.get_text())
    title = page.soup.title
    return squash_spaces(title.get_text()) if title is not None else ""


def parse_page(name: str, text: str) -> Page:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    styles = "\n".join(style.get_text() for style in soup.find_all("style"))
    page = Page(name, soup, italic_classes=italic_classes(styles), lines=text.count("\n") + 1)
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


def is_note(tag: Tag) -> bool:
    if tag.name in ("ol", "ul", "a"):
        return False
    if _epub_types(tag) & NOTE_TYPES or _tokens(tag, "role") & NOTE_ROLES:
        return True
    ident = tag.get("id")
    return tag.name == "li" and isinstance(ident, str) and ident.startswith("cite_note")


def is_block(tag: Tag) -> bool:
    return bool(
        _epub_types(tag) & BLOCK_TYPES
        or _tokens(tag, "role") & BLOCK_ROLES
        or (_tokens(tag, "class") & BLOCK_CLASSES and tag.name in ("ol", "ul", "div", "section"))
    )


def block_of(tag: Tag) -> Tag | None:
    return next((parent for parent in tag.parents if is_block(parent)), None)


def note_of(tag: Tag) -> Tag | None:
    """The note element a link target belongs to, or None when it is not a note."""
    note = _find_note(tag)
    if note is not None and note.name == "a" and note.get("href"):
        return None
    return note


def _find_note(tag: Tag) -> Tag | None:
    from bs4 import Tag

    for candidate in (tag, *tag.parents):
        if not isinstance(candidate, Tag) or candidate.name in ("body", "html", "[document]"):
            break
        if is_note(candidate):
            return candidate
    block = block_of(tag)
    if block is not None:
        item = tag if tag.name == "li" else tag.find_parent("li")
        if item is not None and block in item.parents:
            return item
        return enclosing_block(tag, block)
    ident = tag.get("id") or tag.get("name")
    if isinstance(ident, str) and NOTEREF_ID.match(ident):
        return enclosing_block(tag, None)
    return None


def enclosing_block(tag: Tag, limit: Tag | None) -> Tag:
    """An anchor that is empty, only a mark, or a back-link stands for the paragraph or
    item around it: `<p><a id="fn1" href="#ref1">1</a>. Text</p>` is the note."""
    text = tag.get_text(strip=True)
    is_anchor = tag.name in ("a", "span", "sup") and (
        not text or MARK_TEXT.match(text) or tag.get("href")
    )
    if not is_anchor:
        return tag
    for parent in tag.parents:
        if parent is limit or parent.name in ("body", "[document]"):
            break
        if parent.name in ("p", "li", "div", "aside", "dd", "section"):
            return parent
    return tag


def link_target(link: Tag, page: Page, pages: dict[str, Page]) -> tuple[Page, Tag | None, str]:
    """Where a link points inside the document: (page, element or None, fragment)."""
    parts = urlsplit(str(link.get("href", "")))
    if parts.scheme or parts.netloc or not parts.fragment:
        return page, None, ""
    target_page = page
    if parts.path:
        name = posixpath.normpath(posixpath.join(posixpath.dirname(page.name), unquote(parts.path)))
        if name not in pages:
            return page, None, ""
        target_page = pages[name]
    fragment = unquote(parts.fragment)
    return target_page, target_page.ids.get(fragment), fragment


def is_noteref(link: Tag, target: Tag | None, fragment: str) -> bool:
    if is_typed_noteref(link, fragment):
        return True
    if target is None or not MARK_TEXT.match(link.get_text(strip=True)):
        return False
    return note_of(target) is not None


def is_typed_noteref(link: Tag, fragment: str) -> bool:
    """A link that says it is a note reference: by type, role, id, superscript or symbol."""
    if _epub_types(link) & {"noteref"} or _tokens(link, "role") & {"doc-noteref"}:
        return True
    if fragment.startswith("cite_note"):
        return True
    text = link.get_text(strip=True)
    in_sup = (link.parent is not None and link.parent.name == "sup") or link.find("sup")
    return bool(MARK_TEXT.match(text)) and bool(in_sup or SYMBOL_MARK.match(text))


def mark_text(link: Tag) -> str:
    match = MARK_TEXT.match(link.get_text(strip=True))
    return match.group(1) if match else link.get_text(strip=True)


def list_number(item: Tag) -> int | None:
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


def _is_backlink(link: Tag, page: Page, pages: dict[str, Page], marker_ids: set[int]) -> bool:
    """A link from a note back to its marker: typed so, an arrow, or aimed at a marker."""
    if _epub_types(link) & {"backlink"} or _tokens(link, "role") & {"doc-backlink"}:
        return True
    if not link.get_text(strip=True).strip(BACKLINK_CHARS + " "):
        return True
    _, target, _ = link_target(link, page, pages)
    return target is not None and id(target) in marker_ids


def note_text(element: Tag, page: Page, pages: dict[str, Page], marker_ids: set[int]) -> str:
    """The note's text with URLs spelled out and italics marked; back-links and other
    markup dropped."""
    from bs4 import NavigableString

    for backlink in element.find_all(class_="mw-cite-backlink"):
        backlink.decompose()
    spelled: set[int] = set()  # link targets written out: never italic, as in DOCX and ODT
    for link in element.find_all("a"):
        if _is_backlink(link, page, pages, marker_ids):
            link.decompose()
            continue
        href = str(link.get("href", ""))
        label = link.get_text()
        if urlsplit(href).scheme in ("http", "https", "ftp") and not shows_url(label, href):
            target = NavigableString(f" {href}")
            link.append(target)
            spelled.add(id(target))
    for block in element.find_all(BLOCK_TAGS):
        block.append(NavigableString("\n"))
    pieces = [
        (str(string), id(string) not in spelled and _is_italic(string, element, page))
        for string in element.strings
    ]
    text = squash_spaces(emphasized(pieces, escape=not page.in_markdown))
    # What is left of "1. Text" once the back-link "1" is gone.
    return text.lstrip(BACKLINK_CHARS + " .．:：)）]").strip()


def _is_italic(string: NavigableString, note: Tag, page: Page) -> bool:
    """Whether the nearest element around `string` (inside `note`) that sets the font
    style sets italics."""
    for parent in string.parents:
        setting = _font_style(parent, page)
        if setting is not None:
            return setting
        if parent is note:
            break
    return False


def _font_style(tag: Tag, page: Page) -> bool | None:
    """True for italics, False for upright, None when `tag` does not say: by its
    `style` attribute, else its classes' rules, else what the element means."""
    inline = font_style_italic(str(tag.get("style", "")))
    if inline is not None:
        return inline
    by_class = [page.italic_classes[c] for c in tag.get("class") or () if c in page.italic_classes]
    if by_class:
        return by_class[-1]
    if tag.name == "cite" and (_tokens(tag, "class") & {"citation"} or tag.find(ITALIC_TAGS)):
        # A `<cite>` around a whole reference (Wikipedia's `cite.citation`, shown
        # upright by its style sheet) is not a title; the title in it has its own mark.
        return None
    return True if tag.name in ITALIC_TAGS else None


def source_position(tag: Tag) -> tuple[int, int]:
    return tag.sourceline or 0, (tag.sourcepos or 0) + 1


def unlinked_notes(page: Page) -> tuple[list[Tag], list[tuple[Tag, Tag | None]]]:
    """Hand-made notes without links: `<sup>3</sup>` in the text, an `<ol>` of notes.

    The notes lists are the ordered lists under a notes heading, else the page's last
    ordered list when superscript marks come before it. A mark refers to the item with
    its number in the first list after it. `km<sup>2</sup>` is not a mark. Returns the
    list items (the notes) and (mark, its item or None) pairs.
    """
    lists = [ol for ol in page.soup.find_all("ol") if _under_notes_heading(ol)]
    fallback = not lists
    if fallback:
        lists = page.soup.find_all("ol")[-1:]
    in_lists = {id(tag) for ol in lists for tag in ol.find_all(True)}
    sups = [
        sup
        for sup in page.soup.find_all("sup")
        if MARK_TEXT.match(sup.get_text(strip=True))
        and id(sup) not in in_lists
        and not sup.find("a")
        and not _after_unit(sup)
    ]
    if not lists or (fallback and not sups):
        return [], []
    lists = _without_uncited_bibliographies(lists, sups)
    items = [li for ol in lists for li in ol.find_all("li", recursive=False)]
    refs = []
    for sup in sups:
        following = next(
            (ol for ol in lists if source_position(sup) < source_position(ol)), lists[-1]
        )
        number = parse_mark(mark_text(sup))
        in_list = following.find_all("li", recursive=False)
        refs.append((sup, next((li for li in in_list if list_number(li) == number), None)))
    return items, refs


def _without_uncited_bibliographies(lists: list[Tag], sups: list[Tag]) -> list[Tag]:
    """Drop a numbered "References" list after the notes that no mark precedes: it is
    the bibliography, not a second block of notes."""
    kept: list[Tag] = []
    for ol in lists:
        heading = ol.find_previous(HEADING_TAGS)
        after = source_position(kept[-1]) if kept else (0, 0)
        cited = any(after < source_position(sup) < source_position(ol) for sup in sups)
        if kept and not cited and heading and is_bibliography_heading(heading.get_text()):
            continue
        kept.append(ol)
    return kept


def _under_notes_heading(ol: Tag) -> bool:
    heading = ol.find_previous(HEADING_TAGS)
    return heading is not None and is_notes_heading(heading.get_text())


def _after_unit(sup: Tag) -> bool:
    """`km<sup>2</sup>`, `m<sup>3</sup>`: a unit's power, not a note."""
    from bs4 import NavigableString

    before = sup.previous_sibling
    return (
        sup.get_text(strip=True) in ("2", "3")
        and isinstance(before, NavigableString)
        and UNIT_BEFORE.search(str(before)) is not None
    )
