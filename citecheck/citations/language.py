"""The BCP-47 language of a cited work, from the script of its title (and other fields):
the one language detector of the project (exports ask `item_language`).

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
#: Language codes written in the wild for the BCP-47 ones.
LANGUAGE_ALIASES = {"ua": "uk", "jp": "ja", "kr": "ko", "cn": "zh"}
GERMAN_WORDS = re.compile(
    r"\b(?:der|die|das|und|ein|eine|nicht|von|zu|mit|für|über|im|auf|zur|zum|des|dem)\b", re.I
)
GERMAN_LETTERS = re.compile(r"[äöüß]", re.I)
FRENCH_WORDS = re.compile(r"\b(?:le|les|des|du|et|une|pour|dans|sur|au|aux|est|l'|d')", re.I)
FRENCH_LETTERS = re.compile(r"[éèêàçœëîôû]", re.I)
#: (words, letters) that tell a Latin-script language from English; the most wins.
LATIN_EVIDENCE = {
    "es": (SPANISH_WORDS, SPANISH_LETTERS),
    "de": (GERMAN_WORDS, GERMAN_LETTERS),
    "fr": (FRENCH_WORDS, FRENCH_LETTERS),
}
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


def script_language(text: str) -> str | None:
    """The language `text`'s script tells: ko, ja, ru / uk, zh-Hant / zh-Hans; None for
    Latin script or none."""
    if HANGUL.search(text):
        return "ko"
    if KANA.search(text):
        return "ja"
    if CYRILLIC.search(text):
        return "uk" if UKRAINIAN_LETTERS.search(text) else "ru"
    if HAN.search(text):
        return "zh-Hant" if traditional_minus_simplified(text) > 0 else "zh-Hans"
    return None


def item_language(csl: dict[str, Any]) -> str | None:
    """An item's language as a primary subtag ("ja", "zh", …): its own `language`, else the
    script of its title, container, publisher and names (Han weighed as in
    `citation_language`); None for an item in Latin script that declares none."""
    declared = str(csl.get("language") or "").strip().lower().replace("_", "-")
    if declared:
        primary = declared.split("-")[0]
        return LANGUAGE_ALIASES.get(primary, primary)
    names = " ".join(
        " ".join(str(part) for part in name.values() if isinstance(part, str))
        for name in (csl.get("author") or csl.get("editor") or [])
        if isinstance(name, dict)
    )
    text = " ".join(str(csl.get(key, "")) for key in ("title", "container-title", "publisher"))
    language = script_language(f"{text} {names}")
    if language and language.startswith("zh"):
        return "ja" if weigh_kanji_item(csl).is_japanese else "zh"
    return language


def _language_of(text: str) -> str | None:
    script = script_language(text)
    if script:
        return script
    if LATIN.search(text):
        english = len(ENGLISH_WORDS.findall(text))
        scores = {
            language: len(words.findall(text)) + 2 * len(letters.findall(text))
            for language, (words, letters) in LATIN_EVIDENCE.items()
        }
        best = max(scores, key=lambda language: scores[language])
        return best if scores[best] >= 3 and scores[best] > english else "en"
    return None
