"""`citecheck check` over a whole repository in one run, against loopback servers: which
files are read, each distinct URL fetched once, results naming their files and lines,
and the exit codes of the README ("Exit codes")."""

from __future__ import annotations

import io
import json
import sys

import pytest

from citecheck.cli import main
from tests.tree.conftest import Tree

NET = ["--no-cache", "--allow-private", "--no-archive", "--timeout", "5", "--deadline", "10"]
READ = ["README.md", "docs/chapters/one.html", "docs/dangling.md", "docs/guide.md", "docs/refs.bib"]


def check_json(capsys, *argv: str) -> tuple[int, dict]:
    code = main(["check", *argv, *NET, "--format", "json"])
    captured = capsys.readouterr()
    return code, json.loads(captured.out)


def test_one_run_reads_the_tree_and_fetches_each_url_once(tree: Tree, capsys) -> None:
    code, report = check_json(capsys, ".")
    assert code == 2  # docs/dangling.md cannot be read; everything else was still checked
    assert sorted(entry["path"] for entry in report["files"]) == READ
    dangling = next(entry for entry in report["files"] if entry["path"] == "docs/dangling.md")
    assert "no such file" in dangling["error"]
    # Three files cite the shared URL; it was asked as often as a URL cited once.
    assert tree.hits("/ok/shared") == tree.hits("/ok/readme") == 1
    by_url = {link["url"]: link for link in report["links"]}
    shared = by_url[tree.url("/ok/shared")]
    assert shared["verdict"] == "resolvable"
    assert sorted((place["file"], place["line"]) for place in shared["cited_in"]) == [
        ("README.md", tree.line_of("README.md", "/ok/shared")),
        ("docs/chapters/one.html", tree.line_of("docs/chapters/one.html", '<li id="fn1">')),
        ("docs/guide.md", tree.line_of("docs/guide.md", "/ok/shared")),
    ]
    assert len(shared["citations"]) == 3 and all("#" in cid for cid in shared["citations"])
    assert by_url[tree.url("/missing/guide")]["verdict"] == "dead"
    assert by_url[tree.url("/gone/bib")]["verdict"] == "dead"
    assert by_url[tree.url("/moved-permanent/one")]["verdict"] == "moved"
    assert report["summary"]["links"] == len(by_url)
    web = [url for url in by_url if url.startswith("http")]
    assert len(web) == 6
    # The rest are the HTML chapter's links to its own notes and back, checked on disk.
    local = [url for url in by_url if url not in web]
    assert local and all(url.startswith("docs/chapters/one.html#fn") for url in local)
    assert all(by_url[url]["verdict"] == "resolvable" for url in local)
    assert (report["summary"]["files"], report["summary"]["unreadable"]) == (5, 1)
    # Ignored by .gitignore, or inside node_modules or a virtualenv: never read, never fetched.
    for scenario in ("/missing/built", "/missing/draft", "/missing/pkg", "/missing/venv"):
        assert tree.hits(scenario) == 0, scenario


def test_terminal_findings_start_with_path_and_line(tree: Tree, capsys) -> None:
    code = main(["check", ".", *NET])
    out, err = capsys.readouterr()
    assert code == 2
    assert "citecheck: error: docs/dangling.md: no such file" in err
    dead_line = tree.line_of("docs/guide.md", "/missing/guide")
    assert f"  docs/guide.md:{dead_line}: DEAD         note 3: {tree.url('/missing/guide')}" in out
    bib_line = tree.line_of("docs/refs.bib", "@misc")
    assert f"  docs/refs.bib:{bib_line}: DEAD " in out
    moved_line = tree.line_of("docs/chapters/one.html", '<li id="fn2">')
    assert f"  docs/chapters/one.html:{moved_line}: MOVED " in out
    assert "docs/dangling.md: ERROR cannot read: docs/dangling.md: no such file" in out
    # A heading per file with findings, in walk order (a folder's files before its folders).
    headings = [line for line in out.splitlines() if line in READ]
    assert headings == ["docs/guide.md", "docs/refs.bib", "docs/chapters/one.html"]


def test_quiet_summary_names_the_files(tree: Tree, capsys) -> None:
    main(["check", ".", *NET, "--quiet"])
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert out.rstrip().endswith("; 5 files (1 unreadable)")


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ([], 1),  # dead links
        (["--exit-zero"], 0),
        (["--fail-on", "moved", "--exit-zero"], 0),
    ],
)
def test_exit_codes_without_the_unreadable_file(tree: Tree, capsys, extra, expected) -> None:
    code = main(["check", ".", "--exclude-path", "docs/dangling.md", *NET, "--quiet", *extra])
    assert code == expected
    assert "4 files" in capsys.readouterr().out


def test_nothing_dead_is_0_and_an_unreadable_file_is_2_even_with_exit_zero(tree, capsys) -> None:
    assert main(["check", "README.md", *NET, "--quiet"]) == 0
    assert main(["check", "README.md", "docs/dangling.md", *NET, "--quiet", "--exit-zero"]) == 2
    assert "1 unreadable" in capsys.readouterr().out


def test_an_unreachable_network_is_exit_3_unless_offline_ok(tree: Tree, capsys) -> None:
    (tree.root / "away.md").write_text(
        "# Away\n\nA.[^1]\n\n[^1]: X, 2020. <http://no-such-host.invalid/x>\n", encoding="utf-8"
    )
    offline = ["check", "away.md", "--no-cache", "--no-archive", "--quiet"]
    assert main(offline) == 3
    assert "offline" in capsys.readouterr().out
    assert main([*offline, "--offline-ok"]) == 0
    assert main([*offline, "--offline-ok", "--fail-on", "inconclusive"]) == 1


def test_globs_and_exclude_paths(tree: Tree, capsys) -> None:
    code, report = check_json(capsys, "**/*.md", "--exclude-path", "dangling.md")
    assert code == 1
    assert [entry["path"] for entry in report["files"]] == ["README.md", "docs/guide.md"]
    code, report = check_json(capsys, "docs/**/*.html", "README.md", "README.md")
    assert [entry["path"] for entry in report["files"]] == ["docs/chapters/one.html", "README.md"]
    code = main(["check", "nothing/**/*.md", *NET, "--quiet"])
    assert code == 2
    assert "nothing/**/*.md: no file matches this pattern" in capsys.readouterr().err


def test_standard_input_is_read_and_its_format_told_from_content(tree, capsys, monkeypatch):
    text = (tree.root / "docs" / "guide.md").read_text(encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    code, report = check_json(capsys, "-")
    assert code == 1
    assert [(entry["path"], entry["format"]) for entry in report["files"]] == [
        ("<stdin>", "markdown")
    ]
    assert report["summary"]["dead"] == 1


def test_the_library_call_gives_one_result_per_file(tree: Tree) -> None:
    import citecheck

    config = citecheck.Config(allow_private=True, no_cache=True, no_archive=True, timeout=5.0)
    report = citecheck.check(["docs/guide.md", tree.root / "README.md"], config)
    paths = [result.path for result in report.files]
    assert paths == ["docs/guide.md", str(tree.root / "README.md")]
    assert [len(result.verdicts) for result in report.files] == [3, 2]
    assert len(report.verdicts) == 4  # the shared URL once
    guide = report.files[0]
    assert {v.state for v in guide.verdicts} == {"resolvable", "dead"}
    assert tree.hits("/ok/shared") == 1
