"""A loopback web (moved, dead and live pages), a loopback Wayback Machine in its real
shapes, and `check` / `fix` run against them with one config file and one cache."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from citecheck.cli import main
from tests.archives.fake_wayback import Wayback, serve_wayback
from tests.servers import ScenarioWeb


@dataclass
class Setup:
    web: ScenarioWeb
    wayback: Wayback
    config: Path
    folder: Path

    @property
    def urls(self) -> dict[str, str]:
        return {
            "moved": self.web.url("/moved-permanent/m1"),
            "dead": self.web.url("/missing/d1"),
            "live": self.web.url("/ok/l1"),
        }

    def requests(self) -> int:
        """Every request the web and the archive have seen so far."""
        return self.web.stats.requests + len(self.wayback.requests)

    def check(self, path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
        capsys.readouterr()
        main(["check", str(path), "--config", str(self.config), "--format", "json"])
        return json.loads(capsys.readouterr().out)

    def fix(
        self, path: Path, capsys: pytest.CaptureFixture[str], *extra: str
    ) -> tuple[int, str, str]:
        """(exit code, standard output, standard error) of `citecheck fix`."""
        capsys.readouterr()
        code = main(["fix", str(path), "--config", str(self.config), *extra])
        captured = capsys.readouterr()
        return code, captured.out, captured.err


@pytest.fixture(scope="module")
def web() -> Iterator[ScenarioWeb]:
    with ScenarioWeb(hosts=1) as scenario_web:
        yield scenario_web


@pytest.fixture
def setup(web: ScenarioWeb, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Setup]:
    monkeypatch.chdir(tmp_path)
    with serve_wayback(Wayback()) as wayback:
        dead = web.url("/missing/d1")
        wayback.captures = {dead: [("20240105120000", 200)]}
        config = tmp_path / "citecheck.toml"
        config.write_text(
            f'cache = "{tmp_path / "cache.sqlite"}"\n'
            "allow-private = true\ntimeout = 5\ndeadline = 10\n"
            "[archive]\n"
            f'wayback-api = "{wayback.base}/wayback/available"\n'
            f'cdx-api = "{wayback.base}/cdx/search/cdx"\n'
            f'replay-base = "{wayback.base}/web/"\n'
            "rate-per-minute = 6000\nburst = 10\n",
            encoding="utf-8",
        )
        yield Setup(web, wayback, config, tmp_path)
