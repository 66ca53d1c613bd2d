"""The cited page itself, as a record: what it calls itself, to compare with the title cited.

A page names itself in `<title>`, `<meta property="og:title">`, `<meta
name="citation_title">` (Highwire tags) and JSON-LD `headline` / `name`. The link
check reads the page once (`citecheck.verdicts.page`, through citecheck.net) and its
verdict carries those titles (`Verdict.page_titles`), so the page is never fetched a
second time for the comparison: this "service" sends nothing.
"""

from __future__ import annotations

from citecheck.lookup.record import Lookup, Record

NAME = "page"


def page_lookup(url: str, titles: tuple[str, ...]) -> Lookup:
    """The page at `url` (where the link ended) with its own titles, as a look-up answer."""
    record = Record(service=NAME, id=url, url=url, titles=titles)
    return Lookup(NAME, "answered", url, (record,) if titles else ())
