"""The HTML report in a real browser: headless Chromium runs the page's script, we read the DOM.

Screenshots at desktop and phone widths are saved under pytest's tmp dir as artefacts.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from citecheck.citations import parse_document
from citecheck.model import Report
from citecheck.readers import read_document
from citecheck.reports import write_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"
)


def _chromium(tmp_path: Path, *args: str) -> str:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=90, check=True)
    return done.stdout


def _load(tmp_path: Path, report: Report, fragment: str = "") -> BeautifulSoup:
    page = tmp_path / "report.html"
    page.write_text(write_html(report), encoding="utf-8")
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri() + fragment)
    return BeautifulSoup(dom, "html.parser")


def _screenshots(tmp_path: Path, page: Path) -> list[Path]:
    shots = []
    for name, size in (("desktop", "1280,1600"), ("phone", "390,1600")):
        shot = tmp_path / f"report-{name}.png"
        _chromium(tmp_path, f"--screenshot={shot}", f"--window-size={size}", page.as_uri())
        assert shot.stat().st_size > 10_000
        shots.append(shot)
    return shots


def test_script_runs_and_every_note_and_badge_is_rendered(tmp_path: Path, report: Report) -> None:
    dom = _load(tmp_path, report)
    assert dom.select_one("nav.filter").get("hidden") is None  # the script revealed the filter
    assert dom.select_one("output.shown").get_text() == "7 of 7 notes shown"
    assert len(dom.select("li.note")) == 7
    assert not dom.select("li.note[hidden]")
    badges = [badge.get_text() for badge in dom.select("li.link .badge")]
    assert sorted(badges) == sorted(v.state for v in report.verdicts for _ in v.citation_ids)
    pressed = dom.select('button[aria-pressed="true"]')
    assert [button["data-filter"] for button in pressed] == ["all"]
    _screenshots(tmp_path, tmp_path / "report.html")


def test_verdict_filter_hides_the_other_notes(tmp_path: Path, report: Report) -> None:
    dom = _load(tmp_path, report, "#filter=dead")
    visible = [note["id"] for note in dom.select("li.note:not([hidden])")]
    assert visible == ["s2-n2", "s2-n3"]
    assert dom.select_one("output.shown").get_text() == "2 of 7 notes shown"
    hidden_chapters = [h2.get_text() for h2 in dom.select("section.chapter[hidden] h2")]
    assert hidden_chapters == ["序章 3 notes", "* 1 note"]


def _assert_every_chapter_note_and_citation(tmp_path: Path, path: Path) -> None:
    document = read_document(str(path))
    parsed = parse_document(document)
    dom = _load(tmp_path, Report(parsed=parsed))
    chapters = [h2.contents[0].strip() for h2 in dom.select("section.chapter h2")]
    assert chapters == [section.label for section in document.sections]
    assert len(dom.select("li.note")) == len(document.notes) == 302
    assert len(dom.select("li.citation")) == len(parsed.citations)
    assert dom.select_one("output.shown").get_text() == "302 of 302 notes shown"
    _screenshots(tmp_path, tmp_path / "report.html")


def test_sample_notes_render_with_every_chapter_note_and_citation(
    tmp_path: Path, sample_notes_path: Path
) -> None:
    _assert_every_chapter_note_and_citation(tmp_path, sample_notes_path)


def test_seed_manuscript_renders_with_every_chapter_note_and_citation(
    tmp_path: Path, seed_path: Path
) -> None:
    _assert_every_chapter_note_and_citation(tmp_path, seed_path)
