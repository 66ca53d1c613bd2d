"""The ways a plain-text manuscript marks a note in its body, tried in order.

A manuscript uses one style throughout, so the first style found anywhere in the body
is the only one read: a stray "[3]" in a text marked with superscripts is not a marker.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from citecheck.readers.superscripts import superscript_markers

MarkerFinder = Callable[[str], list[tuple[str, int, int]]]

#: [12] or ［12］, but not an index ("x[1]"), a Markdown link "[12](…)" or a list "[1, 2]".
BRACKETED = re.compile(r"(?<![A-Za-z0-9\]])[\[［]([0-9０-９]{1,4})[\]］](?![(（])")
#: (注12) or （注１２）.
NOTE_WORD = re.compile(r"[（(]\s*(?:注|註)\s*([0-9０-９]{1,4})\s*[)）]")


def _finder(pattern: re.Pattern[str]) -> MarkerFinder:
    def find(line: str) -> list[tuple[str, int, int]]:
        found = []
        for match in pattern.finditer(line):
            number = int(match.group(1))  # int() reads full-width digits too
            found.append((str(number), number, match.start() + 1))
        return found

    return find


STYLES: tuple[MarkerFinder, ...] = (
    superscript_markers,
    _finder(BRACKETED),
    _finder(NOTE_WORD),
)


def marker_style(lines: list[str]) -> MarkerFinder | None:
    """The first style that finds a marker somewhere in `lines`, or None."""
    return next((style for style in STYLES if any(style(line) for line in lines)), None)
