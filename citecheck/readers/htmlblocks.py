"""(X)HTML pages as the format-neutral blocks that `citecheck.readers.reflist` reads.

Headings `<h1>`-`<h6>` keep their level; a list item, a paragraph, a definition and
an innermost `<div>` (pandoc writes each reference as `<div class="csl-entry">`) are
one block each. Elements inside notes are left out: they were read as notes.
"""

from __future__ import annotations

from collections.abc import Container

from citecheck.readers.htmlnotes import HEADING_TAGS, Page, note_text, source_position
from citecheck.readers.markup import squash_spaces
from citecheck.readers.reflist import Block, first_heading

ENTRY_TAGS = ["p", "li", "dd", "dt", "div"]
#: A `<div>` holding one of these is a container, not an entry.
CONTAINER_TAGS = ["p", "li", "div", "ul", "ol", "dl", "table", "section"]


def page_blocks(
    page: Page, pages: dict[str, Page], notes: Container[int], marker_ids: set[int]
) -> list[Block]:
    """The blocks of `page` from the first one that may head a reference list (none
    when nothing does). `notes` holds the ids of the note elements."""
    elements = [
        element
        for element in (page.soup.body or page.soup).find_all([*HEADING_TAGS, *ENTRY_TAGS])
        if not (element.name == "div" and element.find(CONTAINER_TAGS))
        and not any(id(parent) in notes for parent in (element, *element.parents))
    ]
    first = first_heading([element.get_text() for element in elements])
    if first is None:
        return []
    blocks: list[Block] = []
    taken: set[int] = set()
    for element in elements[first:]:
        if any(id(parent) in taken for parent in element.parents):
            continue
        taken.add(id(element))
        line, _ = source_position(element)
        if element.name in HEADING_TAGS:
            text = squash_spaces(element.get_text())
            blocks.append(Block(text, line, int(element.name[1])))
            continue
        text = note_text(element, page, pages, marker_ids)
        item = element.name == "li"
        blocks.append(Block(text, line, list_item=item, paragraph=not item))
    return blocks
