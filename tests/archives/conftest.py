"""The fake Wayback Machine served on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fake_wayback import Wayback, serve_wayback


@pytest.fixture
def wayback() -> Iterator[Wayback]:
    with serve_wayback(Wayback()) as running:
        yield running
