"""Local links and anchors: relative paths, file: URLs and #fragments checked on disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from citecheck.checks.local import LocalChecker
from citecheck.links.anchors import github_slug, has_anchor, html_anchors, markdown_anchors
from citecheck.links.local import LocalLink, is_local, local_links
from citecheck.readers.source import Source

GUIDE = """\
# Guide

See [the API](api/reference.md#functions), [setup](#setting-up-citecheck) and
[a missing page](missing.md). ![diagram](img/flow%20chart.png "Flow")
[install]: ../INSTALL.md
[web]: https://example.org/page#part
Mail <a href="mailto:someone@example.org">us</a> or open <a href="api/index.html#top">the index</a>.

## Setting up `citecheck`!

Code: `[not a link](nowhere.md)` and

```
[also not](nowhere-either.md)
```
"""


def test_markdown_local_links_outside_code_at_their_positions() -> None:
    found = [(link.target, link.line) for link in local_links(GUIDE, "markdown")]
    assert found == [
        ("api/reference.md#functions", 3),
        ("#setting-up-citecheck", 3),
        ("missing.md", 4),
        ("img/flow%20chart.png", 4),
        ("../INSTALL.md", 5),
        ("api/index.html#top", 7),
    ]


def test_html_local_links_skip_code_and_web_addresses() -> None:
    page = (
        '<p><a href="guide.md">guide</a> <a href="https://example.org/">web</a>\n'
        '<img src="logo.svg"> <code><a href="code.md">x</a></code> <a href="#intro">i</a></p>'
    )
    assert [(link.target, link.line) for link in local_links(page, "html")] == [
        ("guide.md", 1),
        ("logo.svg", 2),
        ("#intro", 2),
    ]


@pytest.mark.parametrize(
    ("target", "local"),
    [
        ("docs/a.md", True),
        ("#x", True),
        ("file:///etc/hosts", True),
        ("https://example.org/", False),
        ("mailto:a@example.org", False),
        ("//cdn.example/x.js", False),
        ("", False),
    ],
)
def test_what_is_local(target: str, local: bool) -> None:
    assert is_local(target) is local


def test_github_slugs_of_headings() -> None:
    text = (
        "# Setting up `citecheck`!\n## API: check() & verify()\n"
        "## FAQ\n## FAQ\nTitle\n=====\n### Sub heading {#custom-id}\n"
        '<a id="raw-anchor"></a>\n## [Linked](https://x.example/) *heading*\n## 日本語の見出し\n'
    )
    anchors = markdown_anchors(text)
    assert {
        "setting-up-citecheck",
        "api-check--verify",
        "faq",
        "faq-1",
        "title",
        "custom-id",
        "raw-anchor",
        "linked-heading",
        "日本語の見出し",
    } <= anchors
    # GitHub ignores `{#id}` and renders its own slug: both land.
    assert "sub-heading" in anchors
    assert github_slug("Hello, World") == "hello-world"


def test_html_anchors_and_lookup() -> None:
    anchors = html_anchors('<h2 id="usage">Usage</h2><a name="old-name"></a><p id="p%201"></p>')
    assert anchors == {"usage", "old-name", "p%201"}
    assert has_anchor(anchors, "usage")
    assert has_anchor(anchors, "user-content-usage")
    assert has_anchor(anchors, "top") and has_anchor(anchors, "")
    assert not has_anchor(anchors, "missing")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    docs = tmp_path / "docs"
    (docs / "api").mkdir(parents=True)
    (docs / "img").mkdir()
    (docs / "guide.md").write_text(GUIDE, encoding="utf-8")
    (docs / "api" / "reference.md").write_text("# Reference\n\n## Functions\n", encoding="utf-8")
    (docs / "api" / "index.html").write_text('<h1 id="top-title">API</h1>', encoding="utf-8")
    (docs / "img" / "flow chart.png").write_bytes(b"\x89PNG")
    (tmp_path / "INSTALL.md").write_text("# Install\n", encoding="utf-8")
    return tmp_path


def _verdicts(tree: Path, text: str, *, fragments: bool) -> dict[str, tuple[str, str]]:
    citing = tree / "docs" / "guide.md"
    links = local_links(text, "markdown")
    checker = LocalChecker(root=tree, check_fragments=fragments)
    verdicts = checker.check(links, citing)
    return {link.target: (v.state, v.reason) for link, v in zip(links, verdicts, strict=True)}


def test_files_checked_on_disk_relative_to_the_citing_file(tree: Path) -> None:
    verdicts = _verdicts(tree, GUIDE, fragments=False)
    assert verdicts == {
        "api/reference.md#functions": ("resolvable", "file exists"),
        "#setting-up-citecheck": ("resolvable", "file exists"),
        "missing.md": ("dead", "no such file"),
        "img/flow%20chart.png": ("resolvable", "file exists"),
        "../INSTALL.md": ("resolvable", "file exists"),
        "api/index.html#top": ("resolvable", "file exists"),
    }


def test_fragments_checked_against_headings_and_ids(tree: Path) -> None:
    text = GUIDE + (
        "[bad](api/reference.md#no-such-heading) [bad html](api/index.html#nope) "
        "[ok html](api/index.html#top-title) [root](/INSTALL.md#install) [self](#nothing-here) "
        "[dir](api/#x) [code](../INSTALL.md)\n"
    )
    verdicts = _verdicts(tree, text, fragments=True)
    assert verdicts["api/reference.md#functions"] == ("resolvable", "anchor exists")
    assert verdicts["#setting-up-citecheck"] == ("resolvable", "anchor exists")
    assert verdicts["api/reference.md#no-such-heading"] == ("dead", "no such anchor")
    assert verdicts["api/index.html#nope"] == ("dead", "no such anchor")
    assert verdicts["api/index.html#top-title"] == ("resolvable", "anchor exists")
    assert verdicts["/INSTALL.md#install"] == ("resolvable", "anchor exists")
    assert verdicts["#nothing-here"] == ("dead", "no such anchor")
    assert verdicts["api/#x"] == ("resolvable", "directory exists")
    assert verdicts["missing.md"] == ("dead", "no such file")


def test_file_urls_name_absolute_paths(tree: Path) -> None:
    target = (tree / "INSTALL.md").as_uri()
    links = [LocalLink(target, 1, 1), LocalLink((tree / "gone.md").as_uri(), 2, 1)]
    checker = LocalChecker(root=tree)
    states = [v.state for v in checker.check(links, tree / "docs" / "guide.md")]
    assert states == ["resolvable", "dead"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file whatever its mode")
def test_an_unreadable_target_is_inconclusive_never_dead(tree: Path) -> None:
    secret = tree / "docs" / "secret.md"
    secret.write_text("# Secret\n", encoding="utf-8")
    secret.chmod(0)
    checker = LocalChecker(root=tree, check_fragments=True)
    (verdict,) = checker.check([LocalLink("secret.md#secret", 1, 1)], tree / "docs" / "guide.md")
    assert verdict.state == "inconclusive"


def test_a_binary_target_for_an_anchor_is_inconclusive(tree: Path) -> None:
    (tree / "docs" / "blob.md").write_bytes(b"\x00\x01\x02" * 100)
    checker = LocalChecker(root=tree, check_fragments=True)
    (verdict,) = checker.check([LocalLink("blob.md#x", 1, 1)], tree / "docs" / "guide.md")
    assert (verdict.state, verdict.reason.split(" (")[0]) == (
        "inconclusive",
        "cannot read the file for its anchors",
    )


def test_a_path_the_system_refuses_to_look_at_is_inconclusive(tree: Path) -> None:
    checker = LocalChecker(root=tree)
    (verdict,) = checker.check([LocalLink("x" * 5000 + ".md", 1, 1)], tree / "docs" / "guide.md")
    assert verdict.state == "inconclusive"
    assert verdict.reason.startswith("cannot look at the file")


def test_verdicts_name_the_target_from_the_working_directory_and_where_it_is_written(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree)
    guide = tree / "docs" / "guide.md"
    checker = LocalChecker(root=tree)
    (verdict,) = checker.check_source(Source.load(guide), "markdown")[2:3]
    assert (verdict.url, verdict.state) == ("docs/missing.md", "dead")
    assert verdict.details[0] == f"{guide}:4:18: missing.md"
    (install,) = checker.check([LocalLink("../../INSTALL.md", 1, 1)], guide.parent / "api" / "x.md")
    assert install.url == "INSTALL.md"
