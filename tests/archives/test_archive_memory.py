"""Archive lookups remembered across runs in the result cache, against a loopback Wayback."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_wayback import Wayback, serve_wayback

from citecheck.archives import ArchiveService, ArchiveSettings, SnapshotMemory, find_snapshots
from citecheck.archives.memory import DAY
from citecheck.model import Link
from citecheck.store import ResultCache

PAGE = "https://www.mod.go.jp/j/press/news/2024/02/{}.html"


class Clock:
    """Wall-clock time that a test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[ResultCache]:
    with ResultCache(tmp_path / "cache.sqlite") as store:
        yield store


def run(client, links, settings, memory, service=None):
    """One run's lookups, with its own service (a new run starts with a full bucket)."""
    service = service or ArchiveService(settings)
    return find_snapshots(client, links, settings, service, memory=memory)


def test_second_run_asks_nothing_waits_for_nothing_and_gives_the_same_snapshots(
    client, wayback: Wayback, cache: ResultCache
) -> None:
    links = [Link(PAGE.format(n), (f"c{n}",), cited_on="20240215") for n in range(12)]
    for link in links[::2]:
        wayback.captures[link.url] = [("20240101000000", 200), ("20240301000000", 200)]
    wayback.captures[links[1].url] = [("20240210000000", 404)]  # nothing usable
    wayback.ignores_status_filter = True  # so the availability API names the 404 capture
    settings = wayback.settings()
    first = run(client, links, settings, SnapshotMemory(cache, settings, DAY))
    asked_first = len(wayback.requests)
    assert {lookup.reason for lookup in first} == {
        "archived",
        "not-archived",
        "no-usable-snapshot",
    }
    assert asked_first >= len(links)

    # One request a minute: a single token taken would make this run sleep.
    slow = wayback.settings(rate_per_minute=1, burst=1)
    sleeps: list[float] = []
    service = ArchiveService(slow, sleep=sleeps.append)
    second = run(client, links, slow, SnapshotMemory(cache, slow, DAY), service)
    assert len(wayback.requests) == asked_first
    assert (service.sent_at, sleeps) == ((), [])
    assert [(lookup.snapshot, lookup.reason, lookup.source) for lookup in second] == [
        (lookup.snapshot, lookup.reason, lookup.source) for lookup in first
    ]
    assert [lookup.summary for lookup in second] == [lookup.summary for lookup in first]
    assert all(lookup.requests == 0 for lookup in second)
    assert all(lookup.details[0].startswith("remembered from ") for lookup in second)


def test_a_rate_limited_lookup_is_asked_again(client, wayback: Wayback, cache) -> None:
    link = Link(PAGE.format("rl"), ("c1",), cited_on="20240215")
    wayback.captures[link.url] = [("20240101000000", 200)]
    wayback.too_many_requests = True
    settings = wayback.settings()
    (first,) = run(client, [link], settings, SnapshotMemory(cache, settings, DAY))
    assert (first.reason, first.complete) == ("archive-rate-limited", False)
    assert cache.archive_lookups(settings.lookup_key, [link.url]) == []

    wayback.too_many_requests = False
    before = len(wayback.requests)
    (second,) = run(client, [link], settings, SnapshotMemory(cache, settings, DAY))
    assert second.reason == "archived" and second.requests == 1
    assert len(wayback.requests) == before + 1


def test_an_unreachable_archive_is_never_remembered(client, cache) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    settings = ArchiveSettings(
        availability_api=f"{closed}/wayback/available",
        cdx_api=f"{closed}/cdx/search/cdx",
        rate_per_minute=6000,
    )
    link = Link(PAGE.format("down"), ("c1",))
    for _ in range(2):
        (lookup,) = run(client, [link], settings, SnapshotMemory(cache, settings, DAY))
        assert (lookup.reason, lookup.complete, lookup.requests) == ("archive-error", False, 2)
    assert cache.archive_lookups(settings.lookup_key, [link.url]) == []


def test_a_partly_failed_lookup_is_not_remembered_even_with_an_answer(
    client, wayback: Wayback, cache
) -> None:
    """A replay that answers 429 while being verified leaves the snapshot unverified."""
    link = Link(PAGE.format("unverified"), ("c1",), cited_on="20240215")
    wayback.captures[link.url] = [("20240101000000", 200)]
    wayback.replay_too_many_requests = True
    settings = wayback.settings(verify_snapshots=True)
    (lookup,) = run(client, [link], settings, SnapshotMemory(cache, settings, DAY))
    assert lookup.reason == "archived" and not lookup.settled
    assert cache.archive_lookups(settings.lookup_key, [link.url]) == []


def test_a_replay_that_cannot_be_fetched_is_not_a_settled_none(
    client, wayback: Wayback, cache
) -> None:
    """Verifying a snapshot whose replay is unreachable tells nothing about the snapshot."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/web/"
    link = Link(PAGE.format("replay-down"), ("c1",), cited_on="20240215")
    wayback.captures[link.url] = [("20240101000000", 200)]
    settings = wayback.settings(availability_api=None, replay_base=closed, verify_snapshots=True)
    (lookup,) = run(client, [link], settings, SnapshotMemory(cache, settings, DAY))
    assert (lookup.snapshot, lookup.reason, lookup.settled) == (None, "no-usable-snapshot", False)
    assert cache.archive_lookups(settings.lookup_key, [link.url]) == []


def test_none_found_is_reused_within_max_age_then_asked_again(
    client, wayback: Wayback, cache
) -> None:
    clock = Clock()
    link = Link(PAGE.format("late"), ("c1",), cited_on="20240215")
    settings = wayback.settings()
    memory = SnapshotMemory(cache, settings, max_age=3600, clock=clock)
    (first,) = run(client, [link], settings, memory)
    assert first.reason == "not-archived"
    wayback.captures[link.url] = [("20240214000000", 200)]  # captured meanwhile
    asked = len(wayback.requests)

    clock.now += 3599
    (within,) = run(client, [link], settings, memory)
    assert (within.reason, len(wayback.requests)) == ("not-archived", asked)

    clock.now += 2
    (after,) = run(client, [link], settings, memory)
    assert after.reason == "archived" and len(wayback.requests) > asked


def test_a_snapshot_found_is_reused_for_thirty_days_or_max_age_if_longer(
    client, wayback: Wayback, cache
) -> None:
    clock = Clock()
    link = Link(PAGE.format("kept"), ("c1",), cited_on="20240215")
    wayback.captures[link.url] = [("20240101000000", 200)]
    settings = wayback.settings()
    start = clock.now

    def asks_at(days: float, max_age: float) -> bool:
        clock.now = start + days * DAY
        before = len(wayback.requests)
        memory = SnapshotMemory(cache, settings, max_age, clock=clock)
        (lookup,) = run(client, [link], settings, memory)
        assert lookup.snapshot is not None and lookup.snapshot.timestamp == "20240101000000"
        return len(wayback.requests) > before

    assert asks_at(0, max_age=3600)
    assert not asks_at(29.9, max_age=3600)  # far past max-age, within 30 days
    assert asks_at(30.1, max_age=3600)  # stored again at day 30.1
    assert not asks_at(30.1 + 45, max_age=60 * DAY)  # a longer max-age wins
    assert asks_at(30.1 + 61, max_age=60 * DAY)


def test_another_citation_date_is_another_question(client, wayback: Wayback, cache) -> None:
    url = PAGE.format("dated")
    wayback.captures[url] = [("20200101000000", 200), ("20240101000000", 200)]
    settings = wayback.settings()
    memory = SnapshotMemory(cache, settings, DAY)
    (recent,) = run(client, [Link(url, ("c1",), cited_on="20240215")], settings, memory)
    asked = len(wayback.requests)
    (older,) = run(client, [Link(url, ("c2",), cited_on="20200615")], settings, memory)
    assert (recent.snapshot.timestamp, older.snapshot.timestamp) == (
        "20240101000000",
        "20200101000000",
    )
    assert len(wayback.requests) > asked
    # "2020" asks for the end of 2020, as "20201231" does: one question, one answer.
    (year,) = run(client, [Link(url, ("c3",), cited_on="20201231")], settings, memory)
    asked = len(wayback.requests)
    (same,) = run(client, [Link(url, ("c4",), cited_on="2020")], settings, memory)
    assert same.snapshot == year.snapshot and len(wayback.requests) == asked


def test_another_archive_is_another_question(client, wayback: Wayback, cache) -> None:
    link = Link(PAGE.format("mirror"), ("c1",), cited_on="20240215")
    wayback.captures[link.url] = [("20240101000000", 200)]
    with serve_wayback(Wayback(captures={link.url: [("20231201000000", 200)]})) as other:
        for archive, timestamp in ((wayback, "20240101000000"), (other, "20231201000000")):
            settings = archive.settings()
            memory = SnapshotMemory(cache, settings, DAY)
            (lookup,) = run(client, [link], settings, memory)
            assert lookup.snapshot.timestamp == timestamp
            assert lookup.snapshot.url.startswith(archive.base)
        assert len(other.requests) == 1
    assert len(wayback.requests) == 1
    # The same archive searched another way (a narrower CDX window) asks again too.
    narrower = wayback.settings(cdx_window_days=30)
    run(client, [link], narrower, SnapshotMemory(cache, narrower, DAY))
    assert len(wayback.requests) == 2


def test_a_disabled_archive_is_neither_asked_nor_answered_from_memory(
    client, wayback: Wayback, cache
) -> None:
    link = Link(PAGE.format("off"), ("c1",), cited_on="20240215")
    wayback.captures[link.url] = [("20240101000000", 200)]
    settings = wayback.settings()
    run(client, [link], settings, SnapshotMemory(cache, settings, DAY))
    off = wayback.settings(enabled=False)
    (lookup,) = run(client, [link], off, SnapshotMemory(cache, off, DAY))
    assert (lookup.snapshot, lookup.reason) == (None, "archive-disabled")
