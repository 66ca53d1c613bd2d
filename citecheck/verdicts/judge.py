"""`judge(link, observations) -> Verdict`: the pure classification of DESIGN.md §2.

Each rule is a small function that either decides (returns a `Ruling`) or passes.
`judge` tries them in order; the first ruling wins. No I/O happens here: the checks
stage gathers every observation a rule may need first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from citecheck.model import Check, Link, Verdict, VerdictState
from citecheck.verdicts.page import Page, read_page
from citecheck.verdicts.redirects import (
    is_error_page,
    is_login_page,
    is_site_root,
    permanent_target,
    same_resource,
)
from citecheck.verdicts.soft404 import (
    LIKENESS_THRESHOLD,
    SHELL_WORDS,
    STRICT_LIKENESS,
    likeness,
    says_not_found,
)
from citecheck.verdicts.walls import REFUSAL_STATUSES, bot_wall

#: Failures that say something about the resource itself (the rest say nothing).
DEAD_ERRORS: dict[str, str] = {"dns": "dns-not-found", "redirect-loop": "redirect-loop"}


@dataclass(frozen=True)
class Observations:
    """Everything observed about one link.

    main      the fetch of the link itself (GET, redirects followed)
    refresh   the fetch of the page a meta refresh in `main` points to, if any
    baseline  what the same host answers for a random path that cannot exist
    accepted  status codes the configuration accepts as alive for this host
    """

    main: Check
    refresh: Check | None = None
    baseline: Check | None = None
    accepted: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Ruling:
    state: VerdictState
    reason: str
    new_url: str | None = None
    details: tuple[str, ...] = ()


Rule = Callable[[Link, Observations, Page | None], Ruling | None]


def failed_request(link: Link, obs: Observations, page: Page | None) -> Ruling | None:
    """No HTTP answer: only a name that does not exist or a redirect loop is dead."""
    error = obs.main.error
    if error is None and obs.main.status is not None:
        return None
    error = error or "no-answer"
    if error in DEAD_ERRORS:
        return Ruling("dead", DEAD_ERRORS[error])
    return Ruling("inconclusive", error)


def accepted_status(link: Link, obs: Observations, page: Page | None) -> Ruling | None:
    if obs.main.status in obs.accepted:
        return Ruling("resolvable", "accepted-status", details=(f"status {obs.main.status}",))
    return None


def refused(link: Link, obs: Observations, page: Page | None) -> Ruling | None:
    """401/403/407/429/999 and challenge pages: the host refused us, not the resource."""
    status = obs.main.status or 0
    wall = bot_wall(obs.main, page)
    if wall and status not in (404, 410):
        return Ruling("inconclusive", "bot-wall", details=(wall,))
    if status in REFUSAL_STATUSES:
        return Ruling("inconclusive", REFUSAL_STATUSES[status])
    return None


def gone(link: Link, obs: Observations, page: Page | None) -> Ruling | None:
    status = obs.main.status
    if status not in (404, 410):
        return None
    reason = "not-found" if status == 404 else "gone"
    if obs.main.hops:
        reason = "redirect-to-not-found"
    return Ruling("dead", reason)


def server_error(link: Link, obs: Observations, page: Page | None) -> Ruling | None:
    status = obs.main.status or 0
    if status >= 500:
        return Ruling("inconclusive", "server-error", details=(f"status {status} after retries",))
    return None


def other_status(link: Link, obs: Observations, page: Page | None) -> Ruling | None:
    """Any answer that is not 2xx by now (400, 405, 451, an unfollowed 3xx…) proves nothing."""
    status = obs.main.status or 0
    if not 200 <= status < 300:
        return Ruling("inconclusive", f"http-{status}")
    return None


def redirected_away(link: Link, obs: Observations, page: Page | None) -> Ruling | None:
    """A redirect to the site's home page or to a login page stands for a missing page."""
    if not obs.main.hops:
        return None
    start, final = obs.main.url, obs.main.final_url or obs.main.url
    if same_resource(start, final):
        return None
    if is_site_root(final) and not is_site_root(start):
        return Ruling("dead", "redirect-to-root", details=(f"redirected to {final}",))
    if is_login_page(final) and not is_login_page(start):
        return Ruling("dead", "redirect-to-login", details=(f"redirected to {final}",))
    if is_error_page(final) and not is_error_page(start):
        return Ruling("dead", "redirect-to-not-found", details=(f"redirected to {final}",))
    return None


def soft_404(link: Link, obs: Observations, page: Page | None) -> Ruling | None:
    if page is None:
        return None
    label = says_not_found(page)
    if label:
        return Ruling("dead", "soft-404", details=(f"page says: {label}",))
    baseline = read_page(obs.baseline) if obs.baseline is not None else None
    if baseline is None or obs.baseline is None:
        return None
    here = obs.main.final_url or obs.main.url
    there = obs.baseline.final_url or obs.baseline.url
    if is_site_root(here) or same_resource(here, there):
        return None  # a home page is like what a host that redirects to it answers
    score = likeness(page, here, baseline, there)
    evidence = (f"likeness {score:.2f} to what {obs.baseline.url} answers",)
    if (obs.baseline.status or 0) >= 400 or says_not_found(baseline):
        if score >= LIKENESS_THRESHOLD:
            return Ruling("dead", "soft-404-like-host-not-found", details=evidence)
        return None
    if score < STRICT_LIKENESS:
        return None
    if len(page.words) < SHELL_WORDS:
        return Ruling("inconclusive", "same-page-for-any-path", details=evidence)
    return Ruling("dead", "soft-404-same-page-for-any-path", details=evidence)


def meta_refresh(link: Link, obs: Observations, page: Page | None) -> Ruling | None:
    """A page whose refresh sends the reader elsewhere: moved if the target answers."""
    if page is None or page.refresh_url is None:
        return None
    here = obs.main.final_url or obs.main.url
    if same_resource(here, page.refresh_url):
        return None
    if is_site_root(page.refresh_url) and not is_site_root(here):
        return Ruling("dead", "meta-refresh-to-root", details=(f"refresh to {page.refresh_url}",))
    if obs.refresh is None:
        return Ruling("inconclusive", "meta-refresh-unchecked", details=(page.refresh_url,))
    target = judge(Link(page.refresh_url, link.citation_ids), Observations(obs.refresh))
    if target.state == "resolvable":
        new_url = obs.refresh.final_url or page.refresh_url
        return Ruling("moved", "meta-refresh", new_url=new_url)
    if target.state == "moved":
        return Ruling("moved", "meta-refresh", new_url=target.new_url)
    details = (f"refresh to {page.refresh_url}: {target.state} ({target.reason})",)
    return Ruling(target.state, f"meta-refresh-{target.reason}", details=details)


def permanent_redirect(link: Link, obs: Observations, page: Page | None) -> Ruling | None:
    target = permanent_target(obs.main)
    if target is None:
        return None
    return Ruling("moved", "permanent-redirect", new_url=target)


def answered(link: Link, obs: Observations, page: Page | None) -> Ruling:
    if not obs.main.hops:
        return Ruling("resolvable", "ok")
    if same_resource(obs.main.url, obs.main.final_url or obs.main.url):
        return Ruling("resolvable", "trivial-redirect")
    return Ruling("resolvable", "temporary-redirect")


RULES: tuple[Rule, ...] = (
    failed_request,
    accepted_status,
    refused,
    gone,
    server_error,
    other_status,
    redirected_away,
    soft_404,
    meta_refresh,
    permanent_redirect,
    answered,
)


def judge(link: Link, observations: Observations) -> Verdict:
    """The verdict on `link` from what was observed, with its reason and evidence."""
    main = observations.main
    page = read_page(main) if main.error is None else None
    ruling = next(r for rule in RULES if (r := rule(link, observations, page)) is not None)
    extra = observations.refresh
    return Verdict(
        url=link.url,
        state=ruling.state,
        reason=ruling.reason,
        status=main.status,
        final_url=main.final_url,
        new_url=ruling.new_url,
        hops=main.hops,
        attempts=main.attempts + (extra.attempts if extra else 0),
        elapsed=main.elapsed + (extra.elapsed if extra else 0.0),
        citation_ids=link.citation_ids,
        details=ruling.details,
        page_titles=page.own_titles if page is not None and ruling.state != "dead" else None,
    )
