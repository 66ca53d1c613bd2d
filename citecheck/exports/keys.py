"""Citation keys: ASCII, stable across runs, unique, readable in every language we cite.

A key is author + year + first title word, each romanised by the item's language:
増田雅之 2020「対立への岐路…」 → masuda2020tairitsu, 施欣怡 2024「中国的夥伴關係…」 →
shixinyi2024zhongguo, Korolev 2019 "On the Verge…" → korolev2019verge. Without an
author the container (newspaper, site) or publisher stands in; with none of them the
key is title word + year. Colliding keys get a, b, c… in document order.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import count
from typing import Any

from citecheck.exports.romanize import item_language, words

# Words too common to name a work: English, Spanish, French, German, Japanese particles.
STOPWORDS = frozenset(
    """
    a an the of on in at to for and or with from by about
    el la los las de del y en un una le les des du et der die das und
    no wo ha ga ni to
    """.split()  # noqa: SIM905 (one word list, easier to read than a literal)
)
MAX_PART = 20


def base_key(csl: dict[str, Any]) -> str:
    language = item_language(csl)
    who = _first_name_words(csl, language)
    if not who:
        stand_in = str(csl.get("container-title") or csl.get("publisher") or "")
        who = _significant(words(stand_in, language))[:2]
    author = "".join(who)[:MAX_PART]
    year = _year(csl)
    title_words = _significant(words(str(csl.get("title", "")), language))
    title = title_words[0][:MAX_PART] if title_words else ""
    # A key that starts with a letter reads better and suits every BibTeX tool.
    key = author + year + title if author else title + year
    return key or "ref"


def _significant(found: list[str]) -> list[str]:
    return [word for word in found if word not in STOPWORDS]


def _first_name_words(csl: dict[str, Any], language: str | None) -> list[str]:
    for role in ("author", "editor"):
        names = csl.get(role) or []
        if names and isinstance(names[0], dict):
            name = names[0]
            if name.get("family"):
                return words(str(name["family"]), language)
            # An organisation: its first two words are enough to recognise it.
            return _significant(words(str(name.get("literal", "")), language))[:2]
    return []


def _year(csl: dict[str, Any]) -> str:
    issued = csl.get("issued")
    if isinstance(issued, dict):
        parts = issued.get("date-parts") or [[]]
        if parts and parts[0]:
            year = str(parts[0][0])
            if year.isdigit():
                return year
    return ""


def assign_keys(items: list[dict[str, Any]]) -> list[str]:
    """Keys for `items` in order; the first of a base key keeps it, later ones get a, b, …"""
    used: set[str] = set()
    keys = []
    for item in items:
        base = base_key(item)
        key = base
        if key in used:
            key = next(candidate for candidate in _suffixed(base) if candidate not in used)
        used.add(key)
        keys.append(key)
    return keys


def _suffixed(base: str) -> Iterator[str]:
    for number in count():
        suffix = ""
        while True:
            number, digit = divmod(number, 26)
            suffix = chr(ord("a") + digit) + suffix
            if number == 0:
                break
            number -= 1
        yield base + suffix
