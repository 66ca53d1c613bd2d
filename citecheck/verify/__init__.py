"""Verification of a manuscript's notes, independent of the input format.

`document_problems` needs only what a reader found (markers and notes);
`citation_problems` needs the parsed citations. `verify` runs both and groups the
problems by chapter for the writers in `citecheck.verify.render`.
"""

from __future__ import annotations

from dataclasses import dataclass

from citecheck.model import Document, ParsedDocument, Problem, section_key
from citecheck.verify.backrefs import backref_problems
from citecheck.verify.dates import impossible_date_problems
from citecheck.verify.numbering import numbering_problems
from citecheck.verify.repeats import repeated_note_problems
from citecheck.verify.sections import section_views
from citecheck.verify.variants import variant_problems
from citecheck.verify.websources import web_source_problems

NO_BODY_NOTICE = "the file holds no body text, so note markers were not checked"


@dataclass(frozen=True)
class SectionResult:
    """One chapter: how many markers and notes were found, and what is wrong."""

    label: str
    markers: int
    notes: int
    unnumbered_notes: int
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Verification:
    """The problems found, chapter by chapter; `general` holds those of no chapter."""

    path: str
    has_body: bool
    sections: tuple[SectionResult, ...]
    general: tuple[Problem, ...] = ()
    notices: tuple[str, ...] = ()
    #: Lines run on through several files (an EPUB): messages name the file and its line.
    in_parts: bool = False

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.general + tuple(p for section in self.sections for p in section.problems)

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.problems)


def document_problems(document: Document) -> list[Problem]:
    """Checks on markers and note texts alone (no citation parsing needed)."""
    return [
        *numbering_problems(document),
        *repeated_note_problems(document),
        *impossible_date_problems(document),
    ]


def citation_problems(parsed: ParsedDocument) -> list[Problem]:
    """Checks that look at the cited works: back-references, variant forms, web sources."""
    return [*backref_problems(parsed), *variant_problems(parsed), *web_source_problems(parsed)]


def verify(parsed: ParsedDocument) -> Verification:
    document = parsed.document
    problems = document_problems(document) + citation_problems(parsed)
    general = tuple(p for p in problems if p.section is None)
    by_section: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.section is not None:
            by_section.setdefault(section_key(problem.section), []).append(problem)
    results = []
    for view in section_views(document):
        found = by_section.pop(view.key, [])
        results.append(
            SectionResult(
                label=view.label,
                markers=len(view.markers),
                notes=sum(note.number is not None for note in view.notes),
                unnumbered_notes=sum(note.number is None for note in view.notes),
                problems=_in_order(found),
            )
        )
    for found in by_section.values():  # a problem in a section no reader reported
        results.append(SectionResult(found[0].section or "", 0, 0, 0, _in_order(found)))
    notices = () if document.has_body else (NO_BODY_NOTICE,)
    return Verification(
        document.path, document.has_body, tuple(results), general, notices, bool(document.parts)
    )


def _in_order(problems: list[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: (p.line is None, p.line or 0, p.severity)))
