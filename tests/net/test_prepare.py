"""The request URL: a URL taken as it is must be exactly what requests would send."""

from __future__ import annotations

import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.net.prepare import PlainRequest, as_requests, is_plain, is_valid_header, prepare

_PLAIN = "abcAZ09-._~!$&'()*+,;=:@/?#"
_CHARS = _PLAIN + '%. éÄ\\[]{}|^`"<> \t'
_HOSTS = ["example.org", "EXAMPLE.org", "127.0.0.2", "a.b-c.d", "bücher.de", "xn--bcher-kva.de",
          "-bad.org", ".dot.org", "[::1]", "h"]  # fmt: skip


def requests_url(url: str) -> str:
    prepared = requests.PreparedRequest()
    prepared.prepare_url(url, None)
    return prepared.url


@settings(max_examples=3000, deadline=None)
@given(
    scheme=st.sampled_from(["http", "https", "HTTP", "Https"]),
    host=st.sampled_from(_HOSTS),
    port=st.sampled_from(["", ":80", ":8080", ":080", ":65535", ":65536", ":0", ":"]),
    rest=st.one_of(st.text(alphabet=_PLAIN, max_size=30), st.text(alphabet=_CHARS, max_size=30)),
)
def test_a_plain_url_is_what_requests_would_make_of_it(scheme, host, port, rest):
    url = f"{scheme}://{host}{port}/{rest}"
    if is_plain(url):
        assert requests_url(url) == url


def test_the_property_sees_plain_urls():
    """The generator above is able to produce URLs taken as they are (of every part)."""
    assert is_plain("http://a.b-c.d:65535/a:@!$&'()*+,;=~-._/?q=/?:@#f/?")


def test_common_urls_are_plain_and_others_are_not():
    assert is_plain("http://127.0.0.2:8765/ok/12")
    assert is_plain("https://example.org/a/b?q=1&r=2#sec-3")
    others = ["http://example.org", "http://Example.org/", "http://h/a%20b", "http://h/./a"]
    others += ["http://h/a/../b", "http://h/a?", "http://bücher.de/", "http://h:65536/"]
    for url in others:
        assert not is_plain(url), url


def test_the_prepared_request_carries_the_headers_and_the_normal_url():
    prepared = prepare("get", "http://EXAMPLE.org/a b", {"User-Agent": "ua", "Accept": "*/*"})
    assert (prepared.method, prepared.url) == ("GET", "http://example.org/a%20b")
    assert dict(prepared.headers) == {"User-Agent": "ua", "Accept": "*/*"}


_HEADER_CHARS = "aZ0-_: \t\r\n\x00é"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_HEADER_CHARS, max_size=8), st.text(alphabet=_HEADER_CHARS, max_size=8))
def test_a_header_taken_at_once_is_one_requests_accepts(name, value):
    from requests.utils import check_header_validity

    if is_valid_header((name, value)):
        check_header_validity((name, value))  # raises for a header requests refuses


def test_a_plain_request_needs_no_requests_and_carries_the_same():
    plain = prepare("get", "http://example.org/a", {"User-Agent": "ua", "Accept": "*/*"})
    assert isinstance(plain, PlainRequest)
    assert (plain.method, plain.url, plain.body) == ("GET", "http://example.org/a", None)
    assert plain.headers == {"User-Agent": "ua", "Accept": "*/*"}
    full = as_requests(plain)
    assert (full.method, full.url, dict(full.headers)) == (plain.method, plain.url, plain.headers)


def test_an_invalid_header_raises_requests_own_error():
    import pytest
    from requests.exceptions import InvalidHeader

    with pytest.raises(InvalidHeader):
        prepare("GET", "http://example.org/a", {"X-Bad": " leading space"})
