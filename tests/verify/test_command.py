"""`citecheck verify`: exit codes, the JSON contract, output files."""

from __future__ import annotations

import json

import jsonschema
import pytest

from citecheck.cli import main
from tests.verify.helpers import manuscript

PROBLEM = {
    "type": "object",
    "required": ["kind", "severity", "line", "note", "message"],
    "properties": {
        "kind": {"type": "string"},
        "severity": {"enum": ["error", "warning"]},
        "line": {"type": ["integer", "null"]},
        "note": {"type": ["integer", "null"]},
        "message": {"type": "string"},
        "see_also": {"type": "array", "items": {"type": "integer"}},
    },
}
SCHEMA = {
    "type": "object",
    "required": ["sections", "problems", "summary", "has_body", "notices"],
    "properties": {
        "problems": {"type": "array", "items": PROBLEM},
        "sections": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["label", "markers", "notes", "problems"],
                "properties": {
                    "label": {"type": "string"},
                    "markers": {"type": "integer"},
                    "notes": {"type": "integer"},
                    "problems": {"type": "array", "items": PROBLEM},
                },
            },
        },
    },
}

CLEAN = manuscript("序章\n本文¹。続き²。", "[序章]\n- 1 『本』1頁。\n- 2 『本』2頁。")
BROKEN = manuscript(
    "序章\n本文¹。続き³。", "[序章]\n- 1 『本』1頁。\n- 2 『本』2頁。\n- 4 『本』4頁。"
)


def run_json(tmp_path, text: str, capsys) -> tuple[int, dict]:
    path = tmp_path / "book.txt"
    path.write_text(text, encoding="utf-8")
    code = main(["verify", str(path), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, SCHEMA)
    return code, data


def test_clean_manuscript_exits_0(tmp_path, capsys):
    code, data = run_json(tmp_path, CLEAN, capsys)
    assert code == 0
    assert data["sections"] == [
        {"label": "序章", "markers": 2, "notes": 2, "unnumbered_notes": 0, "problems": []}
    ]


def test_errors_exit_1_with_lines(tmp_path, capsys):
    code, data = run_json(tmp_path, BROKEN, capsys)
    assert code == 1
    problems = {(p["kind"], p["note"], p["line"]) for p in data["sections"][0]["problems"]}
    assert problems == {
        ("marker-without-note", 3, 2),
        ("note-without-marker", 2, 8),
        ("note-without-marker", 4, 9),
    }


def test_warnings_alone_exit_0(tmp_path, capsys):
    text = manuscript("序章\n本文¹。続き²。", "[序章]\n- 1 『本』2023年2月30日。\n- 2 『本』2頁。")
    code, data = run_json(tmp_path, text, capsys)
    assert code == 0
    assert [p["kind"] for p in data["sections"][0]["problems"]] == ["impossible-date"]


def test_notes_only_file_skips_marker_checks_and_says_so(tmp_path, capsys):
    code, data = run_json(tmp_path, "注\n\n[序章]\n- 1 『本』1頁。\n- 3 『本』2頁。\n", capsys)
    assert code == 0
    assert data["has_body"] is False
    assert any("markers were not checked" in notice for notice in data["notices"])
    assert data["sections"][0]["markers"] == 0


def test_terminal_report_lists_chapters_and_problems(tmp_path, capsys):
    path = tmp_path / "book.txt"
    path.write_text(BROKEN, encoding="utf-8")
    assert main(["verify", str(path)]) == 1
    out = capsys.readouterr().out
    assert "序章: 2 markers, 3 notes — 3 problems" in out
    assert "line 2  error: 序章: marker 3 has no note" in out
    assert "3 errors, 0 warnings" in out


def test_output_file_is_not_overwritten_without_force(tmp_path, capsys):
    source = tmp_path / "book.txt"
    source.write_text(CLEAN, encoding="utf-8")
    report = tmp_path / "report.json"
    report.write_text("keep me", encoding="utf-8")
    assert main(["verify", str(source), "--format", "json", "-o", str(report)]) == 2
    assert report.read_text(encoding="utf-8") == "keep me"
    assert "--force" in capsys.readouterr().err
    assert main(["verify", str(source), "--format", "json", "-o", str(report), "--force"]) == 0
    assert json.loads(report.read_text(encoding="utf-8"))["sections"][0]["label"] == "序章"


@pytest.mark.parametrize("content", [None, b"", b"\x00\x01binary", b"no notes at all\n"])
def test_bad_input_exits_2_with_one_line(tmp_path, capsys, content):
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    assert main(["verify", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("citecheck: error:") and err.count("\n") == 1


def test_seed_json_counts(seed_path, capsys):
    assert main(["verify", str(seed_path), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, SCHEMA)
    counts = {s["label"]: (s["markers"], s["notes"]) for s in data["sections"]}
    assert counts == {
        "序章": (19, 19),
        "第1章": (120, 120),
        "第2章": (74, 74),
        "第3章": (88, 88),
        "終章": (0, 0),
    }
    errors = [
        (section["label"], p["kind"], p["note"], p["line"])
        for section in data["sections"]
        for p in section["problems"]
        if p["severity"] == "error"
    ]
    assert errors == [
        ("第3章", "backref-ambiguous", 74, 1202),
        ("第3章", "backref-ambiguous", 75, 1203),
        ("第3章", "note-without-marker", None, 1220),
    ]


def test_a_body_without_markers_is_one_general_error(tmp_path, capsys):
    code, data = run_json(tmp_path, manuscript("序章\n本文。", "[序章]\n- 1 A\n- 2 B"), capsys)
    assert code == 1
    assert [p["kind"] for p in data["problems"]] == ["no-markers"]
    assert data["sections"][0]["problems"] == []
