"""Dates as written in notes and references, turned into CSL `date-parts`: the one date
grammar of the project (the note checks read full dates through it too).

2023年12月29日 · 2023 年 12 月 · 平成30年12月18日 (Japanese era) · 2024年5-6月 ·
2024年第6期 (year + journal issue) · 2006년 10월 4일 · March 7, 2024 · 21 June 2017 ·
March 2023 · Spring 2010 (a season) · 29 de diciembre de 2023 · 5. März 2024 ·
1er mars 2024 · 5 марта 2024 г. · 2024.11.11 · 2021-03-04 · 2024/3/5 · (2019) and
(2019a) · a bare year closing a reference (`…, 41–54, 2007.`). Month, season and era
names come from `lexicon`. An access date (`accessed March 3, 2024`, `Retrieved
2021-03-04`, `（2025年1月10日閲覧）`) is told apart from the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, TypeVar

from citecheck.citations.lexicon import ERAS, MONTHS, SEASONS, UNDATED

T = TypeVar("T")


def _alternation(words: Iterable[str]) -> str:
    """One regex alternative per word, the longest first (`sept` before `sep`)."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_ERAS = _alternation(ERAS)
#: Any word where a month name may stand, looked up in `lexicon.MONTHS` once matched: one
#: alternative per month name would make every search try them all at every word.
_MONTH = r"(?P<mon>[A-Za-zÀ-ÿА-Яа-яЁёІіЇїЄєҐґ]{3,11})\b\.?"
_YEAR = r"(?P<y>\d{4})(?!\d)"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th|er|\.)?"
#: `г.` / `р.` (year) after a Russian or Ukrainian date.
_CYRILLIC_YEAR_MARK = r"(?:\s*(?:г|р)\b\.?)?"

PATTERNS = [
    ("cjk_issue", re.compile(r"(?P<y>\d{4})\s*年\s*第\s*(?P<issue>\d+)\s*期")),
    (
        "cjk",
        re.compile(
            rf"(?:(?P<y>\d{{4}})|(?P<era>{_ERAS})\s*(?P<era_year>\d{{1,2}}|元))\s*[年년]"
            r"\s*(?:(?P<m>\d{1,2})(?:\s*[-–~]\s*(?P<m2>\d{1,2}))?\s*[月월]"
            r"(?:\s*(?P<d>\d{1,2})\s*[日일]|号|[上中下]旬|[上中下]期)?)?"
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"(?<![\d.])\b{_DAY}\s*(?:de\s+)?{_MONTH},?\s*(?:de\s+|del\s+)?{_YEAR}"
            + _CYRILLIC_YEAR_MARK,
            re.I,
        ),
    ),
    ("mdy", re.compile(rf"\b{_MONTH}\s*{_DAY},?\s+{_YEAR}", re.I)),
    ("my", re.compile(rf"\b{_MONTH},?\s+(?:de\s+)?{_YEAR}" + _CYRILLIC_YEAR_MARK, re.I)),
    ("season", re.compile(rf"\b(?P<season>{_alternation(SEASONS)})\b,?\s+{_YEAR}", re.I)),
    #: (the same: what may not stand before the year is tested after its four digits)
    (
        "numeric",
        re.compile(
            r"(?P<y>\d{4})(?<![\d./-]\d{4})(?P<sep>[-./])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})\.?(?![\d])"
        ),
    ),
    ("paren_year", re.compile(r"[(（](?P<y>(?:1[5-9]|20)\d{2})(?P<suffix>[a-z])?[)）]")),
    #: A year standing alone at the end of a reference or before its next part:
    #: `…, 41–54, 2007.` · `Berlin 2010, S. 100` · `Blackett, 1938),` · `(1999/2000)` ·
    #: `Delorit, R. J. 1970 Illustrated …` (not `2024年`, `1999-2005` or `pp. 1999`).
    #: What may not stand before the year is tested after it (a lookbehind over the year's
    #: four digits too): a pattern that opens with the year's digits is searched faster.
    (
        "bare_year",
        re.compile(
            r"(?P<y>(?:1[5-9]|20)\d{2})"
            r"(?<![\w./:–-]\d{4})(?<!vol\. \d{4})(?<!no\. \d{4})(?<!pp\. \d{4})(?<!p\. \d{4})"
            r"(?P<suffix>[a-z])?"
            r"(?=[.,;:)\]]|\s*$|/\d{2,4}\b|\s+(?:[A-Z][a-z]|\())"
        ),
    ),
]
DIGIT = re.compile(r"\d")
#: Every pattern but an era year (平成元年) needs a year of four digits.
FOUR_DIGITS = re.compile(r"\d{4}")
#: Characters a pattern cannot match without (one of them): skipping the search is cheaper.
REQUIRED = {
    "cjk_issue": ("年",),
    "cjk": ("年", "년"),
    "numeric": ("-", ".", "/"),
    "paren_year": ("(", "（"),
}


def _covering(names: Iterable[str]) -> tuple[str, ...]:
    """The `names` that hold no other one (`jan`, not `january`): a text holds one of
    `names` only if it holds one of these, fewer to look for."""
    names = list(names)
    return tuple(name for name in names if not any(o != name and o in name for o in names))


#: The month and season names ASCII text can hold (lower case), for the patterns that
#: read them: in ASCII text, where matching regardless of case is lower-casing, a pattern
#: whose names are nowhere finds no date, and its search, tried at every word, is skipped.
_ASCII_NAMES = {
    "months": _covering(name for name in MONTHS if name.isascii()),
    "seasons": _covering(name for name in SEASONS if name.isascii()),
}
_NAMED_BY = {"dmy": "months", "mdy": "months", "my": "months", "season": "seasons"}
#: `(n.d.)`, `o. J.`, `s.f.`: a reference that says it has no date.
UNDATED_MARK = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(mark) for mark in UNDATED) + r")(?!\w)", re.I
)


ACCESS_BEFORE = re.compile(
    r"(?:(?:last\s+)?(?:accessed|retrieved|viewed|consulted)(?:\s+on)?|(?:最終)?(?:閲覧|アクセス)日?"
    r"|검색일|접속일|consulté(?:\s+le)?|consultado(?:\s+el)?|accedido(?:\s+el)?"
    r"|(?:zugegriffen|abgerufen)(?:\s+am)?|просмотрено|дата\s+(?:обращения|звернення)"
    r"|参照|访问|訪問)\s*[:：]?\s*$",
    re.I,
)
ACCESS_AFTER = re.compile(r"^\s*(?:に)?(?:最終)?(?:閲覧|アクセス|검색|접속)")


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    parts: tuple[tuple[int, ...], ...]
    issue: str | None = None
    #: CSL season (1 spring … 4 winter), for `Spring 2010`.
    season: int | None = None
    #: The letter that tells two works of one author and year apart: `2019a`.
    suffix: str | None = None

    def csl(self) -> dict[str, Any]:
        date: dict[str, Any] = {"date-parts": [list(part) for part in self.parts]}
        if self.season:
            date["season"] = self.season
        return date


def is_access_date(text: str, date: DateMatch) -> bool:
    """Whether `date` in `text` is when the author looked at the source, not when it appeared."""
    return bool(
        ACCESS_BEFORE.search(text[max(0, date.start - 24) : date.start])
        or ACCESS_AFTER.match(text[date.end : date.end + 8])
    )


def find_dates(text: str, *, checked: bool = True) -> list[DateMatch]:
    """Every date in `text`, in order, none overlapping (earlier patterns win).

    `checked=False` keeps dates whose month or day is out of range (2019년 13월 1일), for
    the note checks that report them; a bare year is then not read at all.
    """
    if "元" not in text and not DIGIT.search(text):
        return []  # no year without a digit, but 平成元年
    if FOUR_DIGITS.search(text) is None and "年" not in text and "년" not in text:
        return []
    return list(_find_dates(text, checked))


@lru_cache(maxsize=8192)
def _find_dates(text: str, checked: bool) -> tuple[DateMatch, ...]:
    """The same text is searched many times over while a note is split and parsed."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    unnamed = _names_missing(text)
    for kind, pattern in PATTERNS:
        if not checked and kind == "bare_year":
            continue
        required = REQUIRED.get(kind)
        if required is not None and not any(char in text for char in required):
            continue
        if _NAMED_BY.get(kind) in unnamed:
            continue
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            date = _to_date(kind, match, checked=checked)
            if date is not None:
                found.append(date)
                taken.append((match.start(), match.end()))
    return tuple(sorted(found, key=lambda date: date.start))


def _names_missing(text: str) -> set[str]:
    """Which of `_ASCII_NAMES` (months, seasons) ASCII `text` holds none of; none for
    other text."""
    if not text.isascii():
        return set()
    lower = text.lower()
    return {kind for kind, names in _ASCII_NAMES.items() if not any(n in lower for n in names)}


def is_undated(text: str) -> bool:
    """Whether `text` says its work has no date: `(n.d.)`, `o. J.`, `s.f.`."""
    return UNDATED_MARK.search(text) is not None


def _era_year(era: str, year: str) -> int:
    """令和5年 → 2023, 平成元年 → 1989."""
    return ERAS[era] + (0 if year == "元" else int(year) - 1)


def _named(table: Mapping[str, T], written: str) -> T | None:
    """`table`'s entry for a month or season name a pattern matched ignoring case:
    `re.I` also takes `ſ` for `s` and the Kelvin sign for `k`, which `lower()` keeps,
    so a word `lower()` does not find is asked of every name at once, as `re.I` sees it
    (the first name in the table's order that matches, as one at a time would)."""
    found = table.get(written.lower())
    if found is None:
        names = tuple(table)
        match = _any_of(names).fullmatch(written)
        found = None if match is None else table[names[match.lastindex - 1]]
    return found


@cache
def _any_of(names: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching any of `names` ignoring case, each name its own group."""
    return re.compile("|".join(f"({re.escape(name)})" for name in names), re.I)


def _to_date(kind: str, match: re.Match[str], *, checked: bool = True) -> DateMatch | None:
    groups = match.groupdict()
    year = _era_year(groups["era"], groups["era_year"]) if groups.get("era") else int(groups["y"])
    if not 1500 <= year <= 2100:
        return None
    month = groups.get("m")
    if groups.get("mon"):
        number = _named(MONTHS, groups["mon"])
        if number is None:
            return None
        month = str(number)
    parts: tuple[int, ...] = (year,)
    if month:
        parts += (int(month),)
        if groups.get("d"):
            parts += (int(groups["d"]),)
    in_range = all(1 <= value <= limit for value, limit in zip(parts[1:], (12, 31), strict=False))
    if checked and not in_range:
        return None
    ranges = (parts,)
    if groups.get("m2"):
        ranges = (parts, (year, int(groups["m2"])))
    season = _named(SEASONS, groups["season"]) if groups.get("season") else None
    return DateMatch(
        match.start(), match.end(), ranges, groups.get("issue"), season, groups.get("suffix")
    )
