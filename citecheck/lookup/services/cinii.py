"""CiNii Research OpenSearch (Japanese articles, books, dissertations), JSON-LD answers.

`GET /opensearch/all?title=…&format=json&count=…&appid=…` → `items[]` with `@id` (the
CRID URL), `title`, `dc:creator[]`, `prism:publicationName`, `prism:publicationDate`,
`dc:identifier[]` (`{"@type": "cir:DOI", "@value": …}`). The `appid` is the user's
registered application id: without one CiNii is not asked.
"""

from __future__ import annotations

from urllib.parse import urlencode

from citecheck.lookup.record import Query, Record, year_in
from citecheck.lookup.services.base import MalformedAnswer, Request, json_body, text
from citecheck.lookup.settings import LookupSettings
from citecheck.model import Check

PATHS = {"book": "books", "thesis": "dissertations"}


class CiniiService:
    name = "cinii"

    def request(self, query: Query, settings: LookupSettings) -> Request | None:
        if not query.title or not settings.cinii_appid or query.language != "ja":
            return None
        path = PATHS.get(query.type or "", "all")
        params = {"title": query.title, "format": "json", "count": str(settings.rows)}
        params["appid"] = settings.cinii_appid
        return Request(f"{settings.base(self.name)}/opensearch/{path}?{urlencode(params)}")

    def read(self, answer: Check) -> tuple[Record, ...]:
        data = json_body(answer.body)
        items = data.get("items", []) if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise MalformedAnswer("items expected")
        return tuple(_record(item) for item in items if isinstance(item, dict) and item.get("@id"))


def _record(item: dict) -> Record:
    creators = item.get("dc:creator") or []
    creators = creators if isinstance(creators, list) else [creators]
    identifiers = item.get("dc:identifier") or []
    identifiers = identifiers if isinstance(identifiers, list) else [identifiers]
    doi = next(
        (
            text(ident)
            for ident in identifiers
            if isinstance(ident, dict) and str(ident.get("@type", "")).endswith("DOI")
        ),
        None,
    )
    return Record(
        service="cinii",
        id=str(item["@id"]).rsplit("/", 1)[-1],
        url=str(item["@id"]),
        titles=tuple(t for t in (text(item.get("title")),) if t),
        authors=tuple(name for name in (text(c) for c in creators) if name),
        year=year_in(text(item.get("prism:publicationDate"))),
        container=text(item.get("prism:publicationName")),
        doi=doi.lower() if doi else None,
    )


CINII = CiniiService()
