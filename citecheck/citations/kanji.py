"""Japanese or Chinese: weighing the evidence of a citation whose work is written in Han.

A Japanese title may be written only in kanji (防衛白書, 令和5年版, 国家安全保障戦略),
and a Japanese author transcribes Chinese titles with Japanese character forms
(「東部戦区…」新華社), so the script of the title alone does not decide. The evidence a
bibliographer weighs, from the whole citation:

- kana in its names, publisher or outlet (the note writer's own words — ほか,
  ウェブサイト — excepted);
- a known Japanese or Chinese publisher, outlet or agency (防衛研究所, 朝日新聞 /
  人民日報, 新華社), or a Japanese government document by title (防衛白書);
- a Japanese era name in a date (令和5年, 平成30年);
- the place of publication (東京 / 北京);
- character forms: Japanese-only forms (発, 経, 戦, and kokuji such as 込, 働, 畑, 峠,
  the mark 々) against forms a Japanese text does not use (發, 經, 报, 们). Forms shared
  with simplified Chinese (国, 学, 会) say nothing. A text that mixes both kinds is a
  Chinese title transcribed by a Japanese writer, so it counts, weakly, for Chinese.

The item is Japanese when the evidence for Japanese outweighs that for Chinese; with
none either way it stays Chinese.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import opencc

from citecheck.citations import lexicon
from citecheck.citations.lexicon import ERAS
from citecheck.citations.scripts import HAN, KANA, fold, simplified_to_traditional, to_simplified

STRONG, MEDIUM, WEAK = 3, 2, 1

ERA_YEAR = re.compile(
    rf"(?:{'|'.join(ERAS)})\s*(?:\d{{1,2}}|元|[一二三四五六七八九十]{{1,3}})\s*年"
)
#: The note writer's words around a source, not the source's own: 国防部ウェブサイト, 蔡亮ほか.
WRITER_WORDS = re.compile(r"ウェブサイト|ウェブページ|ホームページ|サイト|ほか|など")
#: Japanese-made characters (kokuji) and the iteration mark: no Chinese text has them.
JAPANESE_ONLY = frozenset("込働畑峠枠匂搾辻栃榊凪笹躾雫噺鰯鱈籾糀俣凧塀裃々")
#: Characters OpenCC's Japanese table maps to an old variant (概 → 槪, 研 → 硏) although
#: Chinese writes them as they are: no evidence either way.
SHARED_DESPITE_TABLE = frozenset("予欠概研晃萌郎槙桝翻弁缶瓶褒")
WORK_KEYS = ("title", "container-title", "publisher")
#: Bodies, outlets and publishers whose name anywhere in the citation tells its language;
#: journals (『外交』, 『世界』) are common words, matched against the whole container title.
_SOURCE_KINDS = tuple(sorted(lexicon.SOURCE_KINDS - {"journal", "document", "platform"}))
JAPANESE_SOURCES = lexicon.sources(*_SOURCE_KINDS, language="ja")
CHINESE_SOURCES = lexicon.sources(*_SOURCE_KINDS, language="zh")
JAPANESE_JOURNALS = lexicon.sources("journal", language="ja")
CHINESE_JOURNALS = lexicon.sources("journal", language="zh")
#: Serial government documents whose title alone names a Japanese source.
JAPANESE_TITLES = lexicon.sources("document", language="ja")
JAPANESE_PLACES = lexicon.places("ja")
CHINESE_PLACES = lexicon.places("zh")
NAME_ROLES = ("author", "editor", "translator", "container-author", "collection-editor")


@dataclass
class Weighing:
    """The evidence found for each language, as (reason, weight) pairs."""

    japanese: list[tuple[str, int]] = field(default_factory=list)
    chinese: list[tuple[str, int]] = field(default_factory=list)

    @property
    def is_japanese(self) -> bool:
        return sum(w for _, w in self.japanese) > sum(w for _, w in self.chinese)


def weigh_kanji_item(csl: dict[str, Any], text: str = "") -> Weighing:
    """The evidence that the item `csl` (cited as `text`) is Japanese rather than Chinese."""
    weighing = Weighing()
    names = _name_strings(csl)
    around = [*names, *(str(csl.get(key, "")) for key in ("container-title", "publisher"))]
    if any(KANA.search(WRITER_WORDS.sub("", value)) for value in around):
        weighing.japanese.append(("kana in its names, outlet or publisher", STRONG))
    sources = fold(" ".join(around))
    _add_found(weighing.japanese, "Japanese source", JAPANESE_SOURCES, sources)
    _add_found(weighing.chinese, "Chinese source", CHINESE_SOURCES, sources)
    journal = fold(str(csl.get("container-title", "")))
    if journal:
        _add_found(weighing.japanese, "Japanese journal", JAPANESE_JOURNALS, journal, exact=True)
        _add_found(weighing.chinese, "Chinese journal", CHINESE_JOURNALS, journal, exact=True)
    title = str(csl.get("title", ""))
    _add_found(weighing.japanese, "Japanese document", JAPANESE_TITLES, fold(title))
    era = ERA_YEAR.search(" ".join([text, title, *around]))
    if era:
        weighing.japanese.append((f"era name: {era.group(0)}", STRONG))
    place = fold(str(csl.get("publisher-place", "")))
    if place:
        _add_found(weighing.japanese, "Japanese place", JAPANESE_PLACES, place, MEDIUM)
        _add_found(weighing.chinese, "Chinese place", CHINESE_PLACES, place, MEDIUM)
    # Personal names keep old forms in Japanese too (濱本, 齋藤): only the work's words count.
    _weigh_forms(weighing, " ".join(str(csl.get(key, "")) for key in WORK_KEYS))
    return weighing


def _add_found(
    evidence: list[tuple[str, int]],
    reason: str,
    names: Iterable[str],
    folded_text: str,
    weight: int = STRONG,
    *,
    exact: bool = False,
) -> None:
    """Add the first of `names` that `folded_text` contains (or, `exact`, equals)."""
    found = next(
        (
            name
            for name in names
            if (_folded(name) == folded_text if exact else _folded(name) in folded_text)
        ),
        None,
    )
    if found:
        evidence.append((f"{reason}: {found}", weight))


def _weigh_forms(weighing: Weighing, text: str) -> None:
    japanese = "".join(
        sorted({c for c in text if (HAN.match(c) or c == "々") and japanese_form(c)})
    )
    chinese = "".join(sorted({c for c in text if HAN.match(c) and chinese_form(c)}))
    if japanese and not chinese:
        weighing.japanese.append((f"Japanese-only forms: {japanese}", MEDIUM))
    elif chinese and not japanese:
        weighing.chinese.append((f"forms Japanese does not use: {chinese}", MEDIUM))
    elif chinese:
        weighing.chinese.append((f"Chinese forms {chinese} mixed with {japanese}", WEAK))


@cache
def japanese_form(char: str) -> bool:
    """A character only Japanese writes: a kokuji, or a shinjitai form (発 for 發/发)
    that is neither the traditional nor the simplified Chinese form."""
    if char in JAPANESE_ONLY:
        return True
    if char in SHARED_DESPITE_TABLE:
        return False
    traditional = _japanese_to_traditional().convert(char)
    return (
        traditional != char
        and to_simplified().convert(char) == char
        and simplified_to_traditional().convert(char) == char
        and to_simplified().convert(traditional) != char
    )


@cache
def chinese_form(char: str) -> bool:
    """A Chinese form a Japanese text writes otherwise: 發 (発), 报 (報), 们 (們)."""
    traditional = simplified_to_traditional().convert(char)
    return _traditional_to_japanese().convert(traditional) != char


@cache
def _folded(name: str) -> str:
    return fold(name)


@cache
def _japanese_to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC("jp2t")


@cache
def _traditional_to_japanese() -> opencc.OpenCC:
    return opencc.OpenCC("t2jp")


def _name_strings(csl: dict[str, Any]) -> list[str]:
    return [
        " ".join(str(part) for part in name.values() if isinstance(part, str))
        for role in NAME_ROLES
        for name in csl.get(role) or []
        if isinstance(name, dict)
    ]
