"""A pattern searched only in text that holds one of the texts every match holds.

Python's regex engine tries a pattern at every character of the text, even one that
cannot match there; `needle in text` is one fast scan. Many of the parser's patterns are
searched in nearly every note and match in few: `Guarded(pattern, *needles)` names beside
the pattern what any match must contain, and skips the search in text holding none of it.
`tests/citations/test_prechecks.py` checks each guard decides as its pattern does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator


class Guarded:
    """`pattern`, searched only where `text` (lower-cased first with `lower=True`, for a
    case-insensitive pattern whose needles are lower case) holds one of `needles`."""

    __slots__ = ("lower", "needles", "pattern")

    def __init__(self, pattern: re.Pattern[str], *needles: str, lower: bool = False) -> None:
        self.pattern, self.needles, self.lower = pattern, needles, lower

    def may_match(self, text: str) -> bool:
        if self.lower:
            text = text.lower()
        return any(map(text.__contains__, self.needles))  # no generator: cheaper than most scans

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.may_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.may_match(text) else iter(())

    def sub(self, replacement: str | Callable[[re.Match[str]], str], text: str) -> str:
        return self.pattern.sub(replacement, text) if self.may_match(text) else text
