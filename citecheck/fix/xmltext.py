"""Text spread over XML nodes (the runs of a DOCX paragraph, the spans of an ODT one)
edited as one string, so a URL split across runs by a word processor is still found.

A paragraph is a list of pieces: `Slot`s, the editable text of a node, and plain
strings standing for what is not text but separates it (a tab, a note mark). An edit
changes the slots it covers: the first gets the replacement, the others lose their
part of the old URL, so the formatting of the first run carries the new URL.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from citecheck.fix.edits import Edit, url_edits
from citecheck.fix.plan import Fixes

Place = Literal["text", "tail", "attribute"]


@dataclass(frozen=True)
class Slot:
    """`element.text`, `element.tail`, or the attribute `name` of `element`."""

    element: Any
    place: Place
    name: str = ""

    def get(self) -> str:
        if self.place == "attribute":
            return self.element.get(self.name) or ""
        return getattr(self.element, self.place) or ""

    def set(self, value: str) -> None:
        if self.place == "attribute":
            self.element.set(self.name, value)
        else:
            setattr(self.element, self.place, value)


Piece = Slot | str


def joined(pieces: Sequence[Piece]) -> str:
    return "".join(piece if isinstance(piece, str) else piece.get() for piece in pieces)


def apply_to_pieces(pieces: Sequence[Piece], edits: Sequence[Edit]) -> int:
    """Make `edits` (replacements of spans of `joined(pieces)`) in the slots; returns how
    many were made. An edit that would change a separator (no URL holds one) is skipped."""
    spans, at = [], 0
    for piece in pieces:
        length = len(piece if isinstance(piece, str) else piece.get())
        spans.append((at, at + length, piece))
        at += length
    made = 0
    # Back to front, so the offsets of the edits still to make stay true.
    for edit in sorted(edits, key=lambda edit: edit.start, reverse=True):
        covered = [item for item in spans if item[0] < edit.end and item[1] > edit.start]
        if not covered or any(isinstance(piece, str) for _, _, piece in covered):
            continue
        for number, (start, _, slot) in enumerate(covered):
            old = slot.get()  # type: ignore[union-attr]
            head = old[: max(edit.start - start, 0)]
            tail = old[max(edit.end - start, 0) :] if edit.end - start <= len(old) else ""
            middle = edit.text if number == 0 else ""
            slot.set(head + middle + tail)  # type: ignore[union-attr]
        made += 1
    return made


def fix_paragraphs(paragraphs: Iterable[Sequence[Piece]], fixes: Fixes) -> bool:
    """Every fixed URL in the text of `paragraphs` replaced; True if one was."""
    made = 0
    for pieces in paragraphs:
        edits = url_edits(joined(pieces), fixes, "replace")
        if edits:
            made += apply_to_pieces(pieces, edits)
    return made > 0
