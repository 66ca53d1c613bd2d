"""The terminal report: a summary, then what needs work, chapter by chapter, with the fix.

Colour is decided by the caller (`use_color`) so the writer stays a pure function.
"""

from __future__ import annotations

import io
import os
from typing import TextIO

from rich.console import Console
from rich.text import Text

from citecheck.model import Problem, Report, Verdict
from citecheck.reports.common import (
    citations_by_id,
    marks_by_section,
    problem_verdicts,
    section_order,
    suggested_fix,
    summary_line,
)

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
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=width,
        highlight=False,
        emoji=False,
    )
    console.print(Text("citecheck: ") + Text(summary_line(report), style="bold"), soft_wrap=True)
    if quiet:
        return buffer.getvalue()
    for section, lines in _sections(report).items():
        console.print()
        console.print(Text(section, style="bold underline"))
        for line in lines:
            console.print(line, soft_wrap=True)
    return buffer.getvalue()


def _sections(report: Report) -> dict[str, list[Text]]:
    """Problem lines per section, sections in document order, empty sections left out."""
    grouped: dict[str, list[Text]] = {label: [] for label in section_order(report)}
    lookup = citations_by_id(report)
    for verdict in problem_verdicts(report):
        for section, marks in (marks_by_section(verdict, lookup) or {OTHER: []}).items():
            grouped.setdefault(section, []).extend(_link_lines(verdict, marks))
    for problem in report.problems:
        grouped.setdefault(problem.section or OTHER, []).append(_problem_line(problem))
    return {section: lines for section, lines in grouped.items() if lines}


def _notes_label(marks: list[str]) -> str:
    marks = list(dict.fromkeys(marks))
    if not marks:
        return "no note"
    return ("note " if len(marks) == 1 else "notes ") + ", ".join(marks)


def _link_lines(verdict: Verdict, marks: list[str]) -> list[Text]:
    head = Text("  ")
    head.append(f"{verdict.state.upper():<12}", style=STYLES[verdict.state])
    head.append(f" {_notes_label(marks)}: ")
    head.append(verdict.url)
    head.append(f"  ({verdict.reason})", style="dim")
    lines = [head]
    fix = suggested_fix(verdict)
    if fix:
        label = "new URL" if verdict.state == "moved" else "archived copy"
        lines.append(Text(f"{'':14} → {label}: ") + Text(fix, style="cyan"))
    return lines


def _problem_line(problem: Problem) -> Text:
    line = Text("  ")
    line.append(f"{problem.severity.upper():<12}", style=STYLES.get(problem.severity, ""))
    where = f"note {problem.note}: " if problem.note is not None else ""
    line.append(f" {where}{problem.message} [{problem.kind}]")
    if problem.line is not None:
        line.append(f"  (line {problem.line})", style="dim")
    return line
