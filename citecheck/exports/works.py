"""The distinct works a document cites, each with its citation key: what a bibliography
holds, once each.

The grouping starts from `citecheck.citations.works` (a back-reference adds no work, the
same work cited twice is one) and goes one step further: two groups that differ only by
the variant forms `verify/variants.py` reports (人民日报 and 人民日報, a container one
note gives and another leaves out) are one work. The exported item then describes the
work, not the note that first cited it (`exports.rules`).

A work read from a `.bib` entry keeps that entry's key, type and fields (`bibsource`);
of the rules only the name split applies to it (for its CSL item and its `sortname`):
a `.bib` entry describes a work already.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from citecheck.citations.works import group_works
from citecheck.exports import bibsource, rules
from citecheck.exports.keys import DEFAULT_FORMAT, assign_keys
from citecheck.model import ParsedDocument
from citecheck.verify.variants import fold_variants

#: Fields that must agree (after folding variant forms) where both citations give them.
MERGE_FIELDS = ("container-title", "volume", "issue", "number", "URL", "DOI", "publisher")


@dataclass(frozen=True)
class Work:
    key: str
    csl: dict[str, Any]
    citation_ids: tuple[str, ...]
    source: bibsource.SourceEntry | None = None


def distinct_works(parsed: ParsedDocument, key_format: str = DEFAULT_FORMAT) -> list[Work]:
    """One work per distinct cited item, in order of first citation, each with a unique key."""
    sources = bibsource.entries_by_citation(parsed)
    groups = _merge_variants(group_works(parsed))
    items = [
        rules.split_names(dict(csl)) if ids[0] in sources else rules.work_item(csl)
        for csl, ids in groups
    ]
    fixed = [sources[ids[0]].key if ids[0] in sources else None for _, ids in groups]
    keys = assign_keys(items, key_format, fixed)
    return [
        Work(key=key, csl=csl, citation_ids=ids, source=sources.get(ids[0]))
        for (_, ids), csl, key in zip(groups, items, keys, strict=True)
    ]


def _merge_variants(
    groups: list[tuple[dict[str, Any], tuple[str, ...]]],
) -> list[tuple[dict[str, Any], tuple[str, ...]]]:
    merged: list[tuple[dict[str, Any], list[str]]] = []
    for csl, ids in groups:
        same = next((m for m in merged if _same_work(m[0], csl)), None)
        if same is None:
            merged.append((dict(csl), list(ids)))
            continue
        for name, value in csl.items():  # what the first citation left out
            same[0].setdefault(name, value)
        same[1].extend(ids)
    return [(csl, tuple(ids)) for csl, ids in merged]


def _same_work(one: dict[str, Any], other: dict[str, Any]) -> bool:
    title = _folded(one, "title")
    if not title or title != _folded(other, "title"):
        return False
    if one.get("type") != other.get("type") or one.get("issued") != other.get("issued"):
        return False
    return all(
        not mine or not theirs or mine == theirs
        for mine, theirs in ((_folded(one, n), _folded(other, n)) for n in MERGE_FIELDS)
    )


def _folded(csl: dict[str, Any], name: str) -> str:
    value = csl.get(name)
    return _fold(str(value)) if value else ""


@cache
def _fold(text: str) -> str:
    return fold_variants(text)
