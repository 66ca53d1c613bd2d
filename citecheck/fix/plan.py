"""What to change: the new URL of each moved link, the archived copy of each dead one."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal
from urllib.parse import urlsplit

from citecheck.archives import ArchiveLookup
from citecheck.citations.urls import find_urls
from citecheck.links.urls import dedup_key, doi_of
from citecheck.model import Verdict

FixKind = Literal["moved", "dead"]


@dataclass(frozen=True)
class Fix:
    """One link to change: `url` as the manuscript writes it, and what replaces or
    follows it (`target`: the new URL, or the archived copy with its `timestamp`), and
    the day (ISO, UTC) the check saw the link answer so, if known."""

    url: str
    kind: FixKind
    target: str
    timestamp: str | None = None
    observed: str | None = None


class Fixes:
    """The fixes of one manuscript, found by any spelling of their URL (`dedup_key`)."""

    def __init__(self, fixes: Iterable[Fix]) -> None:
        self.all = tuple(fixes)
        self._by_key = {dedup_key(fix.url): fix for fix in self.all}

    def __len__(self) -> int:
        return len(self.all)

    def get(self, url: str) -> Fix | None:
        """The fix for a URL as some part of the file writes it (None: leave it)."""
        return self._by_key.get(dedup_key(url.strip()))


def planned_fixes(
    verdicts: Sequence[Verdict], lookups: Mapping[str, ArchiveLookup | None]
) -> Fixes:
    """A fix for each moved link (its new URL) and each dead link with an archived copy
    (`lookups` by URL). A DOI link is never rewritten: the DOI is the persistent name,
    and doi.org redirecting to the publisher is how it works."""
    fixes = []
    for verdict in verdicts:
        if doi_of(verdict.url) is not None:
            continue
        if verdict.state == "moved" and verdict.new_url and verdict.new_url != verdict.url:
            target = with_fragment(verdict.new_url, verdict.url)
            fixes.append(Fix(verdict.url, "moved", target, observed=_day_of(verdict.checked_at)))
        elif verdict.state == "dead":
            lookup = lookups.get(verdict.url)
            if lookup is not None and lookup.snapshot is not None:
                snapshot = lookup.snapshot
                fixes.append(Fix(verdict.url, "dead", snapshot.url, snapshot.timestamp))
    return Fixes(fix for fix in fixes if writable(fix.target))


def _day_of(moment: float | None) -> str | None:
    if moment is None:
        return None
    return datetime.fromtimestamp(moment, UTC).date().isoformat()


def writable(url: str) -> bool:
    """Whether `url` (it came from the web: a Location header, an archive's answer) may
    go into the manuscript: printable, and read back as exactly this one URL."""
    return url.isprintable() and [found.value for found in find_urls(url)] == [url]


def with_fragment(new_url: str, cited: str) -> str:
    """`new_url` with the cited URL's `#fragment`: a redirect never carries one (the
    browser keeps it), so the page the author pointed into keeps its place."""
    fragment = urlsplit(cited).fragment
    if not fragment or urlsplit(new_url).fragment:
        return new_url
    return f"{new_url}#{fragment}"


@dataclass(frozen=True)
class Rewrite:
    """A file's new bytes, and each changed part's old and new text (for the diff):
    "" names the whole file, else a part of its container (`word/footnotes.xml`)."""

    data: bytes
    parts: dict[str, tuple[str, str]]
