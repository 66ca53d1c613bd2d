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
#: Function words and letters that tell a Latin-script language (general word lists).
LATIN_WORDS = {
    "en": "the of and to in on for with by is a an from at as its their under between",
    "es": "de del la las el los que y en para por con una un su sus entre sobre desde hacia "
    "durante como al lo",
    "de": "der die das und ein eine einer nicht von zu mit für über im auf zur zum des dem "
    "den vom bei nach aus unter zwischen seit als sowie",
    "fr": "le la les des du et une un pour dans sur au aux est en entre depuis sous avec "
    "par son ses leur",
}
LATIN_LETTERS = {
    "es": "ñáíóú¿¡",
    "de": "äöüß",
    "fr": "éèêàçœëîôûù",
}
#: Words with an apostrophe (`l'`, `d'`, `qu'`): French.
FRENCH_ELISION = re.compile(r"\b(?:l|d|qu|n|s|j)['’]\w", re.I)
WORD = re.compile(r"[^\W\d_]+", re.U)
#: Language codes written in the wild for the BCP-47 ones.
LANGUAGE_ALIASES = {"ua": "uk", "jp": "ja", "kr": "ko", "cn": "zh"}


def detect_language(*texts: str | None) -> str | None:
    """The language of the first of `texts` that tells one: by its script, or for Latin
    script by its function words and letters; Latin text that tells none is English when
    no later text tells otherwise. None when no text is in a script we know."""
    latin_seen = False
    for text in texts:
        if not text:
            continue
        script = script_language(text)
        if script:
            return script
        if LATIN.search(text):
            latin_seen = True
            language = latin_language(text)
            if language:
                return language
    return "en" if latin_seen else None


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
    if text.isascii():  # none of these scripts: four searches saved
        return None
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


def latin_language(text: str) -> str | None:
    """en, es, de or fr by the most evidence (a function word 1, a letter of the language
    2, a French elision 2), when it is at least 2 and ahead of the next; else None."""
    lower = text.lower()
    scores = dict.fromkeys(LATIN_WORDS, 0)
    for languages in filter(None, map(WORD_LANGUAGES.get, WORD.findall(lower))):
        for language in languages:
            scores[language] += 1
    if not lower.isascii():  # the letters are none of ASCII's
        for letter in LETTERS.findall(lower):
            scores[LETTER_LANGUAGE[letter]] += 2
    if "'" in lower or "’" in lower:  # what an elision needs, cheaper to look for
        scores["fr"] += 2 * len(FRENCH_ELISION.findall(lower))
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    return best if top >= 2 and top > second else None


def _word_languages() -> dict[str, tuple[str, ...]]:
    languages: dict[str, list[str]] = {}
    for language, words in LATIN_WORDS.items():
        for word in words.split():
            languages.setdefault(word, []).append(language)
    return {word: tuple(codes) for word, codes in languages.items()}


WORD_LANGUAGES = _word_languages()
LETTER_LANGUAGE = {
    letter: language for language, letters in LATIN_LETTERS.items() for letter in letters
}
LETTERS = re.compile("[" + "".join(LETTER_LANGUAGE) + "]")
