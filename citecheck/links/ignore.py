""".citecheckignore: URLs a project never wants checked, one regular expression a line.

The file works like lychee's `.lycheeignore`: blank lines and lines starting with `#`
are skipped, every other line is a regular expression searched in each URL (anchor it
with `^` to match from the start). It is found next to the configuration file when one
is given, else in the directory of the first input or the nearest parent of it, up to
the repository root (the first directory holding `.git`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from citecheck.config import search_directories
from citecheck.errors import UsageError
from citecheck.model import Link

IGNORE_FILE = ".citecheckignore"

LinkLike = TypeVar("LinkLike", Link, str)


@dataclass(frozen=True)
class IgnoreList:
    """The patterns of one ignore file (none: nothing is ignored)."""

    patterns: tuple[re.Pattern[str], ...] = ()
    source: str | None = None

    def ignores(self, url: str) -> bool:
        return any(pattern.search(url) for pattern in self.patterns)

    def split(self, links: Sequence[LinkLike]) -> tuple[list[LinkLike], list[LinkLike]]:
        """(links to check, links ignored), each in the order given."""
        kept: list[LinkLike] = []
        ignored: list[LinkLike] = []
        for link in links:
            url = link if isinstance(link, str) else link.url
            (ignored if self.ignores(url) else kept).append(link)
        return kept, ignored


def parse_ignore(text: str, source: str = IGNORE_FILE) -> IgnoreList:
    """The patterns of an ignore file's text; a bad pattern is a usage error naming its line."""
    patterns = []
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        try:
            patterns.append(re.compile(entry))
        except re.error as exc:
            raise UsageError(f"{source}:{number}: not a regular expression ({exc})") from None
    return IgnoreList(tuple(patterns), source)


def find_ignore_file(start: str | Path, config_file: str | Path | None = None) -> Path | None:
    """The ignore file next to `config_file`, else the nearest one from `start` (a file
    or a directory) up to the repository root; None when there is none."""
    if config_file is not None:
        beside = Path(config_file).resolve().parent / IGNORE_FILE
        if beside.is_file():
            return beside
    for directory in search_directories(start):
        candidate = directory / IGNORE_FILE
        if candidate.is_file():
            return candidate
    return None


def load_ignore(start: str | Path, config_file: str | Path | None = None) -> IgnoreList:
    """The ignore list that applies to a run over `start` (empty when no file is found)."""
    path = find_ignore_file(start, config_file)
    if path is None:
        return IgnoreList()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the ignore file ({exc})") from None
    return parse_ignore(text, str(path))

