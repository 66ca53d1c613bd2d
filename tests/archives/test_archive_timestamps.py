from __future__ import annotations

import pytest

from citecheck.archives.timestamps import (
    distance_seconds,
    parse_timestamp,
    shifted,
    target_timestamp,
)


@pytest.mark.parametrize(
    ("cited_on", "expected"),
    [
        ("20240215", "20240215235959"),
        ("202402", "20240229235959"),
        ("202302", "20230228235959"),
        ("2024", "20241231235959"),
        (None, None),
        ("", None),
        ("2024-02-15", None),
        ("20241301", None),
        ("20240230", None),
    ],
)
def test_target_is_the_end_of_the_cited_period(cited_on: str | None, expected: str | None) -> None:
    assert target_timestamp(cited_on) == expected


def test_short_timestamps_parse_to_period_start() -> None:
    assert parse_timestamp("2013").isoformat() == "2013-01-01T00:00:00+00:00"
    assert parse_timestamp("201309").isoformat() == "2013-09-01T00:00:00+00:00"
    assert parse_timestamp("20130919044612").isoformat() == "2013-09-19T04:46:12+00:00"
    assert parse_timestamp("2013x") is None
    assert parse_timestamp("20131345000000") is None


def test_shift_and_distance() -> None:
    assert shifted("20240101000000", -366) == "20221231000000"
    assert shifted("20240101000000", 1) == "20240102000000"
    assert distance_seconds("20240102000000", "20240101000000") == 86400
    assert distance_seconds("bad", "20240101000000") == float("inf")
    with pytest.raises(ValueError):
        shifted("bad", 1)
