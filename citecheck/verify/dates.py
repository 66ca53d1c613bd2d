"""Dates that do not exist: 2023年2月30日, February 30, 2023, 31 июня 2024, 31 de abril de 2024.

A date is read when it has a day, a month and a year; anything less is not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from citecheck.citations.dates import MONTHS_EN as ENGLISH_MONTHS
from citecheck.citations.dates import MONTHS_ES as SPANISH_MONTHS
from citecheck.model import Document, Note, Problem

#: Month stems in Russian and Ukrainian, read in any grammatical case (мая, вересня).
CYRILLIC_MONTHS = {
    stem: number
    for number, stems in enumerate(
        [
            ("январ", "січ"),
            ("феврал", "лют"),
            ("март", "берез"),
            ("апрел", "квіт"),
            ("ма", "трав"),
            ("июн", "черв"),
            ("июл", "лип"),
            ("август", "серп"),
            ("сентябр", "верес"),
            ("октябр", "жовт"),
            ("ноябр", "листопад"),
            ("декабр", "груд"),
        ],
        start=1,
    )
    for stem in stems
}
_ENGLISH = "|".join(sorted(ENGLISH_MONTHS, key=len, reverse=True))

CJK_DATE = re.compile(r"(?<!\d)(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
NUMERIC_DATE = re.compile(r"(?<![\d./-])(\d{4})([./-])(\d{1,2})\2(\d{1,2})(?![\d])")
ENGLISH_MDY = re.compile(rf"\b({_ENGLISH})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE)
ENGLISH_DMY = re.compile(rf"\b(\d{{1,2}})\s+({_ENGLISH})\.?,?\s+(\d{{4}})\b", re.IGNORECASE)
CYRILLIC_DMY = re.compile(r"(?<!\d)(\d{1,2})\s+([а-яёіїє]+)\s+(\d{4})", re.IGNORECASE)
SPANISH_DMY = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s+de\s+({'|'.join(SPANISH_MONTHS)})\s+(?:de\s+|del\s+)?(\d{{4}})",
    re.IGNORECASE,
)


def written_dates(text: str) -> Iterator[tuple[str, int, int, int]]:
    """(as written, year, month, day) for every full date in the text."""
    for match in CJK_DATE.finditer(text):
        yield match.group(), int(match[1]), int(match[2]), int(match[3])
    for match in NUMERIC_DATE.finditer(text):
        yield match.group(), int(match[1]), int(match[3]), int(match[4])
    for match in ENGLISH_MDY.finditer(text):
        yield match.group(), int(match[3]), ENGLISH_MONTHS[match[1].lower()], int(match[2])
    for match in ENGLISH_DMY.finditer(text):
        yield match.group(), int(match[3]), ENGLISH_MONTHS[match[2].lower()], int(match[1])
    for match in CYRILLIC_DMY.finditer(text):
        month = _cyrillic_month(match[2])
        if month:
            yield match.group(), int(match[3]), month, int(match[1])
    for match in SPANISH_DMY.finditer(text):
        yield match.group(), int(match[3]), SPANISH_MONTHS[match[2].lower()], int(match[1])


def _cyrillic_month(word: str) -> int | None:
    """The month a Russian or Ukrainian month name stands for, in any case."""
    word = word.lower()
    for stem, number in sorted(CYRILLIC_MONTHS.items(), key=lambda item: -len(item[0])):
        if word.startswith(stem) and len(word) - len(stem) <= 3:
            return number
    return None


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
