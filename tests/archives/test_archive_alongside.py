"""Archive lookups beside the link checks: started as soon as a verdict and its citation
date are known, reported to a progress callback, and the scope's default."""

from __future__ import annotations

import io
import time
from pathlib import Path

from fake_wayback import Wayback

import citecheck
from citecheck.checks.overlap import SnapshotsAlongside
from citecheck.links.urls import dedup_key
from citecheck.model import Link, Verdict
from citecheck.net import NetPolicy
from citecheck.reports.progress import ProgressBar
from tests.servers import ScenarioWeb

POLICY = NetPolicy(allow_private=True, read_timeout=5, connect_timeout=2)


def dead(url: str) -> Verdict:
    return Verdict(url=url, state="dead", reason="http-404", status=404)


def test_a_lookup_waits_for_the_citation_date(wayback: Wayback) -> None:
    url = "http://cited.example/a"
    wayback.captures = {url: [("20240201000000", 200), ("20250101000000", 200)]}
    calls: list[tuple[int, int]] = []
    alongside = SnapshotsAlongside(
        wayback.settings(), POLICY, progress=lambda done, total, _: calls.append((done, total))
    )
    alongside.verdict_known(Link(url, ("c1",)), dead(url))
    assert wayback.requests == []  # the parse has not given the date yet
    dated = Link(url, ("c1",), cited_on="20240215")
    alongside.dates_known({dedup_key(url): dated})
    (verdict,) = alongside.finish([dead(url)], {dedup_key(url): dated})
    assert verdict.archive is not None and verdict.archive.timestamp == "20240201000000"
    assert "timestamp=20240215235959" in wayback.requests[0][1]
    assert calls[-1] == (1, 1)


def test_live_links_are_looked_up_with_scope_all_only(wayback: Wayback) -> None:
    url = "http://cited.example/live"
    wayback.captures = {url: [("20240201000000", 200)]}
    live = Verdict(url=url, state="resolvable", reason="ok", status=200)
    link = {dedup_key(url): Link(url, ("c1",), cited_on="20240215")}
    by_default = SnapshotsAlongside(wayback.settings(scope="dead"), POLICY)
    assert by_default.finish([live], link)[0].archive is None
    assert wayback.requests == []
    every = SnapshotsAlongside(wayback.settings(scope="all"), POLICY)
    assert every.finish([live], link)[0].archive is not None


def test_lookups_start_while_a_slow_link_is_still_being_checked(
    wayback: Wayback, tmp_path: Path
) -> None:
    """The dead link's lookup reaches the archive before the 3 s link is done."""
    with ScenarioWeb(hosts=2) as web:
        gone, slow = web.url("/missing/x1"), web.url("/slow/x2?ms=3000", host=1)
        wayback.captures = {gone: [("20240101000000", 200)]}
        book = tmp_path / "book.md"
        book.write_text(
            "# Book\n\nA.[^1] B.[^2]\n\n"
            f"[^1]: One, accessed 2024-02-15. <{gone}>\n[^2]: Two, accessed 2024-02-15. <{slow}>\n",
            encoding="utf-8",
        )
        checked_at: dict[str, float] = {}
        archived: list[tuple[int, int, str]] = []
        config = citecheck.Config(
            allow_private=True, no_cache=True, archive=wayback.settings(), timeout=10
        )
        report = citecheck.check(
            [str(book)],
            config,
            progress=lambda done, total, url="": checked_at.setdefault(url, time.monotonic()),
            archive_progress=lambda done, total, url="": archived.append((done, total, url)),
        )
    states = {verdict.url: (verdict.state, verdict.archive) for verdict in report.verdicts}
    assert states[gone][0] == "dead" and states[gone][1] is not None
    assert states[slow] == ("resolvable", None)
    first_archive_request = wayback.requests[0][0]
    assert first_archive_request < checked_at[slow]
    assert archived[-1] == (1, 1, gone)


def test_the_archive_stage_has_its_own_bar_with_the_time_to_go() -> None:
    stream = io.StringIO()
    with ProgressBar(stream, enabled=True) as bar:
        bar(1, 2, "http://a.example/")
        bar.stage("archiving")(1, 4, "http://a.example/")
    drawn = stream.getvalue()
    assert "checking" in drawn and "archiving" in drawn and "1/4" in drawn
