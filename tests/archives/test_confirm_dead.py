"""Dead only after N dead observations spaced ≥ spacing apart; anything else resets."""

from __future__ import annotations

import pytest

from citecheck.verdicts.confirm import DAY, confirm, count_dead


def days(*entries: tuple[float, str]) -> list[tuple[float, str]]:
    return [(day * DAY, state) for day, state in entries]


def test_three_spaced_dead_observations_confirm() -> None:
    history = days((0, "dead"), (3, "dead"), (6, "dead"))
    assert count_dead(history, 3).confirmed
    assert confirm("dead", "http-404", history, 3) == ("dead", "http-404")


def test_until_confirmed_a_dead_link_is_dying() -> None:
    assert confirm("dead", "http-404", days((0, "dead")), 3) == ("inconclusive", "dying 1/3")
    two = days((0, "dead"), (3, "dead"))
    assert confirm("dead", "http-404", two, 3) == ("inconclusive", "dying 2/3")


def test_observations_too_close_together_count_once() -> None:
    history = days((0, "dead"), (1, "dead"), (2.9, "dead"), (3, "dead"), (5, "dead"))
    assert count_dead(history, 3).counted == 2


def test_alive_or_uncertain_resets_the_count() -> None:
    for interruption in ("resolvable", "moved", "inconclusive"):
        history = days((0, "dead"), (3, "dead"), (4, interruption), (7, "dead"))
        assert count_dead(history, 3).counted == 1, interruption


def test_order_of_the_history_does_not_matter() -> None:
    history = days((6, "dead"), (0, "dead"), (3, "dead"))
    assert count_dead(history, 3).confirmed


def test_custom_spacing_and_other_states_pass_through() -> None:
    hourly = [(0.0, "dead"), (3600.0, "dead")]
    assert confirm("dead", "gone", hourly, 2, spacing=3600) == ("dead", "gone")
    assert confirm("resolvable", "ok", [], 3) == ("resolvable", "ok")
    assert confirm("dead", "gone", [], 1) == ("inconclusive", "dying 0/1")


def test_bad_settings() -> None:
    with pytest.raises(ValueError):
        count_dead([], 0)
    with pytest.raises(ValueError):
        count_dead([], 3, spacing=-1)
