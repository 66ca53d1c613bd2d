"""`--add-found`: the DOI or URL a check found, added to the entries that lack one.

Nothing is silently invented: every value added is said in the entry's `note`
("citecheck: DOI 10.… found by crossref"), so an editor sees where it came from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from citecheck.model import CitationVerdict, ParsedDocument

MARK = "citecheck: "


def with_found(parsed: ParsedDocument, verdicts: Sequence[CitationVerdict]) -> ParsedDocument:
    """`parsed` with each full citation's found DOI (else its new URL) in its CSL item."""
    found = {v.citation_id: v for v in verdicts if v.backref_of is None}
    notes = []
    for parsed_note in parsed.notes:
        citations = []
        for citation in parsed_note.citations:
            verdict = found.get(citation.id)
            csl = _added(citation.csl, verdict) if verdict is not None else citation.csl
            citations.append(citation if csl is citation.csl else replace(citation, csl=csl))
        notes.append(replace(parsed_note, citations=tuple(citations)))
    return replace(parsed, notes=tuple(notes))


def _added(csl: dict, verdict: CitationVerdict) -> dict:
    if verdict.differences:
        return csl  # cited wrongly: the editor decides which work was meant
    service = verdict.evidence[-1].service if verdict.evidence else "a look-up"
    if verdict.found_doi and not csl.get("DOI"):
        key, value, what = "DOI", verdict.found_doi, "DOI"
    elif verdict.state == "moved" and verdict.new_url and csl.get("URL") != verdict.new_url:
        key, value, what = "URL", verdict.new_url, "URL"
    else:
        return csl
    said = f"{MARK}{what} {value} found by {service}"
    note = f"{csl['note']}; {said}" if csl.get("note") else said
    return {**csl, key: value, "note": note}


def found_note(csl: dict) -> str:
    """The parts of an item's note that `with_found` wrote (the rest of a note is the
    parser's reading of the citation, which the BibTeX exports leave out)."""
    note = csl.get("note")
    parts = note.split("; ") if isinstance(note, str) else []
    return "; ".join(part for part in parts if part.startswith(MARK))
