"""Per-field precision/recall/F1 of the tagger on the held-back split (GROBID-style soft match).

A field's gold value is what the segments → CSL converter makes of the gold spans; the
predicted value is what it makes of the tagger's. Values compare case-, punctuation- and
whitespace-insensitively; names as the list of family names (or literals); dates as the year.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from citecheck.citations.tagger import segments, tag_tokens
from citecheck.citations.tagger.csl import to_fields
from citecheck.citations.tagger.tokens import tokenize
from training.examples import Example, token_labels

FIELDS = (
    "author",
    "editor",
    "title",
    "container-title",
    "collection-title",
    "publisher",
    "publisher-place",
    "issued",
    "volume",
    "issue",
    "page",
    "DOI",
    "URL",
    "number",
)


def soft(value: Any) -> str:
    """GROBID's soft match: lower case, letters and digits only."""
    if isinstance(value, list):
        return "|".join(soft(name.get("family") or name.get("literal", "")) for name in value)
    if isinstance(value, dict):
        parts = value.get("date-parts", [[]])[0]
        return str(parts[0]) if parts else ""
    text = unicodedata.normalize("NFKC", str(value)).casefold()
    return "".join(char for char in text if char.isalnum())


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / max(1, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return self.tp / max(1, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    by_field: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    strings: int = 0

    @property
    def micro(self) -> Counts:
        total = Counts()
        for counts in self.by_field.values():
            total.add(counts)
        return total


def gold_csl(example: Example) -> dict[str, Any]:
    tokens, labels = token_labels(example)
    return to_fields(example.text, segments(example.text, tokens, labels)).csl


def predicted_csl(text: str) -> dict[str, Any]:
    tokens = tokenize(text)
    return to_fields(text, segments(text, tokens, tag_tokens(tokens))).csl


def score(pairs: Iterable[tuple[dict[str, Any], dict[str, Any]]]) -> Report:
    """Gold and predicted CSL items → counts per field."""
    report = Report()
    for gold, got in pairs:
        report.strings += 1
        for name in FIELDS:
            want = soft(gold[name]) if name in gold else ""
            have = soft(got[name]) if name in got else ""
            counts = report.by_field[name]
            if want and have == want:
                counts.tp += 1
                continue
            if have:
                counts.fp += 1
            if want:
                counts.fn += 1
    return report


def is_physics_style(gold: dict[str, Any]) -> bool:
    """`Phys. Rev. B 54, 1234 (1996)`: a journal, volume and page, no article title."""
    return (
        "title" not in gold and "container-title" in gold and ("volume" in gold or "page" in gold)
    )
