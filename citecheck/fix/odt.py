"""ODT and flat ODT: `xlink:href` targets and the URLs written in paragraph text. A dead
link's URL is replaced by its archived copy."""

from __future__ import annotations

from typing import Any

from citecheck.fix.modes import ArchivedMode
from citecheck.fix.plan import Fixes, Rewrite
from citecheck.fix.xmlparts import edited_flat_xml, edited_zip
from citecheck.fix.xmltext import Piece, Slot, fix_paragraphs
from citecheck.readers.source import Source
from citecheck.readers.zipparts import ZIP_MAGIC

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
HREF = "{http://www.w3.org/1999/xlink}href"
_PARAGRAPHS = {TEXT + "p", TEXT + "h"}
#: Elements that stand for white space.
_SPACES = {TEXT + "s", TEXT + "tab", TEXT + "line-break"}
#: Elements inside a paragraph whose content is not its text (a note's own paragraphs
#: are edited on their own).
_APART = {TEXT + "note", OFFICE + "annotation"}


def fixed_odt(source: Source, fixes: Fixes, mode: ArchivedMode) -> Rewrite:
    """The file with its links fixed; `mode` is not asked: an ODT link has one target."""

    def edit(root: Any) -> bool:
        return _retarget(root, fixes) | fix_paragraphs(_paragraphs(root), fixes)

    if source.data.startswith(ZIP_MAGIC):
        return edited_zip(source, "ODT", {"content.xml": edit})
    return edited_flat_xml(source, edit)


def _retarget(root: Any, fixes: Fixes) -> bool:
    changed = False
    for element in root.iter():
        target = element.get(HREF) if isinstance(element.tag, str) else None
        fix = fixes.get(target) if target else None
        if fix is not None:
            element.set(HREF, fix.target)
            changed = True
    return changed


def _paragraphs(root: Any) -> list[list[Piece]]:
    """The text of every paragraph and heading as pieces: its own text and that of its
    spans and links, in order."""
    groups: list[list[Piece]] = []

    def walk(element: Any, pieces: list[Piece] | None) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):  # a comment or processing instruction
                pass
            elif tag in _PARAGRAPHS:
                own: list[Piece] = [Slot(child, "text")]
                groups.append(own)
                walk(child, own)
                if pieces is not None:
                    pieces.append("\n")
            elif pieces is None:
                walk(child, None)
            elif tag in _SPACES:
                pieces.append(" ")
            elif tag in _APART:
                pieces.append(" ")
                walk(child, None)
            else:
                pieces.append(Slot(child, "text"))
                walk(child, pieces)
            if pieces is not None:
                pieces.append(Slot(child, "tail"))

    walk(root, None)
    return groups
