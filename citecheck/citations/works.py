"""The distinct works a document cites: full citations only, one item per work.

A back-reference (同上, 前掲書, Ibid., a short form) stands for an earlier citation
and adds no work; the same work cited in two notes is one work: the same type, title,
container, date, volume, issue, number and URL once variant characters are folded
(人民日报 = 人民日報), whatever the pages cited.
"""

from __future__ import annotations

from typing import Any

from citecheck.citations.scripts import fold
from citecheck.model import ParsedDocument

#: Fields that tell one work from another; the pinpoint page does not.
IDENTITY = ("type", "title", "container-title", "issued", "volume", "issue", "number", "URL")


def identity(csl: dict[str, Any]) -> str:
    return repr([fold(str(csl.get(name, ""))) for name in IDENTITY])


def group_works(parsed: ParsedDocument) -> list[tuple[dict[str, Any], tuple[str, ...]]]:
    """(CSL item of its first citation, ids of every citation of it) per work, in order."""
    items: dict[str, dict[str, Any]] = {}
    cited_by: dict[str, list[str]] = {}
    for citation in parsed.citations:
        if citation.backref is not None or not citation.csl:
            continue
        ident = identity(citation.csl)
        items.setdefault(ident, citation.csl)
        cited_by.setdefault(ident, []).append(citation.id)
    return [(csl, tuple(cited_by[ident])) for ident, csl in items.items()]


def distinct_works(parsed: ParsedDocument) -> list[dict[str, Any]]:
    """CSL items of the full citations, one per work: the item of its first citation."""
    return [dict(csl) for csl, _ in group_works(parsed)]
