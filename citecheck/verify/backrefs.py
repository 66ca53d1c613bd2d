"""Back-references (同上, 前掲書, Ibid., short forms) that the citations stage could not
resolve cleanly: no earlier work to point at, a work in another chapter, or more than
one candidate (同上 right after a note citing several works).
"""

from __future__ import annotations

from citecheck.model import Citation, ParsedDocument, Problem

EXPLANATIONS = {
    "missing": "points at no earlier citation",
    "other-section": "points at a citation in another chapter (notes restart per chapter)",
    "ambiguous": "could point at more than one earlier citation",
}


def backref_problems(parsed: ParsedDocument) -> list[Problem]:
    return [
        _problem(citation)
        for citation in parsed.citations
        if citation.backref is not None and citation.backref.problem is not None
    ]


def _problem(citation: Citation) -> Problem:
    backref = citation.backref
    assert backref is not None and backref.problem is not None
    why = EXPLANATIONS.get(backref.problem, backref.problem)
    number = int(citation.note_mark) if citation.note_mark.isdigit() else None
    return Problem(
        f"backref-{backref.problem}",
        "error",
        citation.section,
        citation.note_line,
        number,
        f"{citation.section} note {citation.note_mark}: {citation.text.strip()} ({backref.kind})"
        f" {why}",
    )
