"""Loopback fakes of the look-up services, answering in their documented shapes.

One server holds a catalogue of works and answers as each service does, under its own
path prefix (point `LookupSettings.base_urls` at `Catalogue.settings()`):

  /doi/<doi>                        CSL-JSON (DOI content negotiation), 404 for no such DOI
  /crossref/works?query.bibliographic=…&rows=…   {"status": "ok", "message": {"items": […]}}
  /openalex/works?search=…&per-page=…            {"meta": {…}, "results": […]}
  /cinii/opensearch/<kind>?title=…&format=json&appid=…   JSON-LD channel with items[]
  /ndl/api/opensearch?title=…&cnt=…                RSS 2.0 with DC-NDL elements
  /page/<name>                      an HTML page (`pages`: name → (title, extra head))

Searches rank works by the words (CJK: character pairs) they share with the query, as
a relevance search does, so a typo or a wrong year still finds the work and a work
that does not exist finds only unrelated ones. `modes` make a service misbehave:
"429" (429 with Retry-After: 1 on its first request), "429-long" (Retry-After: 3600),
"malformed" (cut-off JSON / XML), "slow" (answers after `slow_seconds`), "empty" (no
results). Every request is logged with its arrival time, per service.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit
from xml.sax.saxutils import escape

from citecheck.lookup.settings import LookupSettings
from tests.servers import serve_loopback

_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True)
class Work:
    """A work in the fake catalogue (authors as "Family, Given" or a CJK name whole)."""

    title: str
    authors: tuple[str, ...] = ()
    year: int | None = None
    container: str | None = None
    doi: str | None = None
    type: str = "article-journal"
    language: str = "en"
    key: str = ""


def tokens(text: str) -> set[str]:
    text = text.casefold()
    words = set(_WORD.findall(_CJK.sub(" ", text)))
    cjk = "".join(_CJK.findall(text))
    return words | {cjk[i : i + 2] for i in range(len(cjk) - 1)}


@cache
def work_tokens(work: Work) -> frozenset[str]:
    return frozenset(tokens(" ".join([work.title, *work.authors, str(work.year or "")])))


@dataclass
class Catalogue:
    works: list[Work] = field(default_factory=list)
    pages: dict[str, tuple[str, str]] = field(default_factory=dict)
    modes: dict[str, str] = field(default_factory=dict)
    slow_seconds: float = 3.0
    requests: dict[str, list[float]] = field(default_factory=dict)
    base: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def settings(self, **changes: Any) -> LookupSettings:
        urls = {
            name: f"{self.base}/{name}" for name in ("doi", "crossref", "openalex", "cinii", "ndl")
        }
        values: dict[str, Any] = {
            "base_urls": urls,
            "cinii_appid": "test-appid",
            "contact": "editor@example.org",
            "retry_after_cap": 5.0,
        }
        values.update(changes)
        return LookupSettings(**values)

    def page_url(self, name: str) -> str:
        return f"{self.base}/page/{quote(name)}"

    def log(self, service: str) -> bool:
        """Record a request; True when it is the service's first."""
        with self.lock:
            times = self.requests.setdefault(service, [])
            times.append(time.monotonic())
            return len(times) == 1

    def count(self, service: str) -> int:
        with self.lock:
            return len(self.requests.get(service, []))

    def search(self, text: str, rows: int, language: str | None = None) -> list[Work]:
        wanted = tokens(text)
        scored = []
        for work in self.works:
            if language and (work.language == "ja") != (language == "ja"):
                continue
            have = work_tokens(work)
            shared = len(wanted & have)
            if shared:
                scored.append((shared / len(wanted | have), work))
        scored.sort(key=lambda pair: -pair[0])
        return [work for _, work in scored[:rows]]


# --- the shapes each service answers in ---------------------------------------------------


def _names(work: Work) -> list[dict[str, str]]:
    names = []
    for name in work.authors:
        family, _, given = name.partition(",")
        names.append(
            {"family": family.strip(), "given": given.strip()} if given else {"literal": name}
        )
    return names


def csl_item(work: Work) -> dict[str, Any]:
    item: dict[str, Any] = {
        "type": work.type,
        "title": work.title,
        "author": _names(work),
        "DOI": work.doi,
        "URL": f"https://doi.org/{work.doi}",
        "publisher": "Fake Press",
    }
    if work.year:
        item["issued"] = {"date-parts": [[work.year, 3]]}
    if work.container:
        item["container-title"] = work.container
    return item


def crossref_item(work: Work, score: float) -> dict[str, Any]:
    item = csl_item(work)
    item["title"] = [work.title]
    item["container-title"] = [work.container] if work.container else []
    item["score"] = score
    item["type"] = "journal-article"
    return item


def openalex_result(work: Work) -> dict[str, Any]:
    return {
        "id": f"https://openalex.org/W{abs(hash(work.title)) % 10**9}",
        "doi": f"https://doi.org/{work.doi}" if work.doi else None,
        "title": work.title,
        "display_name": work.title,
        "publication_year": work.year,
        "authorships": [
            {"author": {"display_name": " ".join(reversed([p.strip() for p in a.split(",", 1)]))}}
            for a in work.authors
        ],
        "primary_location": {"source": {"display_name": work.container}}
        if work.container
        else None,
    }


def cinii_item(work: Work, index: int) -> dict[str, Any]:
    crid = f"https://cir.nii.ac.jp/crid/13900000000000{index:05d}"
    item: dict[str, Any] = {
        "@id": crid,
        "@type": "item",
        "title": work.title,
        "link": {"@id": crid},
        "rdfs:seeAlso": {"@id": f"{crid}.json"},
        "dc:creator": [a.replace(",", " ").replace("  ", " ") for a in work.authors],
        "dc:type": "Book" if work.type == "book" else "Article",
        "prism:publicationDate": str(work.year or ""),
    }
    if work.container:
        item["prism:publicationName"] = work.container
    if work.doi:
        item["dc:identifier"] = [{"@type": "cir:DOI", "@value": work.doi}]
    return item


def cinii_channel(items: list[dict[str, Any]], query: str) -> dict[str, Any]:
    return {
        "@context": {
            "@vocab": "https://cir.nii.ac.jp/schema/1.0/",
            "dc": "http://purl.org/dc/elements/1.1/",
            "prism": "http://prismstandard.org/namespaces/basic/2.0/",
            "opensearch": "http://a9.com/-/spec/opensearch/1.1/",
        },
        "@id": f"https://cir.nii.ac.jp/opensearch/all?title={quote(query)}&format=json",
        "@type": "channel",
        "title": f"CiNii Research OpenSearch - {query}",
        "opensearch:totalResults": len(items),
        "opensearch:startIndex": 1,
        "opensearch:itemsPerPage": len(items),
        "items": items,
    }


def ndl_rss(works: list[Work], query: str) -> str:
    items = []
    for index, work in enumerate(works):
        link = f"https://ndlsearch.ndl.go.jp/books/R100000002-I0{index:08d}"
        creators = "".join(f"<dc:creator>{escape(a)}</dc:creator>" for a in work.authors)
        items.append(
            f"<item><title>{escape(work.title)}</title><link>{link}</link>"
            f"<author>{escape(','.join(work.authors))}</author><category>図書</category>"
            f'<guid isPermaLink="true">{link}</guid><dc:title>{escape(work.title)}</dc:title>'
            f"{creators}<dc:publisher>架空出版</dc:publisher>"
            f'<dc:date xsi:type="dcterms:W3CDTF">{work.year}</dc:date>'
            f"<dcterms:issued>{work.year}.4</dcterms:issued></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:openSearch="http://a9.com/-/spec/opensearchrss/1.0/"'
        ' xmlns:dcndl="http://ndl.go.jp/dcndl/terms/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="2.0"><channel>'
        f"<title>{escape(query)} - 国立国会図書館サーチ OpenSearch</title>"
        f"<openSearch:totalResults>{len(works)}</openSearch:totalResults>"
        f"{''.join(items)}</channel></rss>"
    )


class _Handler(BaseHTTPRequestHandler):
    catalogue: Catalogue

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        service, _, rest = parts.path.lstrip("/").partition("/")
        catalogue = self.catalogue
        first = catalogue.log(service)
        mode = catalogue.modes.get(service, "")
        if (mode == "429" and first) or mode == "429-long":
            after = "1" if mode == "429" else "3600"
            return self._send(
                429, b'{"status":"error"}', "application/json", {"Retry-After": after}
            )
        if mode == "slow":
            time.sleep(catalogue.slow_seconds)
        if service == "doi":
            return self._doi(unquote(rest), mode)
        if service == "page":
            title, head = catalogue.pages.get(unquote(rest), ("", ""))
            if not title:
                return self._send(404, b"<html><title>Not Found</title></html>", "text/html")
            body = f"<!doctype html><html><head><title>{escape(title)}</title>{head}</head></html>"
            return self._send(200, body.encode(), "text/html; charset=utf-8")
        rows = int(
            query.get("rows")
            or query.get("per-page")
            or query.get("count")
            or query.get("cnt")
            or 5
        )
        text = query.get("query.bibliographic") or query.get("search") or query.get("title") or ""
        language = "ja" if service in ("cinii", "ndl") else "en"
        found = [] if mode == "empty" else catalogue.search(text, rows, language)
        if service == "crossref":
            items = [crossref_item(w, 50.0 - i) for i, w in enumerate(found)]
            payload: Any = {
                "status": "ok",
                "message-type": "work-list",
                "message-version": "1.0.0",
                "message": {"total-results": len(items), "items": items, "items-per-page": rows},
            }
            return self._json(
                payload, mode, {"X-Rate-Limit-Limit": "50", "X-Rate-Limit-Interval": "1s"}
            )
        if service == "openalex":
            payload = {
                "meta": {"count": len(found), "page": 1, "per_page": rows},
                "results": [openalex_result(w) for w in found],
            }
            return self._json(payload, mode)
        if service == "cinii":
            if not query.get("appid"):
                return self._send(403, b"appid required", "text/plain")
            return self._json(
                cinii_channel([cinii_item(w, i) for i, w in enumerate(found)], text), mode
            )
        if service == "ndl":
            body = ndl_rss(found, text).encode()
            return self._send(
                200, body[: len(body) // 2] if mode == "malformed" else body, "application/rss+xml"
            )
        return self._send(404, b"no such service", "text/plain")

    def _doi(self, doi: str, mode: str) -> None:
        work = next(
            (w for w in self.catalogue.works if w.doi and w.doi.lower() == doi.lower()), None
        )
        if work is None:
            return self._send(404, b"DOI Not Found", "text/html")
        self._json(csl_item(work), mode, content_type="application/vnd.citationstyles.csl+json")

    def _json(
        self,
        payload: Any,
        mode: str,
        headers: dict[str, str] | None = None,
        content_type: str = "application/json",
    ) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode()
        if mode == "malformed":
            body = body[: len(body) // 2]
        self._send(200, body, content_type, headers)

    def _send(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


@contextmanager
def serve_catalogue(catalogue: Catalogue) -> Iterator[Catalogue]:
    handler = type("Handler", (_Handler,), {"catalogue": catalogue})
    with serve_loopback(handler) as base:
        catalogue.base = base
        yield catalogue
