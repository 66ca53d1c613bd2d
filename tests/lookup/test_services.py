"""Each service against its loopback fake: the real shapes, empty answers, 429s, broken
JSON and XML, a slow server, and the pace each service is held to."""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor

from citecheck.lookup.pace import ServicePace
from citecheck.lookup.record import Query
from citecheck.lookup.run import Looker
from tests.lookup.conftest import JAPANESE_ARTICLE, JAPANESE_BOOK, OTHER, PAPER

PAPER_QUERY = Query(
    title=PAPER.title, authors=("He", "Zhang"), year=2016, type="article-journal", language="en"
)


def test_doi_content_negotiation_gives_the_registered_record(catalogue, http):
    looker = Looker(catalogue.settings(), http)
    lookup = looker.ask("doi", Query(title=PAPER.title, doi=PAPER.doi))
    assert lookup.outcome == "answered"
    (record,) = lookup.records
    assert (record.title, record.year, record.doi) == (PAPER.title, 2016, PAPER.doi)
    assert record.authors == ("He", "Zhang", "Ren")


def test_unknown_doi_is_an_empty_answer(catalogue, http):
    lookup = Looker(catalogue.settings(), http).ask("doi", Query(title="x", doi="10.9999/none"))
    assert (lookup.outcome, lookup.records) == ("answered", ())


def test_crossref_and_openalex_searches(catalogue, http):
    looker = Looker(catalogue.settings(), http)
    crossref = looker.ask("crossref", PAPER_QUERY)
    assert crossref.records[0].doi == PAPER.doi
    assert "mailto=editor%40example.org" in crossref.asked
    openalex = looker.ask("openalex", PAPER_QUERY)
    assert openalex.records[0].doi == PAPER.doi
    assert openalex.records[0].authors[0] == "Kaiming He"


def test_japanese_catalogues(catalogue, http):
    looker = Looker(catalogue.settings(), http)
    book = Query(title="防衛白書", authors=("防衛省",), year=2023, type="book", language="ja")
    ndl = looker.ask("ndl", book)
    assert ndl.records[0].title == JAPANESE_BOOK.title
    assert ndl.records[0].url.startswith("https://ndlsearch.ndl.go.jp/books/")
    article = Query(title=JAPANESE_ARTICLE.title, type="article-journal", language="ja")
    cinii = looker.ask("cinii", article)
    assert cinii.records[0].doi == JAPANESE_ARTICLE.doi
    assert cinii.records[0].url.startswith("https://cir.nii.ac.jp/crid/")


def test_cinii_is_not_asked_without_an_application_id(catalogue, http):
    looker = Looker(catalogue.settings(cinii_appid=None), http)
    assert looker.ask("cinii", Query(title="防衛白書", language="ja")) is None
    assert catalogue.count("cinii") == 0


def test_empty_results(catalogue, http):
    catalogue.modes["crossref"] = "empty"
    lookup = Looker(catalogue.settings(), http).ask("crossref", PAPER_QUERY)
    assert (lookup.outcome, lookup.records) == ("answered", ())


def test_429_with_retry_after_is_waited_for_then_answered(catalogue, http):
    catalogue.modes["openalex"] = "429"
    lookup = Looker(catalogue.settings(), http).ask("openalex", PAPER_QUERY)
    assert lookup.outcome == "answered" and lookup.records
    first, second = catalogue.requests["openalex"]
    assert second - first >= 0.9  # Retry-After: 1


def test_429_asking_too_long_stops_the_service(catalogue, http):
    catalogue.modes["crossref"] = "429-long"
    looker = Looker(catalogue.settings(), http)
    assert looker.ask("crossref", PAPER_QUERY).outcome == "rate-limited"
    other = Query(title=OTHER.title, type="article-journal", language="en")
    assert looker.ask("crossref", other).outcome == "rate-limited"
    assert catalogue.count("crossref") == 1  # nothing more is sent once refused


def test_malformed_json_and_xml_are_failures(catalogue, http):
    catalogue.modes.update(crossref="malformed", ndl="malformed")
    looker = Looker(catalogue.settings(), http)
    crossref = looker.ask("crossref", PAPER_QUERY)
    assert crossref.outcome == "failed" and "malformed" in crossref.detail
    ndl = looker.ask("ndl", Query(title="防衛白書", type="book", language="ja"))
    assert ndl.outcome == "failed" and "malformed" in ndl.detail


def test_a_slow_server_times_out_as_a_failure(catalogue, http):
    catalogue.modes["doi"] = "slow"
    lookup = Looker(catalogue.settings(), http).ask("doi", Query(title="x", doi=PAPER.doi))
    assert (lookup.outcome, lookup.detail) == ("failed", "timeout")


def test_announced_lower_limit_slows_the_pace(catalogue, http):
    pace = ServicePace("crossref", 100.0)
    looker = Looker(catalogue.settings(), http, paces={"crossref": pace})
    looker.ask("crossref", PAPER_QUERY)
    assert pace.rate == 50.0  # X-Rate-Limit-Limit: 50 per X-Rate-Limit-Interval: 1s


def test_requests_per_service_never_exceed_its_rate(catalogue, http):
    rates = {"doi": 3.0, "crossref": 2.0, "openalex": 3.0, "cinii": 2.0, "ndl": 2.0}
    looker = Looker(catalogue.settings(rates=rates), http)
    asks = []
    for n in range(5):
        asks += [
            ("doi", Query(title="x", doi=f"{PAPER.doi}{n}")),
            ("crossref", Query(title=f"{PAPER.title} {n}", type="article-journal")),
            ("openalex", Query(title=f"{PAPER.title} {n}", type="article-journal")),
            ("cinii", Query(title=f"防衛白書 {n}", type="book", language="ja")),
            ("ndl", Query(title=f"防衛白書 {n}", type="book", language="ja")),
        ]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda ask: looker.ask(*ask), asks))
    for service, rate in rates.items():
        sent = looker.paces[service].sent_at  # the pace, as the client kept it
        gaps = [b - a for a, b in itertools.pairwise(sent)]
        assert len(sent) == 5 and min(gaps) >= 1 / rate - 0.001, (service, gaps)
        arrived = catalogue.requests[service]  # and as the service saw it: per second
        assert len(arrived) == 5
        most = max(sum(1 for t in arrived if start <= t < start + 1) for start in arrived)
        assert most <= int(rate) + 1 < len(arrived), (service, arrived)


def test_found_records_are_reused_from_the_cache(catalogue, http, tmp_path):
    from citecheck.store import ResultCache

    with ResultCache(tmp_path / "cache.sqlite") as store:
        first = Looker(catalogue.settings(), http, store).ask("crossref", PAPER_QUERY)
        again = Looker(catalogue.settings(), http, store).ask("crossref", PAPER_QUERY)
    assert again == first
    assert catalogue.count("crossref") == 1
