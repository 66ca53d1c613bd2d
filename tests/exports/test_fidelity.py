"""What a bibliography program needs to print an export right, one rule per test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citecheck.cli import main
from citecheck.exports import export
from citecheck.exports.titles import protect

from .conftest import document_of, entries, one_entry

KOROLEV = {
    "type": "article-journal",
    "title": "On the Verge of an Alliance: Contemporary China-Russia Military Cooperation",
    "author": [{"family": "Korolev", "given": "Alexander"}, {"literal": "others"}],
    "container-title": "Asian Security",
    "issued": {"date-parts": [[2019, 6, 5]]},
    "volume": "15",
    "issue": "3",
    "page": "233-252",
    "language": "en",
}


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("EU-China: A Strategic Outlook", "{EU-China}: A {Strategic} {Outlook}"),
        ("Russia and India in the new era", "Russia and {India} in the new era"),
        ("The iPhone and NATO", "The {iPhone} and {NATO}"),
        ("Challenges to U.S. Security", "Challenges to {U.S}. {Security}"),
        ("a title: the rest", "a title: the rest"),
    ],
)
def test_english_titles_protect_names_and_acronyms(title: str, expected: str) -> None:
    assert protect(title, "en") == expected


def test_only_english_titles_are_protected() -> None:
    assert protect("Libro Blanco de la Defensa", "es") == "Libro Blanco de la Defensa"
    assert protect("EU-China", None) == "EU-China"


def test_titles_are_braced_in_both_bib_formats() -> None:
    for fmt in ("biblatex", "bibtex"):
        assert one_entry(KOROLEV, fmt)[1]["title"].startswith("On the {Verge} of an {Alliance}")


def test_months_are_bibtex_macros_and_biblatex_iso_dates() -> None:
    text = export(document_of(KOROLEV), "bibtex")
    assert "month = jun," in text  # bare: plain.bst prints "June 2019", not "6 2019"
    assert one_entry(KOROLEV, "biblatex")[1]["date"] == "2019-06-05"
    assert "month" not in one_entry(KOROLEV, "biblatex")[1]


def test_and_others_is_the_keyword_not_a_person() -> None:
    for fmt in ("biblatex", "bibtex"):
        assert one_entry(KOROLEV, fmt)[1]["author"] == "Korolev, Alexander and others"
    (item,) = json.loads(export(document_of(KOROLEV), "csl-json"))
    assert item["author"] == [{"family": "Korolev", "given": "Alexander"}]


def test_a_misread_year_gives_no_field() -> None:
    post = {"type": "webpage", "title": "Broken server", "container-title": "2019"}
    post |= {"URL": "https://example.org/x", "issued": {"date-parts": [[2019]]}}
    for fmt in ("biblatex", "bibtex"):
        _, fields = one_entry(post, fmt)
        assert "2019" not in {v for k, v in fields.items() if k not in ("date", "year")}


def test_variant_forms_of_one_work_are_one_entry() -> None:
    statement = {
        "type": "article-newspaper",
        "title": "中華人民共和國和俄羅斯聯邦關於深化新時代全面戰略協作夥伴關係的聯合声明",
        "container-title": "人民日报",
        "issued": {"date-parts": [[2023, 3, 22]]},
        "language": "zh",
    }
    other_chapter = {**statement, "container-title": "人民日報"}
    report = {"type": "report", "title": "Final Report of the Panel of Experts"}
    report |= {"issued": {"date-parts": [[2024, 3, 7]]}, "language": "en"}
    parsed = document_of(statement, report, other_chapter, {**report, "container-title": "UN"})
    assert len(entries(export(parsed, "biblatex"))) == 2
    assert len(json.loads(export(parsed, "csl-json"))) == 2


def test_em_dashes_are_tex_ligatures_not_a_macro_pandoc_drops() -> None:
    item = {"type": "book", "title": "中国の大国外交——『戰略パートナーシップ』", "language": "ja"}
    item |= {"author": [{"literal": "増田雅之"}], "issued": {"date-parts": [[2000]]}}
    text = export(document_of(item), "bibtex")
    assert "textemdash" not in text and "中国の大国外交------『戰略" in text
    assert "中国の大国外交——『戰略" in export(document_of(item), "biblatex")


def test_a_report_names_its_institution_not_a_series() -> None:
    report = {"type": "report", "title": "Final Report", "container-title": "United Nations"}
    report |= {"author": [{"literal": "Panel of Experts"}], "issued": {"date-parts": [[2024]]}}
    entry_type, fields = one_entry(report)
    assert entry_type == "report"
    assert fields["institution"] == "United Nations" and "series" not in fields


BIB = r"""@string{rmrb = {人民日报}}

@book{zhangkun1994,
  author    = {张坤},
  title     = {机器与人},
  subtitle  = {一种历史的考察},
  edition   = {2},
  series    = {当代学术},
  publisher = {三联书店},
  year      = {1994},
  myfield   = {kept as {it} was},
  keywords  = {history},
}

@article{rmrb2023,
  title        = {中央外事工作会议在北京举行},
  journal      = rmrb,
  entrysubtype = {newspaper},
  year         = 2023,
  month        = dec,
}
"""


@pytest.mark.parametrize("fmt", ["biblatex", "bibtex"])
def test_a_bib_input_keeps_its_keys_types_and_fields(fmt: str, tmp_path: Path) -> None:
    source = tmp_path / "refs.bib"
    source.write_text(BIB, encoding="utf-8")
    target = tmp_path / f"out-{fmt}.bib"
    assert main(["export", str(source), "--to", fmt, "-o", str(target)]) == 0
    exported = entries(target.read_text(encoding="utf-8"))
    original = entries(BIB)
    assert list(exported) == ["zhangkun1994", "rmrb2023"]
    for key, (entry_type, fields) in original.items():
        assert exported[key][0] == entry_type
        assert exported[key][1] | fields == exported[key][1]  # every field, every value
    assert "month = dec" in target.read_text(encoding="utf-8")
    csl = tmp_path / "out.json"
    assert main(["export", str(source), "--to", "csl-json", "-o", str(csl)]) == 0
    assert [item["id"] for item in json.loads(csl.read_text(encoding="utf-8"))] == list(original)
