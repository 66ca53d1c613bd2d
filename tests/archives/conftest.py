"""A real HTTP client allowed onto loopback, with short timeouts and no retries."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture
def client() -> Iterator[object]:
    net = pytest.importorskip("citecheck.net", reason="the network package is not merged yet")
    policy = net.NetPolicy(
        connect_timeout=1.0, read_timeout=2.0, deadline=4.0, retries=0, allow_private=True
    )
    with net.HttpClient(policy) as http:
        yield http
