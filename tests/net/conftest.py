"""Fixtures for the network tests: loopback scenario servers and fast policies."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from citecheck.net import HttpClient, NetPolicy
from tests.servers import ScenarioWeb

# Short limits so that every misbehaving server costs a second or two, not minutes.
FAST = NetPolicy(
    connect_timeout=1.0,
    read_timeout=0.6,
    deadline=1.0,
    retries=2,
    backoff_base=0.02,
    backoff_max=0.1,
    retry_after_cap=2.0,
    allow_private=True,
    dns_canaries=("localhost",),
)


@pytest.fixture
def web() -> Iterator[ScenarioWeb]:
    with ScenarioWeb(hosts=3, hold_seconds=5.0) as scenario_web:
        yield scenario_web


@pytest.fixture
def policy() -> NetPolicy:
    return FAST


@pytest.fixture
def client(policy: NetPolicy) -> Iterator[HttpClient]:
    with HttpClient(policy) as http_client:
        yield http_client


def fast(**changes: object) -> NetPolicy:
    return replace(FAST, **changes)
