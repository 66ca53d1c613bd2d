"""Citation keys and `langid` follow the item's language, kanji-only Japanese included."""

from __future__ import annotations

from typing import Any

from bibcheck import read_back

from citecheck.citations import parse_document
from citecheck.exports import export
from citecheck.exports.keys import base_key
from citecheck.exports.romanize import item_language
from citecheck.model import Document, Note, Section

NOTES = [
    "防衛省『令和5年版 防衛白書』（日経印刷、2023年）。",
    "「日中首脳会談」時事通信、2023年11月16日。",
    "「東部戦区組織陸海空火等兵力位台島周辺開展聯合演訓」新華社、2025 年 4 月 1 日。",
    "「中俄首次聯合戰略巡航提升兩軍戰略協作水平」"
    "中華人民共和国国防部ウェブサイト、2019 年 8 月 29 日。",
]


def exported_entries() -> dict[str, dict[str, Any]]:
    notes = tuple(Note("第1章", str(n), n, text, n) for n, text in enumerate(NOTES, start=1))
    parsed = parse_document(Document("test.txt", "text", (Section("第1章", notes),)))
    raw, _ = read_back(export(parsed, "biblatex"))
    return {entry.key: {f.key: f.value for f in entry.fields} for entry in raw.entries}


def test_japanese_keys_in_romaji_and_chinese_in_pinyin() -> None:
    entries = exported_entries()
    assert {key: fields["langid"] for key, fields in entries.items()} == {
        "boueishou2023reiwa": "japanese",  # 防衛省 2023 令和…, not the pinyin "fangweisheng"
        "jijitsuushin2023nitchuu": "japanese",  # 時事通信 2023 日中…
        "xinhuashe2025dongbu": "chinese",  # 新華社 2025 東部…
        # A Chinese page on a site the note names in Japanese: pinyin, the kana left out.
        "zhonghuarenmin2019zhonge": "chinese",
    }


def test_an_item_without_a_language_is_weighed_like_a_parsed_one() -> None:
    white_paper = {"title": "令和5年版防衛白書", "author": [{"literal": "防衛省"}]}
    yearbook = {"title": "中国统计年鉴", "author": [{"literal": "国家统计局"}]}
    assert item_language(white_paper) == "ja"
    assert item_language(yearbook) == "zh"
    assert base_key({**white_paper, "issued": {"date-parts": [[2023]]}}) == "boueishou2023reiwa"
    assert base_key({**yearbook, "issued": {"date-parts": [[2020]]}}) == "guojiatongji2020zhongguo"


def test_a_declared_language_is_kept() -> None:
    assert item_language({"title": "国家安全法", "language": "ja-JP"}) == "ja"
    assert item_language({"title": "令和5年版防衛白書", "language": "zh-Hant"}) == "zh"
