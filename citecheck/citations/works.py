"""The distinct works a document cites: full citations only, one item per work."""

from __future__ import annotations

from typing import Any

from citecheck.citations.scripts import fold
from citecheck.model import ParsedDocument

#: Fields that tell one work from another; the pinpoint page does not.
IDENTITY = ("type", "title", "container-title", "issued", "volume", "issue", "number", "URL")


def distinct_works(parsed: ParsedDocument) -> list[dict[str, Any]]:
    """CSL items of the full citations, one per work: the item of its first citation."""
    seen: set[str] = set()
    works: list[dict[str, Any]] = []
    for citation in parsed.citations:
        if citation.backref is not None:
            continue
        key = repr([fold(str(citation.csl.get(name, ""))) for name in IDENTITY])
        if key in seen:
            continue
        seen.add(key)
        works.append(dict(citation.csl))
    return works
