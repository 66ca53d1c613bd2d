"""Crossref REST: `works?query.bibliographic=…&rows=…&mailto=…` → `message.items[]`.

Items carry `DOI`, `title[]`, `author[]{family,given}`, `issued.date-parts`,
`container-title[]` and Crossref's own relevance `score`. The `mailto` puts the
requests in the polite pool.
"""

from __future__ import annotations

from urllib.parse import urlencode

from citecheck.lookup.normalise import script
from citecheck.lookup.record import Query, Record
from citecheck.lookup.services.base import MalformedAnswer, Request, json_body, search_text
from citecheck.lookup.services.doi import csl_record
from citecheck.lookup.settings import LookupSettings
from citecheck.model import Check

SCHOLARLY = frozenset(
    {
        "article-journal",
        "article",
        "chapter",
        "book",
        "paper-conference",
        "report",
        "thesis",
        "dataset",
        "entry-encyclopedia",
        "monograph",
        "review",
    }
)


def searchable(query: Query) -> bool:
    """A work Crossref and OpenAlex index: scholarly, with a title not in Han or kana."""
    return bool(query.title) and script(query.title) != "cjk" and (
        (query.type or "book") in SCHOLARLY
    )


class CrossrefService:
    name = "crossref"

    def request(self, query: Query, settings: LookupSettings) -> Request | None:
        if not searchable(query):
            return None
        params = {"query.bibliographic": search_text(query), "rows": str(settings.rows)}
        if settings.contact:
            params["mailto"] = settings.contact
        return Request(f"{settings.base(self.name)}/works?{urlencode(params)}")

    def read(self, answer: Check) -> tuple[Record, ...]:
        data = json_body(answer.body)
        message = data.get("message") if isinstance(data, dict) else None
        items = message.get("items") if isinstance(message, dict) else None
        if not isinstance(items, list):
            raise MalformedAnswer("message.items expected")
        records = []
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("DOI"), str):
                doi = item["DOI"]
                records.append(csl_record(self.name, item, doi, f"https://doi.org/{doi}"))
        return tuple(records)


CROSSREF = CrossrefService()
