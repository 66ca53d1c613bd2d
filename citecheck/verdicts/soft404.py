"""Soft-404: a page that answers 200 but says, or looks like, "not found".

Two independent signs, each enough on its own:

* wording: the title, an h1/h2 heading or an og:title says "not found" in one of the
  languages we cite (English, Japanese, Chinese simplified and traditional, Korean,
  Russian, Ukrainian, Spanish);
* likeness: the page is nearly the same as what the same host answers for a random
  path that cannot exist (the baseline), and that baseline is recognisably a
  not-found page (a 4xx answer, or not-found wording).

A host that answers every path with the same 200 page and no not-found wording is
judged by a stricter likeness; when that page is an app shell (almost no words,
the content comes from script, as on x.com) it tells nothing either way and the
judge calls it inconclusive.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache
from urllib.parse import unquote

from citecheck.urlparts import url_parts
from citecheck.verdicts.page import Page

#: Phrases that mark a not-found page, matched against NFKC case-folded labels.
#: Kept specific: an article about something "not found" must not match.
NOT_FOUND_PATTERNS: tuple[str, ...] = (
    # English
    r"\bpage (?:was |is )?not found\b",
    r"\b(?:file|document|resource|content|article|post|url) (?:was )?not found\b",
    r"^\W*(?:error\W*)?(?:404\W*)?not found\W*$",
    r"^\W*(?:error\W*)?404(?:\W*$|\s*[-|:–—]|\s+(?:error|not found|page)\b)",
    r"\b404\W*(?:error|page|not found)\b",
    r"\b(?:page|content) (?:you requested |you are looking for )?"
    r"(?:does not|doesn't|no longer) exists?\b",
    r"\bpage (?:could not|cannot|can't|couldn't) be found\b",
    r"\bthis page (?:isn'?t|is not) available\b",
    r"\b(?:couldn'?t|can'?t|could not|cannot) (?:be )?find (?:that|this|the|your) page\b",
    r"\bthat page can'?t be found\b",
    r"\bthe requested (?:url|page|resource|document) (?:was not found|could not be found"
    r"|does not exist|is not available)",
    r"\b(?:page|content|article|post|story|document) (?:is )?no longer (?:available|exists)",
    # Japanese
    r"ページ(?:が|は)?見つかりません",
    r"ページ(?:が|は)?存在しません",
    r"お探しのページ(?:は|が)(?:見つかりません|存在しません|削除されました)",
    r"存在しないページ",
    r"ファイルが見つかりません",
    r"404\s*(?:エラー|錯誤|错误|오류)|(?:エラー|錯誤|错误|오류)\s*404",
    # Chinese, simplified and traditional
    r"页面不存在|頁面不存在|网页不存在|網頁不存在",
    r"找不到(?:该|該|此|您要的|你要的|您访问的|您訪問的)?(?:页面|頁面|网页|網頁)",
    r"(?:页面|頁面|网页|網頁)(?:未找到|找不到|无法找到|無法找到|已删除|已刪除)",
    r"您(?:所)?(?:访问|訪問|要找|请求|請求)的(?:页面|頁面|网页|網頁)(?:不存在|已删除|已刪除)",
    r"(?:抱歉|对不起|對不起).{0,12}(?:不存在|找不到)",
    # Korean
    r"페이지를 찾을 수 없",
    r"찾을 수 없는 페이지",
    r"존재하지 않는 페이지",
    r"페이지가 존재하지 않",
    # Russian
    r"страниц[аы] не (?:найдена|существует)",
    r"страница не найдена",
    r"ошибка 404",
    r"запрашиваемая страница не (?:найдена|существует)",
    # Ukrainian
    r"сторінк[аиу] не (?:знайдено|знайдена|існує)",
    r"помилка 404",
    # Spanish
    r"p[aá]gina no (?:encontrada|existe)",
    r"no se (?:ha )?(?:encontr[oó]|pudo encontrar) la p[aá]gina",
    r"la p[aá]gina (?:que buscas |solicitada )?no existe",
    r"error 404",
)
_NOT_FOUND = re.compile("|".join(f"(?:{p})" for p in NOT_FOUND_PATTERNS), re.IGNORECASE)

_WORD = re.compile(r"\w+")

#: How alike (0–1) a page and the host's not-found baseline must be to count as the same.
LIKENESS_THRESHOLD = 0.9
#: Stricter, when the baseline itself does not say "not found" (the host answers any
#: path with one 200 page): only a near copy of that page counts.
STRICT_LIKENESS = 0.97
#: Words compared at most (a page's start holds its template; this bounds the cost).
MAX_COMPARED_WORDS = 800
#: A page with fewer visible words than this is an app shell filled in by script.
SHELL_WORDS = 30


def _fold(text: str) -> str:
    """NFKC, case-folded, typographic apostrophes made plain ("can’t" → "can't")."""
    return unicodedata.normalize("NFKC", text).casefold().replace("\u2019", "'")


def says_not_found(page: Page) -> str | None:
    """The label (title/heading) that says "not found", or None."""
    for label in page.labels:
        if _says_not_found(label):
            return label
    return None


# A check asks about the same labels again and again (a page when it is observed and
# when it is judged, the host's not-found page for each of its pages), and the search
# of every pattern at every position of a label is 7-60 µs.
@lru_cache(maxsize=1024)
def _says_not_found(label: str) -> bool:
    return _NOT_FOUND.search(_fold(label)) is not None


def likeness(page: Page, page_url: str, other: Page, other_url: str) -> float:
    """How alike two pages are, 0–1: 0 when their titles differ, else the similarity of
    their words once each page's own URL words are dropped (a not-found page echoes
    the path asked for) and numbers are blanked."""
    if _blank_digits(_fold(page.title)) != _blank_digits(_fold(other.title)):
        return 0.0
    echoed = _url_words(page_url) | _url_words(other_url)
    a, b = _template_words(page, echoed), _template_words(other, echoed)
    if not a and not b:
        return 1.0
    matcher = SequenceMatcher(None, a[:MAX_COMPARED_WORDS], b[:MAX_COMPARED_WORDS], autojunk=False)
    for estimate in (matcher.real_quick_ratio, matcher.quick_ratio):
        upper_bound = estimate()
        if upper_bound < LIKENESS_THRESHOLD:
            return upper_bound
    return matcher.ratio()


def _url_words(url: str) -> set[str]:
    parts = url_parts(url)
    return set(_WORD.findall(unquote(f"{parts.path} {parts.query}").casefold()))


def _template_words(page: Page, dropped: set[str]) -> list[str]:
    return [_blank_digits(word) for word in page.words if word not in dropped]


def _blank_digits(text: str) -> str:
    return re.sub(r"\d+", "0", text)
