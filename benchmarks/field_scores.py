"""What the held-back split is scored on: the gold and the predicted CSL of an example.

A field's gold value is what the segments → CSL converter makes of the gold spans; the
predicted value is what the parser makes of the string. The two compare by the project's one
GROBID-style soft match (`softmatch.py`), over `FIELDS`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from benchmarks.softmatch import Tally
from citecheck.citations.tagger import segments
from citecheck.citations.tagger.csl import to_fields
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


def gold_csl(example: Example) -> dict[str, Any]:
    tokens, labels = token_labels(example)
    return to_fields(example.text, segments(example.text, tokens, labels)).csl


def gold_locator(example: Example) -> str | None:
    """The page or part a note's gold spans point to (its `locator`, else its `page`)."""
    tokens, labels = token_labels(example)
    return to_fields(example.text, segments(example.text, tokens, labels)).locator


def score(pairs: Iterable[tuple[dict[str, Any], dict[str, Any]]]) -> Tally:
    """Gold and predicted CSL items → true/false positives and false negatives per field."""
    tally = Tally()
    for gold, got in pairs:
        tally.add(gold, got, FIELDS)
    return tally


def is_physics_style(gold: dict[str, Any]) -> bool:
    """`Phys. Rev. B 54, 1234 (1996)`: a journal, volume and page, no article title."""
    return (
        "title" not in gold and "container-title" in gold and ("volume" in gold or "page" in gold)
    )
