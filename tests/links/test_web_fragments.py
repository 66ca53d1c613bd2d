"""#fragments of web links checked against the ids of the page as fetched, on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

import pytest

from citecheck.checks.fragments import check_web_fragments
from citecheck.net import HttpClient
from tests.servers import serve_loopback


class _Quiet(SimpleHTTPRequestHandler):
    requests_seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Quiet.requests_seen.append(self.path)
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "plain.html").write_text(
        '<html><body><h2 id="usage">Usage</h2><a name="legacy"></a></body></html>'
    )
    (tmp_path / "app.html").write_text(
        '<html><body><div id="root"></div><script src="app.js"></script></body></html>'
    )
    (tmp_path / "data.txt").write_text("#not-html")
    with serve_loopback(partial(_Quiet, directory=str(tmp_path))) as base:
        yield base


def test_fragments_against_page_ids_each_page_fetched_once(
    site: str, client: HttpClient
) -> None:
    _Quiet.requests_seen.clear()
    urls = [
        f"{site}/plain.html#usage",
        f"{site}/plain.html#legacy",
        f"{site}/plain.html#missing",
        f"{site}/app.html#settings",
        f"{site}/data.txt#x",
        f"{site}/gone.html#x",
        f"{site}/plain.html",
    ]
    verdicts = check_web_fragments(urls, client)
    states = {url.removeprefix(site): (v.state, v.reason) for url, v in verdicts.items()}
    assert states == {
        "/plain.html#usage": ("resolvable", "anchor exists"),
        "/plain.html#legacy": ("resolvable", "anchor exists"),
        "/plain.html#missing": ("dead", "no such anchor"),
        "/app.html#settings": (
            "inconclusive",
            "no such anchor in the page as served (its scripts may add it)",
        ),
    }
    assert sorted(_Quiet.requests_seen) == ["/app.html", "/data.txt", "/gone.html", "/plain.html"]
