"""The distinct works a document cites: what a bibliography holds, once each.

A back-reference (同上, 前掲書, Ibid., a short form) stands for an earlier citation
and adds no work; the same work cited in two notes (same CSL item apart from its
id and the pages cited) is one work.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from citecheck.exports.keys import assign_keys
from citecheck.model import ParsedDocument

# CSL variables that say where in a work a citation points, not which work it is.
PER_CITATION = frozenset({"id", "page", "page-first", "locator", "custom", "note"})


@dataclass(frozen=True)
class Work:
    key: str
    csl: dict[str, Any]
    citation_ids: tuple[str, ...]


def identity(csl: dict[str, Any]) -> str:
    return json.dumps(
        {k: v for k, v in csl.items() if k not in PER_CITATION}, sort_keys=True, ensure_ascii=False
    )


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
