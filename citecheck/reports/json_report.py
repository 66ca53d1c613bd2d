"""The JSON report: the shape `citecheck check --format json` promises (README, "Output formats").

Keys in `summary` and in each link are stable; new keys may be added, none removed.
"""

from __future__ import annotations

import json
from typing import Any

from citecheck.model import Citation, Problem, Report, Verdict
from citecheck.reports.common import citations_by_id, citing, suggested_fix, summarize


def render(report: Report) -> str:
    """The report as JSON, one link and one problem per line.

    Line-per-item keeps the file readable and diffable while each item goes through
    json's C encoder: `indent=2` falls back to the pure-Python one, a tenth of a
    second on a few thousand links.
    """
    data = as_dict(report)
    lines = ["{", f'  "summary": {_compact(data["summary"])},']
    for key in ("links", "problems"):
        items = [f"    {_compact(item)}" for item in data[key]]
        closing = "," if key == "links" else ""
        if items:
            lines += [f'  "{key}": [', ",\n".join(items), f"  ]{closing}"]
        else:
            lines.append(f'  "{key}": []{closing}')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def as_dict(report: Report) -> dict[str, Any]:
    summary = summarize(report)
    lookup = citations_by_id(report)
    return {
        "summary": {
            "citations": summary.citations,
            "links": summary.links,
            **summary.counts,
            "offline": summary.offline,
            "notes": summary.notes,
            "problems": summary.problems,
            "links_checked": summary.links_checked,
            "ignored": summary.ignored,
        },
        "links": [_link(verdict, citing(verdict, lookup)) for verdict in report.verdicts],
        "problems": [_problem(problem) for problem in report.problems],
    }


def _link(verdict: Verdict, citations: list[Citation]) -> dict[str, Any]:
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
        "citations": list(verdict.citation_ids),
        "fix": suggested_fix(verdict),
        "elapsed": round(verdict.elapsed, 3),
        "details": list(verdict.details),
        "cited_in": _places(citations),
    }


def _places(citations: list[Citation]) -> list[dict[str, Any]]:
    """Each note citing the link once, even when the note cites it twice."""
    places = {(c.section, c.note_mark): c.note_line for c in citations}
    return [
        {"section": section, "note": mark, "line": line} for (section, mark), line in places.items()
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
