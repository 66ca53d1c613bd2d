"""`citecheck verify` on a dozen real-shaped manuscripts: correct ones pass with no
problem at all, and each planted defect is found, exactly that one (tests/verify/corpus.py)."""

from __future__ import annotations

import json

import pytest

from citecheck.cli import main
from tests.verify.corpus import CASES, Case, build


def verify_json(path, capsys) -> tuple[int, dict, list[dict]]:
    """Exit code, JSON report, and every problem (general and per section)."""
    code = main(["verify", str(path), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    problems = report["problems"] + [p for s in report["sections"] for p in s["problems"]]
    return code, report, problems


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_a_correct_manuscript_has_no_problem(case: Case, tmp_path, capsys):
    code, report, problems = verify_json(build(case, False, tmp_path), capsys)
    assert problems == [] and code == 0
    assert report["has_body"] and report["summary"] == {"errors": 0, "warnings": 0}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_a_planted_defect_is_found_exactly(case: Case, tmp_path, capsys):
    code, _, problems = verify_json(build(case, True, tmp_path), capsys)
    kind, note = case.expect
    [problem] = problems
    assert problem["kind"] == kind
    if note is not None:
        assert problem["note"] == note
    assert code == (1 if problem["severity"] == "error" else 0)


def test_an_epub_problem_names_the_content_files_and_chapters(tmp_path, capsys):
    case = next(case for case in CASES if case.name == "epub-endnotes")
    _, _, [problem] = verify_json(build(case, True, tmp_path), capsys)
    assert problem["message"].startswith("OEBPS/notes.xhtml:10 (Notes): Notes: note 5 is not")
    assert "marker 4 (OEBPS/ch1.xhtml:49 (Chapter One))" in problem["message"]
