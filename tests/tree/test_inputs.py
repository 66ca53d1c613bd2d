"""Which files a run reads: directories walked, git's ignore rules, globs, exclusions."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.inputs import Input, expand


def write(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n", encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def paths(*given: str, exclude: tuple[str, ...] = ()) -> list[str]:
    return [item.path for item in expand(given, exclude)]


def test_a_walk_takes_the_formats_readers_know_and_skips_tool_folders(repo: Path) -> None:
    write(repo, "a.md", "b.txt", "c.htm", "d.xhtml", "e.docx", "f.bib", "g.py", "h.json")
    write(repo, "node_modules/x.md", "__pycache__/y.md", "env/lib/z.md", "env/pyvenv.cfg")
    write(repo, ".git/info/q.md")
    assert paths(".") == ["a.md", "b.txt", "c.htm", "d.xhtml", "e.docx", "f.bib"]


def test_gitignore_rules_follow_git(repo: Path) -> None:
    (repo / ".gitignore").write_text("*.md\n!keep.md\n/top-only.txt\nout/\n", encoding="utf-8")
    write(repo, "drop.md", "keep.md", "top-only.txt", "sub/top-only.txt", "out/a.txt")
    write(repo, "sub/deeper/drop.md", "sub/out.txt")
    (repo / "sub" / ".gitignore").write_text("!drop.md\nout.txt\n", encoding="utf-8")
    write(repo, "sub/drop.md")
    assert paths(".") == ["keep.md", "sub/drop.md", "sub/top-only.txt", "sub/deeper/drop.md"]


def test_gitignore_counts_only_inside_a_repository(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".gitignore").write_text("*.md\n", encoding="utf-8")
    write(tmp_path, "a.md")
    assert paths(".") == ["a.md"]


def test_a_file_named_outright_is_read_even_if_ignored(repo: Path) -> None:
    (repo / ".gitignore").write_text("*.md\n", encoding="utf-8")
    write(repo, "a.md", "b.md")
    assert paths("a.md", ".") == ["a.md"]


def test_globs_apply_the_same_skips(repo: Path) -> None:
    (repo / ".gitignore").write_text("build/\n", encoding="utf-8")
    write(repo, "a.md", "docs/b.md", "docs/c.txt", "build/d.md", "node_modules/e.md")
    assert paths("**/*.md") == ["a.md", "docs/b.md"]
    assert expand(["*.rst"]) == (Input("*.rst", error="*.rst: no file matches this pattern"),)


def test_exclude_path_patterns_and_each_file_once(repo: Path) -> None:
    write(repo, "a.md", "vendor/b.md", "docs/c.md", "docs/old/d.md")
    assert paths(".", exclude=("vendor/", "docs/old/**")) == ["a.md", "docs/c.md"]
    assert paths("a.md", "./a.md", str(repo / "a.md")) == ["a.md"]
    assert paths("-", "missing.md") == ["-", "missing.md"]  # read (and reported) as named
