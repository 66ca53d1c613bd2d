"""Links that took longest last time are started first: a hanging link runs beside its
site's other links instead of holding the run after they are all done."""

from __future__ import annotations

from dataclasses import replace

from citecheck.checks import CheckOptions, check_links
from citecheck.checks.run import slowest_first
from citecheck.model import Link, Verdict
from citecheck.net import HttpClient
from citecheck.store import ResultCache
from tests.judge.test_checks_e2e import POLICY
from tests.servers import ScenarioWeb


def test_last_durations_are_the_latest_of_any_age(tmp_path) -> None:
    with ResultCache(tmp_path / "cache.sqlite") as store:
        store.record_verdict(Verdict("u", "inconclusive", "timeout", elapsed=9.5), checked_at=1.0)
        store.record_verdict(Verdict("u", "resolvable", "ok", elapsed=0.2), checked_at=2.0)
        store.record_verdict(Verdict("v", "dead", "not-found", elapsed=0.1), checked_at=3.0)
        assert store.last_durations(["u", "v", "never"]) == {"u": 0.2, "v": 0.1}


def test_slowest_first_keeps_the_order_of_equals() -> None:
    urls = ["a", "b", "c", "d", "e"]
    took = {"d": 10.0, "b": 2.0, "a": 0.1}
    assert slowest_first([0, 1, 2, 3, 4], urls, took) == [3, 1, 0, 2, 4]
    assert slowest_first([0, 2, 4], urls, took) == [0, 2, 4]


def test_check_links_starts_the_slowest_link_first(tmp_path) -> None:
    """One request slot: the link that hung last time is asked among the first, not after
    the nine before it (it would be the tenth request, or later, in document order)."""
    requests_before_done: dict[str, int] = {}
    with ScenarioWeb(hosts=1) as web, ResultCache(tmp_path / "cache.sqlite") as store:
        links = [Link(web.url(f"/ok/s{n}"), ()) for n in range(9)]
        links.append(Link(web.url("/missing/s9"), ()))
        store.record_verdict(Verdict(links[-1].url, "inconclusive", "timeout", elapsed=8.0))

        def done(finished: int, total: int, url: str) -> None:
            requests_before_done[url] = web.stats.requests

        with HttpClient(replace(POLICY, host_concurrency=1, concurrency=1)) as client:
            options = CheckOptions(max_age=0, host_concurrency=1, concurrency=1)
            verdicts = check_links(links, client, options, store=store, progress=done)
    assert [verdict.url for verdict in verdicts] == [link.url for link in links]
    assert [verdict.state for verdict in verdicts] == ["resolvable"] * 9 + ["dead"]
    # Two workers share the slot, so a few requests may come first; never the other nine.
    assert requests_before_done[links[-1].url] <= 5
