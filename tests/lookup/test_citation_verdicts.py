"""Cited works judged end to end: look-ups against the fakes, then the pure rules."""

from __future__ import annotations

from typing import Any

from citecheck.lookup.stage import judge_files
from citecheck.model import (
    ArchiveSnapshot,
    BackRef,
    Citation,
    Document,
    FileResult,
    Link,
    Note,
    ParsedDocument,
    ParsedNote,
    Section,
    Verdict,
)
from citecheck.net import NetPolicy
from citecheck.verdicts import Observations, judge
from tests.lookup.conftest import NO_DOI, OTHER, PAPER

POLICY = NetPolicy(connect_timeout=1.0, read_timeout=1.0, deadline=2.0, allow_private=True)


def _checked(http, url: str) -> Verdict:
    """The link check's verdict on `url` (one real fetch, judged as `check` judges it)."""
    return judge(Link(url, ("s1-n1-c1",)), Observations(http.fetch(url)))


def _file(
    items: list[dict[str, Any]], verdicts: tuple[Verdict, ...] = (), backref=None
) -> FileResult:
    citations = [
        Citation(f"s1-n{i}-c1", "Notes", str(i), 10 + i, str(item.get("title")), item)
        for i, item in enumerate(items, 1)
    ]
    if backref is not None:
        n = len(items) + 1
        citations.append(
            Citation(f"s1-n{n}-c1", "Notes", str(n), 10 + n, "Ibid.", {}, BackRef("ibid", backref))
        )
    notes = tuple(
        ParsedNote(Note("Notes", c.note_mark, int(c.note_mark), c.text, c.note_line), (c,), None)
        for c in citations
    )
    document = Document("book.md", "markdown", (Section("Notes", tuple(n.note for n in notes)),))
    return FileResult("book.md", "markdown", ParsedDocument(document, notes), verdicts=verdicts)


def _judge(catalogue, items, verdicts=(), offline=False, backref=None, **settings):
    (result,) = judge_files(
        [_file(items, verdicts, backref)], catalogue.settings(**settings), POLICY, offline=offline
    )
    return result


def _paper(**changes: Any) -> dict[str, Any]:
    item = {
        "type": "article-journal",
        "title": PAPER.title,
        "author": [{"family": "He", "given": "K."}, {"family": "Zhang", "given": "X."}],
        "issued": {"date-parts": [[2016]]},
        "DOI": PAPER.doi,
    }
    item.update(changes)
    return {key: value for key, value in item.items() if value is not None}


def test_matching_doi_is_resolvable(catalogue):
    result = _judge(catalogue, [_paper()])
    (verdict,) = result.citation_verdicts
    assert (verdict.state, verdict.reason) == ("resolvable", "doi-matches")
    evidence = verdict.evidence[0]
    assert (evidence.service, evidence.record_id) == ("doi", PAPER.doi)
    assert {s.field: s.score for s in evidence.scores}["title"] == 1.0
    assert not result.problems


def test_doi_of_another_paper_is_a_mismatch_naming_the_fields(catalogue):
    result = _judge(catalogue, [_paper(DOI=OTHER.doi)])
    (verdict,) = result.citation_verdicts
    fields = {d.field: (d.cited, d.found) for d in verdict.differences}
    assert fields["title"] == (PAPER.title, OTHER.title)
    assert fields["year"] == ("2016", "1997")
    assert "authors" in fields
    # the search finds the work cited under its own DOI: the citation should use it
    assert (verdict.state, verdict.new_url) == ("moved", f"https://doi.org/{PAPER.doi}")
    (problem,) = result.problems
    assert (problem.kind, problem.severity, problem.note) == ("citation-mismatch", "error", 1)
    assert OTHER.title in problem.message and PAPER.title in problem.message


def test_wrong_year_under_the_right_doi_is_a_mismatch(catalogue):
    result = _judge(catalogue, [_paper(issued={"date-parts": [[2009]]})])
    (verdict,) = result.citation_verdicts
    assert [(d.field, d.cited, d.found) for d in verdict.differences] == [("year", "2009", "2016")]
    assert result.problems[0].kind == "citation-mismatch"


def test_a_year_off_by_one_is_not_a_mismatch(catalogue):
    result = _judge(catalogue, [_paper(issued={"date-parts": [[2015]]})])
    assert result.citation_verdicts[0].state == "resolvable"


def test_japanese_book_found_in_ndl_is_resolvable(catalogue):
    book = {
        "type": "book",
        "title": "防衛白書",
        "author": [{"literal": "防衛省"}],
        "issued": {"date-parts": [[2023]]},
        "language": "ja",
    }
    (verdict,) = _judge(catalogue, [book]).citation_verdicts
    assert (verdict.state, verdict.reason) == ("resolvable", "record-matches")
    assert verdict.evidence[0].service == "ndl"
    assert verdict.evidence[0].record_url.startswith("https://ndlsearch.ndl.go.jp/books/")


def test_japanese_book_in_old_character_forms_matches_too(catalogue):
    book = {
        "type": "book",
        "title": "防衞白書",
        "author": [{"literal": "防衞省"}],
        "issued": {"date-parts": [[2023]]},
        "language": "ja",
    }
    assert _judge(catalogue, [book]).citation_verdicts[0].state == "resolvable"


def test_dead_link_whose_work_has_a_doi_moves_to_it(catalogue):
    url = "https://publisher.example/articles/resnet"
    item = _paper(DOI=None, URL=url)
    dead = Verdict(url, "dead", "not-found", status=404, citation_ids=("s1-n1-c1",))
    (verdict,) = _judge(catalogue, [item], (dead,)).citation_verdicts
    assert (verdict.state, verdict.reason) == ("moved", "found-elsewhere")
    assert verdict.new_url == f"https://doi.org/{PAPER.doi}"
    assert verdict.found_doi == PAPER.doi


def test_dead_link_of_a_work_found_nowhere_is_dead(catalogue):
    url = "https://blog.example/post"
    item = {
        "type": "article-journal",
        "title": "Quantum gardening for absolute beginners",
        "URL": url,
        "issued": {"date-parts": [[2020]]},
    }
    dead = Verdict(url, "dead", "not-found", status=404, citation_ids=("s1-n1-c1",))
    (verdict,) = _judge(catalogue, [item], (dead,)).citation_verdicts
    assert verdict.state == "dead"


def test_dead_link_with_an_archived_copy_moves_to_it(catalogue):
    url = "https://blog.example/post"
    item = {"type": "post", "title": "A post", "URL": url}
    snapshot = ArchiveSnapshot("https://web.archive.org/web/2020/https://blog.example/post", "2020")
    dead = Verdict(url, "dead", "not-found", archive=snapshot, citation_ids=("s1-n1-c1",))
    (verdict,) = _judge(catalogue, [item], (dead,)).citation_verdicts
    assert (verdict.state, verdict.new_url) == ("moved", snapshot.url)


def test_page_whose_title_differs_is_a_mismatch(catalogue, http):
    catalogue.pages["story"] = ("Weather forecast for the weekend | Example News", "")
    url = catalogue.page_url("story")
    item = {"type": "article-newspaper", "title": "Minister resigns over budget row", "URL": url}
    live = _checked(http, url)
    result = _judge(catalogue, [item], (live,))
    (verdict,) = result.citation_verdicts
    assert (verdict.state, verdict.reason) == ("inconclusive", "page-title-differs")
    assert result.problems[0].kind == "citation-mismatch"
    assert "Weather forecast" in result.problems[0].message


def test_page_naming_the_work_in_its_meta_tags_is_resolvable(catalogue, http):
    head = (
        '<meta property="og:title" content="Minister resigns over budget row">'
        '<script type="application/ld+json">'
        '{"headline": "Minister resigns over budget row"}</script>'
    )
    catalogue.pages["story"] = ("Example News", head)
    url = catalogue.page_url("story")
    item = {"type": "article-newspaper", "title": "Minister resigns over budget row", "URL": url}
    live = _checked(http, url)
    (verdict,) = _judge(catalogue, [item], (live,)).citation_verdicts
    assert (verdict.state, verdict.reason) == ("resolvable", "link-resolvable")


def test_a_translated_page_title_is_no_mismatch(catalogue, http):
    catalogue.pages["ja"] = ("防衛省・自衛隊：防衛白書", "")
    url = catalogue.page_url("ja")
    item = {"type": "webpage", "title": "Defense of Japan", "URL": url}
    live = _checked(http, url)
    result = _judge(catalogue, [item], (live,))
    assert result.citation_verdicts[0].state == "resolvable"
    assert not result.problems


def test_the_page_is_read_once_by_the_link_check(catalogue, http):
    catalogue.pages["story"] = ("Weather forecast for the weekend | Example News", "")
    url = catalogue.page_url("story")
    item = {"type": "article-newspaper", "title": "Minister resigns over budget row", "URL": url}
    _judge(catalogue, [item], (_checked(http, url),))
    assert catalogue.count("page") == 1


def test_offline_makes_every_citation_inconclusive_offline(catalogue):
    result = _judge(catalogue, [_paper(), {"type": "book", "title": NO_DOI.title}], offline=True)
    assert {(v.state, v.reason) for v in result.citation_verdicts} == {("inconclusive", "offline")}
    assert not result.problems
    assert not catalogue.requests  # nothing was asked


def test_a_work_no_catalogue_knows_is_not_found(catalogue):
    item = {
        "type": "article-journal",
        "title": "Zebra migration patterns on the lunar surface",
        "author": [{"family": "Nobody"}],
        "issued": {"date-parts": [[2011]]},
    }
    result = _judge(catalogue, [item])
    (verdict,) = result.citation_verdicts
    assert (verdict.state, verdict.reason) == ("inconclusive", "not-found")
    assert (result.problems[0].kind, result.problems[0].severity) == (
        "citation-not-found",
        "warning",
    )
    assert {"crossref", "openalex"} <= set(catalogue.requests)


def test_rate_limited_services_give_no_not_found(catalogue):
    catalogue.modes.update(crossref="429-long", openalex="429-long")
    item = {"type": "article-journal", "title": "Zebra migration patterns on the lunar surface"}
    result = _judge(catalogue, [item])
    assert result.citation_verdicts[0].reason == "rate-limited"
    assert not result.problems


def test_a_newspaper_article_without_link_has_no_service(catalogue):
    item = {
        "type": "article-newspaper",
        "title": "Minister resigns",
        "container-title": "The Times",
    }
    assert _judge(catalogue, [item]).citation_verdicts[0].reason == "no-service"


def test_back_reference_inherits_its_targets_verdict(catalogue):
    result = _judge(catalogue, [_paper()], backref="s1-n1-c1")
    first, ibid = result.citation_verdicts
    assert (ibid.state, ibid.reason, ibid.backref_of) == (first.state, first.reason, "s1-n1-c1")


def test_scope_without_link_and_no_lookup(catalogue):
    result = _judge(catalogue, [_paper()], scope="without-link")
    assert result.citation_verdicts[0].reason == "not-looked-up"
    result = _judge(catalogue, [_paper()], enabled=False)
    assert result.citation_verdicts[0].reason == "not-looked-up"
    assert not catalogue.requests


def test_an_unresolved_back_reference_is_inconclusive(catalogue):
    (result,) = judge_files(
        [_file([_paper()], backref="s9-n9-c9")], catalogue.settings(), POLICY, offline=False
    )
    assert [v.reason for v in result.citation_verdicts][1] == "back-reference-unresolved"
