"""Checking links while the citations are still being parsed.

Parsing a long manuscript's citations takes a good fraction of a second, and checking
its links spends most of its time waiting on servers. The URLs are already written in
the notes' text, so they can be checked at once while the parser runs beside them;
once it is done, each verdict is given the citations and spelling the parse found,
and any link only the parse produced (a DOI field, say) is checked then.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TypeVar

from citecheck.links import extract_links
from citecheck.links.urls import dedup_key
from citecheck.model import Document, Link, ParsedDocument, ParsedNote, Verdict

Parsed = TypeVar("Parsed")
CheckLinks = Callable[[Sequence[Link]], tuple[Verdict, ...]]


def links_in_notes(document: Document) -> tuple[Link, ...]:
    """The links written anywhere in the notes, each cited by its note."""
    notes = tuple(ParsedNote(note, (), note.text) for note in document.notes)
    return extract_links(ParsedDocument(document, notes))


def check_while_parsing(
    document: Document,
    parse: Callable[[Document], Parsed],
    parsed_of: Callable[[Parsed], ParsedDocument],
    check: CheckLinks,
    wanted: Callable[[str], bool] = lambda url: True,
) -> tuple[Parsed, tuple[Link, ...], tuple[Verdict, ...]]:
    """(what `parse` returned, the parsed links, one verdict per link, in link order).

    `parse` runs on a second thread while `check` checks the links written in the
    notes; `parsed_of` gets the ParsedDocument out of what `parse` returned.
    """
    early = [link for link in links_in_notes(document) if wanted(link.url)]
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="citecheck-parse") as pool:
        parsing = pool.submit(parse, document)
        early_verdicts = check(early)
        result = parsing.result()
    links = tuple(link for link in extract_links(parsed_of(result)) if wanted(link.url))
    found = {dedup_key(v.url): v for v in early_verdicts}
    late = [link for link in links if dedup_key(link.url) not in found]
    if late:
        found.update((dedup_key(v.url), v) for v in check(late))
    verdicts = tuple(
        replace(found[dedup_key(link.url)], url=link.url, citation_ids=link.citation_ids)
        for link in links
    )
    return result, links, verdicts
