"""NDL Search OpenSearch (Japanese books and articles), RSS 2.0 with DC-NDL elements.

`GET /api/opensearch?title=…&creator=…&cnt=…` → `channel/item` with `link` (the
record), `dc:title`, `dcndl:titleTranscription`, `dc:creator` ("角, 征典"),
`dcterms:issued` / `dc:date`, `dc:publisher`, `dc:identifier xsi:type="dcndl:ISBN"`.
Open, no key; its terms ask for about one request a second.
"""

from __future__ import annotations

from urllib.parse import urlencode

from citecheck.lookup.record import Query, Record, year_in
from citecheck.lookup.services.base import MalformedAnswer, Request
from citecheck.lookup.settings import LookupSettings
from citecheck.model import Check

NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "dcndl": "http://ndl.go.jp/dcndl/terms/",
}
BOOKISH = frozenset({"book", "chapter", "report", "thesis", "article-journal", "article"})


class NdlService:
    name = "ndl"

    def request(self, query: Query, settings: LookupSettings) -> Request | None:
        if not query.title or query.language != "ja" or (query.type or "book") not in BOOKISH:
            return None
        params = {"title": query.title, "cnt": str(settings.rows)}
        return Request(f"{settings.base(self.name)}/api/opensearch?{urlencode(params)}")

    def read(self, answer: Check) -> tuple[Record, ...]:
        from lxml import etree  # imported here: a run answered from the cache parses no XML

        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        try:
            root = etree.fromstring(answer.body, parser=parser)
        except (etree.XMLSyntaxError, ValueError) as exc:
            raise MalformedAnswer(f"not XML: {exc}") from None
        if root is None or root.tag != "rss":
            raise MalformedAnswer("RSS expected")
        return tuple(_record(item) for item in root.iterfind("channel/item"))


def _record(item) -> Record:
    def all_of(path: str) -> list[str]:
        return [
            " ".join(e.text.split()) for e in item.iterfind(path, NS) if e.text and e.text.strip()
        ]

    link = (all_of("link") or all_of("guid") or [""])[0]
    titles = all_of("dc:title") or all_of("title")
    issued = (all_of("dcterms:issued") or all_of("dc:date") or [""])[0]
    return Record(
        service="ndl",
        id=link.rsplit("/", 1)[-1],
        url=link,
        titles=tuple(titles + all_of("dcndl:titleTranscription")),
        authors=tuple(all_of("dc:creator")),
        year=year_in(issued),
        container=(all_of("dcndl:seriesTitle") or [None])[0],
    )


NDL = NdlService()
