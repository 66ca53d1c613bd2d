"""`citecheck check` and `export --add-found` with the look-ups pointed at the fakes."""

from __future__ import annotations

import json
from pathlib import Path

from citecheck.cli import main
from tests.lookup.conftest import NO_DOI, OTHER, PAPER

LSTM = f"""
@article{{hochreiter1997,
  author = {{Hochreiter, Sepp and Schmidhuber, Jürgen}},
  title = {{{OTHER.title}}},
  journal = {{Neural Computation}},
  year = {{1997}}
}}
"""

BIB = f"""
@article{{he2016,
  author = {{He, Kaiming and Zhang, Xiangyu}},
  title = {{{PAPER.title}}},
  journal = {{Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition}},
  year = {{2016}},
  doi = {{{OTHER.doi}}}
}}

@book{{kuhn1962,
  author = {{Kuhn, Thomas}},
  title = {{{NO_DOI.title}}},
  year = {{1962}},
  publisher = {{University of Chicago Press}}
}}
"""


def _setup(tmp_path: Path, catalogue) -> tuple[Path, Path]:
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    apis = "\n".join(
        f'{name}-api = "{catalogue.base}/{name}"'
        for name in ("doi", "crossref", "openalex", "ndl", "cinii")
    )
    config = tmp_path / "citecheck.toml"
    config.write_text(
        'allow-private = true\nexclude = ["doi\\\\.org"]\n'
        f'cache = "{tmp_path / "cache.sqlite"}"\n[lookup]\n{apis}\n',
        encoding="utf-8",
    )
    return bib, config


def test_check_reports_cited_works_in_json_and_fails_on_a_mismatch(tmp_path, catalogue, capsys):
    bib, config = _setup(tmp_path, catalogue)
    code = main(
        [
            "check",
            str(bib),
            "--config",
            str(config),
            "--format",
            "json",
            "--contact",
            "editor@example.org",
            "--fail-on",
            "citation-mismatch",
        ]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    by_title = {v["citation"]: v for v in data["citation_verdicts"]}
    assert len(by_title) == 2
    mismatch = next(v for v in data["citation_verdicts"] if v["differences"])
    assert {d["field"] for d in mismatch["differences"]} >= {"title", "year"}
    assert mismatch["evidence"][0]["service"] == "doi"
    book = next(v for v in data["citation_verdicts"] if not v["differences"])
    assert (book["verdict"], book["reason"]) == ("resolvable", "record-matches")
    assert data["summary"]["citation_verdicts"]["resolvable"] == 1
    assert any(p["kind"] == "citation-mismatch" for p in data["problems"])


def test_no_lookup_asks_nothing(tmp_path, catalogue, capsys):
    bib, config = _setup(tmp_path, catalogue)
    code = main(["check", str(bib), "--config", str(config), "--format", "json", "--no-lookup"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert {v["reason"] for v in data["citation_verdicts"]} == {"not-looked-up"}
    assert not catalogue.requests


def test_terminal_markdown_junit_and_html_show_the_cited_works(tmp_path, catalogue, capsys):
    bib, config = _setup(tmp_path, catalogue)
    report = tmp_path / "report.html"
    main(["check", str(bib), "--config", str(config), "--report", str(report)])
    terminal = capsys.readouterr().out
    assert "citations: 1 resolvable, 1 moved" in terminal
    assert "citation-mismatch" in terminal
    page = report.read_text(encoding="utf-8")
    assert "work: moved" in page and "work: resolvable" in page
    main(["check", str(bib), "--config", str(config), "--format", "markdown"])
    assert "| citations |" in capsys.readouterr().out
    main(["check", str(bib), "--config", str(config), "--format", "junit"])
    junit = capsys.readouterr().out
    assert '<testsuite name="citations"' in junit and "<failure" in junit


def test_export_add_found_marks_what_it_added(tmp_path, catalogue, capsys):
    bib, config = _setup(tmp_path, catalogue)
    bib.write_text(BIB + LSTM, encoding="utf-8")
    code = main(["export", str(bib), "--to", "csl-json", "--config", str(config), "--add-found"])
    assert code == 0
    items = json.loads(capsys.readouterr().out)
    kuhn = next(item for item in items if item["title"] == NO_DOI.title)
    assert "DOI" not in kuhn and "note" not in kuhn  # the record has no DOI: nothing invented
    he = next(item for item in items if item["title"] == PAPER.title)
    assert he["DOI"] == OTHER.doi and "URL" not in he  # cited wrongly: left to the editor
    lstm = next(item for item in items if item["title"] == OTHER.title)
    assert lstm["DOI"] == OTHER.doi
    assert lstm["note"] == f"citecheck: DOI {OTHER.doi} found by crossref"
    main(["export", str(bib), "--to", "bibtex", "--config", str(config), "--add-found"])
    bibtex = capsys.readouterr().out
    assert f"citecheck: DOI {OTHER.doi} found by crossref" in bibtex
    main(["export", str(bib), "--to", "bibtex", "--config", str(config)])
    assert "citecheck:" not in capsys.readouterr().out
