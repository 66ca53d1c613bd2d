"""A real HTTP client allowed onto loopback, with short timeouts and no retries, and the
fake Wayback Machine served on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fake_wayback import Wayback, serve_wayback

from citecheck.net import HttpClient, NetPolicy


@pytest.fixture
def client() -> Iterator[HttpClient]:
    policy = NetPolicy(
        connect_timeout=1.0, read_timeout=2.0, deadline=4.0, retries=0, allow_private=True
    )
    with HttpClient(policy) as http:
        yield http


@pytest.fixture
def wayback() -> Iterator[Wayback]:
    with serve_wayback(Wayback()) as running:
        yield running
