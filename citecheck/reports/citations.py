"""What every writer shows of the cited works' verdicts (the look-up stage's)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from citecheck.model import Citation, CitationVerdict, FileResult, Report

STATES = ("resolvable", "moved", "dead", "inconclusive")


@dataclass(frozen=True)
class CitedWork:
    file: FileResult
    citation: Citation
    verdict: CitationVerdict


def cited_works(report: Report) -> Iterator[CitedWork]:
    """Every citation with a verdict, file by file, in the order of the notes."""
    for result in report.files:
        if result.parsed is None or not result.citation_verdicts:
            continue
        by_id = {c.id: c for c in result.parsed.citations}
        for verdict in result.citation_verdicts:
            citation = by_id.get(verdict.citation_id)
            if citation is not None:
                yield CitedWork(result, citation, verdict)


def counts(report: Report) -> dict[str, int]:
    found = Counter(work.verdict.state for work in cited_works(report))
    return {state: found.get(state, 0) for state in STATES}


def record_link(verdict: CitationVerdict) -> str | None:
    """The URL of the record that decided the verdict (the new location when moved)."""
    if verdict.new_url:
        return verdict.new_url
    return verdict.evidence[0].record_url if verdict.evidence else None


def moved_or_dead(works: list[CitedWork], result: FileResult) -> list[CitedWork]:
    """The works of `result` that are not where their citation says, or gone."""
    return [w for w in works if w.file is result and w.verdict.state in ("moved", "dead")]


def as_dict(work: CitedWork, several: bool) -> dict[str, Any]:
    verdict, citation = work.verdict, work.citation
    return {
        "citation": f"{work.file.path}#{citation.id}" if several else citation.id,
        "verdict": verdict.state,
        "reason": verdict.reason,
        "new_url": verdict.new_url,
        "found_doi": verdict.found_doi,
        "backref_of": verdict.backref_of,
        "differences": [
            {"field": d.field, "cited": d.cited, "found": d.found, "score": d.score}
            for d in verdict.differences
        ],
        "evidence": [
            {
                "service": e.service,
                "record": e.record_id,
                "url": e.record_url,
                "scores": {s.field: s.score for s in e.scores},
            }
            for e in verdict.evidence
        ],
        "details": list(verdict.details),
        "section": citation.section,
        "note": citation.note_mark,
        "line": citation.note_line,
        "file": work.file.path,
    }
