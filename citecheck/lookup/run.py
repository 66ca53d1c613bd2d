"""Asking the services about each distinct cited work, as few times as the answer needs.

For one work: its DOI first (content negotiation); when the DOI's record is the work
cited, nothing more is asked. A live link's page titles (read by the link check) are
compared next; a page that names the work ends it too. Otherwise (no link, a dead one, a DOI naming
another work) the catalogues that fit the citation's language and type are searched in
turn until one holds the work. Every request goes through the service's `ServicePace`
and the one `HttpClient` given (citecheck.net: guard, timeouts, body cap); answers are
kept in the result cache (`memo`). Once the network is found unreachable nothing more
is sent: every later look-up is "offline".
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from citecheck.lookup import memo
from citecheck.lookup.matching import best, match, page_title_score
from citecheck.lookup.pace import ServicePace
from citecheck.lookup.record import Lookup, Query
from citecheck.lookup.services import SERVICES, MalformedAnswer
from citecheck.lookup.services.webpage import page_lookup
from citecheck.lookup.settings import LookupSettings
from citecheck.lookup.thresholds import PAGE_TITLE
from citecheck.model import Fetcher

#: Failures that mean no network at all, not a failing service.
OFFLINE_ERRORS = frozenset({"offline", "dns-temporary", "no-socket", "unreachable"})
#: The catalogues searched, in order, by the language of the work (each service then
#: declines what it cannot search: Crossref and OpenAlex a title in Han or kana, the
#: Japanese catalogues anything not Japanese).
SEARCH_ORDER: Mapping[str, tuple[str, ...]] = {
    "ja-book": ("ndl", "cinii", "crossref", "openalex"),
    "ja": ("cinii", "ndl", "crossref", "openalex"),
    "other": ("crossref", "openalex"),
}
WORKERS = 4


@dataclass(frozen=True)
class Task:
    """One distinct work to look up, with what its links told."""

    query: Query
    live_url: str | None = None
    has_link: bool = False
    page_titles: tuple[str, ...] | None = None


@dataclass(frozen=True)
class WorkLookups:
    """Everything asked about one work. `searchable` names the catalogues that fit it;
    `looked_up` is False when the scope left it out."""

    doi: Lookup | None = None
    page: Lookup | None = None
    searches: tuple[Lookup, ...] = ()
    searchable: tuple[str, ...] = ()
    looked_up: bool = True


def search_services(query: Query) -> tuple[str, ...]:
    if (query.language or "").startswith("ja"):
        return SEARCH_ORDER["ja-book" if query.type == "book" else "ja"]
    return SEARCH_ORDER["other"]


class Looker:
    """Looks works up for one run; thread-safe. `paces` are the services' pace-setters
    (shared by every thread, exposed for audits of the pace)."""

    def __init__(
        self,
        settings: LookupSettings,
        client: Fetcher,
        store: memo.MemoStore | None = None,
        paces: Mapping[str, ServicePace] | None = None,
    ) -> None:
        self.settings = settings
        self.client = client
        self.store = store
        self.paces = dict(paces or {}) or {
            name: ServicePace(name, settings.rate(name), retry_after_cap=settings.retry_after_cap)
            for name in SERVICES
        }
        self._offline = threading.Event()

    @property
    def offline(self) -> bool:
        return self._offline.is_set()

    def look_up_all(self, tasks: Iterable[Task]) -> dict[Task, WorkLookups]:
        distinct = list(dict.fromkeys(tasks))
        with ThreadPoolExecutor(WORKERS, thread_name_prefix="citecheck-lookup") as pool:
            return dict(zip(distinct, pool.map(self.look_up, distinct), strict=True))

    def look_up(self, task: Task) -> WorkLookups:
        query, settings = task.query, self.settings
        if settings.scope == "without-link" and task.has_link:
            return WorkLookups(looked_up=False)
        doi = self.ask("doi", query) if query.doi else None
        if doi is not None and doi.records and match(query, doi.records[0]).agrees:
            return WorkLookups(doi=doi)
        page = None
        if task.live_url and doi is None:
            if task.page_titles is None or not query.title:
                return WorkLookups()  # the live link settles it: no page to compare
            page = page_lookup(task.live_url, task.page_titles)
            if not page.records:
                return WorkLookups(page=page)
            score = page_title_score(query.title, page.records[0])
            if score is None or score >= PAGE_TITLE:
                return WorkLookups(page=page)
        searchable = tuple(
            name for name in search_services(query) if SERVICES[name].request(query, settings)
        )
        searches: list[Lookup] = []
        for name in searchable:
            found = self.ask(name, query)
            if found is None:
                continue
            searches.append(found)
            if found.outcome == "answered" and best(query, found.records) is not None:
                break
        return WorkLookups(doi, page, tuple(searches), searchable)

    def ask(self, name: str, query: Query) -> Lookup | None:
        """One service's answer about `query`; None when the service cannot ask about it."""
        service = SERVICES[name]
        request = service.request(query, self.settings)
        if request is None:
            return None
        asked = request.url
        if self.offline:
            return Lookup(name, "offline", asked)
        kept = memo.recall(self.store, self.settings, asked)
        if kept is not None:
            return kept
        pace = self.paces[name]
        check = pace.get(self.client, request.url, request.headers)
        if check is None:
            return Lookup(name, "rate-limited", asked, detail=pace.stopped_because or "")
        if check.error in OFFLINE_ERRORS:
            self._offline.set()
            return Lookup(name, "offline", asked, detail=check.error or "")
        if check.error is not None:
            return Lookup(name, "failed", asked, detail=check.error)
        if not (200 <= (check.status or 0) < 300 or (name == "doi" and check.status == 404)):
            return Lookup(name, "failed", asked, detail=f"http-{check.status}")
        try:
            lookup = Lookup(name, "answered", asked, service.read(check))
        except MalformedAnswer as exc:
            return Lookup(name, "failed", asked, detail=f"malformed answer: {exc}")
        memo.remember(self.store, self.settings, lookup)
        return lookup
