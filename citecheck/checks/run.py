"""Links → verdicts: observe every link concurrently, judge it, reuse and record results."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

from citecheck.checks.baseline import Baselines, site_of
from citecheck.checks.policy import verdict_policy
from citecheck.model import Check, Fetcher, Link, Verdict
from citecheck.net.pool import pool_limits, run_concurrently

if TYPE_CHECKING:
    from citecheck.store import VerdictRow
    from citecheck.verdicts import Observations

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

    def fresh_verdicts(
        self, wanted: Mapping[str, str], max_age: float, *, inconclusive_max_age: float = ...
    ) -> dict[str, Verdict]: ...

    def record_verdict(
        self, verdict: Verdict, checks: Sequence[Check] = ..., *, policy: str = ...
    ) -> None: ...

    def history(self, url: str, policy: str | None = ...) -> Sequence[VerdictRow]: ...

    def last_durations(self, urls: Iterable[str]) -> dict[str, float]: ...


@dataclass(frozen=True)
class CheckOptions:
    """How to check: per-host accepted statuses, cache freshness, platform handlers, and
    how many dead observations days apart (in the cache's history) make a link dead.
    `allow_private` and `allowed_networks` are what the client was told (the client
    enforces them): a cached verdict is reused only under the same values (see `policy`)."""

    accepted_for: Callable[[str], frozenset[int]] = lambda url: frozenset()
    max_age: float = 86400.0
    reuse_inconclusive: float = 3600.0
    host_concurrency: int = 4
    concurrency: int = 128
    handler_for: Callable[[str], PlatformHandler | None] = lambda url: None
    confirm_dead: int = 1
    allow_private: bool = False
    allowed_networks: tuple[str, ...] = ()

    def policy(self, url: str) -> str:
        """The digest of the policy `url` is judged under (`citecheck.checks.policy`)."""
        return verdict_policy(
            url,
            accepted_for=self.accepted_for,
            handler_for=self.handler_for,
            allow_private=self.allow_private,
            allowed_networks=self.allowed_networks,
        )


def check_links(
    links: Sequence[Link],
    client: Fetcher,
    options: CheckOptions,
    *,
    store: VerdictStore | None = None,
    progress: Progress | None = None,
    on_verdict: Callable[[Link, Verdict], None] | None = None,
) -> tuple[Verdict, ...]:
    """One verdict per link, in the order of `links`; `on_verdict` hears of each as soon
    as it is known (the archive lookups start from it while other links are checked).

    A fresh cached verdict (younger than `max_age`, judged under the same policy) is
    reused; an inconclusive one only while younger than `reuse_inconclusive` (an hour
    by default: a host that rate-limited, walled or ignored us a minute ago will do it
    again, and a hook run at every commit must not wait for it each time; 0 asks again
    every run). An "offline" answer is never reused. Every verdict says when it was
    observed and whether it was cached.
    """
    baselines = Baselines(lambda url: client.fetch(url))
    done = _Tally(total=len(links), report=progress)
    policies = {} if store is None else {link.url: options.policy(link.url) for link in links}

    def check_one(link: Link) -> Verdict:
        # The judging stage is imported here, not at start-up: a run whose verdicts all
        # come from the cache never judges anything.
        from citecheck.checks.observe import observe
        from citecheck.verdicts import judge

        started = time.time()
        handler = options.handler_for(link.url)
        if handler is not None:
            verdict, checks = handler.decide(client, link.url).verdict(link), ()
        else:
            observations = observe(link.url, client, baselines, options.accepted_for(link.url))
            verdict, checks = judge(link, observations), _checks_of(observations)
        verdict = replace(verdict, checked_at=started)
        if store is not None:
            store.record_verdict(verdict, checks, policy=policies[link.url])
        if on_verdict is not None:
            on_verdict(link, verdict)
        done.tick(link.url)
        return verdict

    # Cached answers first, in this thread: a warm run starts no worker at all.
    cached = {}
    if store is not None:
        cached = store.fresh_verdicts(
            policies, options.max_age, inconclusive_max_age=options.reuse_inconclusive
        )
    verdicts: dict[int, Verdict] = {}
    for index, link in enumerate(links):
        verdict = cached.get(link.url)
        if verdict is not None and verdict.reason != "offline":
            verdicts[index] = _for_link(verdict, link)
            if on_verdict is not None:
                on_verdict(link, verdicts[index])
            done.tick(link.url)
    pending = [index for index in range(len(links)) if index not in verdicts]
    if store is not None and pending:
        urls = [link.url for link in links]
        took = store.last_durations(urls[index] for index in pending)
        pending = slowest_first(pending, urls, took)
    fresh = _run_pool([links[index] for index in pending], check_one, options)
    verdicts.update(zip(pending, fresh, strict=True))
    if store is None:
        return tuple(verdicts[index] for index in range(len(links)))
    return tuple(
        _confirmed(verdicts[index], store, options.confirm_dead, policies[links[index].url])
        for index in range(len(links))
    )


def slowest_first(pending: list[int], urls: Sequence[str], took: dict[str, float]) -> list[int]:
    """`pending` (indexes into `urls`) with the links that `took` longest last time
    first, the others after them in their order.

    A site's links are taken in order, so one that hangs until its timeout and
    comes last holds the whole run for that long after everything else is done;
    started first, it runs while the site's other links are checked beside it.
    """
    return sorted(pending, key=lambda index: -took.get(urls[index], 0.0))


def _run_pool(
    links: Sequence[Link], work: Callable[[Link], Verdict], options: CheckOptions
) -> list[Verdict]:
    """`work` on every link in a pool sized for the politeness limits, results in order."""
    if not links:
        return []
    # More items per site than its request slots, so that a site keeps every slot busy
    # while some of its links sleep before a retry; no more workers than sites can use.
    workers, per_site = pool_limits(options.concurrency, options.host_concurrency)
    workers = min(len({site_of(link.url) for link in links}) * per_site, workers)
    return list(
        run_concurrently(
            links,
            work,
            concurrency=max(workers, 1),
            key=lambda link: site_of(link.url),
            per_key=per_site,
        )
    )


class _Tally:
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
    """What to keep in a link's history: its own fetches (the host's baseline is not
    an observation of the link)."""
    refresh = observations.refresh
    return (observations.main,) if refresh is None else (observations.main, refresh)


def _confirmed(verdict: Verdict, store: VerdictStore, required: int, policy: str) -> Verdict:
    """A dead verdict held back as inconclusive "dying k/N" until the history holds
    `required` dead observations days apart under the same policy (IABot's rule); other
    verdicts unchanged."""
    if required <= 1 or verdict.state != "dead":
        return verdict
    from citecheck.verdicts.confirm import confirm

    records = store.history(verdict.url, policy)
    history = [(record.checked_at, record.state) for record in records]
    state, reason = confirm(verdict.state, verdict.reason, history, required)  # type: ignore[arg-type]
    if state == verdict.state:
        return verdict
    details = (*verdict.details, f"dead ({verdict.reason}) but not yet confirmed")
    return replace(verdict, state=state, reason=reason, details=details)


def _for_link(cached: Verdict, link: Link) -> Verdict:
    """A cached verdict re-addressed to this run's link (its citations may differ)."""
    return replace(cached, url=link.url, citation_ids=link.citation_ids)
