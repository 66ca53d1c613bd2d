"""The cited page itself: what it calls itself, to compare with the title cited.

A page names itself in `<title>`, `<meta property="og:title">`, `<meta
name="citation_title">` (Highwire tags, with `citation_author`, `citation_date`,
`citation_doi`) and JSON-LD `headline` / `name`. Every one of them is a title of the
record; the matching takes the best.
"""

from __future__ import annotations

import json
from typing import Any

from citecheck.lookup.record import Query, Record, year_in
from citecheck.lookup.services.base import MalformedAnswer, Request, text
from citecheck.lookup.settings import LookupSettings
from citecheck.model import Check
from citecheck.verdicts.page import is_html, page_text

TITLE_META = ("citation_title", "og:title", "dc.title", "twitter:title")
DATE_META = ("citation_publication_date", "citation_date", "article:published_time", "dc.date")
HTML = {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"}


class PageService:
    name = "page"

    def request(self, query: Query, settings: LookupSettings) -> Request | None:
        if not query.url or not query.title:
            return None
        return Request(query.url, HTML)

    def read(self, answer: Check) -> tuple[Record, ...]:
        if not answer.body or not is_html(answer):
            return ()
        from lxml import etree, html  # imported here: most runs read no page for this

        parser = etree.HTMLParser(encoding="utf-8", no_network=True)
        try:
            root = html.document_fromstring(page_text(answer).encode("utf-8"), parser=parser)
        except (etree.ParserError, ValueError) as exc:
            raise MalformedAnswer(f"not HTML: {exc}") from None
        meta: dict[str, list[str]] = {}
        for tag in root.iterfind(".//meta"):
            name = (tag.get("name") or tag.get("property") or "").strip().lower()
            content = " ".join((tag.get("content") or "").split())
            if name and content:
                meta.setdefault(name, []).append(content)
        titles = [" ".join("".join(t.itertext()).split()) for t in root.iterfind(".//title")][:1]
        titles += [value for key in TITLE_META for value in meta.get(key, [])]
        linked = _json_ld(root)
        titles += [value for key in ("headline", "name") for value in linked.get(key, [])]
        dates = [value for key in DATE_META for value in meta.get(key, [])]
        dates += linked.get("datePublished", [])
        doi = (meta.get("citation_doi") or [None])[0]
        url = answer.final_url or answer.url
        return (
            Record(
                service=self.name,
                id=url,
                url=url,
                titles=tuple(dict.fromkeys(t for t in titles if t)),
                authors=tuple(meta.get("citation_author", [])),
                year=next((y for y in map(year_in, dates) if y), None),
                container=(
                    meta.get("citation_journal_title") or meta.get("og:site_name") or [None]
                )[0],
                doi=doi.lower().removeprefix("doi:") if doi else None,
            ),
        )


def _json_ld(root: Any) -> dict[str, list[str]]:
    """headline, name and datePublished of the JSON-LD objects on the page (data only)."""
    found: dict[str, list[str]] = {}
    for script in root.iterfind(".//script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack and len(stack) < 1000:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                for key in ("headline", "name", "datePublished"):
                    value = text(item.get(key))
                    if value:
                        found.setdefault(key, []).append(value)
                stack.extend(v for k, v in item.items() if k == "@graph")
    return found


PAGE = PageService()
