"""A run's archive requests, counted at the server, never outpace the limiter."""

from __future__ import annotations

import threading

from fake_wayback import Wayback, serve_wayback
from test_archive_limiter import FakeClock, most_in_any_window

from citecheck.archives import ArchiveService, ArchiveSettings, find_snapshot
from citecheck.model import Link


def test_forty_lookups_stay_within_twenty_a_minute(client) -> None:
    """Simulated time (the limiter's clock) so the test takes well under a second."""
    clock = FakeClock()
    with serve_wayback(Wayback()) as wayback:
        links = [Link(f"https://example.jp/report/{n}", (f"c{n}",), "20240101") for n in range(40)]
        for link in links:
            wayback.captures[link.url] = [("20231201000000", 200)]
        settings = ArchiveSettings(
            availability_api=f"{wayback.base}/wayback/available",
            cdx_api=f"{wayback.base}/cdx/search/cdx",
            rate_per_minute=20,
            burst=3,
        )
        service = ArchiveService(settings, clock=clock, sleep=clock.sleep)
        results = [find_snapshot(client, link, settings, service) for link in links]
        served = len(wayback.requests)
    assert all(result.reason == "archived" for result in results)
    assert served == len(service.sent_at) == 40
    assert most_in_any_window(list(service.sent_at), 60.0) <= 20 + 3
    simulated_minutes = (service.sent_at[-1] - service.sent_at[0]) / 60.0
    assert simulated_minutes >= (40 - 3) / 20


def test_threads_sharing_a_service_share_its_pace(client) -> None:
    """Real clock, tiny interval: four threads' requests, timed at the server, keep the pace."""
    rate_per_minute, burst = 2400, 2  # one request every 25 ms
    with serve_wayback(Wayback()) as wayback:
        settings = ArchiveSettings(
            availability_api=f"{wayback.base}/wayback/available",
            cdx_api=None,
            availability_directions=("before",),
            rate_per_minute=rate_per_minute,
            burst=burst,
        )
        service = ArchiveService(settings)

        def work(worker: int) -> None:
            for n in range(10):
                link = Link(f"https://example.jp/{worker}/{n}", ("c",), "2024")
                find_snapshot(client, link, settings, service)

        threads = [threading.Thread(target=work, args=(worker,)) for worker in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=20)
        arrivals = [moment for moment, _ in wayback.requests]
    assert len(arrivals) == len(service.sent_at) == 40
    interval = 60.0 / rate_per_minute
    # In any window of k intervals at most k + burst requests arrive (+2 for thread jitter).
    for intervals in (4, 10, 20):
        assert most_in_any_window(arrivals, intervals * interval) <= intervals + burst + 2
    assert max(arrivals) - min(arrivals) >= (40 - burst - 2) * interval
