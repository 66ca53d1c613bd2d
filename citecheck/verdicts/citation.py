"""`judge_citation(observed) -> CitationVerdict`: a cited work's verdict, from its link
verdicts and its look-ups, by small pure rules tried in order (as `judge` for links).

    offline           no network: inconclusive "offline", never dead
    doi-mismatch      the DOI's record is another work, or the work cited wrongly
    page-differs      the live page is another one (no label holds the cited title)
    doi-matches       the DOI's record is the work: resolvable
    live-link         the link answers (moved: at its new address)
    search-mismatch   a catalogue holds the work, with fields cited wrongly
    found-elsewhere   the link is dead, a catalogue holds the work: moved to its record
    search-match      a catalogue holds the work: resolvable (its DOI suggested)
    archived          the link is dead, the archive has a copy: moved to it
    dead-link         the link is dead and the work was found nowhere else
    link-unclear      the link gave no clear answer: inconclusive with its reason
    not-asked         rate-limited / failed / out of scope / no service fits
    not-found         every catalogue that fits was asked and none knows the work

A `citation-mismatch` (error) or `citation-not-found` (warning) problem comes with the
verdicts that say so (`citation_problem`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from citecheck.links.urls import doi_of
from citecheck.lookup.matching import Match, best, match, mismatching, page_title_score
from citecheck.lookup.record import Lookup, Query, Record
from citecheck.lookup.run import WorkLookups
from citecheck.lookup.thresholds import PAGE_TITLE
from citecheck.model import (
    Citation,
    CitationEvidence,
    CitationVerdict,
    FieldScore,
    Problem,
    Verdict,
)


@dataclass(frozen=True)
class Observed:
    """What is known about one full citation: its query, the verdicts of the links it
    cites (its DOI's included), its look-ups (None when none were made) and whether the
    network was unreachable."""

    citation_id: str
    query: Query
    links: tuple[Verdict, ...] = ()
    lookups: WorkLookups | None = None
    offline: bool = False

    @property
    def url_links(self) -> tuple[Verdict, ...]:
        return tuple(v for v in self.links if not doi_of(v.url))

    @property
    def searched(self) -> tuple[Lookup, ...]:
        return self.lookups.searches if self.lookups else ()

    @property
    def doi_record(self) -> Record | None:
        doi = self.lookups.doi if self.lookups else None
        return doi.records[0] if doi and doi.records else None

    @property
    def page_record(self) -> Record | None:
        page = self.lookups.page if self.lookups else None
        return page.records[0] if page and page.outcome == "answered" and page.records else None

    def search_match(self) -> Match | None:
        for lookup in self.searched:
            found = best(self.query, lookup.records) if lookup.outcome == "answered" else None
            if found is not None:
                return found
        return None


Rule = Callable[[Observed], CitationVerdict | None]


def _verdict(observed: Observed, state: str, reason: str, **values: object) -> CitationVerdict:
    return CitationVerdict(observed.citation_id, state, reason, **values)  # type: ignore[arg-type]


def _evidence(found: Match) -> CitationEvidence:
    record = found.record
    return CitationEvidence(record.service, record.id, record.url, found.scores)


def _record_url(record: Record) -> str:
    return f"https://doi.org/{record.doi}" if record.doi else record.url


def offline(observed: Observed) -> CitationVerdict | None:
    if observed.offline or any(v.reason == "offline" for v in observed.links):
        return _verdict(observed, "inconclusive", "offline")
    return None


def doi_mismatch(observed: Observed) -> CitationVerdict | None:
    record = observed.doi_record
    if record is None:
        return None
    differences = mismatching(observed.query, record)
    if not differences:
        return None
    evidence = [_evidence(match(observed.query, record))]
    elsewhere = observed.search_match()
    if elsewhere is not None and elsewhere.agrees and elsewhere.record.doi != record.doi:
        evidence.append(_evidence(elsewhere))
        url = _record_url(elsewhere.record)
        return _verdict(
            observed,
            "moved",
            "doi-of-another-work",
            new_url=url,
            found_doi=elsewhere.record.doi,
            evidence=tuple(evidence),
            differences=differences,
        )
    return _verdict(
        observed, "inconclusive", "mismatch", evidence=tuple(evidence), differences=differences
    )


def page_differs(observed: Observed) -> CitationVerdict | None:
    record = observed.page_record
    if record is None:
        return None
    score = page_title_score(observed.query.title, record)
    if score is None or score >= PAGE_TITLE:
        return None
    field = FieldScore("title", score, observed.query.title, record.title)
    evidence = CitationEvidence("page", record.id, record.url, (field,))
    return _verdict(
        observed, "inconclusive", "page-title-differs", evidence=(evidence,), differences=(field,)
    )


def doi_matches(observed: Observed) -> CitationVerdict | None:
    record = observed.doi_record
    if record is None:
        return None
    return _verdict(
        observed, "resolvable", "doi-matches", evidence=(_evidence(match(observed.query, record)),)
    )


def live_link(observed: Observed) -> CitationVerdict | None:
    live = [v for v in observed.url_links if v.state in ("resolvable", "moved")]
    if not live:
        return None
    evidence: tuple[CitationEvidence, ...] = ()
    record = observed.page_record
    if record is not None:
        score = page_title_score(observed.query.title, record)
        field = FieldScore("title", score, observed.query.title, record.title)
        evidence = (CitationEvidence("page", record.id, record.url, (field,)),)
    moved = next((v for v in live if v.state == "moved"), None)
    if moved is not None and not any(v.state == "resolvable" for v in live):
        return _verdict(observed, "moved", "link-moved", new_url=moved.new_url, evidence=evidence)
    return _verdict(observed, "resolvable", "link-resolvable", evidence=evidence)


def search_mismatch(observed: Observed) -> CitationVerdict | None:
    found = observed.search_match()
    if found is None or found.agrees:
        return None
    return _verdict(
        observed,
        "inconclusive",
        "mismatch",
        found_doi=found.record.doi,
        evidence=(_evidence(found),),
        differences=found.differences,
    )


def found_elsewhere(observed: Observed) -> CitationVerdict | None:
    found = observed.search_match()
    dead = [v for v in observed.links if v.state == "dead"]
    if found is None or not dead:
        return None
    return _verdict(
        observed,
        "moved",
        "found-elsewhere",
        new_url=_record_url(found.record),
        found_doi=found.record.doi,
        evidence=(_evidence(found),),
        details=tuple(f"{v.url} is dead ({v.reason})" for v in dead),
    )


def search_match(observed: Observed) -> CitationVerdict | None:
    found = observed.search_match()
    if found is None:
        return None
    return _verdict(
        observed,
        "resolvable",
        "record-matches",
        found_doi=found.record.doi,
        evidence=(_evidence(found),),
    )


def archived(observed: Observed) -> CitationVerdict | None:
    dead = next((v for v in observed.links if v.state == "dead" and v.archive), None)
    if dead is None or dead.archive is None:
        return None
    return _verdict(observed, "moved", "archived-copy", new_url=dead.archive.url)


def dead_link(observed: Observed) -> CitationVerdict | None:
    dead = next((v for v in observed.links if v.state == "dead"), None)
    if dead is None:
        return None
    asked = ", ".join(lookup.service for lookup in observed.searched) or "no catalogue"
    return _verdict(
        observed, "dead", f"link-{dead.reason}", details=(f"{dead.url} is dead; asked {asked}",)
    )


def link_unclear(observed: Observed) -> CitationVerdict | None:
    unclear = next((v for v in observed.links if v.state == "inconclusive"), None)
    if unclear is None or (_unanswered(observed) is not None and not observed.searched):
        return None
    return _verdict(observed, "inconclusive", f"link-{unclear.reason}")


def not_asked(observed: Observed) -> CitationVerdict | None:
    reason = _unanswered(observed)
    if reason is None:
        return None
    details = tuple(f"{one.service}: {one.detail}" for one in observed.searched if one.detail)
    return _verdict(observed, "inconclusive", reason, details=details)


def not_found(observed: Observed) -> CitationVerdict:
    asked = tuple(lookup.service for lookup in observed.searched)
    return _verdict(observed, "inconclusive", "not-found", details=(f"asked {', '.join(asked)}",))


def _unanswered(observed: Observed) -> str | None:
    """Why the catalogues did not settle the question, or None when all that fit answered."""
    lookups = observed.lookups
    if lookups is None or not lookups.looked_up:
        return "not-looked-up"
    if not lookups.searchable:
        return "no-service"
    outcomes = {lookup.outcome for lookup in lookups.searches}
    if "offline" in outcomes:
        return "offline"
    if "rate-limited" in outcomes:
        return "rate-limited"
    if "failed" in outcomes or len(lookups.searches) < len(lookups.searchable):
        return "service-failed"
    return None


RULES: tuple[Rule, ...] = (
    offline,
    doi_mismatch,
    page_differs,
    doi_matches,
    live_link,
    search_mismatch,
    found_elsewhere,
    search_match,
    archived,
    dead_link,
    link_unclear,
    not_asked,
)


def judge_citation(observed: Observed) -> CitationVerdict:
    """The verdict on the work `observed` describes, with its reason and evidence."""
    return next((v for rule in RULES if (v := rule(observed)) is not None), None) or not_found(
        observed
    )


def citation_problem(citation: Citation, verdict: CitationVerdict) -> Problem | None:
    """The `citation-mismatch` or `citation-not-found` problem a verdict carries, if any."""
    note = int(citation.note_mark) if citation.note_mark.isdigit() else None
    if verdict.differences:
        service = verdict.evidence[0].service if verdict.evidence else "the record"
        what = {
            "doi": f"DOI {verdict.evidence[0].record_id if verdict.evidence else ''} names",
            "page": "the cited page is",
        }.get(service, f"{service} has")
        fields = "; ".join(
            f"{d.field} “{d.cited or '—'}” cited, “{d.found or '—'}” in the record"
            for d in verdict.differences
        )
        if verdict.reason == "page-title-differs":
            message = f"{what} another page: {fields}"
        else:
            message = f"{what} a work that differs: {fields}"
        return Problem(
            "citation-mismatch", "error", citation.section, citation.note_line, note, message
        )
    if verdict.reason == "not-found":
        title = citation.csl.get("title") or citation.text[:80]
        detail = verdict.details[0] if verdict.details else ""
        message = f"“{title}” was found in no catalogue ({detail})"
        return Problem(
            "citation-not-found", "warning", citation.section, citation.note_line, note, message
        )
    return None
