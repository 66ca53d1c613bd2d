"""The request a fetch sends: requests' URL normalisation and header checks, paid once.

`requests.PreparedRequest.prepare_url` (IDNA host, quoted path, dot segments removed,
"/" for an empty path) cost a fifth of a request's CPU. A URL that is already in its
normal form — lower-case scheme and host, a path without dot segments, and only
characters that need no quoting, no `%` at all — comes out of it unchanged, so such a
URL is taken as it is (`tests/net/test_prepare.py` holds the two to the same answer);
any other goes through requests. Header sets are checked once per distinct set.
"""

from __future__ import annotations

import re
from functools import lru_cache

import requests
from requests.structures import CaseInsensitiveDict

from citecheck.net.failures import FetchFailure

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


def prepare(
    method: str,
    url: str,
    headers: dict[str, str],
    body: bytes | None = None,
    cookies: requests.cookies.RequestsCookieJar | None = None,
) -> requests.PreparedRequest:
    """The request to send: URL normalised (IDNA host, quoted path), headers, cookies.

    Built step by step rather than with `Request.prepare()`: auth and hooks never
    apply here (a body only to a POST), and skipping them saves CPU on every request.
    """
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
    if body is not None and method == "POST":
        prepared.prepare_body(body, None)
    if cookies is not None and len(cookies):
        prepared.prepare_cookies(cookies)
    return prepared


@lru_cache(maxsize=32)
def _checked(headers: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """`headers` once requests has checked them (an invalid one raises its error)."""
    probe = requests.PreparedRequest()
    probe.prepare_headers(dict(headers))
    return tuple(probe.headers.items())
