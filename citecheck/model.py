"""The typed values that pass between the stages.

document → notes → citations → links → checks → verdicts → reports / exports

Every stage takes and returns these frozen dataclasses; no stage reaches into
another stage's internals. CSL-JSON items are plain dicts (the CSL data schema is
the contract), treated as read-only once built.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

# --- document → notes ------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """One note as written in the source.

    `mark` is the label as printed ("12", "*", "fn-a"); `number` is its integer
    value, or None for symbol and named notes. `line` is the 1-based line in the
    source file (the paragraph index for formats without lines). `csl` is set when
    the source already holds the structured citation (a BibTeX entry): the citations
    stage then uses it rather than re-parsing `text`.
    """

    section: str
    mark: str
    number: int | None
    text: str
    line: int
    csl: dict[str, Any] | None = field(default=None, compare=False)

    @property
    def unnumbered(self) -> bool:
        return self.number is None


@dataclass(frozen=True)
class Marker:
    """An in-text reference to a note (a superscript, `[^id]`, a noteref link)."""

    section: str
    mark: str
    number: int | None
    line: int
    column: int


@dataclass(frozen=True)
class Section:
    """A block of notes that share one numbering (a chapter's endnotes).

    `kind` is "references" for a reference list (References, 参考文献, Литература, …):
    each of its notes is one entry, a single citation never split at `;`.
    """

    label: str
    notes: tuple[Note, ...]
    line: int = 0
    kind: Literal["notes", "references"] = "notes"


@dataclass(frozen=True)
class Part:
    """One file of a document made of several, in reading order (an EPUB's content
    documents): the document's lines are numbered on through its parts, so the order of
    markers and notes is the reading order; part line 1 is document line `first_line`."""

    first_line: int
    name: str
    title: str = ""


@dataclass(frozen=True)
class Document:
    """What a reader found in one file.

    `has_body` tells whether the body text was present and searched for markers:
    a file holding only the notes has no markers to match, and verification must
    not call every note unreferenced. `warnings` are parts of the file that were
    skipped (a broken BibTeX entry) while the rest was kept.

    Where the format lets one note be cited from several places (a pandoc `[^1]`
    used twice, a reused Wikipedia reference, the same `<sup>3</sup>` in both halves
    of a bilingual text), `markers` holds the first reference to each note and
    `repeat_markers` the later ones, so a re-citation is not taken for a duplicate.
    """

    path: str
    format: str
    sections: tuple[Section, ...]
    markers: tuple[Marker, ...] = ()
    has_body: bool = False
    body_sections: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    repeat_markers: tuple[Marker, ...] = ()
    parts: tuple[Part, ...] = ()

    @property
    def notes(self) -> tuple[Note, ...]:
        return tuple(note for section in self.sections for note in section.notes)

    def place(self, line: int) -> str:
        """Where document line `line` is: "line 12", or "OEBPS/ch2.xhtml:12 (Chapter 2)"
        in a document of several parts."""
        part = next((p for p in reversed(self.parts) if p.first_line <= line), None)
        if part is None:
            return f"line {line}"
        title = f" ({part.title})" if part.title else ""
        return f"{part.name}:{line - part.first_line + 1}{title}"


def section_key(label: str) -> str:
    """Fold a section label so a body heading and a notes heading compare equal.

    "第 1 章", "【第1章】" and "[第１章]" all fold to "第1章".
    """
    folded = unicodedata.normalize("NFKC", label)
    folded = folded.strip().strip("[]【】()（）〔〕")
    return "".join(folded.split()).casefold()


# --- notes → citations -------------------------------------------------------------

BackRefKind = Literal["ibid", "op-cit", "short-form"]


@dataclass(frozen=True)
class BackRef:
    """A citation that stands for an earlier one (同上, 前掲書, Ibid., a short form).

    `target` is the id of the full citation it resolves to, or None when it could
    not be resolved; `problem` says why ("missing", "other-section", "ambiguous").
    """

    kind: BackRefKind
    target: str | None
    problem: str | None = None


@dataclass(frozen=True)
class Citation:
    """One cited work inside a note, as a CSL-JSON item plus where it came from."""

    id: str
    section: str
    note_mark: str
    note_line: int
    text: str
    csl: dict[str, Any]
    backref: BackRef | None = None
    locator: str | None = None


@dataclass(frozen=True)
class ParsedNote:
    note: Note
    citations: tuple[Citation, ...]
    commentary: str | None


@dataclass(frozen=True)
class ParsedDocument:
    document: Document
    notes: tuple[ParsedNote, ...]

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(c for parsed in self.notes for c in parsed.citations)


# --- citations → links → checks → verdicts ---------------------------------------------


@dataclass(frozen=True)
class Link:
    """A URL to check, with every citation that cites it.

    `cited_on` is the date the citations give for it (access date, else
    publication date) as "YYYY", "YYYYMM" or "YYYYMMDD", used to pick the
    archive snapshot closest to what the author saw.
    """

    url: str
    citation_ids: tuple[str, ...]
    doi: str | None = None
    cited_on: str | None = None


@dataclass(frozen=True)
class Hop:
    url: str
    status: int


@dataclass(frozen=True)
class Check:
    """One observation of a URL over HTTP (all hops, retries counted)."""

    url: str
    method: str
    status: int | None
    final_url: str | None
    hops: tuple[Hop, ...] = ()
    error: str | None = None
    attempts: int = 1
    elapsed: float = 0.0
    checked_at: float = 0.0
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    content_type: str | None = None


class Fetcher(Protocol):
    """Anything that observes a URL over HTTP and reports a `Check` (citecheck.net's
    client): the one thing checks, archive lookups and platform handlers need from it."""

    def fetch(
        self,
        url: str,
        *,
        method: str = ...,
        headers: Mapping[str, str] | None = ...,
        want_body: bool = ...,
    ) -> Check: ...


VerdictState = Literal["resolvable", "moved", "dead", "inconclusive"]


@dataclass(frozen=True)
class ArchiveSnapshot:
    url: str
    timestamp: str
    status: int | None = None


@dataclass(frozen=True)
class Verdict:
    """The judgement on one link, with the reason code and the evidence for it."""

    url: str
    state: VerdictState
    reason: str
    status: int | None = None
    final_url: str | None = None
    new_url: str | None = None
    hops: tuple[Hop, ...] = ()
    attempts: int = 0
    elapsed: float = 0.0
    archive: ArchiveSnapshot | None = None
    citation_ids: tuple[str, ...] = ()
    details: tuple[str, ...] = field(default_factory=tuple)
    #: Where a link that no note cites is written in its file (a local link): line numbers.
    lines: tuple[int, ...] = ()
    #: When the link was observed (seconds since the epoch; None for a local link), and
    #: whether this run took the verdict from the result cache instead of observing it.
    checked_at: float | None = field(default=None, compare=False)
    cached: bool = field(default=False, compare=False)
    #: What the page answering says it is (its title, og:title, citation_title, JSON-LD
    #: headline), for comparing with the title cited; None when no page was read.
    page_titles: tuple[str, ...] | None = None


# --- citations → look-ups → citation verdicts -------------------------------------------


@dataclass(frozen=True)
class FieldScore:
    """How well one field of a citation agrees with a record: 0..1, None when either
    side lacks it or the two cannot be compared (a romanised against a kanji title)."""

    field: str
    score: float | None
    cited: str | None = None
    found: str | None = None


@dataclass(frozen=True)
class CitationEvidence:
    """One record a service gave for a citation, and how it scored against it."""

    service: str
    record_id: str
    record_url: str
    scores: tuple[FieldScore, ...] = ()


@dataclass(frozen=True)
class CitationVerdict:
    """The judgement on one cited work, in the four words of link verdicts.

    `new_url` is where the work is when it is not where the citation says (moved);
    `found_doi` a DOI a service gave for a citation that has none; `differences` the
    fields that disagree with the record (a `citation-mismatch`); `backref_of` the
    full citation whose verdict a 同上 / Ibid. inherits.
    """

    citation_id: str
    state: VerdictState
    reason: str
    new_url: str | None = None
    found_doi: str | None = None
    evidence: tuple[CitationEvidence, ...] = ()
    differences: tuple[FieldScore, ...] = ()
    details: tuple[str, ...] = ()
    backref_of: str | None = None


# --- verification and the final report ------------------------------------------------

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """Something an editor must look at: a marker without a note, a broken 同上, …

    `see_also` lists other lines involved (the first of two duplicates, the body
    lines between which a missing marker belongs).
    """

    kind: str
    severity: Severity
    section: str | None
    line: int | None
    note: int | None
    message: str
    see_also: tuple[int, ...] = ()


@dataclass(frozen=True)
class FileResult:
    """One input file of a run: what was read and parsed, and what was found in it.

    `parsed` is None when the file could not be read; `error` then says why. `verdicts`
    are the verdicts of this file's links, with this file's citation ids.
    `citation_verdicts` are the verdicts of its cited works (empty unless they were judged).
    """

    path: str
    format: str
    parsed: ParsedDocument | None
    problems: tuple[Problem, ...] = ()
    verdicts: tuple[Verdict, ...] = ()
    error: str | None = None
    citation_verdicts: tuple[CitationVerdict, ...] = ()


@dataclass(frozen=True)
class Report:
    """Everything a writer needs: the parsed notes, marker problems and link verdicts.

    `files` holds one result per input file. `parsed`, `problems` and `verdicts` are the
    whole run's: for one file, that file's; for several, their notes and problems one after
    the other and one verdict per distinct URL (its `citation_ids` are then ambiguous
    across files: writers that name places go through `files`). A Report built without
    `files` is a run of one file. `verdicts` is empty when links were not checked;
    `offline` is True when the network itself was unreachable (every link then
    inconclusive). `ignored` are the distinct URLs that `.citecheckignore` skipped.
    `warnings` are what went wrong around the run without stopping it (a result cache
    that failed and was done without).
    """

    parsed: ParsedDocument
    problems: tuple[Problem, ...] = ()
    verdicts: tuple[Verdict, ...] = ()
    offline: bool = False
    links_checked: bool = False
    files: tuple[FileResult, ...] = ()
    ignored: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.files:
            document = self.parsed.document
            single = FileResult(
                document.path, document.format, self.parsed, self.problems, self.verdicts
            )
            object.__setattr__(self, "files", (single,))

    @property
    def unreadable(self) -> tuple[FileResult, ...]:
        return tuple(result for result in self.files if result.error is not None)
