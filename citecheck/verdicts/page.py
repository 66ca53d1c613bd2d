"""What the verdict rules read from an HTML page: title, headings, meta refresh, words.

Only `<title>`, `<h1>`, `<h2>` and `<meta>` are read (from lxml's HTML tree: eight
times faster than building a BeautifulSoup tree on a large page); the words used to
compare a page with the host's not-found page come from a cheap tag-stripping pass
over the body.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin

from citecheck.model import Check

_SCRIPT_STYLE = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
OWN_TITLE_META = frozenset({"og:title", "twitter:title", "citation_title", "dc.title"})
_WORD = re.compile(r"\w+")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)
_REFRESH_URL = re.compile(r"^\s*\d*(?:\.\d*)?\s*[;,]?\s*(?:url\s*=\s*)?(.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class Page:
    title: str
    headings: tuple[str, ...]
    meta_titles: tuple[str, ...]
    refresh_url: str | None
    words: tuple[str, ...]
    #: What the page calls itself: <title>, og/twitter:title, citation_title (Highwire),
    #: dc.title, JSON-LD headline/name — compared with the title a citation gives.
    own_titles: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        """The short texts that name a page: title, h1/h2 headings, og/twitter titles."""
        return tuple(text for text in (self.title, *self.headings, *self.meta_titles) if text)


def is_html(check: Check) -> bool:
    content_type = (check.content_type or "").lower()
    if content_type:
        return "html" in content_type
    return check.body.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html"))


def read_page(check: Check) -> Page | None:
    """The page in `check`'s body, or None when it has no HTML body.

    A body with NUL bytes near its start is binary whatever its declared type (a PDF
    or a decompression bomb sent as text/html): it is not given to the HTML parser.
    """
    if not check.body or not is_html(check) or _looks_binary(check.body):
        return None
    return _parse(check.body, _declared_type(check), check.final_url or check.url)


def _looks_binary(body: bytes) -> bool:
    return b"\0" in body[:4096] and not body.startswith(_UTF16_BOMS)


def _declared_type(check: Check) -> str:
    """The Content-Type header as sent (with its charset), else the bare media type."""
    return header(check, "content-type") or check.content_type or ""


def header(check: Check, name: str) -> str | None:
    """The first value of response header `name` in `check`, matched case-insensitively."""
    wanted = name.lower()
    return next((value for key, value in check.headers if key.lower() == wanted), None)


# Small: a page is parsed when observed and again when judged, right after.
@lru_cache(maxsize=64)
def _parse(body: bytes, content_type: str, base_url: str) -> Page:
    text = _decode(body, content_type)
    root = _html_tree(text)
    xpath = "//title | //h1 | //h2 | //meta | //script[@type='application/ld+json']"
    labels = root.xpath(xpath) if root is not None else []
    titles = [tag for tag in labels if tag.tag == "title"]
    title = _clean(" ".join(titles[0].itertext())) if titles else ""
    heading_tags = [tag for tag in labels if tag.tag in ("h1", "h2")][:6]
    headings = tuple(_clean(" ".join(tag.itertext())) for tag in heading_tags)
    meta_titles: list[str] = []
    own_titles = [title]
    refresh_url = None
    for meta in (tag for tag in labels if tag.tag == "meta"):
        name = (meta.get("property") or meta.get("name") or "").lower()
        if name in ("og:title", "twitter:title"):
            meta_titles.append(_clean(meta.get("content") or ""))
        if name in OWN_TITLE_META:
            own_titles.append(_clean(meta.get("content") or ""))
        if (meta.get("http-equiv") or "").lower() == "refresh" and refresh_url is None:
            refresh_url = _refresh_target(meta.get("content") or "", base_url)
    visible = _TAG.sub(" ", _SCRIPT_STYLE.sub(" ", text))
    words = tuple(_WORD.findall(visible.casefold()))
    for script in (tag for tag in labels if tag.tag == "script"):
        own_titles += json_ld_titles(script.text or "")
    own = tuple(dict.fromkeys(t for t in own_titles if t))
    headings = tuple(h for h in headings if h)
    return Page(title, headings, tuple(meta_titles), refresh_url, words, own)


def json_ld_titles(text: str) -> list[str]:
    """The `headline` and `name` of the objects in a JSON-LD block (data only, bounded)."""
    try:
        data = json.loads(text)
    except ValueError:
        return []
    found: list[str] = []
    stack, seen = [data], 0
    while stack and seen < 200:
        item, seen = stack.pop(), seen + 1
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            found += [_clean(item[k]) for k in ("headline", "name") if isinstance(item.get(k), str)]
            graph = item.get("@graph")
            if graph is not None:
                stack.append(graph)
    return found


def _html_tree(text: str) -> Any | None:
    """The page as an lxml tree (None when nothing parses). lxml's own tree, not a
    BeautifulSoup one: a few label tags are wanted from pages that can be megabytes."""
    # Imported here: a run whose answers all come from the cache parses no page.
    from lxml import etree, html

    parser = etree.HTMLParser(encoding="utf-8", no_network=True)
    try:
        return html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


def page_text(check: Check) -> str:
    """The body of `check` as text, decoded by its BOM, declared or meta charset."""
    return _decode(check.body, _declared_type(check))


def _decode(body: bytes, content_type: str) -> str:
    if body.startswith(_UTF16_BOMS):
        return body.decode("utf-16", errors="replace")
    match = _CHARSET.search(content_type) or _CHARSET.search(body[:2048].decode("ascii", "ignore"))
    if match:
        try:
            return body.decode(match.group(1), errors="replace")
        except LookupError:
            pass
    return body.decode("utf-8", errors="replace")


def _clean(text: str) -> str:
    return " ".join(text.split())


def _refresh_target(content: str, base_url: str) -> str | None:
    match = _REFRESH_URL.match(content)
    target = match.group(1).strip().strip("'\"") if match else ""
    return urljoin(base_url, target) if target else None
