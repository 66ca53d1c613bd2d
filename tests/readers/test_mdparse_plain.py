"""A plain link skips markdown-it's link normalising only where that gives it back as is."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.common.normalize_url import normalizeLink, normalizeLinkText

from citecheck.readers.mdparse import PLAIN_LINK, parse


@settings(max_examples=3000, deadline=None)
@given(st.from_regex(PLAIN_LINK, fullmatch=True))
def test_a_plain_link_is_what_markdown_it_makes_of_it(url: str) -> None:
    assert normalizeLink(url) == url
    assert normalizeLinkText(url) == url


def test_links_markdown_it_changes_are_not_plain() -> None:
    for url in (
        "https://bücher.de/",  # punycode
        "https://xn--bcher-kva.de/",  # shown as unicode
        "https://example.org/a%20b",  # decoded in the text
        "https://example.org/a b",
        "https://example.org/日本",  # percent-encoded
        "https://example.org/a\\b",
        f"https://{'a.' * 127}org/",  # a host over 255 characters: mdurl drops it
    ):
        assert normalizeLink(url) != url or normalizeLinkText(url) != url, url
        assert not PLAIN_LINK.fullmatch(url), url


def test_autolinks_read_as_before() -> None:
    """The tokens of autolinks, plain or not, hold markdown-it's own normalised forms."""
    urls = [
        "https://example.org/watch?v=x&t=4m58",
        "https://Bücher.de/a%20b",
        "http://127.0.0.2:48039/gone/1",
        "https://EXAMPLE.org/%7Euser",
    ]
    text = f"[^1]: A. <{urls[0]}>s and <{urls[1]}>.\n[^2]: <{urls[2]}> <{urls[3]}>\n"
    children = [
        child
        for token in parse(text)[0]
        if token.type == "inline"
        for child in token.children or []
    ]
    hrefs = [child.attrGet("href") for child in children if child.type == "link_open"]
    shown = [after.content for child, after in pairwise(children) if child.type == "link_open"]
    assert hrefs == [normalizeLink(url) for url in urls]
    assert shown == [normalizeLinkText(url) for url in urls]
    assert any(PLAIN_LINK.fullmatch(url) for url in urls)
