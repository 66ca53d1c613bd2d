"""The HTML report as text: self-contained, escaped, every note and verdict present."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from citecheck.errors import UsageError
from citecheck.model import Report
from citecheck.reports import write_html
from citecheck.reports.html_report import _anchor


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    return collector


def _classes(collector: _Collector, name: str) -> list[dict[str, str | None]]:
    return [a for _, a in collector.tags if name in (a.get("class") or "").split()]


def test_every_chapter_note_and_link_verdict_is_on_the_page(report: Report) -> None:
    page = _parse(write_html(report))
    assert len(_classes(page, "chapter")) == 3
    assert len(_classes(page, "note")) == len(report.parsed.notes) == 7
    badges = [a for a in _classes(page, "link")]
    assert sorted(a["data-verdict"] or "" for a in badges) == sorted(
        state for v in report.verdicts for state in [v.state] * len(v.citation_ids)
    )


def test_fixes_are_shown_beside_moved_and_dead_links(report: Report) -> None:
    page = write_html(report)
    assert 'new URL: <a href="https://www.tandfonline.com/doi/full/' in page
    assert "archived copy of 2023-03-01: <a href=" in page


def test_back_references_point_at_their_note(report: Report) -> None:
    page = write_html(report)
    assert 'ibid → <a href="#c2-0">note 2</a>' in page


def test_each_marker_problem_appears_once(report: Report) -> None:
    page = write_html(report)
    assert page.count("note 3 &lt;is&gt; never referenced") == 1  # on note 3 itself
    assert page.count("marker ⁷ has no note 7") == 1  # no note 7: at the chapter head
    assert page.count("同上 &amp; co. at the start") == 1  # no section: in the header


def test_page_fetches_nothing(report: Report) -> None:
    page = _parse(write_html(report))
    for tag, attrs in page.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed")
        assert not (tag == "script" and attrs.get("src"))
    assert "default-src 'none'" in write_html(report)


def test_manuscript_text_is_escaped(report: Report) -> None:
    page = write_html(report)
    assert "<Contemporary>" not in page
    assert "On the Verge of an Alliance: &lt;Contemporary&gt; China &amp; Russia" in page
    assert "note 3 &lt;is&gt; never referenced" in page
    assert 'href="http://kremlin.example/ru/1_%D0?a=1&amp;b=2"' in page


def test_notes_are_marked_for_the_verdict_filter(report: Report) -> None:
    page = _parse(write_html(report))
    notes = {a["id"]: a for a in _classes(page, "note")}
    assert notes["s2-n2"]["data-verdicts"] == "dead inconclusive"
    assert notes["s2-n2"]["data-needs-work"] == "true"
    assert notes["s1-n1"]["data-needs-work"] == "false"
    assert notes["s1-n3"]["data-needs-work"] == "true"  # its own marker problem
    filters = [a["data-filter"] for _, a in page.tags if a.get("data-filter")]
    assert filters == ["all", "problems", "resolvable", "moved", "dead", "inconclusive"]


def test_script_links_only_web_addresses() -> None:
    assert _anchor("javascript:alert(1)") == "<code>javascript:alert(1)</code>"
    assert re.fullmatch(
        r'<a href="https://e\.org/\?a=1&amp;b=2".*</a>', _anchor("https://e.org/?a=1&b=2")
    )


def test_write_html_writes_the_file_once(tmp_path: Path, report: Report) -> None:
    target = tmp_path / "report.html"
    page = write_html(report, str(target))
    assert target.read_text(encoding="utf-8") == page
    with pytest.raises(UsageError, match="exists"):
        write_html(report, str(target))
    assert write_html(report, str(target), force=True) == page
