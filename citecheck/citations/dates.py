"""Dates as written in the notes, turned into CSL `date-parts`.

2023年12月29日 · 2023 年 12 月 · 平成30年12月18日 (Japanese era) · 2024年5-6月 ·
2024年第6期 (year + journal issue) · 2006년 10월 4일 · March 7, 2024 · 21 June 2017 ·
March 2023 · 29 de diciembre de 2023 · 2024.11.11 · 2021-03-04 · (2019) after a journal
volume. An access date (`accessed March
3, 2024`, `Retrieved 2021-03-04`, `（2025年1月10日閲覧）`) is told apart from the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS_EN = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
SPANISH_MONTHS = (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
)
MONTHS_ES = {
    name: number
    for number, name in enumerate(
        SPANISH_MONTHS.split(),
        start=1,
    )
}
#: Russian and Ukrainian months in the genitive: `21 марта 2024 г.`, `22 березня 2024 р.`
MONTHS_CYRILLIC = {
    name: number
    for names in (
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
        "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
    )
    for number, name in enumerate(names.split(), start=1)
}
#: Japanese era names and the Gregorian year of each one's first year (元年).
ERAS = {"令和": 2019, "平成": 1989, "昭和": 1926, "大正": 1912, "明治": 1868}
_ERAS = "|".join(ERAS)
_EN = "|".join(sorted(MONTHS_EN, key=len, reverse=True))
_CY = "|".join(MONTHS_CYRILLIC)
_ES = "|".join(MONTHS_ES)

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
    ("es", re.compile(rf"(?P<d>\d{{1,2}})\s+de\s+(?P<mon>{_ES})\s+(?:de\s+)?(?P<y>\d{{4}})", re.I)),
    (
        "cyrillic",
        re.compile(rf"(?P<d>\d{{1,2}})\s+(?P<mon>{_CY})\s+(?P<y>\d{{4}})(?:\s*(?:г|р)\.)?", re.I),
    ),
    ("mdy", re.compile(rf"\b(?P<mon>{_EN})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})\b", re.I)),
    ("dmy", re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<mon>{_EN})\.?,?\s+(?P<y>\d{{4}})\b", re.I)),
    ("my", re.compile(rf"\b(?P<mon>{_EN})\.?\s+(?P<y>\d{{4}})\b", re.I)),
    ("iso", re.compile(r"(?<![\d.])(?P<y>(?:1[89]|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")),
    (
        "dotted",
        re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})\.(?P<m>\d{1,2})\.(?P<d>\d{1,2})\.?(?!\d)"),
    ),
    ("paren_year", re.compile(r"[(（](?P<y>(?:19|20)\d{2})[)）]")),
]


ACCESS_BEFORE = re.compile(
    r"(?:(?:last\s+)?(?:accessed|retrieved|viewed|consulted)(?:\s+on)?|(?:最終)?(?:閲覧|アクセス)日?"
    r"|검색일|접속일)\s*[:：]?\s*$",
    re.I,
)
ACCESS_AFTER = re.compile(r"^\s*(?:に)?(?:最終)?(?:閲覧|アクセス|검색|접속)")


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    parts: tuple[tuple[int, ...], ...]
    issue: str | None = None

    def csl(self) -> dict[str, list[list[int]]]:
        return {"date-parts": [list(part) for part in self.parts]}


def is_access_date(text: str, date: DateMatch) -> bool:
    """Whether `date` in `text` is when the author looked at the source, not when it appeared."""
    return bool(
        ACCESS_BEFORE.search(text[max(0, date.start - 24) : date.start])
        or ACCESS_AFTER.match(text[date.end : date.end + 8])
    )


def find_dates(text: str) -> list[DateMatch]:
    """Every date in `text`, in order, none overlapping (earlier patterns win)."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            date = _to_date(kind, match)
            if date is not None:
                found.append(date)
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda date: date.start)


def _era_year(era: str, year: str) -> int:
    """令和5年 → 2023, 平成元年 → 1989."""
    return ERAS[era] + (0 if year == "元" else int(year) - 1)


def _to_date(kind: str, match: re.Match[str]) -> DateMatch | None:
    groups = match.groupdict()
    year = _era_year(groups["era"], groups["era_year"]) if groups.get("era") else int(groups["y"])
    if not 1800 <= year <= 2100:
        return None
    month = groups.get("m")
    if groups.get("mon"):
        table = {"es": MONTHS_ES, "cyrillic": MONTHS_CYRILLIC}.get(kind, MONTHS_EN)
        month = str(table[groups["mon"].lower()])
    parts: tuple[int, ...] = (year,)
    if month:
        parts += (int(month),)
        if groups.get("d"):
            parts += (int(groups["d"]),)
    if not all(1 <= value <= limit for value, limit in zip(parts[1:], (12, 31), strict=False)):
        return None
    ranges = (parts,)
    if groups.get("m2"):
        ranges = (parts, (year, int(groups["m2"])))
    return DateMatch(match.start(), match.end(), ranges, groups.get("issue"))
