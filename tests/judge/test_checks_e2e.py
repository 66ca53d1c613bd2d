"""The checks stage end to end: real loopback servers, one scenario per path, real client.

Never mocks requests: every verdict below comes from HTTP answers on 127.0.0.2–4.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

import pytest

from citecheck.checks import CheckOptions, check_links
from citecheck.model import Link
from citecheck.net import HttpClient
from citecheck.store import ResultCache
from tests.net.conftest import FAST
from tests.servers import ScenarioWeb

# The network tests' fast policy, with room for a page judged on a loaded machine.
POLICY = replace(FAST, connect_timeout=2.0, read_timeout=1.5, deadline=4.0)

# path (on host 0) → (state, reason)
SCENARIOS = {
    "/ok/1": ("resolvable", "ok"),
    "/moved-permanent/2": ("moved", "permanent-redirect"),
    "/moved-308/3": ("moved", "permanent-redirect"),
    "/moved-host/4": ("moved", "permanent-redirect"),
    "/moved-temp/5": ("resolvable", "temporary-redirect"),
    "/moved-307/6": ("resolvable", "temporary-redirect"),
    "/see-other/7": ("resolvable", "temporary-redirect"),
    "/trailing-slash/8": ("resolvable", "trivial-redirect"),
    "/missing/9": ("dead", "not-found"),
    "/gone/10": ("dead", "gone"),
    "/server-error/11": ("inconclusive", "server-error"),
    "/flaky/12?n=2": ("resolvable", "ok"),
    "/rate-limited/13?after=1": ("resolvable", "ok"),
    "/forbidden/14": ("inconclusive", "bot-wall"),
    "/head-not-allowed/15": ("resolvable", "ok"),
    "/slow/16?ms=200": ("resolvable", "ok"),
    "/hang/17": ("inconclusive", "timeout"),
    "/loop/18": ("dead", "redirect-loop"),
    "/soft-404/19": ("dead", "soft-404"),
    "/to-home/20": ("dead", "redirect-to-root"),
    "/meta-refresh/21": ("moved", "meta-refresh"),
    "/big/22?mb=50": ("resolvable", "ok"),
    "/chain/23/30": ("inconclusive", "too-many-redirects"),
}


@pytest.fixture(scope="module")
def web() -> Iterator[ScenarioWeb]:
    with ScenarioWeb(hosts=3, hold_seconds=3.0) as scenario_web:
        yield scenario_web


def _links(web: ScenarioWeb) -> list[Link]:
    return [Link(web.url(path), (f"c{n}",)) for n, path in enumerate(SCENARIOS)]


def test_every_scenario_gets_its_verdict_and_evidence(web: ScenarioWeb) -> None:
    links = _links(web)
    started = time.monotonic()
    with HttpClient(POLICY) as client:
        verdicts = check_links(links, client, CheckOptions())
    elapsed = time.monotonic() - started
    got = {path: (v.state, v.reason) for path, v in zip(SCENARIOS, verdicts, strict=True)}
    assert got == SCENARIOS
    by_path = dict(zip(SCENARIOS, verdicts, strict=True))
    moved = by_path["/moved-permanent/2"]
    assert moved.new_url == web.url("/ok/2-new")
    assert [(h.url, h.status) for h in moved.hops] == [(web.url("/moved-permanent/2"), 301)]
    assert by_path["/moved-host/4"].new_url == web.url("/ok/4-new", host=1)
    assert by_path["/meta-refresh/21"].new_url == web.url("/ok/21-refreshed")
    assert by_path["/flaky/12?n=2"].attempts == 3
    assert by_path["/missing/9"].status == 404
    assert by_path["/to-home/20"].final_url == web.url("/")
    assert [v.citation_ids for v in verdicts] == [link.citation_ids for link in links]
    assert elapsed < 20


def test_baseline_is_fetched_once_per_host_and_only_when_needed(web: ScenarioWeb) -> None:
    paths = [f"/ok/b{n}" for n in range(6)] + ["/missing/b7", "/soft-404/b8"]
    links = [Link(web.url(path, host=2), ()) for path in paths]
    before = web.stats.per_host[web.addresses[2]]
    with HttpClient(POLICY) as client:
        verdicts = check_links(links, client, CheckOptions())
    assert [v.state for v in verdicts] == ["resolvable"] * 6 + ["dead", "dead"]
    assert web.stats.per_host[web.addresses[2]] - before == len(paths) + 1


def test_per_host_limit_holds_across_several_hosts() -> None:
    with ScenarioWeb(hosts=3) as web, HttpClient(replace(POLICY, host_concurrency=2)) as client:
        links = [Link(web.url(f"/slow/p{n}?ms=100", host=n % 3), ()) for n in range(24)]
        verdicts = check_links(links, client, CheckOptions(host_concurrency=2))
        assert {v.state for v in verdicts} == {"resolvable"}
        assert max(web.stats.peak_per_host.values()) == 2


def test_accepted_status_per_host(web: ScenarioWeb) -> None:
    link = Link(web.url("/forbidden/acc"), ())
    options = CheckOptions(accepted_for=lambda url: frozenset({403}))
    with HttpClient(POLICY) as client:
        (verdict,) = check_links([link], client, options)
    assert (verdict.state, verdict.reason) == ("resolvable", "accepted-status")


def test_fresh_final_results_are_reused_and_inconclusive_ones_rechecked_without_reuse(
    web: ScenarioWeb, tmp_path
) -> None:
    links = [Link(web.url("/missing/c1"), ()), Link(web.url("/server-error/c2"), ())]
    always_ask = CheckOptions(reuse_inconclusive=0)
    with ResultCache(tmp_path / "cache.sqlite") as store, HttpClient(POLICY) as client:
        first = check_links(links, client, always_ask, store=store)
        hits_missing, hits_error = web.stats.hits("/missing/c1"), web.stats.hits("/server-error/c2")
        second = check_links(links, client, always_ask, store=store)
        assert [v.state for v in first] == [v.state for v in second] == ["dead", "inconclusive"]
        assert web.stats.hits("/missing/c1") == hits_missing
        assert web.stats.hits("/server-error/c2") > hits_error
        expired = check_links(links[:1], client, CheckOptions(max_age=0), store=store)
        assert expired[0].state == "dead"
        assert web.stats.hits("/missing/c1") > hits_missing


def test_recent_inconclusive_results_are_reused_by_default(web: ScenarioWeb, tmp_path) -> None:
    links = [Link(web.url("/server-error/r1"), ())]
    with ResultCache(tmp_path / "cache.sqlite") as store, HttpClient(POLICY) as client:
        (first,) = check_links(links, client, CheckOptions(), store=store)
        hits = web.stats.hits("/server-error/r1")
        (again,) = check_links(links, client, CheckOptions(), store=store)
        assert (first.state, again.state) == ("inconclusive", "inconclusive")
        assert again.reason == first.reason
        assert web.stats.hits("/server-error/r1") == hits
        (shorter,) = check_links(links, client, CheckOptions(reuse_inconclusive=0), store=store)
        assert shorter.state == "inconclusive"
        assert web.stats.hits("/server-error/r1") > hits


def test_progress_reports_every_link(web: ScenarioWeb) -> None:
    seen: list[tuple[int, int, str]] = []
    links = [Link(web.url(f"/ok/pr{n}"), ()) for n in range(5)]
    with HttpClient(POLICY) as client:
        check_links(links, client, CheckOptions(), progress=lambda *args: seen.append(args))
    assert [(done, total) for done, total, _ in seen] == [(n, 5) for n in range(1, 6)]
    assert {url for _, _, url in seen} == {link.url for link in links}


def test_no_network_means_inconclusive_offline_never_dead() -> None:
    policy = replace(POLICY, dns_canaries=("no-such-canary.invalid",))
    links = [Link(f"http://host{n}.invalid/page", ()) for n in range(4)]
    links.append(Link("https://doi.org/10.1000/182", ()))
    with HttpClient(policy) as client:
        verdicts = check_links(links, client, CheckOptions())
        assert client.network_status() == "offline"
    assert {(v.state, v.reason) for v in verdicts} == {("inconclusive", "offline")}


def test_offline_verdict_turns_any_failure_into_offline() -> None:
    from citecheck.model import Verdict
    from citecheck.verdicts.offline import offline_verdict

    seen = Verdict("https://t.me/x/1", "inconclusive", "platform-unreachable: offline")
    verdict = offline_verdict(seen)
    assert (verdict.state, verdict.reason) == ("inconclusive", "offline")
    assert verdict.details == ("observed: platform-unreachable: offline",)


class _AskTheApi:
    """A platform handler in the shape citecheck.platforms uses: it decides from its own
    endpoint (here a loopback page) instead of the generic judgement."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint

    def decide(self, client, url):  # type: ignore[no-untyped-def]
        from citecheck.platforms import PlatformDecision

        check = client.fetch(self.endpoint)
        state = "dead" if check.status == 404 else "resolvable"
        return PlatformDecision("test-platform", state, f"api-{check.status}", (), check)


def test_platform_handlers_decide_for_their_urls(web: ScenarioWeb) -> None:
    handled = Link("https://posts.example/status/1", ("c1",))
    generic = Link(web.url("/ok/gen"), ("c2",))
    handler = _AskTheApi(web.url("/missing/api"))
    options = CheckOptions(handler_for=lambda url: handler if "posts.example" in url else None)
    with HttpClient(POLICY) as client:
        first, second = check_links([handled, generic], client, options)
    assert (first.state, first.reason, first.citation_ids) == ("dead", "api-404", ("c1",))
    assert (second.state, second.reason) == ("resolvable", "ok")


def test_dead_is_confirmed_by_spaced_observations_in_the_history(web: ScenarioWeb, tmp_path):
    from citecheck.model import Verdict

    day = 24 * 3600.0
    confirmed, fresh = Link(web.url("/missing/cf1"), ()), Link(web.url("/missing/cf2"), ())
    options = CheckOptions(confirm_dead=3)
    with ResultCache(tmp_path / "cache.sqlite") as store, HttpClient(POLICY) as client:
        for days_ago in (6, 3):
            earlier = Verdict(confirmed.url, "dead", "not-found")
            when = time.time() - days_ago * day
            store.record_verdict(earlier, checked_at=when, policy=options.policy(earlier.url))
        first, second = check_links([confirmed, fresh], client, options, store=store)
        assert (first.state, first.reason) == ("dead", "not-found")
        assert (second.state, second.reason) == ("inconclusive", "dying 1/3")
        assert [record.state for record in store.history(fresh.url)] == ["dead"]
