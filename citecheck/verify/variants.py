"""The same work written in variant forms: 『人民日报』 and 『人民日報』, 大国 and 大國,
full-width and half-width letters.

Names are folded with Unicode NFKC (width) and OpenCC (Japanese shinjitai →
traditional → simplified), so 戦略, 戰略 and 战略 fold together. Each variant found is
reported once, where the second form first appears.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import opencc

from citecheck.citations.scripts import to_simplified
from citecheck.model import ParsedDocument, ParsedNote, Problem

CSL_NAME_FIELDS = ("container-title", "title")
#: Without parsed citations, the titles a note quotes: 『book or journal』, 「article」.
QUOTED_NAME = re.compile(r"『([^』]{2,})』|「([^」]{2,})」")


@cache
def _japanese_to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC("jp2t")


def fold_variants(name: str) -> str:
    """A key equal for every way of writing one name (character forms, width, spacing)."""
    text = unicodedata.normalize("NFKC", name)
    text = to_simplified().convert(_japanese_to_traditional().convert(text))
    return "".join(text.split()).casefold()


def as_written(name: str) -> str:
    """The name as written, spacing aside (spacing is not a variant worth a warning)."""
    return "".join(name.split())


@dataclass(frozen=True)
class Occurrence:
    name: str
    section: str
    note_mark: str
    note_number: int | None
    line: int


def work_names(parsed: ParsedNote) -> list[str]:
    """The names of the works a note cites: parsed titles, else its quoted titles."""
    if parsed.citations:
        return [
            value
            for citation in parsed.citations
            for field in CSL_NAME_FIELDS
            if isinstance(value := citation.csl.get(field), str) and value.strip()
        ]
    return [a or b for a, b in QUOTED_NAME.findall(parsed.note.text)]


def variant_problems(parsed: ParsedDocument) -> list[Problem]:
    groups: dict[str, list[Occurrence]] = {}
    for parsed_note in parsed.notes:
        note = parsed_note.note
        for name in work_names(parsed_note):
            occurrence = Occurrence(name, note.section, note.mark, note.number, note.line)
            groups.setdefault(fold_variants(name), []).append(occurrence)
    found = []
    for occurrences in groups.values():
        forms = list(dict.fromkeys(as_written(o.name) for o in occurrences))
        if len(forms) < 2:
            continue
        first = occurrences[0]
        other = next(o for o in occurrences if as_written(o.name) != forms[0])
        found.append(
            Problem(
                "variant-form",
                "warning",
                other.section,
                other.line,
                other.note_number,
                f"{other.section} note {other.note_mark}: {shorten(other.name)} is written"
                f" {shorten(first.name)} in {first.section} note {first.note_mark}"
                f" (line {first.line}); {len(forms)} forms in {len(occurrences)} citations",
                (first.line,),
            )
        )
    return found


def shorten(name: str, limit: int = 30) -> str:
    name = " ".join(name.split())
    return name if len(name) <= limit else name[: limit - 1] + "…"
