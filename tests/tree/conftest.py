"""A small repository of manuscripts for whole-tree runs: nested folders, a `.gitignore`,
mixed formats, three files citing one shared URL, an unreadable file, broken links, and
directories a walk must skip. URLs point at a `ScenarioWeb` on loopback."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.servers import ScenarioWeb

_TAGS = itertools.count(1)

@dataclass(frozen=True)
class Tree:
    """The repository, the web it cites, and the tag that makes its URLs its own (the web
    is shared by a module's tests, and its request counters with it)."""

    root: Path
    web: ScenarioWeb
    tag: str

    def path(self, scenario: str) -> str:
        """The URL path of a scenario in this tree: "/ok/shared" → "/ok/shared-t3"."""
        return f"{scenario}-{self.tag}"

    def url(self, scenario: str) -> str:
        return self.web.url(self.path(scenario))

    def hits(self, scenario: str) -> int:
        return self.web.stats.hits(self.path(scenario))

    def line_of(self, name: str, text: str) -> int:
        """The 1-based line of file `name` that holds `text`."""
        lines = (self.root / name).read_text(encoding="utf-8").splitlines()
        return next(number for number, line in enumerate(lines, 1) if text in line)


def _markdown(title: str, urls: list[str]) -> str:
    body = "".join(f"Claim {n}.[^{n}]\n" for n in range(1, len(urls) + 1))
    notes = "".join(
        f"[^{n}]: Author {n}, *Work {n}*, 2024. <{url}>\n" for n, url in enumerate(urls, 1)
    )
    return f"# {title}\n\n{body}\n{notes}"


def _html(urls: list[str]) -> str:
    refs = "".join(
        f'<p>Point {n}.<a href="#fn{n}" class="footnote-ref" id="fnref{n}" role="doc-noteref">'
        f"<sup>{n}</sup></a></p>\n"
        for n in range(1, len(urls) + 1)
    )
    notes = "".join(
        f'<li id="fn{n}"><p>Writer {n}, “Page {n},” 2023, <a href="{url}">{url}</a>.'
        f'<a href="#fnref{n}" class="footnote-back" role="doc-backlink">↩︎</a></p></li>\n'
        for n, url in enumerate(urls, 1)
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>T</title></head>\n'
        f'<body>\n<h1 id="one">One</h1>\n{refs}<section class="footnotes" role="doc-endnotes">'
        f"<ol>\n{notes}</ol></section>\n</body></html>\n"
    )


def build_tree(root: Path, url: Callable[[str], str]) -> Path:
    """The fixture repository under `root` (returned)."""
    files = {
        "README.md": _markdown("Readme", [url("/ok/shared"), url("/ok/readme")]),
        "docs/guide.md": _markdown(
            "Guide", [url("/ok/guide"), url("/ok/shared"), url("/missing/guide")]
        ),
        "docs/chapters/one.html": _html([url("/ok/shared"), url("/moved-permanent/one")]),
        "docs/refs.bib": (
            f"@misc{{ref1, author = {{Poe, Ann}}, title = {{A Page}}, year = {{2022}},\n"
            f"  url = {{{url('/gone/bib')}}}}}\n"
        ),
        ".gitignore": "build/\n*.draft.md\n",
        "build/out.md": _markdown("Built", [url("/missing/built")]),
        "docs/wip.draft.md": _markdown("Draft", [url("/missing/draft")]),
        "node_modules/pkg/readme.md": _markdown("Pkg", [url("/missing/pkg")]),
        ".venv/lib/site.md": _markdown("Venv", [url("/missing/venv")]),
        ".venv/pyvenv.cfg": "home = /usr/bin\n",
        "docs/notes.py": "print('not a manuscript')\n",
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / ".git").mkdir()
    os.symlink(root / "docs" / "deleted.md", root / "docs" / "dangling.md")  # unreadable
    return root


@pytest.fixture(scope="module")
def web() -> Iterator[ScenarioWeb]:
    with ScenarioWeb(hosts=1, hold_seconds=3.0) as scenario_web:
        yield scenario_web


@pytest.fixture
def tree(tmp_path: Path, web: ScenarioWeb, monkeypatch: pytest.MonkeyPatch) -> Tree:
    """The fixture repository, made the working directory (as a CI job runs in its checkout)."""
    made = Tree(tmp_path / "repo", web, tag=f"t{next(_TAGS)}")
    build_tree(made.root, made.url)
    monkeypatch.chdir(made.root)
    return made
