"""The CI formats on the fixture repository: GitHub workflow commands line by line, and
SARIF 2.1.0 validated against the OASIS schema (tests/data/sarif-schema-2.1.0.json)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from citecheck.cli import main
from citecheck.model import Document, ParsedDocument, Problem, Report
from citecheck.reports import render
from citecheck.reports.escape import github_data as escape_data
from citecheck.reports.escape import github_property as escape_property
from tests.tree.conftest import Tree
from tests.tree.test_tree_check import NET

SCHEMA = Path(__file__).resolve().parent.parent / "data" / "sarif-schema-2.1.0.json"


def run(capsys, fmt: str) -> tuple[int, str]:
    code = main(["check", ".", *NET, "--format", fmt])
    return code, capsys.readouterr().out


def test_github_annotations_line_by_line(tree: Tree, capsys) -> None:
    code, out = run(capsys, "github")
    assert code == 2
    lines = out.splitlines()
    guide, bib, one = "docs/guide.md", "docs/refs.bib", "docs/chapters/one.html"
    url = tree.url
    moved_line = tree.line_of(one, 'id="fn2"')
    expected = [
        "::error file=docs/dangling.md,title=citecheck%3A unreadable file::"
        "docs/dangling.md: no such file",
        f"::error file={guide},line={tree.line_of(guide, '/missing/guide')},"
        f"title=citecheck%3A dead link::Notes, note 3: {url('/missing/guide')} is dead (not-found)",
        f"::error file={bib},line={tree.line_of(bib, '@misc')},title=citecheck%3A dead link::"
        f"Bibliography, note ref1: {url('/gone/bib')} is dead (gone)",
        f"::warning file={one},line={moved_line},"
        f"title=citecheck%3A moved link::Notes, note 2: {url('/moved-permanent/one')} is moved "
        f"(permanent-redirect); new URL: {tree.web.url(tree.path('/ok/one') + '-new')}",
    ]
    assert lines[:-1] == expected
    # 6 web links and the HTML file's 4 in-page note anchors.
    summary = "citecheck: 8 notes; 8 citations; 10 links: 7 resolvable, 1 moved, 2 dead"
    assert lines[-1].startswith(summary)
    assert lines[-1].endswith("; 5 files (1 unreadable)")


def test_github_escapes_what_ends_a_value() -> None:
    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("dir:a,b/50%.md\n") == "dir%3Aa%2Cb/50%25.md%0A"


def test_github_message_with_newlines_stays_one_command() -> None:
    odd = Problem("odd-kind", "warning", None, 3, None, "two\nlines, 100%: done")
    parsed = ParsedDocument(Document("fixture.md", "markdown", ()), ())
    text = render(Report(parsed, (odd,)), "github")
    assert text.splitlines()[0] == (
        "::warning file=fixture.md,line=3,title=citecheck%3A odd-kind::two%0Alines, 100%25: done"
    )


def test_sarif_is_valid_and_names_files_lines_and_rules(tree: Tree, capsys) -> None:
    code, out = run(capsys, "sarif")
    assert code == 2
    log = json.loads(out)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(log, schema, format_checker=jsonschema.FormatChecker())
    (only_run,) = log["runs"]
    driver = only_run["tool"]["driver"]
    assert driver["name"] == "citecheck" and driver["version"] and driver["informationUri"]
    rules = [rule["id"] for rule in driver["rules"]]
    assert set(rules) == {"unreadable-file", "dead-link", "moved-link"}
    places = {
        (
            result["ruleId"],
            result["level"],
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            result["locations"][0]["physicalLocation"].get("region", {}).get("startLine"),
        )
        for result in only_run["results"]
    }
    assert places == {
        ("unreadable-file", "error", "docs/dangling.md", None),
        ("dead-link", "error", "docs/guide.md", tree.line_of("docs/guide.md", "/missing/")),
        ("dead-link", "error", "docs/refs.bib", 1),
        ("moved-link", "warning", "docs/chapters/one.html",
         tree.line_of("docs/chapters/one.html", 'id="fn2"')),
    }  # fmt: skip
    for result in only_run["results"]:
        assert rules[result["ruleIndex"]] == result["ruleId"]


def test_junit_cases_carry_file_and_line(tree: Tree, capsys) -> None:
    import xml.etree.ElementTree as ET

    _, out = run(capsys, "junit")
    cases = {case.get("name"): case for case in ET.fromstring(out).iter("testcase")}
    dead = cases[tree.url("/missing/guide")]
    assert (dead.get("file"), dead.get("line")) == (
        "docs/guide.md",
        str(tree.line_of("docs/guide.md", "/missing/guide")),
    )
    assert dead.get("classname") == "docs/guide.md:Notes/3"


def test_markdown_names_files_and_links_urls(tree: Tree, capsys) -> None:
    _, out = run(capsys, "markdown")
    assert "#### docs/guide.md" in out and "#### docs/refs.bib" in out
    assert f"<{tree.url('/missing/guide')}>" in out
    assert f"`{tree.url('/missing/guide')}`" not in out
