"""The HTML report: one self-contained page (inline CSS and JS, no fetches), chapter by chapter.

Every note appears with its citations and the verdict of each cited link; moved links show
the new URL, dead ones the archived copy. Marker problems sit beside their note and at the
head of their chapter. The verdict filter is a progressive enhancement: without scripts
every note is shown. Every piece of text from the manuscript or the web is escaped
(`citecheck.reports.escape.html`). A run over several
files opens with an index of the files, then each file's chapters under its name (their
anchors prefixed "f1-", "f2-", … so that they stay unique on the page).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from citecheck.citations.scripts import KANA
from citecheck.model import Citation, CitationVerdict, ParsedNote, Problem, Report, Verdict
from citecheck.reports.citations import cited_works, record_link
from citecheck.reports.common import (
    PROBLEM_STATES,
    VERDICT_STATES,
    citations_by_id,
    file_views,
    section_order,
    suggested_fix,
    summarize,
    summary_line,
)
from citecheck.reports.describe import date_text, names_text
from citecheck.reports.escape import html as escape
from citecheck.reports.escape import html_href, is_web_address
from citecheck.reports.freshness import cached_note, checked_at_text
from citecheck.reports.html_assets import CSS, JS

FILTERS = (("all", "All notes"), ("problems", "Needs work"), *((s, s) for s in VERDICT_STATES))


def render(report: Report) -> str:
    several = len(report.files) > 1
    title = f"citecheck report: {report.parsed.document.path}"
    body = [_toc(report), "<main>", *_chapters(report), "</main>"]
    if several:
        body = [_file_index(report), "<main>", *_files(report), "</main>"]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            # Nothing on this page may load anything from anywhere.
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">",
            f"<title>{escape(title)}</title>",
            f"<style>\n{CSS}</style>",
            "</head>",
            "<body>",
            _header(report),
            *body,
            f"<script>\n{JS}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _header(report: Report) -> str:
    summary = summarize(report)
    counts = "".join(
        f'<li><span class="badge {state}">{state}</span> <b>{summary.counts[state]}</b></li>'
        for state in VERDICT_STATES
    )
    buttons = "".join(
        f'<button type="button" data-filter="{key}">{escape(label)}</button>'
        for key, label in FILTERS
    )
    offline = (
        '<p class="offline"><b>Offline:</b> the network was unreachable, so every link is '
        "inconclusive and none is reported dead.</p>"
        if summary.offline
        else ""
    )
    unchecked = "" if summary.links_checked else '<p class="note-info">Links were not checked.</p>'
    # With several files, each file's part of the page lists its own.
    general = [p for p in report.problems if not p.section] if len(report.files) == 1 else []
    return (
        "<header>"
        "<h1>citecheck report</h1>"
        f'<p class="source">{escape(report.parsed.document.path)}</p>'
        f'<p class="summary">{escape(summary_line(report))}</p>'
        f"{f'<ul class=counts>{counts}</ul>' if summary.links_checked else ''}{offline}{unchecked}"
        f"{_problem_list(general)}"
        f'<nav class="filter" hidden aria-label="Filter notes by verdict">Show: {buttons}'
        '<output class="shown"></output></nav>'
        "</header>"
    )


def _toc(report: Report, prefix: str = "") -> str:
    grouped = _notes_by_section(report)
    items = "".join(
        f'<li><a href="#{prefix}s{index}">{escape(label)}</a> '
        f"<small>{len(grouped.get(label, []))}</small></li>"
        for index, label in enumerate(section_order(report), 1)
    )
    return f'<nav class="toc" aria-label="Chapters"><ul>{items}</ul></nav>'


def _file_index(report: Report) -> str:
    """The files of the run, each with its counts, linking to its part of the page."""
    items = []
    for number, result in enumerate(report.files, 1):
        if result.error is not None:
            items.append(
                f'<li><a href="#f{number}">{escape(result.path)}</a> '
                f'<span class="problem error">{escape(result.error)}</span></li>'
            )
            continue
        notes = len(result.parsed.notes) if result.parsed is not None else 0
        needs_work = sum(v.state in PROBLEM_STATES for v in result.verdicts)
        items.append(
            f'<li><a href="#f{number}">{escape(result.path)}</a> <small>'
            f"{_plural(notes, 'note')}, {_plural(needs_work, 'link')} to look at, "
            f"{_plural(len(result.problems), 'note problem')}</small></li>"
        )
    return f'<nav class="toc files" aria-label="Files"><ol>{"".join(items)}</ol></nav>'


def _files(report: Report) -> list[str]:
    views = iter(file_views(report))
    parts = []
    for number, result in enumerate(report.files, 1):
        heading = f'<h2 class="file-name">{escape(result.path)}</h2>'
        if result.error is not None:
            parts.append(
                f'<section class="file" id="f{number}">{heading}'
                f'<p class="problem error">{escape(result.error)}</p></section>'
            )
            continue
        view = next(views)
        prefix = f"f{number}-"
        general = _problem_list([p for p in view.problems if not p.section])
        parts.append(
            f'<section class="file" id="f{number}">{heading}{general}{_toc(view, prefix)}'
            f"{''.join(_chapters(view, prefix))}</section>"
        )
    return parts


def _notes_by_section(report: Report) -> dict[str, list[ParsedNote]]:
    grouped: dict[str, list[ParsedNote]] = {}
    for parsed in report.parsed.notes:
        grouped.setdefault(parsed.note.section, []).append(parsed)
    return grouped


@dataclass(frozen=True)
class _Lookups:
    """What a note needs from the rest of the report to be drawn; `prefix` keeps the
    anchors of one file's part of the page apart from another's."""

    verdicts: dict[str, list[Verdict]]
    citations: dict[str, Citation]
    prefix: str = ""
    works: dict[str, CitationVerdict] = field(default_factory=dict)


def _chapters(report: Report, prefix: str = "") -> list[str]:
    grouped = _notes_by_section(report)
    works = {w.verdict.citation_id: w.verdict for w in cited_works(report)}
    lookups = _Lookups(_verdicts_by_citation(report), citations_by_id(report), prefix, works)
    problems: dict[str, list[Problem]] = {}
    for problem in report.problems:
        if problem.section:
            problems.setdefault(problem.section, []).append(problem)
    chapters = []
    for index, label in enumerate(section_order(report), 1):
        notes = grouped.get(label, [])
        numbers = {parsed.note.number for parsed in notes}
        chapter_problems = problems.get(label, [])
        body = "".join(_note(index, parsed, lookups, chapter_problems) for parsed in notes)
        # Problems about a note are shown on that note; the rest at the head of the chapter.
        loose = [p for p in chapter_problems if p.note is None or p.note not in numbers]
        chapters.append(
            f'<section class="chapter" id="{prefix}s{index}">'
            f"<h2>{escape(label)} <small>{_plural(len(notes), 'note')}</small></h2>"
            f"{_problem_list(loose)}"
            f'<ol class="notes">{body}</ol>'
            "</section>"
        )
    return chapters


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _verdicts_by_citation(report: Report) -> dict[str, list[Verdict]]:
    table: dict[str, list[Verdict]] = {}
    for verdict in report.verdicts:
        for cid in verdict.citation_ids:
            table.setdefault(cid, []).append(verdict)
    return table


def _note(
    chapter: int, parsed: ParsedNote, lookups: _Lookups, chapter_problems: list[Problem]
) -> str:
    note = parsed.note
    own_problems = [p for p in chapter_problems if p.note is not None and p.note == note.number]
    states = {v.state for c in parsed.citations for v in lookups.verdicts.get(c.id, [])}
    needs_work = bool(own_problems) or bool(states & set(PROBLEM_STATES))
    citations = "".join(_citation(c, lookups) for c in parsed.citations)
    commentary = (
        f'<p class="commentary">{escape(parsed.commentary)}</p>'
        if parsed.commentary and parsed.citations
        else ""
    )
    mark_id = "".join(ch if ch.isalnum() else "-" for ch in note.mark)
    return (
        f'<li class="note" id="{lookups.prefix}s{chapter}-n{escape(mark_id)}" '
        f'data-verdicts="{" ".join(sorted(states))}" data-needs-work="{str(needs_work).lower()}">'
        f'<div class="note-head"><span class="mark">{escape(note.mark)}</span>'
        f'<span class="line">line {note.line}</span></div>'
        f'<p class="note-text"{_text_lang(note.text)}>{escape(note.text)}</p>'
        f"{_problem_list(own_problems)}"
        f'<ul class="citations">{citations}</ul>{commentary}'
        "</li>"
    )


def _backref(citation: Citation, lookups: _Lookups) -> str:
    """ "ibid → note 4" linking to the full citation, or why it could not be resolved."""
    assert citation.backref is not None
    backref = citation.backref
    target = lookups.citations.get(backref.target or "")
    if target is None:
        pointer = escape(f"unresolved ({backref.problem or 'no earlier citation'})")
    else:
        where = f"note {target.note_mark}"
        if target.section != citation.section:
            where = f"{target.section} {where}"
        pointer = f'<a href="#{escape(lookups.prefix + target.id)}">{escape(where)}</a>'
    return f'<span class="backref">{escape(backref.kind)} → {pointer}</span>'


def _citation(citation: Citation, lookups: _Lookups) -> str:
    csl = citation.csl
    parts = [] if citation.backref is None else [_backref(citation, lookups)]
    fields = (
        ("title", str(csl.get("title", ""))),
        ("authors", names_text(csl)),
        ("container", str(csl.get("container-title", ""))),
        ("date", date_text(csl)),
        ("type", str(csl.get("type", ""))),
    )
    parts += [f'<span class="{name}">{escape(value)}</span>' for name, value in fields if value]
    work = lookups.works.get(citation.id)
    if work is not None:
        parts.append(_work(work))
    links = "".join(_link(verdict) for verdict in lookups.verdicts.get(citation.id, []))
    return (
        f'<li class="citation" id="{escape(lookups.prefix + citation.id)}"{_lang(csl)}>'
        f'{" ".join(parts)}'
        f"{f'<ul class=links>{links}</ul>' if links else ''}</li>"
    )


def _text_lang(text: str) -> str:
    """Japanese for a note written with kana, so shared Han characters take Japanese forms."""
    return ' lang="ja"' if KANA.search(text) else ""


def _lang(csl: dict[str, Any]) -> str:
    """The item's language, so the browser picks the right glyphs for shared Han characters."""
    language = str(csl.get("language") or "")
    return f' lang="{escape(language)}"' if language else ""


def _anchor(url: str, text: str | None = None) -> str:
    """A link only for web addresses; anything else (javascript:, data:) stays plain text."""
    label = escape(text or url)
    if is_web_address(url):
        return f'<a href="{html_href(url)}" rel="noreferrer noopener">{label}</a>'
    return f"<code>{label}</code>"


def _link(verdict: Verdict) -> str:
    fix = suggested_fix(verdict)
    fix_html = ""
    if fix:
        if verdict.state == "moved" or verdict.archive is None:
            label = "new URL"
        else:
            label = f"archived copy of {escape(_timestamp_date(verdict.archive.timestamp))}"
        fix_html = f'<div class="fix">{label}: {_anchor(fix)}</div>'
    status = "" if verdict.status is None else f" · HTTP {verdict.status}"
    cached = cached_note(verdict)
    if cached:
        status += f' · <span title="{escape(checked_at_text(verdict) or "")}">{cached}</span>'
    return (
        f'<li class="link" data-verdict="{escape(verdict.state)}">'
        f'<span class="badge {escape(verdict.state)}">{escape(verdict.state)}</span> '
        f"{_anchor(verdict.url)} "
        f'<span class="reason">{escape(verdict.reason)}{status}</span>{fix_html}</li>'
    )


def _work(verdict: CitationVerdict) -> str:
    """The cited work's badge, its reason, and the record that decided it (linked)."""
    found = record_link(verdict)
    record = ""
    if found:
        service = verdict.evidence[0].service if verdict.evidence else "found"
        record = f' <span class="record">{escape(service)}: {_anchor(found)}</span>'
    differs = "; ".join(
        f"{d.field}: “{d.cited or '—'}” ≠ “{d.found or '—'}”" for d in verdict.differences
    )
    differs_html = f'<div class="fix">{escape(differs)}</div>' if differs else ""
    return (
        f'<div class="work" data-verdict="{escape(verdict.state)}">'
        f'<span class="badge {escape(verdict.state)}">work: {escape(verdict.state)}</span> '
        f'<span class="reason">{escape(verdict.reason)}</span>{record}{differs_html}</div>'
    )


def _timestamp_date(timestamp: str) -> str:
    """ "20230301000000" → "2023-03-01"; anything else as it is."""
    if len(timestamp) >= 8 and timestamp[:8].isdigit():
        return f"{timestamp[:4]}-{timestamp[4:6]}-{timestamp[6:8]}"
    return timestamp


def _problem_list(problems: list[Problem]) -> str:
    if not problems:
        return ""
    items = "".join(
        f'<li class="problem {escape(p.severity)}"><b>{escape(p.severity)}</b> '
        f"{'' if p.note is None else f'note {p.note}: '}{escape(p.message)} "
        f"<small>{escape(p.kind)}{'' if p.line is None else f', line {p.line}'}</small></li>"
        for p in problems
    )
    return f'<ul class="problems">{items}</ul>'
