"""Writers for a `Verification`: a terminal report for editors and JSON for tools.

JSON shape (stable; keys may be added):

    {"path": str, "has_body": bool, "notices": [str],
     "summary": {"errors": int, "warnings": int},
     "problems": [PROBLEM],
     "sections": [{"label": str, "markers": int, "notes": int, "unnumbered_notes": int,
                   "problems": [PROBLEM]}]}

    PROBLEM = {"kind": str, "severity": "error" | "warning", "line": int | null,
               "note": int | null, "message": str, "see_also": [int]}

The top-level "problems" are those of no chapter (no marker anywhere in the text).
`notes` counts numbered notes; symbol notes (*, ※) are in `unnumbered_notes`.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from citecheck.model import Problem
from citecheck.reports import escape
from citecheck.verify import SectionResult, Verification

#: Warnings that come by the dozen: in the terminal, one line per chapter lists their notes
#: (the JSON keeps every one).
GROUPED_WARNINGS = {"web-source-without-link": "sources on the web cited without a URL or DOI"}


def to_json(result: Verification) -> str:
    data: dict[str, Any] = {
        "path": result.path,
        "has_body": result.has_body,
        "notices": list(result.notices),
        "summary": {"errors": result.errors, "warnings": result.warnings},
        "problems": [_problem_json(p) for p in result.general],
        "sections": [
            {
                "label": section.label,
                "markers": section.markers,
                "notes": section.notes,
                "unnumbered_notes": section.unnumbered_notes,
                "problems": [_problem_json(p) for p in section.problems],
            }
            for section in result.sections
        ],
    }
    return escape.json_text(data, indent=2) + "\n"


def _problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "kind": problem.kind,
        "severity": problem.severity,
        "line": problem.line,
        "note": problem.note,
        "message": problem.message,
        "see_also": list(problem.see_also),
    }


def to_terminal(result: Verification) -> str:
    lines = [f"{result.path}: note verification"]
    lines += [f"  note: {notice}" for notice in result.notices]
    lines += _problem_lines(result.general, result.in_parts)
    for section in result.sections:
        lines.append("")
        lines.append(_section_heading(section, result.has_body))
        lines += _problem_lines(section.problems, result.in_parts)
    lines.append("")
    lines.append(f"{_count(result.errors, 'error')}, {_count(result.warnings, 'warning')}")
    return "\n".join(escape.terminal(line) for line in lines) + "\n"


def _section_heading(section: SectionResult, has_body: bool) -> str:
    notes = _count(section.notes, "note")
    if section.unnumbered_notes:
        notes += f" (+{section.unnumbered_notes} unnumbered)"
    markers = f"{_count(section.markers, 'marker')}, " if has_body else ""
    state = "ok" if not section.problems else _count(len(section.problems), "problem")
    return f"{section.label}: {markers}{notes} — {state}"


def _problem_lines(problems: tuple[Problem, ...], in_parts: bool = False) -> list[str]:
    """One line per error (and per warning, or per kind of grouped warning). In a document
    of several files the line column is left out: the message names the file and line."""

    def where(problem: Problem) -> str:
        return " " * 10 if in_parts else _where(problem)

    lines = [f"  {where(p)}  {p.severity}: {p.message}" for p in problems if p.severity == "error"]
    warnings = sorted((p for p in problems if p.severity == "warning"), key=lambda p: p.kind)
    for kind, group in groupby(warnings, key=lambda p: p.kind):
        found = list(group)
        if kind not in GROUPED_WARNINGS or len(found) == 1:
            lines += [f"  {where(p)}  warning: {p.message}" for p in found]
            continue
        title = GROUPED_WARNINGS[kind]
        notes = ", ".join(f"{p.note if p.note is not None else '?'} (line {p.line})" for p in found)
        lines.append(f"  {'':>10}  warning: {len(found)} {title}: notes {notes}")
    return lines


def _where(problem: Problem) -> str:
    return f"line {problem.line}".rjust(10) if problem.line is not None else " " * 10


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
