"""Which capture is offered: status 200, nearest the citation date, replaying the same page."""

from __future__ import annotations

from citecheck.archives.choice import closest_capture, replay_problem, replayed_page, usable
from citecheck.archives.formats import Capture
from citecheck.model import ArchiveSnapshot, Check, Hop

PAGE = "http://www.mod.go.jp/j/press/2024/0215.html"


def capture(timestamp: str, status: int | None = 200) -> Capture:
    return Capture(timestamp, PAGE, status)


def test_nearest_200_capture_wins_on_either_side() -> None:
    captures = [
        capture("20230101000000"),
        capture("20240210000000"),
        capture("20240216120000", status=404),
        capture("20240301000000"),
    ]
    target = "20240215235959"
    assert closest_capture(captures, target) == capture("20240210000000")
    later = [capture("20230101000000"), capture("20240217000000")]
    assert closest_capture(later, target) == capture("20240217000000")


def test_tie_goes_to_the_earlier_capture() -> None:
    captures = [capture("20240102000000"), capture("20231231000000")]
    assert closest_capture(captures, "20240101000000") == capture("20231231000000")


def test_without_a_date_the_latest_capture_wins() -> None:
    captures = [capture("2019"), capture("2023"), capture("2021")]
    assert closest_capture(captures, None) == capture("2023")


def test_no_200_capture_means_none() -> None:
    assert closest_capture([capture("2020", 404), capture("2021", None)], "2020") is None
    assert closest_capture([], "2020") is None


def test_only_status_200_snapshots_are_usable() -> None:
    assert usable(ArchiveSnapshot("u", "2020", 200))
    assert not usable(ArchiveSnapshot("u", "2020", 302))
    assert not usable(ArchiveSnapshot("u", "2020", None))


def snapshot_check(status: int | None, final: str | None, error: str | None = None) -> Check:
    return Check(
        url=f"https://web.archive.org/web/20240210000000/{PAGE}",
        method="GET",
        status=status,
        final_url=final,
        hops=(Hop(f"https://web.archive.org/web/20240210000000/{PAGE}", 302),),
        error=error,
    )


def test_replay_that_lands_on_the_same_page_is_fine() -> None:
    snapshot = ArchiveSnapshot(f"https://web.archive.org/web/20240210000000/{PAGE}", "2024", 200)
    nearby = "https://web.archive.org/web/20240211010101/https://mod.go.jp/j/press/2024/0215.html/"
    assert replay_problem(snapshot, PAGE, snapshot_check(200, nearby)) is None


def test_replay_that_lands_elsewhere_or_fails_is_refused() -> None:
    snapshot = ArchiveSnapshot(f"https://web.archive.org/web/20240210000000/{PAGE}", "2024", 200)
    home = "https://web.archive.org/web/20240210000000/http://www.mod.go.jp/"
    assert replay_problem(snapshot, PAGE, snapshot_check(200, home)) == (
        "snapshot-redirects-elsewhere"
    )
    assert replay_problem(snapshot, PAGE, snapshot_check(404, None)) == "snapshot-status-404"
    assert replay_problem(snapshot, PAGE, snapshot_check(None, None, "timeout")) == (
        "snapshot-unreachable: timeout"
    )


def test_replayed_page_reads_flags_and_queries() -> None:
    assert replayed_page("https://web.archive.org/web/2024id_/http://a.jp/x?q=1") == (
        "http://a.jp/x?q=1"
    )
    assert replayed_page("https://web.archive.org/about/") is None
