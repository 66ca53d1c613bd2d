"""The sample's exports typeset by the programs that read them: biber checks the data
model, pandoc's citeproc prints bibliographies in four styles. Each test is skipped
where its program is not installed (`.ci/run` installs both)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from citecheck.citations import parse_document
from citecheck.exports import export
from citecheck.readers import read_document

STYLES = Path(__file__).resolve().parents[1] / "data" / "csl"
CHICAGO = "chicago-notes-bibliography-17th-edition"
GBT = "china-national-standard-gb-t-7714-2015-numeric"

#: A fixed set of the sample's works: English article and report, Japanese and Chinese
#: articles with their page ranges, a Japanese book cited at pp. 36–37 (the pinpoint is
#: the note's), a Chinese chapter cited at p. 320, an unsigned newspaper article.
KEYS = (
    "korolev2019verge",
    "europeancommission2019eu",
    "masuda2000chuugoku",
    "shi2024zhongguo",
    "taei2019sankai",
    "xi2023zhongguo",
    "renminribao2023zhongyang",
)

# Written by hand from each style's rules, not copied from a run.
KOROLEV = "Korolev, Alexander. “On the Verge of an Alliance: Contemporary China-Russia"
KOROLEV += " Military Cooperation.” Asian Security 15, no. 3 (2019): 233–252."
MASUDA = "増田雅之. “中国の大国外交——『戰略パートナーシップ』をめぐる.” 東亜, no. 402"
MASUDA += " (December 2000): 85–104."
EXPECTED = {
    CHICAGO: [
        "European Commission. EU-China: A Strategic Outlook. Report. European Commission, 2019.",
        KOROLEV,
        "太永浩. 三階書記室の暗号——北朝鮮外交秘録. Translated by 鐸木昌之. 文藝春秋, 2019.",
        "中央外事工作会议在北京举行. 人民日报, 2023.",
        "習近平. “中国必須有自己特色的大国外交.” In 習近平著作選讀（第1卷）. 北京: 人民出版社,"
        " 2023.",
        MASUDA,
        "施欣怡. “中国的夥伴關係昇級模式——以中国与中亚国家夥伴關係為例.” 國際展望, no. 6 (2024):"
        " 72–73.",
    ],
    "apa": [
        "European Commission. (2019). EU-China: A Strategic Outlook [Report]. European Commission.",
        "Korolev, A. (2019). On the Verge of an Alliance: Contemporary China-Russia Military"
        " Cooperation. Asian Security, 15(3), 233–252.",
        "太永浩. (2019). 三階書記室の暗号——北朝鮮外交秘録 (鐸木昌之, Tran.). 文藝春秋.",
        "中央外事工作会议在北京举行. (2023). 人民日报.",
        "習近平. (2023). 中国必須有自己特色的大国外交. In 習近平著作選讀（第1卷）. 人民出版社.",
        "増田雅之. (2000). 中国の大国外交——『戰略パートナーシップ』をめぐる. 東亜, (402), 85–104.",
        "施欣怡. (2024). 中国的夥伴關係昇級模式——以中国与中亚国家夥伴關係為例. 國際展望, (6),"
        " 72–73.",
    ],
    "sist02": [
        "(1) 習近平. “中国必須有自己特色的大国外交”. 習近平著作選讀（第1卷）. 北京, 人民出版社,"
        " 2023.",
        "(2) 太永浩. 三階書記室の暗号——北朝鮮外交秘録. 鐸木昌之翻訳者. 文藝春秋, 2019.",
        "(3) 中央外事工作会议在北京举行. 2023.",
        "(4) 施欣怡. 中国的夥伴關係昇級模式——以中国与中亚国家夥伴關係為例. 國際展望. 2024, no. 6,"
        " p. 72–73.",
        "(5) European Commission. EU-China: A Strategic Outlook. European Commission, 2019.",
        "(6) 増田雅之. 中国の大国外交——『戰略パートナーシップ』をめぐる. 東亜. 2000, no. 402,"
        " p. 85–104.",
        "(7) Korolev, Alexander. On the Verge of an Alliance: Contemporary China-Russia Military"
        " Cooperation. Asian Security. 2019, vol. 15, no. 3, p. 233–252.",
    ],
    GBT: [
        "[1] 習近平. 中国必須有自己特色的大国外交[M]//習近平著作選讀（第1卷）. 北京: 人民出版社,"
        " 2023.",
        "[2] 太永浩. 三階書記室の暗号——北朝鮮外交秘録[M]. 鐸木昌之, 译. 文藝春秋, 2019.",
        "[3] 中央外事工作会议在北京举行[Z]. 人民日报, 2023.",
        "[4] 施欣怡. 中国的夥伴關係昇級模式——以中国与中亚国家夥伴關係為例[J]. 國際展望, 2024(6):"
        " 72-73.",
        "[5] EUROPEAN COMMISSION. EU-China: A Strategic Outlook[R]. European Commission, 2019.",
        "[6] 増田雅之. 中国の大国外交——『戰略パートナーシップ』をめぐる[J]. 東亜, 2000(402):"
        " 85-104.",
        "[7] KOROLEV A. On the Verge of an Alliance: Contemporary China-Russia Military"
        " Cooperation[J]. Asian Security, 2019, 15(3): 233-252.",
    ],
}


def _needs(program: str) -> str:
    path = shutil.which(program)
    if path is None:
        pytest.skip(f"{program} is not installed")
    return path


def _bibliography(bib: Path, style: str, keys: tuple[str, ...]) -> list[str]:
    document = bib.parent / "cited.md"
    nocite = ", ".join(f"@{key}" for key in keys)
    document.write_text(f'---\nnocite: "{nocite}"\n---\n', encoding="utf-8")
    run = subprocess.run(
        [
            _needs("pandoc"),
            str(document),
            "--citeproc",
            "--bibliography",
            str(bib),
            "--csl",
            str(STYLES / f"{style}.csl"),
            "-t",
            "plain",
            "--wrap=none",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return [line for line in run.stdout.splitlines() if line.strip()]


def test_biber_finds_nothing_against_the_data_model(
    sample_export: dict[str, str], tmp_path: Path
) -> None:
    _assert_valid(sample_export["biblatex"], tmp_path)


def test_biber_finds_nothing_in_the_whole_seed_manuscript(seed_path: Path, tmp_path: Path) -> None:
    parsed = parse_document(read_document(str(seed_path)))
    _assert_valid(export(parsed, "biblatex"), tmp_path)


def _assert_valid(text: str, tmp_path: Path) -> None:
    biber = _needs("biber")
    bib = tmp_path / "sample.bib"
    bib.write_text(text, encoding="utf-8")
    run = subprocess.run(
        [biber, "--tool", "--validate-datamodel", bib.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-2000:]
    warnings = [line for line in run.stdout.splitlines() if "WARN" in line]
    assert warnings == []
    assert "ERROR" not in run.stdout


@pytest.mark.parametrize("style", list(EXPECTED))
def test_pandoc_prints_the_biblatex_export_as_written_by_hand(
    style: str, sample_export: dict[str, str], tmp_path: Path
) -> None:
    bib = tmp_path / "sample.bib"
    bib.write_text(sample_export["biblatex"], encoding="utf-8")
    # As sets: pandoc orders CJK entries by code point (it reads no biblatex `sortname`;
    # biber does), so the order is pandoc's, the strings are the export's.
    # The numeric styles number in that order too, so the numbers are compared apart.
    printed = _bibliography(bib, style, KEYS)
    assert sorted(map(_unnumbered, printed)) == sorted(map(_unnumbered, EXPECTED[style]))
    numbers = [NUMBER.match(line) for line in printed]
    if any(numbers):
        assert [int(m.group(1)) for m in numbers if m] == list(range(1, len(KEYS) + 1))


NUMBER = re.compile(r"^[\[(](\d+)[\])] ")


def _unnumbered(line: str) -> str:
    return NUMBER.sub("", line)


def test_pandoc_keeps_every_title_of_the_biblatex_export(
    sample_export: dict[str, str], tmp_path: Path
) -> None:
    """pandoc sentence-cases what is not braced: no title may lose a capital."""
    bib = tmp_path / "sample.bib"
    bib.write_text(sample_export["biblatex"], encoding="utf-8")
    run = subprocess.run(
        [_needs("pandoc"), "-f", "biblatex", "-t", "csljson", str(bib)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    ours = {item["id"]: item.get("title") for item in json.loads(sample_export["csl-json"])}
    theirs = {item["id"]: item.get("title") for item in json.loads(run.stdout)}
    lowered = [key for key, title in ours.items() if _case_lost(title, theirs.get(key))]
    assert lowered == []


def _letters(text: str | None) -> str:
    return "".join(ch for ch in text or "" if ch.isalpha())


def _case_lost(ours: str | None, theirs: str | None) -> bool:
    """Whether pandoc lower-cased a capital of ours (quotes and apostrophes it may
    normalise; the first letter after a colon it may capitalise)."""
    mine, other = _letters(ours), _letters(theirs)
    return len(mine) == len(other) and any(
        a.isupper() and b.islower() for a, b in zip(mine, other, strict=True)
    )
