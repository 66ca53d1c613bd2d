"""The Markdown report, for a pull-request comment: the summary and a table of problems only."""

from __future__ import annotations

import re

from citecheck.model import Report
from citecheck.reports.common import (
    VERDICT_STATES,
    citations_by_id,
    marks_by_section,
    problem_verdicts,
    suggested_fix,
    summarize,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&!])")


def escape(text: str) -> str:
    """Plain text as inert Markdown: one line, every markup character backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def code(url: str) -> str:
    """A URL as a code span. A table splits cells at a pipe before any inline markup is read,
    and a backslash in front of a pipe does not protect it reliably, so both are written
    percent-encoded, which names the same resource."""
    url = "".join(url.split()).replace("\\", "%5C").replace("|", "%7C")
    return f"`` {url} ``" if "`" in url else f"`{url}`"


def render(report: Report) -> str:
    summary = summarize(report)
    lines = [
        f"### citecheck: {summary.notes} notes, {summary.citations} citations, "
        f"{summary.links} links",
        "",
    ]
    if summary.offline:
        lines += ["**Offline**: the network was unreachable, so no link is reported dead.", ""]
    if summary.links_checked:
        lines += [
            "| " + " | ".join(VERDICT_STATES) + " | note problems |",
            "|" + "---:|" * (len(VERDICT_STATES) + 1),
            "| "
            + " | ".join(str(summary.counts[s]) for s in VERDICT_STATES)
            + f" | {summary.problems} |",
            "",
        ]
    else:
        lines += [f"Links were not checked. Note problems: {summary.problems}.", ""]
    rows = _rows(report)
    if not rows:
        lines.append("No problems found.")
        return "\n".join(lines) + "\n"
    lines += ["| Section | Note | Problem | Where | Fix |", "|---|---|---|---|---|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _rows(report: Report) -> list[list[str]]:
    rows: list[list[str]] = []
    lookup = citations_by_id(report)
    for verdict in problem_verdicts(report):
        fix = suggested_fix(verdict)
        for section, marks in (marks_by_section(verdict, lookup) or {"": []}).items():
            rows.append(
                [
                    escape(section),
                    escape(", ".join(dict.fromkeys(marks))),
                    f"**{verdict.state}** ({escape(verdict.reason)})",
                    code(verdict.url),
                    code(fix) if fix else "",
                ]
            )
    for problem in report.problems:
        where = f"line {problem.line}" if problem.line is not None else ""
        rows.append(
            [
                escape(problem.section or ""),
                "" if problem.note is None else str(problem.note),
                f"**{problem.severity}**: {escape(problem.message)} ({escape(problem.kind)})",
                where,
                "",
            ]
        )
    return rows
