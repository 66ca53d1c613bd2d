"""The distinct works a document cites: what a bibliography holds, once each.

A back-reference (同上, 前掲書, Ibid., a short form) stands for an earlier citation
and adds no work; the same work cited in two notes is one work. "The same" is the
rule `citecheck parse --format csl-json` uses (`citations.works.IDENTITY`): the same
type, title, container, date, volume, issue, number and URL once variant characters
are folded (人民日报 = 人民日報), whatever the pages cited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from citecheck.citations.scripts import fold
from citecheck.citations.works import IDENTITY
from citecheck.exports.keys import assign_keys
from citecheck.model import ParsedDocument


@dataclass(frozen=True)
class Work:
    key: str
    csl: dict[str, Any]
    citation_ids: tuple[str, ...]


def identity(csl: dict[str, Any]) -> str:
    return repr([fold(str(csl.get(name, ""))) for name in IDENTITY])


def distinct_works(parsed: ParsedDocument) -> list[Work]:
    """One work per distinct cited item, in order of first citation, each with a unique key."""
    items: dict[str, dict[str, Any]] = {}
    cited_by: dict[str, list[str]] = {}
    for citation in parsed.citations:
        if citation.backref is not None or not citation.csl:
            continue
        ident = identity(citation.csl)
        items.setdefault(ident, citation.csl)
        cited_by.setdefault(ident, []).append(citation.id)
    keys = assign_keys(list(items.values()))
    return [
        Work(key=key, csl=csl, citation_ids=tuple(cited_by[ident]))
        for (ident, csl), key in zip(items.items(), keys, strict=True)
    ]
