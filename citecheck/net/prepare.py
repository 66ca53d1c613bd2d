"""The request a fetch sends: requests' URL normalisation and header checks, paid once.

`requests.PreparedRequest.prepare_url` (IDNA host, quoted path, dot segments removed,
"/" for an empty path) cost a fifth of a request's CPU. A URL that is already in its
normal form — lower-case scheme and host, a path without dot segments, and only
characters that need no quoting, no `%` at all — comes out of it unchanged, so such a
URL is taken as it is (`tests/net/test_prepare.py` holds the two to the same answer);
any other goes through requests. Header sets are checked once per distinct set, by
requests' own rule for a header (the same patterns, `tests/net/test_prepare.py`).
A plain request (a plain URL, no body, no cookie) is built without requests, which is
then not even imported: most runs need none of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from citecheck.net.failures import FetchFailure

if TYPE_CHECKING:
    import requests

_PLAIN_CHARS = r"A-Za-z0-9\-._~!$&'()*+,;=:@"
#: A URL prepare_url leaves as it is (the port and dot segments are checked apart).
_PLAIN_URL = re.compile(
    rf"https?://[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::([1-9][0-9]{{0,4}}))?"
    rf"/[{_PLAIN_CHARS}/]*(?:\?[{_PLAIN_CHARS}/?]+)?(?:#[{_PLAIN_CHARS}/?]+)?"
)


def is_plain(url: str) -> bool:
    """True when `url` is already what requests' prepare_url would make of it."""
    match = _PLAIN_URL.fullmatch(url)
    if match is None:
        return False
    port = match.group(1)
    path = url.split("#", 1)[0].split("?", 1)[0]
    return (port is None or int(port) <= 65535) and "/." not in path


#: Headers requests' own check accepts (`requests._internal_utils`): taken at once;
#: any other is given to that check, which raises its error.
_HEADER_NAME = re.compile(r"^[^:\s][^:\r\n]*\Z")
_HEADER_VALUE = re.compile(r"^\S[^\r\n]*\Z|^\Z")


@dataclass(frozen=True)
class PlainRequest:
    """A request whose URL and headers need nothing from requests (see `is_plain`)."""

    method: str
    url: str
    headers: dict[str, str]
    body: None = None


def prepare(
    method: str,
    url: str,
    headers: dict[str, str],
    body: bytes | None = None,
    cookies: requests.cookies.RequestsCookieJar | None = None,
) -> PlainRequest | requests.PreparedRequest:
    """The request to send: URL normalised (IDNA host, quoted path), headers, cookies.

    Built step by step rather than with `Request.prepare()`: auth and hooks never
    apply here (a body only to a POST), and skipping them saves CPU on every request.
    """
    posts = body is not None and method == "POST"
    if is_plain(url) and not posts and (cookies is None or not len(cookies)):
        return PlainRequest(method.upper(), url, dict(_checked(tuple(headers.items()))))
    import requests
    from requests.structures import CaseInsensitiveDict

    prepared = requests.PreparedRequest()
    try:
        prepared.prepare_method(method)
        if is_plain(url):
            prepared.url = url
        else:
            prepared.prepare_url(url, None)
    except requests.exceptions.RequestException as exc:
        raise FetchFailure("invalid-url", str(exc)) from None
    prepared.headers = CaseInsensitiveDict(_checked(tuple(headers.items())))
    if posts:
        prepared.prepare_body(body, None)
    if cookies is not None and len(cookies):
        prepared.prepare_cookies(cookies)
    return prepared


def as_requests(request: PlainRequest | requests.PreparedRequest) -> requests.PreparedRequest:
    """`request` as requests' own type (what its cookie jar reads a request from)."""
    if not isinstance(request, PlainRequest):
        return request
    import requests
    from requests.structures import CaseInsensitiveDict

    prepared = requests.PreparedRequest()
    prepared.method, prepared.url = request.method, request.url
    prepared.headers = CaseInsensitiveDict(request.headers)
    return prepared


@lru_cache(maxsize=32)
def _checked(headers: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """`headers` once checked by requests' rule (an invalid one raises its error)."""
    for header in headers:
        if not is_valid_header(header):
            from requests.utils import check_header_validity

            check_header_validity(header)
    return headers


def is_valid_header(header: tuple[object, object]) -> bool:
    """True for a header of strings that requests' check accepts (without requests)."""
    name, value = header
    return (
        isinstance(name, str)
        and isinstance(value, str)
        and bool(_HEADER_NAME.match(name))
        and bool(_HEADER_VALUE.match(value))
    )
