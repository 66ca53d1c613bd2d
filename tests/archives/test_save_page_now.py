"""Save Page Now 2 for live links no archive holds: only with a configured key, paced,
its job polled a bounded number of times, stopped by a 429."""

from __future__ import annotations

import pytest
from fake_wayback import Wayback

from citecheck.archives.save import SAVE_KEY_VARIABLE, PageSaver, page_saver, save_key
from citecheck.checks.overlap import SnapshotsAlongside
from citecheck.links.urls import dedup_key
from citecheck.model import Link, Verdict
from citecheck.net import HttpClient, NetPolicy

POLICY = NetPolicy(allow_private=True, read_timeout=5, connect_timeout=2, retries=0)
LIVE = "http://cited.example/never-archived"


def live(url: str = LIVE) -> Verdict:
    return Verdict(url=url, state="resolvable", reason="ok", status=200)


def looked_up(wayback: Wayback, saver: PageSaver | None, verdict: Verdict) -> Verdict:
    link = Link(verdict.url, ("c1",), cited_on="20240215")
    alongside = SnapshotsAlongside(wayback.settings(scope="all"), POLICY, saver=saver)
    return alongside.finish([verdict], {dedup_key(verdict.url): link})[0]


def test_a_live_unarchived_link_is_saved_and_offered(wayback: Wayback) -> None:
    saver = PageSaver(wayback.settings(), "access:secret")
    verdict = looked_up(wayback, saver, live())
    assert verdict.archive is not None
    assert verdict.archive.url == f"{wayback.base}/web/20261203120000/{LIVE}"
    assert "archive: archived 20261203120000 (save-page-now)" in verdict.details
    saves = wayback.paths("/save")
    assert (
        saves[0] == "/save" and saves[1:] == [f"/save/status/{next(iter(wayback.save_jobs))}"] * 2
    )


def test_no_key_no_save(wayback: Wayback, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SAVE_KEY_VARIABLE, raising=False)
    assert page_saver(wayback.settings()) is None
    verdict = looked_up(wayback, page_saver(wayback.settings()), live())
    assert verdict.archive is None and wayback.paths("/save") == []


def test_the_key_comes_from_the_environment_and_must_look_like_one() -> None:
    assert save_key({SAVE_KEY_VARIABLE: " access:secret "}) == "access:secret"
    assert save_key({SAVE_KEY_VARIABLE: "no-colon"}) is None
    assert save_key({SAVE_KEY_VARIABLE: "a:b\r\nX-Injected: 1"}) is None
    assert save_key({}) is None


def test_a_wrong_key_is_an_error_not_a_capture(wayback: Wayback) -> None:
    saver = PageSaver(wayback.settings(), "access:wrong")
    with HttpClient(POLICY) as client:
        result = saver.save(client, LIVE)
    assert (result.snapshot, result.reason) == (None, "save-error")
    assert looked_up(wayback, saver, live()).archive is None


def test_dead_and_archived_links_are_never_saved(wayback: Wayback) -> None:
    archived = "http://cited.example/archived"
    wayback.captures = {archived: [("20240101000000", 200)]}
    saver = PageSaver(wayback.settings(), "access:secret")
    looked_up(wayback, saver, live(archived))
    looked_up(wayback, saver, Verdict(url=LIVE, state="dead", reason="http-404", status=404))
    assert wayback.paths("/save") == []


def test_polls_are_bounded(wayback: Wayback) -> None:
    wayback.save_pending_polls = 1000
    saver = PageSaver(wayback.settings(save_polls=3), "access:secret")
    with HttpClient(POLICY) as client:
        result = saver.save(client, LIVE)
    assert result.snapshot is None and result.reason == "save-pending"
    assert len(wayback.paths("/save/status/")) == 3


def test_a_429_stops_saving_for_the_run(wayback: Wayback) -> None:
    wayback.save_too_many_requests = True
    saver = PageSaver(wayback.settings(), "access:secret")
    with HttpClient(POLICY) as client:
        first = saver.save(client, LIVE)
        second = saver.save(client, LIVE + "2")
    assert first.snapshot is None and second.reason == "save-stopped"
    assert wayback.paths("/save") == ["/save"]
