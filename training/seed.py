"""The seed's hand-checked annotations as labelled strings.

Each annotated note's text is read from the sample, split into citations the way the
parser splits it; where the split agrees with the annotation, every annotated field
value is found in its citation's text and becomes a labelled span. A citation with a
value that cannot be found (rephrased, or a field with no tagger label) is left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from citecheck.citations.backrefs import find_reference
from citecheck.citations.dates import find_dates
from citecheck.citations.split import split_note
from citecheck.readers import read_document
from training.examples import Example

ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS = ROOT / "tests" / "data" / "annotations" / "seed-notes.json"
SAMPLE = ROOT / "references" / "china-security-report-2026-notes.txt"
#: Fields written in the text as they are in the annotation, in the order they are found.
TEXT_FIELDS = (
    "URL",
    "DOI",
    "title",
    "container-title",
    "collection-title",
    "publisher",
    "publisher-place",
    "genre",
    "number",
    "volume",
    "issue",
    "page",
)
IGNORED = {"type", "language", "id"}


def seed() -> Iterator[Example]:
    notes = {
        (n.section, n.mark): n.text for s in read_document(str(SAMPLE)).sections for n in s.notes
    }
    annotations = json.loads(ANNOTATIONS.read_text(encoding="utf-8"))["notes"]
    for note in annotations:
        text = notes.get((note["section"], str(note["number"])))
        if text is None:
            continue
        cited = [s.text for s in split_note(text) if s.kind == "citation"]
        if len(cited) != len(note["citations"]):
            continue
        for citation_text, gold in zip(cited, note["citations"], strict=True):
            if gold["backref"] is not None or find_reference(citation_text):
                continue
            spans = align(citation_text, gold["csl"])
            if spans is not None:
                yield Example(
                    "seed", citation_text, tuple(spans), "seed", gold["csl"].get("language", "")
                )


def align(text: str, csl: dict[str, Any]) -> list[tuple[int, int, str]] | None:
    """Labelled spans for every field of `csl` in `text`, or None when one is missing."""
    taken: list[tuple[int, int, str]] = []

    def place(start: int, end: int, label: str) -> bool:
        if start < 0 or any(start < e and s < end for s, e, _ in taken):
            return False
        taken.append((start, end, label))
        return True

    def find(value: str, label: str) -> bool:
        start = text.find(value)
        while start >= 0:
            if place(start, start + len(value), label):
                return True
            start = text.find(value, start + 1)
        return False

    for key in TEXT_FIELDS:
        if key in csl and not find(str(csl[key]), key):
            if key == "page" and all(find(part, key) for part in str(csl[key]).split(", ")):
                continue
            return None
    for role in ("author", "editor", "translator"):
        for name in csl.get(role, []):
            parts = [name[k] for k in ("literal", "given", "family") if k in name]
            if not all(find(part, role) for part in parts):
                return None
    for key in ("issued", "accessed"):
        if key not in csl:
            continue
        want = csl[key]
        date = next(
            (d for d in find_dates(text) if d.csl() == want and place(d.start, d.end, key)), None
        )
        if date is None:
            return None
    if (
        set(csl)
        - IGNORED
        - set(TEXT_FIELDS)
        - {"author", "editor", "translator", "issued", "accessed"}
    ):
        return None  # container-author and the like: no label for them
    return _joined(sorted(taken))


def _joined(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Names of one role next to each other (`川島真、森聡`) become one span with their
    separators, as in the gold corpora."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if out and out[-1][2] == label and label in ("author", "editor", "translator"):
            out[-1] = (out[-1][0], end, label)
        else:
            out.append((start, end, label))
    return out
