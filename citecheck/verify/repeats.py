"""Two consecutive notes with the same text: the second should say 同上 (ibid.)."""

from __future__ import annotations

from citecheck.model import Document, Problem
from citecheck.verify.sections import notes_only, section_views
from citecheck.verify.text import fold_spacing, is_backref


def repeated_note_problems(document: Document) -> list[Problem]:
    found = []
    for view in section_views(notes_only(document)):
        for previous, note in zip(view.notes, view.notes[1:], strict=False):
            if note.mark == previous.mark or is_backref(note.text):
                continue  # a duplicated number is reported as such; 同上 after 同上 is fine
            if fold_spacing(note.text) != fold_spacing(previous.text):
                continue
            found.append(
                Problem(
                    "repeated-note",
                    "warning",
                    view.label,
                    note.line,
                    note.number,
                    f"{view.label}: notes {previous.mark} and {note.mark} have the same text;"
                    f" note {note.mark} could read 同上 (ibid.)",
                    (previous.line,),
                )
            )
    return found
