"""OpenAlex: `works?search=…&per-page=…&mailto=…` → `results[]` with `id`, `doi`,
`title`, `publication_year`, `authorships[].author.display_name` and
`primary_location.source.display_name`."""

from __future__ import annotations

from urllib.parse import urlencode

from citecheck.lookup.record import Query, Record
from citecheck.lookup.services.base import MalformedAnswer, Request, json_body, text
from citecheck.lookup.services.crossref import searchable
from citecheck.lookup.settings import LookupSettings
from citecheck.model import Check


class OpenAlexService:
    name = "openalex"

    def request(self, query: Query, settings: LookupSettings) -> Request | None:
        if not searchable(query):
            return None
        params = {"search": query.title, "per-page": str(settings.rows)}
        if settings.contact:
            params["mailto"] = settings.contact
        return Request(f"{settings.base(self.name)}/works?{urlencode(params)}")

    def read(self, answer: Check) -> tuple[Record, ...]:
        data = json_body(answer.body)
        results = data.get("results") if isinstance(data, dict) else None
        if not isinstance(results, list):
            raise MalformedAnswer("results expected")
        return tuple(_record(item) for item in results if isinstance(item, dict) and item.get("id"))


def _record(item: dict) -> Record:
    doi = text(item.get("doi"))
    doi = doi.lower().removeprefix("https://doi.org/") if doi else None
    authors = []
    for authorship in item.get("authorships") or ():
        author = authorship.get("author") if isinstance(authorship, dict) else None
        name = text(author.get("display_name")) if isinstance(author, dict) else None
        if name:
            authors.append(name)
    location = item.get("primary_location")
    source = location.get("source") if isinstance(location, dict) else None
    year = item.get("publication_year")
    return Record(
        service="openalex",
        id=str(item["id"]),
        url=f"https://doi.org/{doi}" if doi else str(item["id"]),
        titles=tuple(t for t in (text(item.get("title")), text(item.get("display_name"))) if t),
        authors=tuple(authors),
        year=year if isinstance(year, int) else None,
        container=text(source.get("display_name")) if isinstance(source, dict) else None,
        doi=doi,
    )


OPENALEX = OpenAlexService()
