"""The terminal report: a summary, then what needs work, file by file and chapter by chapter,
with the fix. Each finding starts with `path:line:`, which editors and CI logs turn into a
link to the place. With several files each file's findings follow its path as a heading.

Colour is decided by the caller (`use_color`) so the writer stays a pure function. The
lines are `styled.Line`s, printed through rich only when colour or wrapping needs it.
"""

from __future__ import annotations

import os
from typing import TextIO

from citecheck.model import Citation, Problem, Report, Verdict
from citecheck.reports import citations, escape
from citecheck.reports.common import (
    citations_by_id,
    citing,
    file_view,
    location,
    problem_verdicts,
    section_order,
    suggested_fix,
    summary_line,
)
from citecheck.reports.freshness import cached_note
from citecheck.reports.styled import Line, Page

STYLES = {
    "resolvable": "green",
    "moved": "yellow",
    "dead": "bold red",
    "inconclusive": "magenta",
    "error": "red",
    "warning": "yellow",
}
OTHER = "(no section)"


def use_color(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def render(report: Report, *, color: bool = False, quiet: bool = False, width: int = 100) -> str:
    console = Page(color, width)
    console.print(Line.of("citecheck: ") + Line.of(summary_line(report), "bold"), soft_wrap=True)
    if quiet:
        return console.render()
    works = list(citations.cited_works(report))
    if works:
        tally = ", ".join(f"{n} {state}" for state, n in citations.counts(report).items())
        console.print(Line.of(f"citations: {tally}"), soft_wrap=True)
    several = len(report.files) > 1
    for result in report.files:
        if result.error is not None:
            console.print()
            line = Line.of(f"{escape.terminal(result.path)}: ")
            line.append("ERROR", style=STYLES["error"])
            error = escape.terminal(result.error)
            console.print(line + Line.of(f" cannot read: {error}"), soft_wrap=True)
            continue
        sections = _sections(file_view(report, result), result.path)
        if several and sections:
            console.print()
            console.print(Line.of(escape.terminal(result.path), "bold"))
        for section, lines in sections.items():
            console.print()
            console.print(Line.of(escape.terminal(section), "bold underline"))
            for line in lines:
                console.print(line, soft_wrap=True)
        moved_or_dead = citations.moved_or_dead(works, result)
        if moved_or_dead:
            console.print()
            console.print(Line.of("Cited works", "bold underline"))
            for work in moved_or_dead:
                console.print(_work_line(work, result.path), soft_wrap=True)
    return console.render()


def _work_line(work: citations.CitedWork, path: str) -> Line:
    """A moved or dead cited work: where it is now, and which service said so."""
    verdict, citation = work.verdict, work.citation
    line = Line.of(f"  {escape.terminal(location(path, citation.note_line))}: ")
    line.append(f"{verdict.state.upper():<12}", style=STYLES[verdict.state])
    title = citation.csl.get("title") or citation.text[:60]
    line.append(escape.terminal(f" note {citation.note_mark}: {title}"))
    line.append(f"  ({escape.terminal(verdict.reason)})", style="dim")
    if verdict.new_url:
        line.append("  → ")
        line.append(escape.terminal(verdict.new_url), style="cyan")
    if verdict.evidence:
        evidence = verdict.evidence[0]
        line.append(escape.terminal(f"  [{evidence.service} {evidence.record_id}]"), style="dim")
    return line


def _sections(report: Report, path: str) -> dict[str, list[Line]]:
    """Problem lines per section, sections in document order, empty sections left out."""
    grouped: dict[str, list[Line]] = {label: [] for label in section_order(report)}
    lookup = citations_by_id(report)
    for verdict in problem_verdicts(report):
        for section, cited in (_by_section(citing(verdict, lookup)) or {OTHER: []}).items():
            grouped.setdefault(section, []).extend(_link_lines(verdict, cited, path))
    for problem in report.problems:
        grouped.setdefault(problem.section or OTHER, []).append(_problem_line(problem, path))
    return {section: lines for section, lines in grouped.items() if lines}


def _by_section(citations: list[Citation]) -> dict[str, list[Citation]]:
    grouped: dict[str, list[Citation]] = {}
    for citation in citations:
        grouped.setdefault(citation.section, []).append(citation)
    return grouped


def _notes_label(marks: list[str]) -> str:
    marks = list(dict.fromkeys(marks))
    if not marks:
        return "no note"
    shown = ", ".join(escape.terminal(mark) for mark in marks)
    return ("note " if len(marks) == 1 else "notes ") + shown


def _link_lines(verdict: Verdict, cited: list[Citation], path: str) -> list[Line]:
    line = cited[0].note_line if cited else None
    prefix = f"  {escape.terminal(location(path, line))}: "
    head = Line.of(prefix)
    head.append(f"{verdict.state.upper():<12}", style=STYLES[verdict.state])
    head.append(f" {_notes_label([c.note_mark for c in cited])}: ")
    head.append(escape.terminal(verdict.url))
    cached = cached_note(verdict)
    reason = escape.terminal(verdict.reason) + (f"; {cached}" if cached else "")
    head.append(f"  ({reason})", style="dim")
    lines = [head]
    fix = suggested_fix(verdict)
    if fix:
        label = "new URL" if verdict.state == "moved" else "archived copy"
        shown = Line.of(escape.terminal(fix), "cyan")
        lines.append(Line.of(f"{'':{len(prefix)}}→ {label}: ") + shown)
    return lines


def _problem_line(problem: Problem, path: str) -> Line:
    line = Line.of(f"  {escape.terminal(location(path, problem.line))}: ")
    line.append(f"{problem.severity.upper():<12}", style=STYLES.get(problem.severity, ""))
    where = f"note {problem.note}: " if problem.note is not None else ""
    line.append(escape.terminal(f" {where}{problem.message} [{problem.kind}]"))
    return line
