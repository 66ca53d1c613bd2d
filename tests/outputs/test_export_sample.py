"""The sample notes (and the whole seed manuscript when present) through `citecheck export`."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from bibcheck import assert_parsers_agree

from citecheck.citations import parse_document
from citecheck.citations.scripts import fold
from citecheck.cli import main
from citecheck.exports.works import distinct_works
from citecheck.model import ParsedDocument
from citecheck.readers import read_document

SCHEMA = Path(__file__).resolve().parent.parent / "data" / "csl-data.json"


def _export(path: Path, fmt: str, tmp_path: Path) -> str:
    target = tmp_path / f"out.{fmt}"
    assert main(["export", str(path), "--to", fmt, "-o", str(target)]) == 0
    return target.read_text(encoding="utf-8")


def _check_document(path: Path, tmp_path: Path) -> ParsedDocument:
    parsed = parse_document(read_document(str(path)))
    works = {work.key: work.csl for work in distinct_works(parsed)}
    full = [c for c in parsed.citations if c.backref is None and c.csl]
    backrefs = [c for c in parsed.citations if c.backref is not None]
    assert backrefs, "the sample cites with 同上/前掲: back-references must be present"
    assert len(works) <= len(full)
    # No work twice: no two entries for one (folded) title, container and date.
    signatures = [
        (
            fold(str(csl.get("title", ""))),
            fold(str(csl.get("container-title", ""))),
            str(csl.get("issued")),
            csl.get("URL"),
        )
        for csl in works.values()
    ]
    assert len(set(signatures)) == len(signatures)
    assert all(key.isascii() and key.isalnum() for key in works)
    assert len(set(works)) == len(works)
    for fmt in ("biblatex", "bibtex"):
        assert_parsers_agree(_export(path, fmt, tmp_path), works)
    items = json.loads(_export(path, "csl-json", tmp_path))
    jsonschema.validate(items, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert [item["id"] for item in items] == list(works)
    return parsed


def test_sample_notes_export_one_valid_entry_per_work(
    sample_notes_path: Path, tmp_path: Path
) -> None:
    parsed = _check_document(sample_notes_path, tmp_path)
    assert len(parsed.notes) == 302


def test_seed_manuscript_exports_alike(seed_path: Path, tmp_path: Path) -> None:
    _check_document(seed_path, tmp_path)


def test_export_never_overwrites_without_force(
    sample_notes_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "refs.bib"
    target.write_text("mine", encoding="utf-8")
    args = ["export", str(sample_notes_path), "--to", "bibtex", "-o", str(target)]
    assert main(args) == 2
    assert "exists; pass --force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "mine"
    assert main([*args, "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith("@")


def test_export_to_stdout_and_bad_input(
    sample_notes_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(sample_notes_path), "--to", "csl-json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["type"]
    assert main(["export", str(tmp_path / "missing.txt"), "--to", "bibtex"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("citecheck: error:") and err.count("\n") == 1
    with pytest.raises(SystemExit) as exit_info:
        main(["export", str(sample_notes_path), "--to", "ris"])
    assert exit_info.value.code == 2
