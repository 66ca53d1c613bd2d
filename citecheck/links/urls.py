"""Finding URLs and DOIs in citation text, and the normalised form used to deduplicate them."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from citecheck.urlparts import url_parts

if TYPE_CHECKING:
    from citecheck.citations.guarded import Guarded

DOI_RESOLVER = "https://doi.org/"

_DOI_HOSTS = {"doi.org", "dx.doi.org", "www.doi.org"}
_DEFAULT_PORTS = {"http": 80, "https": 443}


def find_urls(text: str) -> list[str]:
    """Every http(s) URL written in `text`, in order, trailing punctuation removed."""
    from citecheck.citations.urls import find_urls as find_written_urls

    return [found.value for found in find_written_urls(text) if url_parts(found.value).host]


def find_dois(text: str) -> list[str]:
    """DOIs written bare in `text` ("doi:10.1000/xyz"), not those inside a URL."""
    from citecheck.citations.urls import trim

    dois = []
    for match in _doi_pattern().finditer(text):
        before = text[: match.start()].rstrip()
        if before.endswith("/") or re.search(r"https?://\S*$", before):
            continue
        dois.append(trim(match.group(1)))
    return dois


@cache
def _doi_pattern() -> Guarded:
    """A DOI written bare, searched only in text holding `10.`. Compiled on first use: the
    citation grammar it comes from (`citecheck.citations`) is not needed to deduplicate or
    normalise URLs, which a run whose parse and verdicts are all cached does with nothing
    else."""
    from citecheck.citations.guarded import Guarded
    from citecheck.citations.urls import DOI_NAME

    return Guarded(re.compile(rf"\b({DOI_NAME})"), "10.")


def doi_of(url: str) -> str | None:
    """The DOI a doi.org URL resolves, or None for any other URL."""
    parts = url_parts(url)
    if parts.host in _DOI_HOSTS and parts.path.startswith("/10."):
        return unquote(parts.path[1:])
    return None


def doi_url(doi: str) -> str:
    """The resolver URL of a DOI (the DOI's reserved characters percent-encoded)."""
    doi = doi.strip()
    doi = re.sub(r"^(doi:\s*|https?://(dx\.)?doi\.org/)", "", doi, flags=re.IGNORECASE)
    return DOI_RESOLVER + quote(doi, safe="/:;()._-")


def normalize_url(url: str) -> str:
    """The form two spellings of one URL share: scheme and host lower-cased, default
    port dropped, empty path made "/", fragment dropped. Path and query keep their case."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    if parts.username:
        userinfo = parts.username + (f":{parts.password}" if parts.password else "")
        netloc = f"{userinfo}@{netloc}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


@lru_cache(maxsize=1 << 16)
def dedup_key(url: str) -> str:
    """What makes two links the same: the normalised URL, with DOIs compared case-blind.
    A local target (a path, a `file:` URL) is its own key, fragment included: two
    anchors of one file are two links."""
    if urlsplit(url).scheme.lower() in ("", "file"):
        return url
    doi = doi_of(url)
    return DOI_RESOLVER + doi.casefold() if doi else normalize_url(url)
