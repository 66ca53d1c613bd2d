"""The JSON report: the shape `citecheck check --format json` promises (README, "Output formats").

Keys in `summary` and in each link are stable; new keys may be added, none removed.
`files` lists the input files ({"path", "format", "notes", "citations", "links",
"problems": [...], "error"}, each file's problems under it); each place in a link's
`cited_in` names its `file`. With several files, a link's `citations` are "path#id"
(citation ids are per file). `citation_verdicts` holds one verdict per citation
(the cited work's: resolvable / moved / dead / inconclusive, its reason, the fields
that differ from the record, the evidence per service), counted in the summary.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from citecheck.links.urls import dedup_key
from citecheck.model import FileResult, Problem, Report, Verdict
from citecheck.reports import citations, escape
from citecheck.reports.common import Place, places_by_link, suggested_fix, summarize
from citecheck.reports.freshness import checked_at_text


def render(report: Report) -> str:
    """The report as JSON text (see `chunks`)."""
    return "".join(chunks(report))


def chunks(report: Report) -> Iterator[str]:
    """The report as JSON, one link and one problem per line, item by item.

    Line-per-item keeps the file readable and diffable while each item goes through
    json's C encoder: `indent=2` falls back to the pure-Python one, a tenth of a
    second on a few thousand links. Items are built and encoded one at a time, so
    ten thousand links never stand in memory as one tree of dicts and one string.
    """
    places = places_by_link(report)
    several = len(report.files) > 1
    yield "{\n"
    yield f'  "summary": {_compact(_summary(report))},\n'
    sections: list[tuple[str, Iterable[dict[str, Any]]]] = [
        (
            "links",
            (
                _link(verdict, places.get(dedup_key(verdict.url), []), several)
                for verdict in report.verdicts
            ),
        ),
        ("problems", (_problem(problem) for problem in report.problems)),
        (
            "citation_verdicts",
            (citations.as_dict(work, several) for work in citations.cited_works(report)),
        ),
        ("files", (_file(result) for result in report.files)),
    ]
    for key, items in sections:
        closing = "" if key == "files" else ","
        opened = False
        for item in items:
            yield (",\n    " if opened else f'  "{key}": [\n    ') + _compact(item)
            opened = True
        yield f"\n  ]{closing}\n" if opened else f'  "{key}": []{closing}\n'
    yield "}\n"


def _compact(value: Any) -> str:
    return escape.json_text(value, separators=(", ", ": "))


def _summary(report: Report) -> dict[str, Any]:
    summary = summarize(report)
    return {
        "citations": summary.citations,
        "links": summary.links,
        **summary.counts,
        "offline": summary.offline,
        "notes": summary.notes,
        "problems": summary.problems,
        "links_checked": summary.links_checked,
        "files": summary.files,
        "unreadable": summary.unreadable,
        "ignored": summary.ignored,
        "citation_verdicts": citations.counts(report),
    }


def _file(result: FileResult) -> dict[str, Any]:
    parsed = result.parsed
    return {
        "path": result.path,
        "format": result.format or None,
        "notes": 0 if parsed is None else len(parsed.notes),
        "citations": 0 if parsed is None else len(parsed.citations),
        "links": len(result.verdicts),
        "problems": [_problem(problem) for problem in result.problems],
        "error": result.error,
    }


def _link(verdict: Verdict, places: list[Place], several: bool) -> dict[str, Any]:
    snapshot = verdict.archive
    archive = None if snapshot is None else {"url": snapshot.url, "timestamp": snapshot.timestamp}
    return {
        "url": verdict.url,
        "verdict": verdict.state,
        "reason": verdict.reason,
        "status": verdict.status,
        "final_url": verdict.final_url,
        "new_url": verdict.new_url,
        "redirects": [{"url": hop.url, "status": hop.status} for hop in verdict.hops],
        "attempts": verdict.attempts,
        "archive": archive,
        "citations": (
            [f"{p.file.path}#{p.citation.id}" for p in places]
            if several
            else list(verdict.citation_ids)
        ),
        "fix": suggested_fix(verdict),
        "elapsed": round(verdict.elapsed, 3),
        "details": list(verdict.details),
        "cited_in": _places(places),
        "checked_at": checked_at_text(verdict),
        "cached": verdict.cached,
    }


def _places(places: list[Place]) -> list[dict[str, Any]]:
    """Each note citing the link once, even when the note cites it twice."""
    seen = {(p.file.path, p.citation.section, p.citation.note_mark): p for p in places}
    return [
        {"section": section, "note": mark, "line": place.citation.note_line, "file": path}
        for (path, section, mark), place in seen.items()
    ]


def _problem(problem: Problem) -> dict[str, Any]:
    return {
        "kind": problem.kind,
        "severity": problem.severity,
        "section": problem.section,
        "line": problem.line,
        "note": problem.note,
        "message": problem.message,
    }
