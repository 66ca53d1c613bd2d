"""DOI content negotiation: the resolver answers CSL-JSON for `Accept:
application/vnd.citationstyles.csl+json` (Crossref, DataCite and mEDRA DOIs alike)."""

from __future__ import annotations

from urllib.parse import quote

from citecheck.lookup.record import Query, Record, csl_year, family_name
from citecheck.lookup.services.base import MalformedAnswer, Request, json_body, text
from citecheck.lookup.settings import LookupSettings
from citecheck.model import Check

CSL_JSON = "application/vnd.citationstyles.csl+json"


class DoiService:
    name = "doi"

    def request(self, query: Query, settings: LookupSettings) -> Request | None:
        if not query.doi:
            return None
        url = f"{settings.base(self.name)}/{quote(query.doi, safe='/:;()._-')}"
        return Request(url, {"Accept": CSL_JSON})

    def read(self, answer: Check) -> tuple[Record, ...]:
        if answer.status == 404:
            return ()  # no such DOI: an answer, not a failure
        item = json_body(answer.body)
        if not isinstance(item, dict):
            raise MalformedAnswer("CSL-JSON item expected")
        doi = text(item.get("DOI")) or answer.url.split("/", 3)[-1]
        return (csl_record(self.name, item, doi, f"https://doi.org/{doi}"),)


def csl_record(service: str, item: dict, record_id: str, url: str) -> Record:
    """A Record from a CSL-JSON(-like) item, as DOI content negotiation and Crossref give."""
    titles = item.get("title")
    titles = titles if isinstance(titles, list) else [titles]
    subtitle = text(item.get("subtitle"))
    if subtitle and titles and text(titles[0]):
        titles = [*titles, f"{text(titles[0])}: {subtitle}"]
    authors = item.get("author") if isinstance(item.get("author"), list) else []
    doi = text(item.get("DOI"))
    return Record(
        service=service,
        id=record_id,
        url=url,
        titles=tuple(t for t in (text(title) for title in titles) if t),
        authors=tuple(name for name in map(family_name, authors) if name),
        year=csl_year(item.get("issued")) or csl_year(item.get("published")),
        container=text(item.get("container-title")),
        doi=doi.lower() if doi else None,
    )


DOI = DoiService()
