"""Terminal, Markdown and JUnit writers: grouped by chapter, with fixes, escaped."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest

from citecheck.model import Problem, Report
from citecheck.reports import WRITERS, render
from citecheck.reports.escape import markdown_link as link
from citecheck.reports.progress import ProgressBar
from citecheck.reports.terminal import use_color

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_every_writer_is_registered_and_render_dispatches_to_it(report: Report) -> None:
    assert set(WRITERS) == {"json", "terminal", "markdown", "junit", "html", "github", "sarif"}
    for fmt, writer in WRITERS.items():
        text = render(report, fmt)
        assert text == writer(report)
        assert "gone.example/ua" in text  # the dead link is in every format


def test_terminal_groups_problems_by_chapter_with_fixes(report: Report) -> None:
    text = render(report, "terminal")
    assert not ANSI.search(text)
    chapter = text.index("第1章\n")
    preface = text.index("序章\n")
    dead = text.index("DEAD")
    assert preface < chapter < dead
    assert "notes 2, 3: https://gone.example/ua  (http-404)" in text
    assert "→ archived copy: https://web.archive.org/web/20230301000000/" in text
    assert "→ new URL: https://www.tandfonline.com/doi/full/" in text
    assert "https://example.org/renmin" not in text  # resolvable links are not problems
    assert "note 7: marker ⁷ has no note 7 [marker-without-note]" in text
    assert "同上 & co. at the start" in text


def test_terminal_colours_only_when_asked_and_quiet_is_one_line(report: Report) -> None:
    coloured = render(report, "terminal", color=True)
    assert ANSI.search(coloured)
    assert ANSI.sub("", coloured) == render(report, "terminal")
    quiet = render(report, "terminal", quiet=True)
    assert quiet.count("\n") == 1
    assert quiet.startswith("citecheck: 7 notes; 8 citations; 5 links: 1 resolvable, 1 moved")


def test_terminal_says_offline_plainly(offline_report: Report) -> None:
    text = render(offline_report, "terminal", quiet=True)
    assert "offline" in text and "0 dead" in text


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def test_colour_follows_the_tty_and_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color(_Stream(tty=True))
    assert not use_color(_Stream(tty=False))
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(_Stream(tty=True))


def test_progress_bar_is_silent_off_a_terminal_and_draws_on_one() -> None:
    quiet_stream = _Stream(tty=False)
    with ProgressBar(quiet_stream) as progress:
        for done in range(1, 4):
            progress(done, 3, f"https://example.org/{done}")
    assert quiet_stream.getvalue() == ""
    tty_stream = _Stream(tty=True)
    with ProgressBar(tty_stream) as progress:
        progress(3, 3, "https://example.org/last")
    assert "3/3" in ANSI.sub("", tty_stream.getvalue())


def test_markdown_has_summary_and_problem_rows_only(report: Report) -> None:
    text = render(report, "markdown")
    lines = text.splitlines()
    assert lines[0] == "### citecheck: 7 notes, 8 citations, 5 links"
    assert "| 1 | 1 | 1 | 2 | 3 |" in lines
    rows = [line for line in lines if line.startswith("| ") and "**" in line]
    assert len(rows) == 4 + 3  # four link problems, three note problems
    assert "example.org/renmin" not in text
    dead_row = next(row for row in rows if "**dead**" in row)
    assert dead_row.startswith("| 第1章 | 2, 3 |")
    assert "<https://web.archive.org/web/20230301000000/https://gone.example/ua>" in dead_row
    assert "note 3 \\<is\\> never referenced" in text  # markup in messages is inert
    assert all(row.count(" | ") == 4 for row in rows)  # no stray pipe breaks a row


def test_markdown_without_problems_says_so(report: Report) -> None:
    clean = Report(parsed=report.parsed, verdicts=report.verdicts[:1], links_checked=True)
    assert render(clean, "markdown").rstrip().endswith("No problems found.")


def test_junit_is_valid_xml_with_one_case_per_link(report: Report) -> None:
    root = ET.fromstring(render(report, "junit").encode("utf-8"))
    links = root.find("testsuite[@name='links']")
    assert links is not None
    cases = links.findall("testcase")
    assert [case.get("name") for case in cases] == [v.url for v in report.verdicts]
    by_url = {case.get("name"): case for case in cases}
    dead = by_url["https://gone.example/ua"]
    failure = dead.find("failure")
    assert failure is not None and failure.get("type") == "http-404"
    assert "archived copy: https://web.archive.org/" in (failure.text or "")
    assert dead.get("classname") == "第1章/2, 3"
    assert by_url["https://x.example/p"].find("skipped") is not None
    assert by_url["https://example.org/renmin/2023-12-29"].find("failure") is None
    assert (links.get("tests"), links.get("failures"), links.get("skipped")) == ("5", "1", "2")
    notes = root.find("testsuite[@name='notes']")
    assert notes is not None and notes.get("failures") == "2"
    assert root.get("tests") == "8" and root.get("failures") == "3"


def test_junit_survives_characters_xml_cannot_hold(report: Report) -> None:
    broken = Problem("odd", "error", "序章", 1, 1, "control \x0b char & <tag> \ud800 \uffff")
    text = render(Report(parsed=report.parsed, problems=(broken,)), "junit")
    case = ET.fromstring(text.encode("utf-8")).find(".//testcase")
    # Controls and a lone surrogate are shown as escapes; U+FFFF, a non-character XML cannot
    # hold, is replaced.
    name = "odd: control \\x0b char & <tag> \\ud800 \ufffd"
    assert case is not None and case.get("name") == name


def test_markdown_urls_with_pipes_and_backslashes_keep_the_table_whole() -> None:
    assert link("https://e.org/a\\|b") == "<https://e.org/a%5C%7Cb>"
    assert link("https://e.org/`x`") == "<https://e.org/%60x%60>"
    assert link("https://e.org/a b>c") == "<https://e.org/a%20b%3Ec>"
    assert link("javascript:alert(1)") == "javascript:alert(1)"  # no link but a web address
