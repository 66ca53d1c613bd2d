"""Soft matching of parsed CSL fields against gold ones, and precision/recall/F1 tallies.

The rule follows GROBID's field evaluation ("soft" match): two values agree when they are equal
after Unicode NFKC, case folding and removing punctuation, symbols (Markdown's `*` included)
and whitespace. On top of that:
- names (author, editor, translator) agree when the lists have the same length and each
  gold name's family name (the whole name for a name written as one piece: 山田太郎, an
  organisation) is the family name, the family+given, the given+family or the literal of
  the parsed name at the same place;
- dates agree when the parsed date has every part the gold one has (year, month, day), equal;
- page ranges and locators agree after expanding an abbreviated end ("123–45" = "123-145");
- DOIs agree case-insensitively, without a resolver prefix ("https://doi.org/"); a URL that
  is only a DOI's resolver link counts as that DOI, not as a second field.

Fields outside `FIELDS` are not scored. A parsed field the gold lacks is a false positive;
a gold field missing or different in the parse is a false negative (and a false positive
when the parse has a different value).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

FIELDS: tuple[str, ...] = (
    "author", "editor", "translator", "title", "container-title", "collection-title",
    "publisher", "publisher-place", "issued", "accessed", "volume", "issue", "page",
    "number", "genre", "DOI", "URL", "locator",
)
NAME_FIELDS = frozenset({"author", "editor", "translator"})
DATE_FIELDS = frozenset({"issued", "accessed"})
RANGE_FIELDS = frozenset({"page", "locator"})

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)
_RANGE = re.compile(r"^([A-Za-z]*)(\d+)\s*[-‐‑‒–—―~～]+\s*([A-Za-z]*)(\d+)$")


def soft(value: Any) -> str:
    """`value` as compared: NFKC, case-folded, without punctuation, symbols or spaces."""
    text = unicodedata.normalize("NFKC", str(value)).casefold()
    return "".join(char for char in text if unicodedata.category(char)[0] not in "PSZ")


def _name_keys(name: Mapping[str, Any]) -> set[str]:
    family, given = str(name.get("family", "")), str(name.get("given", ""))
    keys = {family, family + given, given + family, str(name.get("literal", ""))}
    particle = " ".join(str(name.get(key, "")) for key in ("non-dropping-particle",
                                                          "dropping-particle"))
    keys.add(particle + family)
    return {soft(key) for key in keys} - {""}


def _gold_name_key(name: Mapping[str, Any]) -> str:
    return soft(name.get("family") or name.get("literal") or "")


def names_match(gold: list, parsed: Any) -> bool:
    if not isinstance(parsed, list) or len(parsed) != len(gold):
        return False
    return all(isinstance(got, Mapping) and _gold_name_key(want) in _name_keys(got)
               for want, got in zip(gold, parsed, strict=True))


def _date_parts(value: Any) -> list[int]:
    if isinstance(value, Mapping):
        parts = value.get("date-parts")
        if parts and parts[0]:
            try:
                return [int(part) for part in parts[0]]
            except (TypeError, ValueError):
                return []
        raw = value.get("raw") or value.get("literal") or ""
        year = re.search(r"\d{4}", str(raw))
        return [int(year.group())] if year else []
    return []


def dates_match(gold: Any, parsed: Any) -> bool:
    want, got = _date_parts(gold), _date_parts(parsed)
    return bool(want) and got[: len(want)] == want


def _expanded_range(value: Any) -> str:
    text = unicodedata.normalize("NFKC", str(value)).strip()
    text = re.sub(r"^(?:pp?\.|pages?|S\.|с\.|c\.)\s*", "", text, flags=re.I)
    match = _RANGE.match(text)
    if not match:
        return soft(text)
    first_prefix, first, last_prefix, last = match.groups()
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return soft(f"{first_prefix}{first}-{last_prefix or first_prefix}{last}")


def field_matches(name: str, gold: Any, parsed: Any) -> bool:
    """Whether the parsed value of CSL field `name` softly equals the gold value."""
    if parsed is None:
        return False
    if name in NAME_FIELDS:
        return names_match(gold, parsed)
    if name in DATE_FIELDS:
        return dates_match(gold, parsed)
    if name in RANGE_FIELDS:
        return _expanded_range(gold) == _expanded_range(parsed)
    if name == "DOI":
        return soft(_DOI_PREFIX.sub("", str(gold))) == soft(_DOI_PREFIX.sub("", str(parsed)))
    return soft(gold) == soft(parsed)


def doi_link_as_doi(fields: Mapping[str, Any]) -> dict[str, Any]:
    """`fields` with a URL that merely resolves its DOI (or is a DOI link) read as the DOI."""
    fields = dict(fields)
    url = fields.get("URL")
    if isinstance(url, str) and re.match(r"https?://(?:dx\.)?doi\.org/", url, re.I):
        doi = _DOI_PREFIX.sub("", url)
        if fields.get("DOI") is None or soft(_DOI_PREFIX.sub("", str(fields["DOI"]))) == soft(doi):
            fields["DOI"] = fields.get("DOI") or doi
            del fields["URL"]
    return fields


@dataclass
class Tally:
    """True/false positives and false negatives per field, summed over citations."""

    true_positive: Counter = field(default_factory=Counter)
    false_positive: Counter = field(default_factory=Counter)
    false_negative: Counter = field(default_factory=Counter)

    def add(self, gold: Mapping[str, Any], parsed: Mapping[str, Any] | None,
            fields: Iterable[str] = FIELDS) -> list[str]:
        """Score one citation (`parsed` None: nothing was found); return the fields it got
        wrong (missed, different or not in the gold)."""
        gold, parsed = doi_link_as_doi(gold), doi_link_as_doi(parsed or {})
        wrong = []
        for name in fields:
            want, got = gold.get(name), parsed.get(name)
            if want is None and got is None:
                continue
            if want is not None and field_matches(name, want, got):
                self.true_positive[name] += 1
                continue
            if got is not None:
                self.false_positive[name] += 1
            if want is not None:
                self.false_negative[name] += 1
            wrong.append(name)
        return wrong

    def merge(self, other: Tally) -> None:
        self.true_positive.update(other.true_positive)
        self.false_positive.update(other.false_positive)
        self.false_negative.update(other.false_negative)

    def precision(self, name: str | None = None) -> float:
        tp, fp = self._counts(name, self.true_positive), self._counts(name, self.false_positive)
        return tp / (tp + fp) if tp + fp else 0.0

    def recall(self, name: str | None = None) -> float:
        tp, fn = self._counts(name, self.true_positive), self._counts(name, self.false_negative)
        return tp / (tp + fn) if tp + fn else 0.0

    def f1(self, name: str | None = None) -> float:
        p, r = self.precision(name), self.recall(name)
        return 2 * p * r / (p + r) if p + r else 0.0

    def fields(self) -> list[str]:
        seen = set(self.true_positive) | set(self.false_positive) | set(self.false_negative)
        return [name for name in FIELDS if name in seen] + sorted(seen - set(FIELDS))

    @staticmethod
    def _counts(name: str | None, counter: Counter) -> int:
        return counter[name] if name is not None else sum(counter.values())
