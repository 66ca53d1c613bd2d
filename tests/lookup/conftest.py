"""The fake look-up services on loopback, and a client allowed onto loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from citecheck.net import HttpClient, NetPolicy
from tests.lookup.fake_services import Catalogue, Work, serve_catalogue

PAPER = Work(
    "Deep residual learning for image recognition",
    ("He, Kaiming", "Zhang, Xiangyu", "Ren, Shaoqing"),
    2016,
    "Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition",
    "10.1109/cvpr.2016.90",
)
OTHER = Work(
    "Long short-term memory",
    ("Hochreiter, Sepp", "Schmidhuber, Jürgen"),
    1997,
    "Neural Computation",
    "10.1162/neco.1997.9.8.1735",
)
NO_DOI = Work(
    "The structure of scientific revolutions", ("Kuhn, Thomas",), 1962, None, None, "book"
)
JAPANESE_BOOK = Work("防衛白書 : 日本の防衛", ("防衛省",), 2023, None, None, "book", "ja")
JAPANESE_ARTICLE = Work(
    "ロシアの古典的な大国構想と中国",
    ("山添, 博史",),
    2021,
    "国際安全保障",
    "10.57292/kokusaianzenhosho.48.4_40",
    "article-journal",
    "ja",
)


@pytest.fixture(autouse=True)
def _no_lookups() -> None:
    """Look-ups stay on here: every test points them at its own loopback fakes."""


@pytest.fixture
def catalogue() -> Iterator[Catalogue]:
    with serve_catalogue(
        Catalogue([PAPER, OTHER, NO_DOI, JAPANESE_BOOK, JAPANESE_ARTICLE])
    ) as running:
        yield running


@pytest.fixture
def http() -> Iterator[HttpClient]:
    policy = NetPolicy(
        connect_timeout=1.0, read_timeout=1.0, deadline=2.0, retries=0, allow_private=True
    )
    with HttpClient(policy) as client:
        yield client
