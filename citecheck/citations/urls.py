"""URLs and DOIs in a note: `<https://…>` or bare; trailing punctuation is not part of it.

The one place that says where a written URL ends: `citecheck.links` finds the links to
check with the same rules, so the URL a citation records is the URL that is checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.citations.guarded import Guarded

ANGLED_URL = re.compile(r"<\s*(https?://[^\s<>]+?)\s*>")
# A URL runs until whitespace, an angle bracket, a double quote or backtick, or CJK
# punctuation that never appears unescaped in a URL.
BARE_URL = re.compile(r"""https?://[^\s<>"`“”「」『』（）【】《》〈〉、。，；：！？]+""", re.I)
# A DOI name: "10." prefix "/" suffix, up to whitespace, quotes or CJK punctuation. Old
# SICI suffixes hold `<…>` and `;`: `10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P`.
DOI_NAME = r"""10\.\d{4,9}/(?:[^\s<>;"'“”、。「」『』（）【】《》，；]|<[^\s<>]*>|;(?=[^\s;]))+"""
#: (Every DOI holds `10.`: far cheaper to look for than the pattern.)
DOI = Guarded(
    re.compile(rf"\b(?:doi:\s*|(?:https?://)?(?:dx\.)?doi\.org/)?({DOI_NAME})", re.I), "10."
)
# Sentence punctuation (Latin and CJK) and emphasis marks that end a sentence, not a URL.
TRAILING = ".,;:!?*'\">。、，；：）"
_OPENING = {")": "(", "]": "[", "}": "{"}


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    value: str


def find_urls(text: str) -> list[Found]:
    """URLs in `text`, with the span each occupies (brackets included)."""
    if "://" not in text:  # what every URL holds: far cheaper to look for than the patterns
        return []
    found: list[Found] = []
    for match in ANGLED_URL.finditer(text):
        found.append(Found(match.start(), match.end(), trim(match.group(1))))
    dois = {match.start(): match.end() for match in DOI.finditer(text)}
    for match in BARE_URL.finditer(text):
        if any(item.start <= match.start() < item.end for item in found):
            continue
        # A doi.org link runs to the end of its DOI, `<…>` and `;` of a SICI included.
        end = max(match.end(), dois.get(match.start(), 0))
        url = trim(text[match.start() : end])
        found.append(Found(match.start(), match.start() + len(url), url))
    return sorted(found, key=lambda item: item.start)


def find_doi(text: str) -> str | None:
    """The first DOI in `text`, as the bare `10.…/…` name."""
    match = DOI.search(text)
    return trim(match.group(1)) if match else None


def doi_spans(text: str) -> list[tuple[int, int]]:
    """Where DOIs are written (with their `doi:` / `https://doi.org/`), for cutting a note
    only outside them."""
    return [match.span() for match in DOI.finditer(text)]


def trim(url: str) -> str:
    """Drop trailing punctuation and closing brackets that close nothing in the URL
    (`(see https://x.org/a_(b))` keeps its last bracket but one)."""
    while url:
        last = url[-1]
        unbalanced = last in _OPENING and url.count(last) > url.count(_OPENING[last])
        if last not in TRAILING and not unbalanced:
            break
        url = url[:-1]
    return url
