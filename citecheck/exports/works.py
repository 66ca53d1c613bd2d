"""The distinct works a document cites, each with its citation key: what a bibliography
holds, once each (the grouping rule is `citecheck.citations.works`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from citecheck.citations.works import group_works
from citecheck.exports.keys import assign_keys
from citecheck.model import ParsedDocument


@dataclass(frozen=True)
class Work:
    key: str
    csl: dict[str, Any]
    citation_ids: tuple[str, ...]


def distinct_works(parsed: ParsedDocument) -> list[Work]:
    """One work per distinct cited item, in order of first citation, each with a unique key."""
    groups = group_works(parsed)
    keys = assign_keys([csl for csl, _ in groups])
    return [
        Work(key=key, csl=csl, citation_ids=ids)
        for (csl, ids), key in zip(groups, keys, strict=True)
    ]
