"""`#fragments` of web links (with `--check-fragments`): does the fetched page have that id.

A link's verdict is about the page; this adds one about the fragment. Each page is
fetched once (GET, the body read up to the client's cap) however many fragments of it
are cited. The fragment is looked up among the page's `id`s and `<a name>`s:

- found: resolvable, "anchor exists";
- not found in a page without scripts: dead, "no such anchor";
- not found in a page with scripts: inconclusive (scripts often add ids after load);
- the page did not answer 2xx with HTML: no fragment verdict (the link's own says why).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urldefrag

from citecheck.links.anchors import has_anchor, html_anchors
from citecheck.model import Check, Fetcher, Verdict
from citecheck.verdicts.page import is_html, page_text

SCRIPT = re.compile(rb"<script\b", re.I)


def check_web_fragments(urls: Iterable[str], client: Fetcher) -> dict[str, Verdict]:
    """A verdict for each URL of `urls` that has a fragment and whose page is HTML."""
    pages: dict[str, Check] = {}
    verdicts: dict[str, Verdict] = {}
    for url in urls:
        page_url, fragment = urldefrag(url)
        if not fragment:
            continue
        if page_url not in pages:
            pages[page_url] = client.fetch(page_url, method="GET")
        verdict = fragment_verdict(url, fragment, pages[page_url])
        if verdict is not None:
            verdicts[url] = verdict
    return verdicts


def fragment_verdict(url: str, fragment: str, page: Check) -> Verdict | None:
    """The verdict on `fragment` of the fetched `page`, None when the page says nothing."""
    answered = page.error is None and page.status is not None and 200 <= page.status < 300
    if not answered or not page.body or not is_html(page):
        return None
    evidence = (f"fetched {page.final_url or page.url}",)
    anchors = html_anchors(page_text(page))
    if has_anchor(anchors, fragment):
        return Verdict(url, "resolvable", "anchor exists", status=page.status, details=evidence)
    if SCRIPT.search(page.body):
        reason = "no such anchor in the page as served (its scripts may add it)"
        return Verdict(url, "inconclusive", reason, status=page.status, details=evidence)
    return Verdict(url, "dead", "no such anchor", status=page.status, details=evidence)
