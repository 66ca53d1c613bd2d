"""Pinpoints and numbering: pages (頁, p., pp., a trailing `, 99`), volume, issue, UN symbols."""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.citations.guarded import Guarded

#: A page: `212`, an article number `e1234`, a supplement or letter page `S12`, `R17292`.
_PAGE = r"(?:[eERS](?=\d))?\d+"
#: A range: `212-225`, `212–25`, `212--25` (a Markdown or TeX en dash), `22 ~ 23`.
_DASH = r"\s*(?:--|[-–—~])\s*"
_NUMBERS = rf"{_PAGE}(?:{_DASH}{_PAGE})?(?:\s*[、,]\s*{_PAGE}(?:{_DASH}{_PAGE})?)*"
#: The words for "page" a CJK pinpoint is written with (`50頁`, `ページ 190`, `284쪽`).
CJK_PAGE_WORDS = ("頁", "页", "쪽", "면", "ページ")
CJK_PAGES = re.compile(rf"(?P<pages>{_NUMBERS})\s*(?:{'|'.join(CJK_PAGE_WORDS)})")
#: The page word first, as Taiwan's notes and some styles write it: `頁 12-15`, `ページ 190`.
CJK_PAGES_AFTER_WORD = re.compile(rf"(?:頁|页|ページ)\s*(?P<pages>{_NUMBERS})")
EN_PAGES = re.compile(rf"(?:\bpp?|\bSS?|(?<![А-Яа-я])[СсCc])\.\s*(?P<pages>{_NUMBERS})")
COLON_PAGES = re.compile(rf":\s*(?P<pages>{_NUMBERS})[\s,.;]*$")
TRAILING_PAGES = re.compile(rf"(?:^|,|、)\s*(?P<pages>{_NUMBERS}|[ivxlc]{{1,7}})[\s,.;]*$")

CJK_VOLUME = re.compile(r"第\s*(?P<volume>\d+)\s*[卷巻]")
CJK_ISSUE = re.compile(r"第\s*(?P<issue>\d+)\s*[号號期호]")
EN_VOLUME_ISSUE = re.compile(
    r"^\s*,?\s*(?P<volume>\d+)(?:\s*,\s*(?:nos?\.|issue|nᵒ|n\.\s?[º°]|nº|№|nr\.|heft|núm\.|вып\.|вип\.|"
    r"н\.|期|호)\s*(?P<issue>\d+))?",
    re.I,
)
#: What is left of a note's tail that numbers the work: `vol. 8`, `4` (of `4:343`).
VOLUME_ONLY = re.compile(r"^(?:vols?\.?|Bd\.|t\.|т\.|том)?\s*(?P<volume>\d+)$", re.I)
#: A report's series and number: `Technical Report no. 764`, `Arbeitspapier Nr. 149`.
REPORT_NUMBER = re.compile(
    r"^(?P<genre>[^\d,]{2,60}?)\s+(?:no\.|nᵒ|nº|nr\.|№|n\.\s?[º°])\s*(?P<number>\d[\w./-]*)$", re.I
)
_SYMBOL = r"[A-Z]{1,6}(?:/[A-Z0-9](?:[A-Z0-9.]*[A-Z0-9])?){2,}"
UN_SYMBOL = Guarded(re.compile(rf"(?<![\w/]){_SYMBOL}(?:-{_SYMBOL})*(?![\w/])"), "/")


@dataclass(frozen=True)
class Pages:
    start: int
    end: int
    value: str


def normalise_pages(pages: str) -> str:
    """`14、19` → `14, 19`; `22 - 23` → `22-23`; `212--25` → `212–25`."""
    pages = re.sub(r"\s*[、,]\s*", ", ", pages.strip())
    pages = re.sub(r"\s*--\s*", "–", pages)
    return re.sub(r"\s*([-–—~])\s*", r"\1", pages)


def find_pages(tail: str) -> Pages | None:
    """The page or pinpoint of a citation, searched in the text after its titles."""
    for pattern in (CJK_PAGES, CJK_PAGES_AFTER_WORD, EN_PAGES, COLON_PAGES, TRAILING_PAGES):
        match = pattern.search(tail)
        if match:
            value = normalise_pages(match.group("pages"))
            if re.fullmatch(r"(?:19|20)\d\d", value) and pattern is TRAILING_PAGES:
                continue
            return Pages(match.start(), match.end(), value)
    return None


def find_un_symbol(text: str) -> re.Match[str] | None:
    """A UN document symbol such as S/2024/215 or A/71/941-S/2017/535."""
    return UN_SYMBOL.search(text)
