"""Where a written URL ends: the citation's URL field and the link that is checked agree."""

from __future__ import annotations

import pytest

from citecheck.citations.urls import find_doi
from citecheck.citations.urls import find_urls as written_urls
from citecheck.links.urls import find_dois, find_urls

CASES = [
    (
        "See https://en.wikipedia.org/wiki/Conan_O'Brien.",
        "https://en.wikipedia.org/wiki/Conan_O'Brien",
    ),
    (
        "（https://www.mod.go.jp/j/press/wp/index.html）",
        "https://www.mod.go.jp/j/press/wp/index.html",
    ),
    ("出典：https://www.nids.mod.go.jp/a.html、2024年", "https://www.nids.mod.go.jp/a.html"),
    ("「https://example.org/x」を参照", "https://example.org/x"),
    ("《https://example.cn/news/1》。", "https://example.cn/news/1"),
    ("<https://example.org/a b>", None),
    ("<https://example.org/angled>.", "https://example.org/angled"),
    (
        "(see https://en.wikipedia.org/wiki/Tank_(disambiguation))",
        "https://en.wikipedia.org/wiki/Tank_(disambiguation)",
    ),
    ("*https://example.org/emphasis*", "https://example.org/emphasis"),
    ("https://example.org/q?a=1&b=2;", "https://example.org/q?a=1&b=2"),
    ("Accessed at https://example.org/end: March 3.", "https://example.org/end"),
]


@pytest.mark.parametrize(("text", "url"), CASES)
def test_citation_field_and_checked_link_agree(text: str, url: str | None) -> None:
    recorded = [found.value for found in written_urls(text)]
    checked = find_urls(text)
    assert recorded == checked
    if url is not None:
        assert checked[0] == url


def test_span_covers_the_brackets_of_an_angled_url() -> None:
    text = "Title, <https://example.org/a>."
    (found,) = written_urls(text)
    assert text[found.start : found.end] == "<https://example.org/a>"


@pytest.mark.parametrize(
    ("text", "doi"),
    [
        ("doi:10.1080/14799855.2019.1580124.", "10.1080/14799855.2019.1580124"),
        ("「10.1000/xyz123」", "10.1000/xyz123"),
        ("DOI 10.1000/abc(2)x, 2020", "10.1000/abc(2)x"),
    ],
)
def test_doi_names_end_alike(text: str, doi: str) -> None:
    assert find_doi(text) == doi
    assert find_dois(text) == [doi]
