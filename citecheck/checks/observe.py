"""Which observations one link needs, gathered in order: main fetch, meta-refresh
target, host baseline. Each later fetch happens only when the judge will use it."""

from __future__ import annotations

from citecheck.checks.baseline import Baselines
from citecheck.model import Fetcher
from citecheck.verdicts import Observations
from citecheck.verdicts.page import read_page
from citecheck.verdicts.redirects import same_resource
from citecheck.verdicts.soft404 import says_not_found


def observe(
    url: str, client: Fetcher, baselines: Baselines, accepted: frozenset[int]
) -> Observations:
    main = client.fetch(url)
    page = read_page(main) if main.error is None else None
    answered = main.status is not None and 200 <= main.status < 300
    if page is None or not answered or main.status in accepted:
        return Observations(main, accepted=accepted)
    here = main.final_url or main.url
    if page.refresh_url and not same_resource(here, page.refresh_url):
        return Observations(main, refresh=client.fetch(page.refresh_url), accepted=accepted)
    if says_not_found(page):
        return Observations(main, accepted=accepted)
    return Observations(main, baseline=baselines.for_url(here), accepted=accepted)
