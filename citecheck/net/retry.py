"""When to try a request again, and how long to wait first (tenacity, always bounded)."""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable
from typing import TypeVar

import tenacity

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
    backoff = tenacity.wait_exponential(
        multiplier=policy.backoff_base, max=policy.backoff_max
    ) + tenacity.wait_random(0, policy.backoff_base)

    def wait(state: tenacity.RetryCallState) -> float:
        asked = retry_after(state.outcome.result())  # type: ignore[union-attr]
        if asked is None:
            return backoff(state)
        return asked if asked <= policy.retry_after_cap else float("inf")

    def stop(state: tenacity.RetryCallState) -> bool:
        if state.attempt_number > policy.retries:
            return True
        return state.upcoming_sleep + policy.read_timeout > time_left()

    retrying = tenacity.Retrying(
        retry=tenacity.retry_if_result(retryable),
        wait=wait,
        stop=stop,
        sleep=sleep,
        retry_error_callback=lambda state: state.outcome.result(),  # type: ignore[union-attr]
    )
    result = retrying(attempt)
    return result, retrying.statistics.get("attempt_number", 1)
