"""Retry rules: what is retried, Retry-After parsing, and the deadline bounding it all."""

from __future__ import annotations

import time

import pytest

from citecheck.net import HttpClient
from citecheck.net.retry import is_retryable, retry_after_seconds
from tests.net.conftest import fast
from tests.servers import ScenarioWeb


@pytest.mark.parametrize(
    ("status", "error", "expected"),
    [
        (408, None, True),
        (429, None, True),
        (500, None, True),
        (503, None, True),
        (501, None, False),
        (404, None, False),
        (403, None, False),
        (200, None, False),
        (None, "timeout", True),
        (None, "reset", True),
        (None, "connect-timeout", True),
        (None, "dns", False),
        (None, "refused", False),
        (None, "offline", False),
        (None, "private-address", False),
    ],
)
def test_what_is_retried(status: int | None, error: str | None, expected: bool) -> None:
    assert is_retryable(status, error) is expected


def test_retry_after_forms() -> None:
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412490.0) == 0.0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


def test_retries_never_outrun_the_deadline(web: ScenarioWeb) -> None:
    policy = fast(retries=50, deadline=1.0, read_timeout=0.2, backoff_base=0.1, backoff_max=0.2)
    with HttpClient(policy) as client:
        started = time.monotonic()
        check = client.fetch(web.url("/flaky/1?n=1000"))
        wall = time.monotonic() - started
    assert check.status == 503
    assert 2 <= check.attempts < 50
    assert wall <= 1.0 + 0.2 and check.elapsed <= 1.0
