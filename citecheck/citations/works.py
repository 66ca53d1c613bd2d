"""The distinct works a document cites: full citations only, one item per work.

A back-reference (同上, 前掲書, Ibid., a short form) stands for an earlier citation
and adds no work; the same work cited in two notes is one work: the same type, title,
container, date, volume, issue, number and URL once variant characters are folded
(人民日报 = 人民日報), whatever the pages cited. A work's item keeps a `page` only when
it is the extent of an article or chapter (85–104): the page a note points to is that
note's `locator` (`work_pages`).
"""

from __future__ import annotations

import re
from typing import Any

from citecheck.citations.scripts import fold
from citecheck.model import ParsedDocument

#: CSL types whose `page` is the extent of the work inside its container.
PARTS = frozenset(
    {
        "article",
        "article-journal",
        "article-magazine",
        "article-newspaper",
        "chapter",
        "entry-dictionary",
        "entry-encyclopedia",
        "paper-conference",
        "review",
        "review-book",
    }
)
PAGE_RANGE = re.compile(r"^\s*[A-Za-z]?\d+\s*[-‐‑–—~〜]+\s*[A-Za-z]?\d+\s*$")

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


def work_pages(item: dict[str, Any]) -> dict[str, Any]:
    """The item without the page its citation points to (only a part's page range stays)."""
    page = str(item.get("page") or "")
    if page and not (item.get("type") in PARTS and PAGE_RANGE.match(page)):
        item = {k: v for k, v in item.items() if k != "page"}
    return item


def distinct_works(parsed: ParsedDocument) -> list[dict[str, Any]]:
    """CSL items of the full citations, one per work: the item of its first citation,
    without the page that citation points to."""
    return [work_pages(dict(csl)) for csl, _ in group_works(parsed)]
