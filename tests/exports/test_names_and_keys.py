"""CJK names split for the bibliography (not in the parse), sorted by reading; keys."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from citecheck.citations import parse_document
from citecheck.cli import main
from citecheck.errors import UsageError
from citecheck.exports import export
from citecheck.exports.keys import base_key
from citecheck.model import Document, Note, Section

from .conftest import document_of, one_entry

ROOT = Path(__file__).resolve().parents[2]


def _item(author: str, title: str, language: str, year: int = 2020) -> dict[str, object]:
    return {
        "type": "book",
        "title": title,
        "author": [{"literal": author}],
        "issued": {"date-parts": [[year]]},
        "language": language,
    }


@pytest.mark.parametrize(
    ("author", "title", "language", "name", "sortname", "key"),
    [
        ("増田雅之", "対立への岐路", "ja", "増田, 雅之", "Masuda, Masayuki", "masuda2020tairitsu"),
        ("施欣怡", "中国的夥伴關係", "zh", "施, 欣怡", "Shi, Xinyi", "shi2020zhongguo"),
        ("김정은", "조선로동당", "ko", "김, 정은", "Gim, Jeongeun", "gim2020joseonrodongdang"),
        ("防衛省", "令和5年版防衛白書", "ja", "{防衛省}", "{Bouei Shou}", "boueishou2020reiwa"),
        (
            "スティーヴン・M・ウォルト",
            "同盟の起源",
            "ja",
            "{スティーヴン・M・ウォルト}",
            "Uoruto, Suteiivun M",
            "uoruto2020doumei",
        ),
    ],
)
def test_cjk_names_split_sorted_by_reading_and_keyed_by_family(
    author: str, title: str, language: str, name: str, sortname: str, key: str
) -> None:
    item = _item(author, title, language)
    _, fields = one_entry(item)
    assert (fields["author"], fields["sortname"]) == (name, sortname)
    assert base_key(item) == key


def test_csl_json_gives_family_given_and_the_readings() -> None:
    (item,) = json.loads(export(document_of(_item("増田雅之", "対立への岐路", "ja")), "csl-json"))
    assert item["author"] == [{"family": "増田", "given": "雅之"}]
    assert item["custom"]["readings"] == {"author": [{"family": "Masuda", "given": "Masayuki"}]}


def test_latin_names_need_no_sortname() -> None:
    item = {**_item("x", "Alliances", "en"), "author": [{"family": "Walt", "given": "Stephen"}]}
    assert "sortname" not in one_entry(item)[1]


def test_the_parse_keeps_whole_names() -> None:
    note = Note("第1章", "1", 1, "増田雅之「対立への岐路」（東京大学出版会、2020年）。", 1)
    parsed = parse_document(Document("n.txt", "text", (Section("第1章", (note,)),)))
    assert parsed.citations[0].csl["author"] == [{"literal": "増田雅之"}]


def test_key_format_takes_better_bibtex_patterns() -> None:
    item = _item("Korolev", "On the Verge of an Alliance", "en", 2019)
    item["author"] = [{"family": "Korolev", "given": "Alexander"}]
    assert base_key(item, "[auth][year][shorttitle]") == "korolev2019vergealliance"
    assert base_key(item, "[auth]_[year]") == "korolev_2019"
    assert base_key(item, "[year][auth]") == "ref2019korolev"
    with pytest.raises(UsageError, match=r"unknown key field \[nope\]"):
        base_key(item, "[auth][nope]")


def test_key_format_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = ROOT / "references" / "china-security-report-2026-notes.txt"
    args = ["export", str(notes), "--to", "csl-json", "--key-format", "[auth][year][shorttitle]"]
    assert main(args) == 0
    ids = [item["id"] for item in json.loads(capsys.readouterr().out)]
    assert "masuda2020tairitsuhenokiro" in ids
    assert main([*args[:-1], "[auth"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("citecheck: error:") and err.count("\n") == 1


def test_the_readme_example_key_is_what_an_export_prints(sample_export: dict[str, str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Exporting citations") :]
    section = section[: section.index("\n## ")]
    examples = set(re.findall(r"→ `([a-z0-9]+)`", section))
    assert examples, "the README's export section gives example keys"
    exported = set(re.findall(r"^@\w+\{([^,]+),", sample_export["biblatex"], re.M))
    assert examples <= exported
