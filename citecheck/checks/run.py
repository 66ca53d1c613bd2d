"""Links → verdicts: observe every link concurrently, judge it, reuse and record results."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from citecheck.checks.baseline import Baselines, site_of
from citecheck.checks.observe import Fetcher, observe
from citecheck.model import Check, Link, Verdict
from citecheck.net.pool import run_concurrently
from citecheck.verdicts import Observations, judge

#: Called after each link with (links done, links in all, the link's URL).
Progress = Callable[[int, int, str], None]


class PlatformDecision(Protocol):
    def verdict(self, link: Link) -> Verdict: ...


class PlatformHandler(Protocol):
    """A platform whose pages prove nothing by themselves (x.com, t.me, doi.org):
    it decides from the platform's own API instead of the generic judgement."""

    def decide(self, client: Fetcher, url: str) -> PlatformDecision: ...


class VerdictStore(Protocol):
    """The persistent result cache, as the checks use it."""

    def fresh_verdict(self, url: str, max_age: float) -> Verdict | None: ...

    def record_verdict(self, verdict: Verdict, checks: Sequence[Check] = ...) -> None: ...


@dataclass(frozen=True)
class CheckOptions:
    """How to check: per-host accepted statuses, cache freshness, platform handlers."""

    accepted_for: Callable[[str], frozenset[int]] = lambda url: frozenset()
    max_age: float = 86400.0
    host_concurrency: int = 4
    concurrency: int = 128
    handler_for: Callable[[str], PlatformHandler | None] = lambda url: None


def check_links(
    links: Sequence[Link],
    client: Fetcher,
    options: CheckOptions,
    *,
    store: VerdictStore | None = None,
    progress: Progress | None = None,
) -> tuple[Verdict, ...]:
    """One verdict per link, in the order of `links`.

    A fresh cached verdict (younger than `max_age`) is reused unless it was
    inconclusive: an uncertain answer is always asked again.
    """
    baselines = Baselines(lambda url: client.fetch(url))
    done = Counter(total=len(links), report=progress)

    def check_one(link: Link) -> Verdict:
        if store is not None:
            cached = store.fresh_verdict(link.url, options.max_age)
            if cached is not None and cached.state != "inconclusive":
                return _for_link(cached, link)
        handler = options.handler_for(link.url)
        if handler is not None:
            verdict, checks = handler.decide(client, link.url).verdict(link), ()
        else:
            observations = observe(link.url, client, baselines, options.accepted_for(link.url))
            verdict, checks = judge(link, observations), _checks_of(observations)
        if store is not None:
            store.record_verdict(verdict, checks)
        return verdict

    def check_and_count(link: Link) -> Verdict:
        verdict = check_one(link)
        done.tick(link.url)
        return verdict

    return tuple(
        run_concurrently(
            links,
            check_and_count,
            concurrency=options.concurrency,
            key=lambda link: site_of(link.url),
            per_key=2 * options.host_concurrency,
        )
    )


class Counter:
    """Counts finished links across worker threads and reports each to `report`."""

    def __init__(self, total: int, report: Progress | None) -> None:
        self.total, self.done, self._report = total, 0, report
        self._lock = threading.Lock()

    def tick(self, url: str) -> None:
        with self._lock:
            self.done += 1
            if self._report is not None:
                self._report(self.done, self.total, url)


def _checks_of(observations: Observations) -> tuple[Check, ...]:
    extra = (observations.refresh, observations.baseline)
    return (observations.main, *(check for check in extra if check is not None))


def _for_link(cached: Verdict, link: Link) -> Verdict:
    """A cached verdict re-addressed to this run's link (its citations may differ)."""
    return replace(cached, url=link.url, citation_ids=link.citation_ids)
