"""The .citecheckignore file: found next to the config or up to the repository root."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.errors import UsageError
from citecheck.links.ignore import IGNORE_FILE, find_ignore_file, load_ignore, parse_ignore
from citecheck.model import Link

IGNORE_TEXT = """\
# internal hosts are checked by another job
^https?://intranet\\.example/

  \\.invalid(/|$)
"""


def test_comments_and_blank_lines_are_skipped_and_patterns_are_searched() -> None:
    ignore = parse_ignore(IGNORE_TEXT)
    assert len(ignore.patterns) == 2
    assert ignore.ignores("https://intranet.example/wiki")
    assert ignore.ignores("http://host.invalid/page")
    assert not ignore.ignores("https://example.org/intranet.example/")
    assert not ignore.ignores("https://example.org/")


def test_split_keeps_order_and_returns_what_was_ignored() -> None:
    urls = ("https://a.example/", "https://intranet.example/x", "https://b.example/")
    links = [Link(url, ("c1",)) for url in urls]
    kept, ignored = parse_ignore(IGNORE_TEXT).split(links)
    assert [link.url for link in kept] == ["https://a.example/", "https://b.example/"]
    assert [link.url for link in ignored] == ["https://intranet.example/x"]


def test_bad_pattern_is_a_usage_error_naming_its_line() -> None:
    with pytest.raises(UsageError, match=r"\.citecheckignore:2: not a regular expression"):
        parse_ignore("ok\n(unclosed\n")


def test_found_in_a_parent_up_to_the_repository_root(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    docs = repo / "docs" / "guide"
    docs.mkdir(parents=True)
    (repo / ".git").mkdir()
    (repo / IGNORE_FILE).write_text("example\\.org\n", encoding="utf-8")
    (tmp_path / IGNORE_FILE).write_text("outside\n", encoding="utf-8")
    page = docs / "index.md"
    page.write_text("x", encoding="utf-8")
    assert find_ignore_file(page) == repo / IGNORE_FILE
    assert load_ignore(docs).ignores("https://example.org/")


def test_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / IGNORE_FILE).write_text("outside\n", encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    assert find_ignore_file(repo) is None
    assert load_ignore(repo).patterns == ()


def test_the_one_beside_the_config_file_wins(tmp_path: Path) -> None:
    settings = tmp_path / "settings"
    settings.mkdir()
    (settings / "citecheck.toml").write_text("", encoding="utf-8")
    (settings / IGNORE_FILE).write_text("beside-config\n", encoding="utf-8")
    (tmp_path / IGNORE_FILE).write_text("near-input\n", encoding="utf-8")
    found = load_ignore(tmp_path, settings / "citecheck.toml")
    assert found.source == str(settings / IGNORE_FILE)
    assert found.ignores("https://beside-config.example/")
