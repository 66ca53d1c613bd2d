"""The BCP-47 language of a cited work, from the script of its title (and other fields).

Han script alone does not tell Japanese from Chinese: `citation_language` weighs the
rest of the citation for that (see `kanji`)."""

from __future__ import annotations

import re
from typing import Any

from citecheck.citations.kanji import weigh_kanji_item
from citecheck.citations.scripts import (
    CYRILLIC,
    HAN,
    HANGUL,
    KANA,
    LATIN,
    traditional_minus_simplified,
)

UKRAINIAN_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
SPANISH_LETTERS = re.compile(r"[ñáéíóú¿¡]", re.IGNORECASE)
SPANISH_WORDS = re.compile(r"\b(?:de|del|la|las|el|los|que|y|en|no|para|por|con)\b", re.IGNORECASE)
ENGLISH_WORDS = re.compile(r"\b(?:the|of|and|to|in|on|for|with|by|is)\b", re.IGNORECASE)


def detect_language(*texts: str | None) -> str | None:
    """The language of the first of `texts` that tells one; None when none does."""
    for text in texts:
        if text:
            language = _language_of(text)
            if language:
                return language
    return None


def citation_language(
    csl: dict[str, Any], cited: str, scripts_from: tuple[str | None, ...]
) -> str | None:
    """The language of the item `csl`, cited as `cited`: the script of the first of
    `scripts_from` that tells one; a Chinese answer is then weighed against the Japanese
    evidence of the whole citation (see `kanji`)."""
    language = detect_language(*scripts_from)
    if language and language.startswith("zh") and weigh_kanji_item(csl, cited).is_japanese:
        return "ja"
    return language


def _language_of(text: str) -> str | None:
    if HANGUL.search(text):
        return "ko"
    if KANA.search(text):
        return "ja"
    if CYRILLIC.search(text):
        return "uk" if UKRAINIAN_LETTERS.search(text) else "ru"
    if HAN.search(text):
        return "zh-Hant" if traditional_minus_simplified(text) > 0 else "zh-Hans"
    if LATIN.search(text):
        spanish = len(SPANISH_WORDS.findall(text)) + 2 * len(SPANISH_LETTERS.findall(text))
        return "es" if spanish >= 3 and spanish > len(ENGLISH_WORDS.findall(text)) else "en"
    return None
