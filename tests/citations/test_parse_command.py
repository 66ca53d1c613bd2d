"""`citecheck parse` through `cli.main`: the JSON shape, csl-json, -o, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citecheck.cli import main


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main(["parse", *argv]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_shape_on_the_sample(sample_notes_path: Path, capsys) -> None:
    data = run_json(capsys, str(sample_notes_path))
    assert data["document"] == str(sample_notes_path)
    assert [s["label"] for s in data["sections"]] == ["序章", "第1章", "第2章", "第3章"]
    numbered = [n for s in data["sections"] for n in s["notes"] if not n["unnumbered"]]
    assert len(numbered) == 301
    note = data["sections"][2]["notes"][22]
    assert (note["number"], note["text"]) == (23, "同上、22-23 頁。")
    (citation,) = note["citations"]
    assert citation["id"] == "s3-n23-c1"
    assert citation["backref"] == {"kind": "ibid", "target": "s3-n22-c1", "problem": None}
    assert citation["locator"] == "22-23"
    assert citation["csl"]["id"] == "s3-n23-c1"
    star = data["sections"][3]["notes"][-1]
    assert star["unnumbered"] is True and star["number"] is None and star["mark"] == "*"
    assert star["citations"] == [] and star["commentary"].startswith("衛星画像")


def test_csl_json_lists_each_work_once(sample_notes_path: Path, capsys) -> None:
    works = run_json(capsys, str(sample_notes_path), "--format", "csl-json")
    assert isinstance(works, list) and works
    ids = [work["id"] for work in works]
    assert len(ids) == len(set(ids))
    titles = [work.get("title") for work in works if work.get("title") == "同上"]
    assert titles == []
    # 第3章 8 and 9 cite the same JTBC News report: one work.
    jtbc = [work for work in works if work.get("author") == [{"literal": "JTBC News"}]]
    assert len(jtbc) == 1


def test_csl_json_works_carry_no_pinpoint(tmp_path: Path, capsys) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(
        "Text.[^1] More.[^2]\n\n"
        "[^1]: John Smith, *The Book of Things* (New York: Norton, 2001), 45.\n"
        "[^2]: Jane Doe, “An Article,” *Journal of Stuff* 12, no. 3 (2019): 100–120.\n",
        encoding="utf-8",
    )
    book, article = run_json(capsys, str(notes), "--format", "csl-json")
    assert book["title"] == "The Book of Things" and "page" not in book
    assert article["page"] == "100–120"  # an article's extent describes the work
    (note,) = run_json(capsys, str(notes))["sections"][0]["notes"][:1]
    assert note["citations"][0]["locator"] == "45"  # the pinpoint stays with the note


def test_output_file_is_not_overwritten_without_force(
    sample_notes_path: Path, tmp_path: Path, capsys
) -> None:
    target = tmp_path / "parsed.json"
    assert main(["parse", str(sample_notes_path), "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["sections"]
    target.write_text("keep me", encoding="utf-8")
    assert main(["parse", str(sample_notes_path), "-o", str(target)]) == 2
    assert target.read_text(encoding="utf-8") == "keep me"
    assert "--force" in capsys.readouterr().err
    assert main(["parse", str(sample_notes_path), "-o", str(target), "--force"]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["sections"]


@pytest.mark.parametrize(
    "content",
    [None, b"\x00\x01\x02\xff\xfe binary", b"just a paragraph of prose.\n"],
    ids=["missing", "binary", "no-notes"],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, capsys, content: bytes | None) -> None:
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("citecheck: error:") and err.count("\n") == 1
