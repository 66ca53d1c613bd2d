"""What every writer derives from a `Report`: counts, the fix for a link, where it is cited."""

from __future__ import annotations

from dataclasses import dataclass

from citecheck.model import Citation, Report, Verdict

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
