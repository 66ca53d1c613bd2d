"""Comparison keys for titles and names: one text, one key, whatever its spelling.

NFKC (full-width forms, ligatures), case, punctuation and spacing, Latin diacritics,
`&` for "and", and the variant forms of Han characters (Japanese shinjitai, traditional
and simplified Chinese all fold to simplified through the OpenCC tables the parser
already uses). CJK text keeps its own script: a title is compared in the script it is
written in, and a romanised or translated title is not comparable with it at all.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import opencc

from citecheck.citations.scripts import CYRILLIC, EAST_ASIAN, LATIN, to_simplified

_AND = re.compile(r"\s*&\s*|\band\b|\bund\b|\bet\b|\by\b")
_KEEP = re.compile(r"[^\w]+")
_MARKUP = re.compile(r"<[^<>]{1,80}>")  # Crossref titles hold <i>, <sub>, <scp>…


@cache
def _japanese_to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC("jp2t")


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """`text` as a comparison key: words joined by single spaces, CJK unspaced."""
    folded = unicodedata.normalize("NFKC", _MARKUP.sub("", text)).casefold()
    if EAST_ASIAN.search(folded):
        folded = to_simplified().convert(_japanese_to_traditional().convert(folded))
    folded = "".join(
        char for char in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(char)
    )
    folded = _AND.sub(" and ", folded)
    words = _KEEP.sub(" ", folded).replace("_", " ").split()
    if EAST_ASIAN.search(folded):
        return "".join(words)
    return " ".join(words)


def script(text: str) -> str:
    """The script family a title is written in: cjk, cyrillic, latin or other."""
    if EAST_ASIAN.search(text):
        return "cjk"
    if CYRILLIC.search(text):
        return "cyrillic"
    if LATIN.search(text):
        return "latin"
    return "other"


def family_key(name: str) -> str:
    """The family name of a written name as a key: "Smith, J." and "John Smith" → smith;
    a CJK name whole ("山添, 博史" and "山添 博史" → 山添博史)."""
    if EAST_ASIAN.search(name):
        return fold(name)
    family = name.split(",", 1)[0] if "," in name else (name.split() or [""])[-1]
    return fold(family)
