"""URLs and DOIs in a note: `<https://…>` or bare; a trailing `>` `.` `。` is not part of it."""

from __future__ import annotations

import re
from dataclasses import dataclass

ANGLED_URL = re.compile(r"<\s*(https?://[^\s<>]+?)\s*>")
BARE_URL = re.compile(r"https?://[^\s<>\"“”「」『』（）、，；。]+")
DOI = re.compile(
    r"\b(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/[^\s\"<>“”、，；。]+)", re.I
)
TRAILING = ".,;:)>]}。、，；：）"


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    value: str


def find_urls(text: str) -> list[Found]:
    """URLs in `text`, with the span each occupies (brackets included)."""
    found: list[Found] = []
    for match in ANGLED_URL.finditer(text):
        found.append(Found(match.start(), match.end(), match.group(1).rstrip(TRAILING)))
    for match in BARE_URL.finditer(text):
        if any(item.start <= match.start() < item.end for item in found):
            continue
        url = _trim(match.group(0))
        found.append(Found(match.start(), match.start() + len(url), url))
    return sorted(found, key=lambda item: item.start)


def find_doi(text: str) -> str | None:
    """The first DOI in `text`, as the bare `10.…/…` name."""
    match = DOI.search(text)
    return _trim(match.group(1)) if match else None


def _trim(url: str) -> str:
    """Drop trailing punctuation, but keep a `)` that closes a `(` inside the URL."""
    while url and url[-1] in TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url
