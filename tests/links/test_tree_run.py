"""A docs tree checked in one run: local links and anchors, web fragments, the ignore
file, and a plain HTML page, against a loopback web."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citecheck.cli import main
from tests.servers import ScenarioWeb


@pytest.fixture
def web() -> ScenarioWeb:
    with ScenarioWeb(hosts=1, hold_seconds=2.0) as scenario_web:
        yield scenario_web


def _tree(root: Path, web: ScenarioWeb) -> None:
    (root / ".git").mkdir()
    (root / "docs" / "api").mkdir(parents=True)
    (root / "docs" / "guide.md").write_text(
        "# Guide\n\n## Getting started\n\n"
        "Read [the API](api/reference.md#functions) and [the start](#getting-started).\n"
        "A [typo](api/reference.md#fuctions), a [lost page](moved-away.md).\n"
        f"The [spec]({web.url('/ok/1')}) and the [wiki](https://intranet.example/wiki).\n"
        "Run `see [x](not-checked.md)` first.\n"
        f"A [part]({web.url('/ok/3')}#no-such-part), the [top]({web.url('/ok/4')}#top).\n",
        encoding="utf-8",
    )
    (root / "docs" / "api" / "reference.md").write_text(
        "# Reference\n\n## Functions\n\nBack to the [guide](../guide.md#guide).\n",
        encoding="utf-8",
    )
    (root / "docs" / "index.html").write_text(
        f'<html><body><a href="guide.md">Guide</a> <a href="{web.url("/missing/2")}">old</a>'
        ' <a href="api/reference.html">html api</a></body></html>',
        encoding="utf-8",
    )
    (root / ".citecheckignore").write_text("# our wiki\n^https://intranet\\.example/\n")


def _run(root: Path, *extra: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    code = main([
        "check", "--format", "json", "--allow-private", "--no-cache", "--no-archive",
        "--retries", "0", "--timeout", "2", *extra, str(root / "docs"),
    ])  # fmt: skip
    return code, json.loads(capsys.readouterr().out)


def test_local_links_and_anchors_in_one_run(
    tmp_path: Path, web: ScenarioWeb, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    _tree(tmp_path, web)
    code, report = _run(tmp_path, "--check-fragments", capsys=capsys)
    verdicts = {link["url"]: (link["verdict"], link["reason"]) for link in report["links"]}
    assert code == 1
    assert verdicts["docs/api/reference.md#functions"] == ("resolvable", "anchor exists")
    assert verdicts["docs/guide.md#getting-started"] == ("resolvable", "anchor exists")
    assert verdicts["docs/api/reference.md#fuctions"] == ("dead", "no such anchor")
    assert verdicts["docs/moved-away.md"] == ("dead", "no such file")
    assert verdicts["docs/guide.md#guide"] == ("resolvable", "anchor exists")
    assert verdicts["docs/guide.md"][0] == "resolvable"
    assert verdicts["docs/api/reference.html"] == ("dead", "no such file")
    assert verdicts[web.url("/ok/1")][0] == "resolvable"
    assert verdicts[web.url("/missing/2")][0] == "dead"
    assert not any("not-checked" in url or "intranet" in url for url in verdicts)
    assert report["summary"]["ignored"] == 1
    assert verdicts[web.url("/ok/3") + "#no-such-part"] == ("dead", "no such anchor")
    assert verdicts[web.url("/ok/4") + "#top"] == ("resolvable", "anchor exists")
    dead_anchor = next(link for link in report["links"] if link["url"].endswith("#fuctions"))
    assert dead_anchor["details"][0] == f"{tmp_path}/docs/guide.md:6:10: api/reference.md#fuctions"

def test_fragments_are_not_checked_unless_asked(
    tmp_path: Path, web: ScenarioWeb, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    _tree(tmp_path, web)
    _, report = _run(tmp_path, capsys=capsys)
    verdicts = {link["url"]: link["verdict"] for link in report["links"]}
    assert verdicts["docs/api/reference.md#fuctions"] == "resolvable"
    assert verdicts["docs/moved-away.md"] == "dead"
    assert verdicts[web.url("/ok/3") + "#no-such-part"] == "resolvable"


def test_local_findings_are_annotated_at_their_lines(
    tmp_path: Path, web: ScenarioWeb, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    _tree(tmp_path, web)
    code = main([
        "check", "--format", "github", "--allow-private", "--no-cache", "--no-archive",
        "--retries", "0", "--timeout", "2", "--check-fragments", "docs",
    ])  # fmt: skip
    lines = capsys.readouterr().out.splitlines()
    assert code == 1
    title = "title=citecheck%3A dead link::"
    assert f"::error file=docs/guide.md,line=6,{title}docs/api/reference.md#fuctions is dead " \
        "(no such anchor)" in lines
    assert f"::error file=docs/guide.md,line=6,{title}docs/moved-away.md is dead " \
        "(no such file)" in lines
    assert f"::error file=docs/index.html,line=1,{title}docs/api/reference.html is dead " \
        "(no such file)" in lines
