"""A plain HTML page without notes: its links, one note each, like a list of links.

Docs sites and READMEs rendered to HTML cite through ordinary links. Each `<a href>`
to an http(s) address, and each address written out in the text, becomes a note of
the "Links" section (numbered in order, at its line in the source), so `check` audits
the page as it audits a Markdown file without footnotes. Links inside `<code>`,
`<pre>`, `<script>` and `<style>` are code, not citations.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from citecheck.errors import InputError
from citecheck.links.local import local_links
from citecheck.model import Document, Note, Section
from citecheck.readers.htmlnotes import Page, page_parts
from citecheck.readers.markup import shows_url, squash_spaces
from citecheck.readers.urllist import SECTION, has_link

if TYPE_CHECKING:
    from bs4 import NavigableString, Tag

CODE_TAGS = ("code", "pre", "script", "style", "kbd", "samp")


def _in_code(element: Tag | NavigableString) -> bool:
    return any(parent.name in CODE_TAGS for parent in element.parents)


def _cited(page: Page) -> list[tuple[int, str]]:
    """(line, note text) for every link of the page outside code, in source order."""
    from bs4 import NavigableString  # imported once a page is parsed, not to claim a file

    found: list[tuple[int, int, str]] = []
    for link in page.soup.find_all("a", href=True):
        href = str(link["href"]).strip()
        if urlsplit(href).scheme not in ("http", "https") or _in_code(link):
            continue
        label = squash_spaces(link.get_text())
        text = label if shows_url(label, href) else f"{label} {href}".strip()
        found.append((link.sourceline or 0, link.sourcepos or 0, text))
    for string in page.soup.find_all(string=True):
        parent = string.parent
        if type(string) is not NavigableString or parent is None or parent.name == "a":
            continue  # a comment or doctype, or an anchor's label (taken above)
        if _in_code(string) or not has_link(string):
            continue
        found.append((parent.sourceline or 0, parent.sourcepos or 0, squash_spaces(string)))
    found.sort(key=lambda item: (item[0], item[1]))
    return [(line, text) for line, _, text in found]


def links_document(page: Page, path: str, fmt: str = "html") -> Document:
    """The page as a links document; an input error when it links nowhere."""
    return pages_links_document([page], path, fmt)


def pages_links_document(pages: list[Page], path: str, fmt: str) -> Document:
    """Pages (an EPUB's content documents, in reading order) as one links document, lines
    numbered on through them as for notes; an input error when they link nowhere."""
    parts = page_parts(pages)
    offsets = {part.name: part.first_line - 1 for part in parts}
    cited = [
        (line + offsets.get(page.name, 0), text) for page in pages for line, text in _cited(page)
    ]
    notes = tuple(
        Note(SECTION, str(number), number, text, line)
        for number, (line, text) in enumerate(cited, start=1)
    )
    if not notes and not any(local_links(str(page.soup), "html") for page in pages):
        raise InputError(f"{path}: no notes, note references or links found")
    if not notes:  # only links into its own tree
        return Document(path=path, format=fmt, sections=(), parts=parts)
    section = Section(SECTION, notes, notes[0].line)
    return Document(path=path, format=fmt, sections=(section,), parts=parts)
