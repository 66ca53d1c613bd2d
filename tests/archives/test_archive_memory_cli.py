"""`citecheck check` run twice: the second run answers archive lookups from the cache."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_wayback import Wayback, serve_wayback

from citecheck.cli import main
from tests.servers import ScenarioWeb

NET = ["--allow-private", "--timeout", "5", "--deadline", "10", "--format", "json"]
NET += ["--archive-scope", "all"]  # the live links too, so there is more to remember


@pytest.fixture(scope="module")
def web() -> Iterator[ScenarioWeb]:
    with ScenarioWeb(hosts=1) as scenario_web:
        yield scenario_web


def check_twice(web: ScenarioWeb, tmp_path: Path, capsys, *cache: str) -> tuple[list, list]:
    """Check a dead, a live and an unarchived link twice; (reports, archive requests per run)."""
    urls = [web.url("/missing/a1"), web.url("/ok/a2"), web.url("/ok/a3")]
    body = "".join(f"Claim {n}.[^{n}]\n" for n in range(1, 4))
    notes = "".join(
        f"[^{n}]: Source {n}, accessed 2024-02-15. <{url}>\n" for n, url in enumerate(urls, 1)
    )
    manuscript = tmp_path / "book.md"
    manuscript.write_text(f"# Book\n\n{body}\n{notes}", encoding="utf-8")
    captures = {urls[0]: [("20240105120000", 200)], urls[1]: [("20231101000000", 200)]}
    reports, requests = [], []
    with serve_wayback(Wayback(captures=captures)) as wayback:
        config = tmp_path / "citecheck.toml"
        config.write_text(
            f'[archive]\nreplay-base = "{wayback.base}/web/"\nrate-per-minute = 6000\n', "utf-8"
        )
        argv = [str(manuscript), "--config", str(config), *NET, *cache]
        argv += ["--wayback-api", f"{wayback.base}/wayback/available"]
        argv += ["--cdx-api", f"{wayback.base}/cdx/search/cdx"]
        for _ in range(2):
            before = len(wayback.requests)
            assert main(["check", *argv]) == 1
            reports.append(json.loads(capsys.readouterr().out))
            requests.append(len(wayback.requests) - before)
    return reports, requests


def test_the_second_run_asks_the_archive_nothing(web, tmp_path, capsys) -> None:
    cache = str(tmp_path / "results.sqlite")
    (first, second), requests = check_twice(web, tmp_path, capsys, "--cache", cache)
    timestamps = [link["archive"] and link["archive"]["timestamp"] for link in first["links"]]
    assert timestamps == ["20240105120000", "20231101000000", None]
    assert requests[0] >= 3 and requests[1] == 0
    assert second["links"] == [{**link, "cached": True} for link in first["links"]]


def test_without_the_cache_every_run_asks_again(web, tmp_path, capsys) -> None:
    (first, second), requests = check_twice(web, tmp_path, capsys, "--no-cache")
    assert requests[0] == requests[1] >= 3
    assert [link["archive"] for link in second["links"]] == [
        link["archive"] for link in first["links"]
    ]
