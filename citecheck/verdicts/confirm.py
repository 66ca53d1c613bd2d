"""Confirmation over time: dead only after N dead observations spaced days apart.

The rule IABot uses: a link is reported dead only after `required` dead
observations, each at least `spacing` seconds after the previous one counted;
a dead observation sooner than that neither counts nor resets. Any alive or
uncertain observation resets the count to zero. Until the count is reached the
link is inconclusive with reason "dying k/N".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from citecheck.model import VerdictState

DAY = 24 * 3600.0
DEFAULT_SPACING = 3 * DAY

Observation = tuple[float, VerdictState]


@dataclass(frozen=True)
class Confirmation:
    """How many spaced dead observations the history holds, of how many required."""

    counted: int
    required: int

    @property
    def confirmed(self) -> bool:
        return self.counted >= self.required

    @property
    def reason(self) -> str:
        return f"dying {min(self.counted, self.required)}/{self.required}"


def count_dead(
    history: Iterable[Observation], required: int, spacing: float = DEFAULT_SPACING
) -> Confirmation:
    """Count the spaced dead observations since the last non-dead one.

    `history` is (time in seconds, state) pairs in any order; it should include
    the observation just made.
    """
    if required < 1:
        raise ValueError("required must be at least 1")
    if spacing < 0:
        raise ValueError("spacing must not be negative")
    counted, last_counted = 0, None
    for moment, state in sorted(history, key=lambda observation: observation[0]):
        if state != "dead":
            counted, last_counted = 0, None
        elif last_counted is None or moment - last_counted >= spacing:
            counted, last_counted = counted + 1, moment
    return Confirmation(counted, required)


def confirm(
    state: VerdictState,
    reason: str,
    history: Iterable[Observation],
    required: int,
    spacing: float = DEFAULT_SPACING,
) -> tuple[VerdictState, str]:
    """The (state, reason) to report once confirmation is applied to a fresh judgement.

    Only "dead" is held back: it stays dead when the history confirms it, and
    becomes inconclusive "dying k/N" until then. Other states pass unchanged.
    """
    if state != "dead":
        return state, reason
    confirmation = count_dead(history, required, spacing)
    if confirmation.confirmed:
        return state, reason
    return "inconclusive", confirmation.reason
