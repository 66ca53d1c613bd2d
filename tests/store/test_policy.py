"""A cached verdict is reused only under the policy that judged it, and every report
says which verdicts came from the cache and when they were observed."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from citecheck.checks import CheckOptions
from citecheck.cli import main
from citecheck.model import Verdict
from citecheck.reports.freshness import cached_note
from tests.servers import ScenarioWeb

FAST = ["--no-archive", "--retries", "0", "--timeout", "5", "--deadline", "10"]


@pytest.fixture(scope="module")
def web():
    with ScenarioWeb(hosts=2, hold_seconds=3.0) as scenario_web:
        yield scenario_web


def check(tmp_path: Path, capsys, urls: list[str], *extra: str, fmt: str = "json"):
    book = tmp_path / "links.txt"
    book.write_text("".join(f"{url}\n" for url in urls), encoding="utf-8")
    config = tmp_path / "citecheck.toml"
    if not config.exists():
        config.write_text("", encoding="utf-8")
    args = ["check", str(book), "--format", fmt, "--cache", str(tmp_path / "cache.sqlite"),
            "--config", str(config), *FAST, *extra]
    code = main(args)
    out = capsys.readouterr().out
    return code, (json.loads(out) if fmt == "json" else out)


def test_an_accept_list_set_later_is_not_answered_by_the_old_dead_verdict(
    web, tmp_path, capsys
) -> None:
    url = web.url("/missing/accepted-later")
    code, first = check(tmp_path, capsys, [url], "--allow-private")
    assert code == 1 and first["links"][0]["verdict"] == "dead"
    (tmp_path / "citecheck.toml").write_text(
        '[accept]\n"127.0.0.2" = [404, 410]\n', encoding="utf-8"
    )
    hits = web.stats.hits("/missing/accepted-later")
    code, second = check(tmp_path, capsys, [url], "--allow-private")
    assert web.stats.hits("/missing/accepted-later") > hits  # observed again
    code_uncached, uncached = check(tmp_path, capsys, [url], "--allow-private", "--no-cache")
    assert second["links"][0]["verdict"] == uncached["links"][0]["verdict"] == "resolvable"
    assert code == code_uncached == 0
    assert second["links"][0]["cached"] is False


def test_without_allow_private_a_cached_loopback_verdict_is_not_reported(
    web, tmp_path, capsys
) -> None:
    url = web.url("/ok/private-then-not")
    _, first = check(tmp_path, capsys, [url], "--allow-private")
    assert first["links"][0]["verdict"] == "resolvable"
    hits = web.stats.hits("/ok/private-then-not")
    _, second = check(tmp_path, capsys, [url])
    link = second["links"][0]
    assert link["verdict"] != "resolvable" and link["cached"] is False, link
    assert web.stats.hits("/ok/private-then-not") == hits  # and the guard kept it unasked
    _, third = check(tmp_path, capsys, [url], "--allow-private")  # the first policy again
    assert third["links"][0]["verdict"] == "resolvable" and third["links"][0]["cached"] is True


def test_json_says_when_each_verdict_was_observed_and_whether_it_was_cached(
    web, tmp_path, capsys
) -> None:
    urls = [web.url("/ok/when-1"), web.url("/missing/when-2", 1)]
    before = time.time()
    _, first = check(tmp_path, capsys, urls, "--allow-private")
    _, second = check(tmp_path, capsys, urls, "--allow-private")
    for old, new in zip(first["links"], second["links"], strict=True):
        assert old["cached"] is False and new["cached"] is True
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", old["checked_at"])
        assert new["checked_at"] == old["checked_at"]  # the observation's time, not the run's
        assert {k: v for k, v in new.items() if k != "cached"} == {
            k: v for k, v in old.items() if k != "cached"
        }
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(before - 1))
    assert first["links"][0]["checked_at"] >= stamp


def test_terminal_and_html_say_cached_and_how_long_ago(web, tmp_path, capsys) -> None:
    url = web.url("/missing/terminal-age")
    check(tmp_path, capsys, [url], "--allow-private")
    report = tmp_path / "report.html"
    _, text = check(tmp_path, capsys, [url], "--allow-private", "--report", str(report),
                    fmt="terminal")
    assert "cached just now" in text and "DEAD" in text
    assert "cached just now" in report.read_text(encoding="utf-8")
    _, fresh_text = check(tmp_path, capsys, [url], "--allow-private", "--no-cache",
                          fmt="terminal")
    assert "cached" not in fresh_text


def test_cached_note_counts_minutes_hours_and_days() -> None:
    verdict = Verdict("u", "dead", "not-found", checked_at=1000.0, cached=True)
    assert cached_note(verdict, now=1030.0) == "cached just now"
    assert cached_note(verdict, now=1000.0 + 5 * 60) == "cached 5 min ago"
    assert cached_note(verdict, now=1000.0 + 3 * 3600 + 59) == "cached 3 h ago"
    assert cached_note(verdict, now=1000.0 + 2 * 86400) == "cached 2 d ago"
    assert cached_note(Verdict("u", "dead", "x", checked_at=1000.0), now=5000.0) is None


def test_the_policy_digest_follows_what_decides_a_verdict() -> None:
    url, other = "https://example.org/a", "https://other.example/b"
    base = CheckOptions()
    accepting = CheckOptions(
        accepted_for=lambda u: frozenset({404}) if "example.org" in u else frozenset()
    )
    assert base.policy(url) == CheckOptions().policy(url)
    assert accepting.policy(url) != base.policy(url)
    assert accepting.policy(other) == base.policy(other)  # another host's list: same digest
    assert CheckOptions(allow_private=True).policy(url) != base.policy(url)
    assert CheckOptions(allowed_networks=("10.9.0.0/16",)).policy(url) != base.policy(url)

    class Handler:
        name, endpoint = "x", "https://api.example/"

    handled = CheckOptions(handler_for=lambda u: Handler())
    assert handled.policy(url) != base.policy(url)
