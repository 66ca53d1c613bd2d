"""Reading a redirect chain: trivial hops, permanent moves, and where the chain ended up."""

from __future__ import annotations

import re

from citecheck.model import Check
from citecheck.urlparts import url_parts

PERMANENT = frozenset({301, 308})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_HOME_SEGMENT = re.compile(
    r"^(?:index|default|home|top)(?:\.\w{2,5})?$|^[a-z]{2}(?:[-_][a-z]{2,4})?$", re.IGNORECASE
)
_INDEX_FILE = re.compile(r"/(?:index|default)\.(?:html?|php|aspx?|jsp)$", re.IGNORECASE)
_ERROR_SEGMENT = re.compile(
    r"^(?:40[14]|410|(?:page[-_]?)?not[-_]?found|pagenotfound|error(?:[-_]?40[34])?|errors?)"
    r"(?:\.\w{2,5})?$",
    re.IGNORECASE,
)
_LOGIN = re.compile(
    r"(?:^|[/_.-])(?:log-?in|sign-?in|signon|logon|sso|auth|authenticate|session/new|"
    r"accounts?/login|users?/sign_in)(?:$|[/_.?-])",
    re.IGNORECASE,
)


def _resource_key(url: str) -> tuple[str, str, str]:
    """What stays the same across a trivial redirect: host without case, `www.` and
    default port; path without a trailing slash or directory index file; the query.
    The scheme is ignored."""
    parts = url_parts(url)
    host = parts.host.removeprefix("www.")
    if parts.port is not None and parts.port not in _DEFAULT_PORTS.values():
        host = f"{host}:{parts.port}"
    path = _INDEX_FILE.sub("", parts.path).rstrip("/")
    return host, path, parts.query


def same_resource(a: str, b: str) -> bool:
    """True when going from `a` to `b` is a trivial canonicalisation (http→https, host
    case, `www.`, trailing slash, directory index file, default port)."""
    return _resource_key(a) == _resource_key(b)


def chain(check: Check) -> list[tuple[str, int, str]]:
    """The redirects of `check` as (from url, status, to url), in order."""
    urls = [hop.url for hop in check.hops] + [check.final_url or check.url]
    return [(hop.url, hop.status, urls[i + 1]) for i, hop in enumerate(check.hops)]


def permanent_target(check: Check) -> str | None:
    """Where the last non-trivial permanent redirect (301/308) points, or None when every
    permanent hop was trivial (temporary hops never count as a move)."""
    target = None
    for source, status, destination in chain(check):
        if status in PERMANENT and not same_resource(source, destination):
            target = destination
    return target


def is_site_root(url: str) -> bool:
    """True for a site's home page: "/", "/index.html", a bare language root like "/en/"."""
    parts = url_parts(url)
    segments = [s for s in parts.path.split("/") if s]
    if parts.query:
        return False
    return not segments or (len(segments) == 1 and bool(_HOME_SEGMENT.match(segments[0])))


def is_error_page(url: str) -> bool:
    """True for an address that names an error page ("/404.html", "/error/not-found")."""
    segments = [s for s in url_parts(url).path.split("/") if s]
    return any(_ERROR_SEGMENT.match(segment) for segment in segments)


def is_login_page(url: str) -> bool:
    parts = url_parts(url)
    return bool(_LOGIN.search(parts.path) or _LOGIN.search(parts.netloc.split(".")[0] + "/"))
