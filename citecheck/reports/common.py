"""What every writer derives from a `Report`: counts, the fix for a link, where it is cited."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from citecheck.links.urls import dedup_key
from citecheck.model import Citation, FileResult, Report, Verdict

VERDICT_STATES: tuple[str, ...] = ("resolvable", "moved", "dead", "inconclusive")
"""The four verdicts, in the order the summaries list them."""

PROBLEM_STATES: tuple[str, ...] = ("dead", "moved", "inconclusive")
"""Verdicts an editor has to look at, worst first."""


@dataclass(frozen=True)
class Summary:
    notes: int
    citations: int
    links: int
    counts: dict[str, int]
    problems: int
    offline: bool
    links_checked: bool
    files: int = 1
    unreadable: int = 0
    ignored: int = 0


def summarize(report: Report) -> Summary:
    counts = dict.fromkeys(VERDICT_STATES, 0)
    for verdict in report.verdicts:
        counts[verdict.state] = counts.get(verdict.state, 0) + 1
    return Summary(
        notes=len(report.parsed.notes),
        citations=len(report.parsed.citations),
        links=len(report.verdicts),
        counts=counts,
        problems=len(report.problems),
        offline=report.offline,
        links_checked=report.links_checked,
        files=len(report.files),
        unreadable=len(report.unreadable),
        ignored=len(report.ignored),
    )


def summary_line(report: Report) -> str:
    """One line for CI logs: what was checked and what was found."""
    summary = summarize(report)
    parts = [f"{summary.notes} notes", f"{summary.citations} citations"]
    if summary.links_checked:
        verdicts = ", ".join(f"{summary.counts[state]} {state}" for state in VERDICT_STATES)
        parts.append(f"{summary.links} links: {verdicts}")
        if summary.ignored:
            parts.append(f"{summary.ignored} ignored by .citecheckignore")
    else:
        parts.append(f"{summary.links} links (not checked)")
    parts.append(f"{summary.problems} note problems")
    parts.append(files_text(summary))
    line = "; ".join(parts)
    if summary.offline:
        line += " — offline: the network was unreachable, so no link is reported dead"
    return line


def suggested_fix(verdict: Verdict) -> str | None:
    """The address the citation should use instead: the new URL, else the archived copy."""
    if verdict.state == "moved" and verdict.new_url:
        return verdict.new_url
    if verdict.state in ("dead", "inconclusive") and verdict.archive is not None:
        return verdict.archive.url
    return None


def citations_by_id(report: Report) -> dict[str, Citation]:
    return {citation.id: citation for citation in report.parsed.citations}


def citing(verdict: Verdict, lookup: dict[str, Citation]) -> list[Citation]:
    """The citations of a link, in document order, skipping ids the parse does not know."""
    return [lookup[cid] for cid in verdict.citation_ids if cid in lookup]


def marks_by_section(verdict: Verdict, lookup: dict[str, Citation]) -> dict[str, list[str]]:
    """The note marks citing a link, grouped by section, sections in document order."""
    places: dict[str, list[str]] = {}
    for citation in citing(verdict, lookup):
        places.setdefault(citation.section, []).append(citation.note_mark)
    return places


def section_order(report: Report) -> list[str]:
    """Section labels in document order; sections named only by problems come last."""
    labels = [section.label for section in report.parsed.document.sections]
    labels += [p.section for p in report.problems if p.section and p.section not in labels]
    return list(dict.fromkeys(labels))


def problem_verdicts(report: Report) -> list[Verdict]:
    """The links an editor must look at: worst verdict first, then in document order."""
    position = {citation.id: index for index, citation in enumerate(report.parsed.citations)}

    def order(verdict: Verdict) -> tuple[int, int, str]:
        first = min((position[c] for c in verdict.citation_ids if c in position), default=-1)
        return PROBLEM_STATES.index(verdict.state), first, verdict.url

    return sorted((v for v in report.verdicts if v.state in PROBLEM_STATES), key=order)


def files_text(summary: Summary) -> str:
    """ "1 file", "12 files (1 unreadable)"."""
    text = f"{summary.files} file{'' if summary.files == 1 else 's'}"
    return text + (f" ({summary.unreadable} unreadable)" if summary.unreadable else "")


def file_view(report: Report, result: FileResult) -> Report:
    """The report of one readable file of `report`, for the writers that go file by file."""
    assert result.parsed is not None
    return Report(
        result.parsed,
        result.problems,
        result.verdicts,
        offline=report.offline,
        links_checked=report.links_checked,
        files=(result,),
    )


def file_views(report: Report) -> list[Report]:
    """One report per readable file, in input order."""
    return [file_view(report, r) for r in report.files if r.parsed is not None]


def location(path: str, line: int | None) -> str:
    """ "docs/a.md:12" (or the path alone without a line), as editors and CI logs link it."""
    return path if line is None else f"{path}:{line}"


@dataclass(frozen=True)
class Place:
    """A citation of a link in one file."""

    file: FileResult
    citation: Citation


def places_by_link(report: Report) -> dict[str, list[Place]]:
    """Every citation of each distinct URL (by its dedup key), file by file, in order."""
    places: dict[str, list[Place]] = {}
    for result in report.files:
        if result.parsed is None:
            continue
        lookup = {citation.id: citation for citation in result.parsed.citations}
        for verdict in result.verdicts:
            found = places.setdefault(dedup_key(verdict.url), [])
            found += [Place(result, lookup[c]) for c in verdict.citation_ids if c in lookup]
    return places



def relative_path(path: str) -> str:
    """`path` relative to the working directory, with forward slashes, when it is under it
    (how CI services name a file of the checkout); else as given."""
    try:
        return Path(os.path.abspath(path)).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return Path(path).as_posix()


@dataclass(frozen=True)
class Finding:
    """One thing to annotate at one place: a link verdict an editor must look at (at the
    first note citing it in a section of a file), a note problem, or an unreadable file."""

    path: str
    line: int | None
    level: str  # "error", "warning" or "note"
    rule: str
    title: str
    message: str


#: How loud each link verdict is in CI annotations (a resolvable link is no finding).
LINK_LEVELS = {"dead": "error", "moved": "warning", "inconclusive": "note"}


def findings(report: Report) -> Iterator[Finding]:
    """What the CI formats annotate, file by file in input order."""
    for result in report.files:
        if result.error is not None:
            yield Finding(result.path, None, "error", "unreadable-file", "unreadable file",
                          result.error)
            continue
        view = file_view(report, result)
        lookup = citations_by_id(view)
        for verdict in problem_verdicts(view):
            fix = suggested_fix(verdict)
            remedy = ""
            if fix:
                remedy = f"; {'new URL' if verdict.state == 'moved' else 'archived copy'}: {fix}"
            for line in () if verdict.citation_ids else verdict.lines:  # a local link
                yield Finding(
                    result.path,
                    line,
                    LINK_LEVELS[verdict.state],
                    f"{verdict.state}-link",
                    f"{verdict.state} link",
                    f"{verdict.url} is {verdict.state} ({verdict.reason})",
                )
            for section, cited in _first_per_section(citing(verdict, lookup)).items():
                marks = ", ".join(dict.fromkeys(c.note_mark for c in cited))
                where = f"{section}, note {marks}: " if section else f"note {marks}: "
                yield Finding(
                    result.path,
                    cited[0].note_line,
                    LINK_LEVELS[verdict.state],
                    f"{verdict.state}-link",
                    f"{verdict.state} link",
                    f"{where}{verdict.url} is {verdict.state} ({verdict.reason}){remedy}",
                )
        for problem in result.problems:
            note = f"note {problem.note}: " if problem.note is not None else ""
            yield Finding(
                result.path,
                problem.line,
                problem.severity,
                problem.kind,
                problem.kind,
                f"{note}{problem.message}",
            )


def _first_per_section(citations: list[Citation]) -> dict[str, list[Citation]]:
    grouped: dict[str, list[Citation]] = {}
    for citation in citations:
        grouped.setdefault(citation.section, []).append(citation)
    return grouped
