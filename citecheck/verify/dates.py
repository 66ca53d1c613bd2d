"""Dates that do not exist: 2023年2月30日, February 30, 2023, 31 июня 2024, 31 de abril de 2024.

A date is read when it has a day, a month and a year; anything less is not checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from citecheck.citations.dates import find_dates
from citecheck.model import Document, Note, Problem


def written_dates(text: str) -> Iterator[tuple[str, int, int, int]]:
    """(as written, year, month, day) for every full date in the text, in reading order,
    read by the parser's date grammar without its range check."""
    for found in find_dates(text, checked=False):
        parts = found.parts[0]
        if len(parts) == 3:
            yield text[found.start : found.end], *parts


def is_real_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def impossible_date_problems(document: Document) -> list[Problem]:
    return [problem for note in document.notes for problem in _note_dates(note)]


def _note_dates(note: Note) -> list[Problem]:
    return [
        Problem(
            "impossible-date",
            "warning",
            note.section,
            note.line,
            note.number,
            f"{note.section} note {note.mark}: the date {written.strip()} does not exist",
        )
        for written, year, month, day in written_dates(note.text)
        if not is_real_date(year, month, day)
    ]
