"""A document seen chapter by chapter: the markers and notes that share one numbering."""

from __future__ import annotations

from dataclasses import dataclass, replace

from citecheck.model import Document, Marker, Note, section_key


@dataclass(frozen=True)
class SectionView:
    """One numbering scope. `label` is the notes' label when the notes have one."""

    key: str
    label: str
    markers: tuple[Marker, ...]
    notes: tuple[Note, ...]


def section_views(document: Document) -> tuple[SectionView, ...]:
    """Body chapters in reading order, then any section only the notes or markers name.

    Body and notes labels are matched with `section_key`, so "第 1 章" in the text and
    "【第1章】" over the notes are one section.
    """
    labels: dict[str, str] = {}
    for label in document.body_sections:
        labels.setdefault(section_key(label), label)
    for marker in document.markers:
        labels.setdefault(section_key(marker.section), marker.section)
    for section in document.sections:
        labels[section_key(section.label)] = section.label
    markers: dict[str, list[Marker]] = {key: [] for key in labels}
    notes: dict[str, list[Note]] = {key: [] for key in labels}
    for marker in document.markers:
        markers[section_key(marker.section)].append(marker)
    for note in document.notes:
        notes[section_key(note.section)].append(note)
    return tuple(
        SectionView(key, label, tuple(markers[key]), tuple(notes[key]))
        for key, label in labels.items()
    )


def notes_only(document: Document) -> Document:
    """`document` without its reference lists: their entries have no in-text markers
    by design, so marker matching and note-by-note checks skip them."""
    sections = tuple(section for section in document.sections if section.kind != "references")
    if len(sections) == len(document.sections):
        return document
    return replace(document, sections=sections)
