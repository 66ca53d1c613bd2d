"""Citations → links: every URL and DOI cited, deduplicated, with the citations citing it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from citecheck.links.dates import citation_date
from citecheck.links.urls import dedup_key, doi_of, doi_url, find_dois, find_urls
from citecheck.model import Citation, Document, Link, Note, ParsedDocument, ParsedNote


@dataclass
class _Gathered:
    url: str
    doi: str | None
    citation_ids: list[str] = field(default_factory=list)
    cited_on: str | None = None


#: A Markdown code span (`` `text` ``, ``` ``te`xt`` ```): what it holds is code, not a link.
CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")


def _without_code(text: str) -> str:
    """`text` with its code spans blanked (a text without a backtick has none)."""
    return CODE_SPAN.sub(" ", text) if "`" in text else text


def urls_of(citation: Citation) -> list[tuple[str, str | None]]:
    """(url, doi) pairs one citation points at: its CSL URL and DOI, then any URL or
    DOI written in its text. Order is kept; repeats are removed later.

    A URL written only inside a code span (a command line, an example) is not cited,
    even where the citation parser took it for the citation's URL.
    """
    csl = citation.csl
    prose = _without_code(citation.text)
    in_code = {url for span in CODE_SPAN.finditer(citation.text) for url in find_urls(span[2])}
    in_code -= set(find_urls(prose))
    found: list[tuple[str, str | None]] = []
    for value in _strings(csl.get("URL")):
        found += [(url, doi_of(url)) for url in find_urls(value) if url not in in_code]
    for value in _strings(csl.get("DOI")):
        if doi_url(value) not in in_code:
            found.append((doi_url(value), value.strip()))
    for url in find_urls(prose):
        found.append((url, doi_of(url)))
    for doi in find_dois(prose):
        found.append((doi_url(doi), doi))
    return found


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def note_id(note: Note) -> str:
    """The id that stands for a note itself, for a URL written outside any citation."""
    return f"note:{note.section}/{note.mark}"


def _sources(
    parsed: ParsedDocument,
) -> Iterator[tuple[str, list[tuple[str, str | None]], str | None]]:
    """(citing id, [(url, doi)], date) for every citation and every note's commentary."""
    for parsed_note in parsed.notes:
        for citation in parsed_note.citations:
            yield citation.id, urls_of(citation), citation_date(citation.csl)
        if parsed_note.commentary:
            text = _without_code(parsed_note.commentary)
            found = [(url, doi_of(url)) for url in find_urls(text)]
            found += [(doi_url(doi), doi) for doi in find_dois(text)]
            yield note_id(parsed_note.note), found, None


def extract_links(parsed: ParsedDocument) -> tuple[Link, ...]:
    """The links of a parsed document in order of first citation.

    Two spellings of one URL (scheme or host case, default port, fragment) are one
    link, reported under the spelling first cited. `cited_on` is the access date,
    else the publication date, of the earliest citing citation that gives one.
    A URL in a note's commentary (outside any citation) is cited by the note itself.
    """
    gathered: dict[str, _Gathered] = {}
    for source_id, found, date in _sources(parsed):
        for url, doi in found:
            key = dedup_key(url)
            entry = gathered.setdefault(key, _Gathered(url=url, doi=doi))
            if source_id not in entry.citation_ids:
                entry.citation_ids.append(source_id)
            entry.doi = entry.doi or doi
            entry.cited_on = entry.cited_on or date
    return tuple(
        Link(url=g.url, citation_ids=tuple(g.citation_ids), doi=g.doi, cited_on=g.cited_on)
        for g in gathered.values()
    )


def links_in_notes(document: Document) -> tuple[Link, ...]:
    """The links written anywhere in the notes, each cited by its note."""
    notes = tuple(ParsedNote(note, (), note.text) for note in document.notes)
    return extract_links(ParsedDocument(document, notes))
