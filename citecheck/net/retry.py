"""When to try a request again, and how long to wait first (always bounded)."""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Callable
from typing import TypeVar

from citecheck.net.failures import RETRYABLE
from citecheck.net.policy import NetPolicy

T = TypeVar("T")

# 501 Not Implemented is an answer about the method, not a passing fault.
RETRYABLE_STATUS = frozenset({408, 429, 500, 502, 503, 504, 507, 509, 520, 521, 522, 523, 524})


def is_retryable(status: int | None, error: str | None) -> bool:
    if error is not None:
        return error in RETRYABLE
    return status in RETRYABLE_STATUS


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds asked for by a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def call_with_retries(
    attempt: Callable[[], T],
    *,
    policy: NetPolicy,
    retryable: Callable[[T], bool],
    retry_after: Callable[[T], float | None],
    time_left: Callable[[], float],
    sleep: Callable[[float], None],
) -> tuple[T, int]:
    """Run `attempt` until its result is final; return it with the number of attempts.

    Another attempt is made only when the policy's retry count allows it, the
    server's Retry-After (if any) is within the cap, and the time left after the
    wait still holds a full read timeout — so the per-URL deadline is never
    overrun by a retry, and a request that timed out is not retried on a deadline
    that could not hold a second timeout.
    """
    attempts = 0
    while True:
        result = attempt()
        attempts += 1
        if not retryable(result):
            return result, attempts
        asked = retry_after(result)
        if asked is None:  # exponential back-off with jitter: base·2ⁿ⁻¹ capped, + [0, base)
            wait = min(policy.backoff_base * 2 ** (attempts - 1), policy.backoff_max)
            wait += random.uniform(0, policy.backoff_base)
        else:
            wait = asked if asked <= policy.retry_after_cap else float("inf")
        if attempts > policy.retries or wait + policy.read_timeout > time_left():
            return result, attempts
        sleep(wait)
