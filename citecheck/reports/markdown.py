"""The Markdown report, for a pull-request comment: the summary and a table of problems only,
one table per file under the file's name. URLs are links (autolinks, percent-encoded where
Markdown would misread them); anything but a web address stays inert text."""

from __future__ import annotations

from citecheck.model import Report
from citecheck.reports import citations, escape
from citecheck.reports.common import (
    VERDICT_STATES,
    citations_by_id,
    file_view,
    files_text,
    location,
    marks_by_section,
    problem_verdicts,
    suggested_fix,
    summarize,
)


def render(report: Report) -> str:
    summary = summarize(report)
    lines = [
        f"### citecheck: {summary.notes} notes, {summary.citations} citations, "
        f"{summary.links} links",
        "",
        f"{files_text(summary)}.",
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
    works = list(citations.cited_works(report))
    if works:
        tally = citations.counts(report)
        lines += [
            "| citations | " + " | ".join(tally) + " |",
            "|---|" + "---:|" * len(tally),
            "| | " + " | ".join(str(n) for n in tally.values()) + " |",
            "",
        ]
    found = False
    for result in report.files:
        if result.error is not None:
            lines += [f"#### {escape.markdown(result.path)}", ""]
            lines.append(f"**Cannot read**: {escape.markdown(result.error)}")
            lines.append("")
            found = True
            continue
        rows = _rows(file_view(report, result), result.path)
        rows += [_work_row(w, result.path) for w in citations.moved_or_dead(works, result)]
        if rows:
            lines += [f"#### {escape.markdown(result.path)}", ""]
            lines += ["| Section | Note | Problem | Where | Fix |", "|---|---|---|---|---|"]
            lines += ["| " + " | ".join(row) + " |" for row in rows]
            lines.append("")
            found = True
    if not found:
        lines.append("No problems found.")
    return "\n".join(lines).rstrip("\n") + "\n"


def _rows(report: Report, path: str) -> list[list[str]]:
    rows: list[list[str]] = []
    lookup = citations_by_id(report)
    for verdict in problem_verdicts(report):
        fix = suggested_fix(verdict)
        for section, marks in (marks_by_section(verdict, lookup) or {"": []}).items():
            rows.append(
                [
                    escape.markdown(section),
                    escape.markdown(", ".join(dict.fromkeys(marks))),
                    f"**{verdict.state}** ({escape.markdown(verdict.reason)})",
                    escape.markdown_link(verdict.url),
                    escape.markdown_link(fix) if fix else "",
                ]
            )
    for problem in report.problems:
        where = escape.markdown(location(path, problem.line))
        rows.append(
            [
                escape.markdown(problem.section or ""),
                "" if problem.note is None else str(problem.note),
                f"**{problem.severity}**: {escape.markdown(problem.message)} "
                f"({escape.markdown(problem.kind)})",
                where,
                "",
            ]
        )
    return rows


def _work_row(work: citations.CitedWork, path: str) -> list[str]:
    """A moved or dead cited work, with the record where it was found."""
    verdict, citation = work.verdict, work.citation
    found = citations.record_link(verdict)
    return [
        escape.markdown(citation.section),
        escape.markdown(citation.note_mark),
        f"**{verdict.state}** cited work ({escape.markdown(verdict.reason)})",
        escape.markdown(location(path, citation.note_line)),
        escape.markdown_link(found) if found and escape.is_web_address(found) else "",
    ]
