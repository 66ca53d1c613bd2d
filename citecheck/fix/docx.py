"""DOCX: hyperlink targets (the relationships of each part) and the URLs written in the
text of paragraphs and field codes. A dead link's URL is replaced by its archived copy."""

from __future__ import annotations

from typing import Any

from citecheck.fix.modes import ArchivedMode
from citecheck.fix.plan import Fixes, Rewrite
from citecheck.fix.xmlparts import edited_zip
from citecheck.fix.xmltext import Piece, Slot, fix_paragraphs
from citecheck.readers.source import Source
from citecheck.readers.zipparts import ZipParts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
#: Run content that is no text but stands between texts.
_SEPARATING = {
    W + name
    for name in (
        "tab",
        "br",
        "cr",
        "sym",
        "footnoteReference",
        "endnoteReference",
        "noBreakHyphen",
        "softHyphen",
    )
}
#: Text that is not shown: field instructions (edited apart) and deleted text.
_HIDDEN = {W + "instrText", W + "delText"}


def fixed_docx(source: Source, fixes: Fixes, mode: ArchivedMode) -> Rewrite:
    """The file with its links fixed; `mode` is not asked: a DOCX link has one target."""
    names = ZipParts(source.path, "DOCX", source.data).names
    edits = {}
    for name in sorted(names):
        if name.startswith("word/_rels/") and name.endswith(".rels"):
            edits[name] = lambda root: _retarget(root, fixes)
        elif name.startswith("word/") and name.count("/") == 1 and name.endswith(".xml"):
            edits[name] = lambda root: fix_paragraphs(_text_groups(root), fixes)
    return edited_zip(source, "DOCX", edits)


def _retarget(root: Any, fixes: Fixes) -> bool:
    changed = False
    for relationship in root.iter(RELATIONSHIP):
        fix = fixes.get(relationship.get("Target") or "")
        if fix is not None and relationship.get("TargetMode") == "External":
            relationship.set("Target", fix.target)
            changed = True
    return changed


def _text_groups(root: Any) -> list[list[Piece]]:
    """Each paragraph's visible text, each field instruction (`w:instrText`, the
    `w:instr` of `w:fldSimple`) on its own."""
    groups: list[list[Piece]] = []

    def walk(element: Any, pieces: list[Piece] | None) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == W + "instrText":
                groups.append([Slot(child, "text")])
            elif tag == W + "fldSimple":
                groups.append([Slot(child, "attribute", W + "instr")])
            if tag == W + "p":
                own: list[Piece] = []
                groups.append(own)
                walk(child, own)
                if pieces is not None:
                    pieces.append("\n")
            elif pieces is None:
                walk(child, None)
            elif tag == W + "t":
                pieces.append(Slot(child, "text"))
            elif tag in _SEPARATING:
                pieces.append(" ")
            elif tag not in _HIDDEN:
                walk(child, pieces)

    walk(root, None)
    return groups
