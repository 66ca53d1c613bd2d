"""A run's archive requests, counted at the server, never outpace the limiter."""

from __future__ import annotations

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
