"""EPUB: the XHTML content documents of the spine, read as one HTML document.

The package document is found through META-INF/container.xml; its spine gives the
reading order. Noterefs may point into another content document (chapter →
notes.xhtml); see `html` for what counts as a note and a marker. The style sheets a
content document links to are read for the classes that set italics. Lines are
numbered on through the content documents in reading order (`Document.parts` names
the file of each). A book without notes is read as its links, as a Markdown file is.
"""

from __future__ import annotations

import posixpath
from urllib.parse import unquote, urlsplit

from citecheck.errors import InputError
from citecheck.model import Document
from citecheck.readers.html import Page, parse_page, read_pages
from citecheck.readers.htmllinks import pages_links_document
from citecheck.readers.source import Source, decode_text
from citecheck.readers.xmlparts import parse_xml
from citecheck.readers.zipparts import ZipParts, peek, small_part

CONTAINER = "META-INF/container.xml"
CONTAINER_NS = {"c": "urn:oasis:names:tc:opendocument:xmlns:container"}
OPF_NS = {"opf": "http://www.idpf.org/2007/opf"}
CONTENT_TYPES = {"application/xhtml+xml", "text/html"}
MIMETYPE = b"application/epub+zip"


def package_path(parts: ZipParts) -> str:
    if parts.has(CONTAINER):
        root = parse_xml(parts.read(CONTAINER), f"{parts.path}: {CONTAINER}")
        rootfile = root.find(".//c:rootfile", CONTAINER_NS)
        if rootfile is not None and rootfile.get("full-path"):
            return str(rootfile.get("full-path"))
    packages = sorted(name for name in parts.names if name.endswith(".opf"))
    if not packages:
        raise InputError(f"{parts.path}: not an EPUB (no package document found)")
    return packages[0]


def content_documents(parts: ZipParts) -> list[str]:
    """Names of the XHTML content documents, spine order first, then the others."""
    opf_name = package_path(parts)
    opf = parse_xml(parts.read(opf_name), f"{parts.path}: {opf_name}")
    base = posixpath.dirname(opf_name)
    manifest: dict[str, str] = {}
    navigation: set[str] = set()
    for item in opf.iterfind(".//opf:manifest/opf:item", OPF_NS):
        href, media = item.get("href"), item.get("media-type")
        if "nav" in str(item.get("properties", "")).split():
            navigation.add(str(item.get("id")))
        if href and media in CONTENT_TYPES:
            manifest[str(item.get("id"))] = posixpath.normpath(posixpath.join(base, unquote(href)))
    spine = [
        manifest[ref.get("idref", "")]
        for ref in opf.iterfind(".//opf:spine/opf:itemref", OPF_NS)
        if ref.get("idref") in manifest
    ]
    # Content documents left out of the spine may still hold notes; the navigation
    # document only links to chapters.
    rest = [
        name for ident, name in manifest.items() if name not in spine and ident not in navigation
    ]
    names = [name for name in dict.fromkeys(spine + rest) if parts.has(name)]
    if not names:
        raise InputError(f"{parts.path}: the EPUB has no XHTML content documents")
    return names


def _link_stylesheets(parts: ZipParts, page: Page, stylesheets: dict[str, str]) -> None:
    """Give `page` the style sheets it links to inside the EPUB (each read once)."""
    for href in page.stylesheet_links():
        link = urlsplit(href)
        if link.scheme or link.netloc:
            continue
        name = posixpath.normpath(posixpath.join(posixpath.dirname(page.name), unquote(link.path)))
        if name not in stylesheets:
            data = parts.read(name) if parts.has(name) else b""
            stylesheets[name] = data.decode("utf-8", "replace")
        page.link_stylesheet(stylesheets[name])


def claims(source: Source) -> bool:
    """A zip with an OCF container, or the EPUB mimetype."""
    parts = peek(source)
    return parts is not None and (parts.has(CONTAINER) or small_part(parts, "mimetype") == MIMETYPE)


def read(source: Source) -> Document:
    path = source.path
    parts = ZipParts(path, "EPUB", source.data)
    pages: list[Page] = []
    stylesheets: dict[str, str] = {}
    for name in content_documents(parts):
        data = parts.read(name)
        if not data.strip():  # an empty content document holds nothing to read
            continue
        page = parse_page(name, decode_text(data, f"{path}: {name}"))
        _link_stylesheets(parts, page, stylesheets)
        pages.append(page)
    try:
        return read_pages(pages, path, "epub")
    except InputError:  # no notes: a book that cites through its links, as Markdown does
        return pages_links_document(pages, path, "epub")
