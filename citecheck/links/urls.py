"""Finding URLs and DOIs in citation text, and the normalised form used to deduplicate them."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote, unquote, urlsplit, urlunsplit

DOI_RESOLVER = "https://doi.org/"

# A URL runs until whitespace, an angle bracket, a quote, or CJK punctuation that
# never appears unescaped in a URL (、。「」『』（）【】《》，；：).
_URL = re.compile(r"""https?://[^\s<>"'`、。「」『』（）【】《》〈〉，；：！？]+""", re.IGNORECASE)
_DOI = re.compile(r"""\b(10\.\d{4,9}/[^\s<>"'、。「」『』（）【】《》，；]+)""")
_DOI_HOSTS = {"doi.org", "dx.doi.org", "www.doi.org"}
_TRAILING = ".,;:!?*'\""
_PAIRS = {")": "(", "]": "[", "}": "{"}
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _trim(candidate: str) -> str:
    """Drop sentence punctuation and unbalanced closing brackets from the end of a match."""
    while candidate:
        last = candidate[-1]
        unbalanced = last in _PAIRS and candidate.count(last) > candidate.count(_PAIRS[last])
        if last not in _TRAILING and not unbalanced:
            break
        candidate = candidate[:-1]
    return candidate


def find_urls(text: str) -> list[str]:
    """Every http(s) URL written in `text`, in order, trailing punctuation removed."""
    found = (_trim(match.group(0)) for match in _URL.finditer(text))
    return [url for url in found if urlsplit(url).hostname]


def find_dois(text: str) -> list[str]:
    """DOIs written bare in `text` ("doi:10.1000/xyz"), not those inside a URL."""
    dois = []
    for match in _DOI.finditer(text):
        before = text[: match.start()].rstrip()
        if before.endswith("/") or re.search(r"https?://\S*$", before):
            continue
        dois.append(_trim(match.group(1)))
    return dois


def doi_of(url: str) -> str | None:
    """The DOI a doi.org URL resolves, or None for any other URL."""
    parts = urlsplit(url)
    if (parts.hostname or "").lower() in _DOI_HOSTS and parts.path.startswith("/10."):
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
    """What makes two links the same: the normalised URL, with DOIs compared case-blind."""
    doi = doi_of(url)
    return DOI_RESOLVER + doi.casefold() if doi else normalize_url(url)
