"""A warm check with look-ups on: when every answer is in the look-up memo, the
citation verdicts are recalled (no service asked, no look-up stage imported), and they
are judged again as soon as an answer they rest on is gone."""

from __future__ import annotations

import json
import sqlite3

from citecheck.cli import main
from tests.lookup.test_cli import _setup
from tests.startup.test_lazy_imports import modules_after


def _asked(catalogue) -> int:
    return sum(catalogue.count(name) for name in ("doi", "crossref", "openalex", "ndl", "cinii"))


def test_a_warm_check_reuses_its_judgement_while_the_answers_hold(tmp_path, catalogue, capsys):
    bib, config = _setup(tmp_path, catalogue)
    argv = ["check", str(bib), "--config", str(config), "--format", "json", "--no-archive"]
    main(argv)
    cold = json.loads(capsys.readouterr().out)
    asked = _asked(catalogue)
    assert asked > 0 and cold["citation_verdicts"]
    main(argv)  # every answer from the look-up memo: the judgement is remembered
    assert json.loads(capsys.readouterr().out) == cold
    assert _asked(catalogue) == asked

    warm = modules_after(*argv, cwd=tmp_path)
    assert "citecheck.judged" in warm
    stage = {"citecheck.lookup.stage", "citecheck.citations", "requests", "urllib3"}
    assert not warm & stage, sorted(warm & stage)
    main(argv)
    assert json.loads(capsys.readouterr().out) == cold
    assert _asked(catalogue) == asked

    with sqlite3.connect(tmp_path / "cache.sqlite") as db:  # the answers are forgotten
        db.execute("DELETE FROM memos WHERE kind = 'lookup'")
    main(argv)
    assert json.loads(capsys.readouterr().out) == cold
    assert _asked(catalogue) > asked  # asked again, not recalled


def test_select_and_ignore_apply_to_a_recalled_judgement(tmp_path, catalogue, capsys):
    bib, config = _setup(tmp_path, catalogue)
    argv = ["check", str(bib), "--config", str(config), "--format", "json"]
    for _ in range(2):
        main(argv)
        kinds = [problem["kind"] for problem in json.loads(capsys.readouterr().out)["problems"]]
    assert "citation-mismatch" in kinds
    main([*argv, "--ignore", "citation-mismatch"])
    quiet = json.loads(capsys.readouterr().out)
    assert "citation-mismatch" not in [problem["kind"] for problem in quiet["problems"]]
    main(argv)
    again = [problem["kind"] for problem in json.loads(capsys.readouterr().out)["problems"]]
    assert again == kinds
