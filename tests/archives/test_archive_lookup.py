"""find_snapshot against a loopback Wayback Machine speaking the real formats."""

from __future__ import annotations

import socket
from urllib.parse import parse_qs, urlsplit

from fake_wayback import Wayback

from citecheck.archives import ArchiveService, ArchiveSettings, find_snapshot, find_snapshots
from citecheck.model import ArchiveSnapshot, Link

PAGE = "https://www.mod.go.jp/j/press/news/2024/02/15a.html"


def lookup(client, wayback: Wayback, link: Link, **changes: object):
    settings = wayback.settings(**changes)
    return find_snapshot(client, link, settings, ArchiveService(settings))


def query_of(path: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(path).query)


def test_closest_capture_before_the_access_date(client, wayback: Wayback) -> None:
    wayback.captures[PAGE] = [
        ("20230101000000", 200),
        ("20240210083000", 200),
        ("20240216000000", 200),
        ("20240301000000", 200),
    ]
    result = lookup(client, wayback, Link(PAGE, ("c1",), cited_on="20240215"))
    assert result.reason == "archived"
    assert result.source == "availability"
    assert result.snapshot == ArchiveSnapshot(
        f"{wayback.base}/web/20240210083000/{PAGE}", "20240210083000", 200
    )
    assert result.requests == 1
    sent = query_of(wayback.paths("/wayback/available")[0])
    assert sent["timestamp"] == ["20240215235959"]
    assert sent["closest"] == ["before"]
    assert sent["status_code"] == ["200"]


def test_after_the_date_when_nothing_before(client, wayback: Wayback) -> None:
    wayback.captures[PAGE] = [("20240401000000", 200), ("20250101000000", 200)]
    result = lookup(client, wayback, Link(PAGE, ("c1",), cited_on="20240215"))
    assert result.snapshot.timestamp == "20240401000000"
    assert result.requests == 2
    directions = [query_of(p)["closest"] for p in wayback.paths("/wayback/available")[-2:]]
    assert directions == [["before"], ["after"]]


def test_cdx_fallback_when_availability_answers_empty(client, wayback: Wayback) -> None:
    wayback.availability_empty = True
    wayback.captures[PAGE] = [
        ("20200101000000", 200),
        ("20240101000000", 200),
        ("20240220000000", 302),
        ("20240228120000", 200),
        ("20240228130000", 200),
    ]
    result = lookup(client, wayback, Link(PAGE, ("c1",), cited_on="20240220"))
    assert result.source == "cdx"
    assert result.snapshot == ArchiveSnapshot(
        f"{wayback.base}/web/20240228120000/{PAGE}", "20240228120000", 200
    )
    assert result.requests == 3
    sent = query_of(wayback.paths("/cdx/search/cdx")[0])
    assert sent["from"] == ["20230219235959"]  # 366 days earlier
    assert sent["to"] == ["20250220235959"]
    assert sent["filter"] == ["statuscode:200"]


def test_a_capture_that_is_not_200_is_never_offered(client, wayback: Wayback) -> None:
    wayback.ignores_status_filter = True
    wayback.captures[PAGE] = [("20240210000000", 404), ("20240301000000", 302)]
    result = lookup(client, wayback, Link(PAGE, ("c1",), cited_on="20240215"))
    assert result.snapshot is None
    assert result.reason == "no-usable-snapshot"
    assert any("capture status 404" in detail for detail in result.details)


def test_not_archived_after_asking_every_api(client, wayback: Wayback) -> None:
    result = lookup(client, wayback, Link(PAGE, ("c1",), cited_on="20240215"))
    assert (result.snapshot, result.reason, result.requests) == (None, "not-archived", 3)


def test_undated_link_gets_the_latest_capture(client, wayback: Wayback) -> None:
    wayback.captures[PAGE] = [("20190101000000", 200), ("20240101000000", 200)]
    result = lookup(client, wayback, Link(PAGE, ("c1",)))
    assert result.snapshot.timestamp == "20240101000000"
    assert "timestamp" not in query_of(wayback.paths("/wayback/available")[0])


def test_verified_snapshot_that_replays_the_site_root_is_refused(client, wayback) -> None:
    wayback.captures[PAGE] = [("20240210000000", 200)]
    wayback.replay_to_root.add(PAGE)
    result = lookup(
        client, wayback, Link(PAGE, ("c1",), cited_on="20240215"), verify_snapshots=True
    )
    assert result.snapshot is None
    assert result.reason == "no-usable-snapshot"
    assert any("snapshot-redirects-elsewhere" in detail for detail in result.details)


def test_verified_snapshot_that_replays_the_page_is_offered(client, wayback) -> None:
    wayback.captures[PAGE] = [("20240210000000", 200)]
    result = lookup(
        client, wayback, Link(PAGE, ("c1",), cited_on="20240215"), verify_snapshots=True
    )
    assert result.snapshot.timestamp == "20240210000000"
    assert result.requests == 2
    assert wayback.paths("/web/") == [f"/web/20240210000000/{PAGE}"]


def test_429_while_verifying_offers_the_snapshot_unverified(client, wayback) -> None:
    wayback.captures[PAGE] = [("20240210000000", 200)]
    wayback.replay_too_many_requests = True
    settings = wayback.settings(verify_snapshots=True)
    service = ArchiveService(settings)
    result = find_snapshot(client, Link(PAGE, ("c1",), cited_on="20240215"), settings, service)
    assert result.snapshot.timestamp == "20240210000000"
    assert any(detail.startswith("offered unverified") for detail in result.details)
    assert service.stopped_because is not None


def test_after_a_429_the_archive_is_not_asked_again(client, wayback: Wayback) -> None:
    wayback.too_many_requests = True
    wayback.captures[PAGE] = [("20240210000000", 200)]
    settings = wayback.settings()
    service = ArchiveService(settings)
    first = find_snapshot(client, Link(PAGE, ("c1",), cited_on="20240215"), settings, service)
    assert (first.snapshot, first.reason, first.requests) == (None, "archive-rate-limited", 1)
    assert "Retry-After: 120" in service.stopped_because
    wayback.too_many_requests = False
    for number in range(5):
        later = find_snapshot(client, Link(f"{PAGE}?{number}", ("c",)), settings, service)
        assert (later.reason, later.requests) == ("archive-rate-limited", 0)
    assert len(wayback.requests) == 1


def test_unreachable_archive_is_an_error_not_a_miss(client) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings = ArchiveSettings(
        availability_api=f"http://127.0.0.1:{closed_port}/wayback/available",
        cdx_api=f"http://127.0.0.1:{closed_port}/cdx/search/cdx",
        rate_per_minute=6000,
    )
    result = find_snapshot(client, Link(PAGE, ("c1",)), settings, ArchiveService(settings))
    assert (result.snapshot, result.reason) == (None, "archive-error")
    assert len(result.details) == 2


def test_disabled_archive_sends_nothing(client, wayback: Wayback) -> None:
    result = lookup(client, wayback, Link(PAGE, ("c1",)), enabled=False)
    assert (result.snapshot, result.reason, result.requests) == (None, "archive-disabled", 0)
    assert wayback.requests == []


def test_many_links_in_order_with_progress(client, wayback: Wayback) -> None:
    links = [Link(f"{PAGE}?n={n}", (f"c{n}",), cited_on="20240215") for n in range(8)]
    for link in links[::2]:
        wayback.captures[link.url] = [("20240101000000", 200)]
    settings = wayback.settings(cdx_api=None)
    seen: list[tuple[int, int]] = []
    results = find_snapshots(
        client, links, settings, ArchiveService(settings), progress=lambda d, t: seen.append((d, t))
    )
    assert [r.reason for r in results] == ["archived", "not-archived"] * 4
    assert [r.summary for r in results[:2]] == [
        "archive: archived 20240101000000 (availability)",
        "archive: not-archived",
    ]
    assert sorted(seen) == [(n, 8) for n in range(1, 9)]
