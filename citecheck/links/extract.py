"""Citations → links: every URL and DOI cited, deduplicated, with the citations citing it."""

from __future__ import annotations

from dataclasses import dataclass, field

from citecheck.links.dates import citation_date
from citecheck.links.urls import dedup_key, doi_of, doi_url, find_dois, find_urls
from citecheck.model import Citation, Link, ParsedDocument


@dataclass
class _Gathered:
    url: str
    doi: str | None
    citation_ids: list[str] = field(default_factory=list)
    cited_on: str | None = None


def urls_of(citation: Citation) -> list[tuple[str, str | None]]:
    """(url, doi) pairs one citation points at: its CSL URL and DOI, then any URL or
    DOI written in its text. Order is kept; repeats are removed later."""
    csl = citation.csl
    found: list[tuple[str, str | None]] = []
    for value in _strings(csl.get("URL")):
        found += [(url, doi_of(url)) for url in find_urls(value)]
    for value in _strings(csl.get("DOI")):
        found.append((doi_url(value), value.strip()))
    for url in find_urls(citation.text):
        found.append((url, doi_of(url)))
    for doi in find_dois(citation.text):
        found.append((doi_url(doi), doi))
    return found


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def extract_links(parsed: ParsedDocument) -> tuple[Link, ...]:
    """The links of a parsed document in order of first citation.

    Two spellings of one URL (scheme or host case, default port, fragment) are one
    link, reported under the spelling first cited. `cited_on` is the access date,
    else the publication date, of the earliest citing citation that gives one.
    """
    gathered: dict[str, _Gathered] = {}
    for citation in parsed.citations:
        for url, doi in urls_of(citation):
            key = dedup_key(url)
            entry = gathered.setdefault(key, _Gathered(url=url, doi=doi))
            if citation.id not in entry.citation_ids:
                entry.citation_ids.append(citation.id)
            entry.doi = entry.doi or doi
            entry.cited_on = entry.cited_on or citation_date(citation.csl)
    return tuple(
        Link(url=g.url, citation_ids=tuple(g.citation_ids), doi=g.doi, cited_on=g.cited_on)
        for g in gathered.values()
    )
