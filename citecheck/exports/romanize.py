"""ASCII words from titles and names in the languages we cite, for citation keys.

Each script goes through the library made for it: Japanese through pykakasi (Hepburn
romaji: 増田 → masuda, not the pinyin "zengtian"), Chinese through pypinyin, Korean
through korean-romanizer (revised romanisation), Russian and Ukrainian through
cyrtranslit; everything else is folded to ASCII by Unicode decomposition.

The libraries are imported when first needed: their dictionaries take about a second
to load, which every other command would otherwise pay at start-up.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from citecheck.citations.language import UKRAINIAN_LETTERS, item_language
from citecheck.citations.scripts import CYRILLIC, HAN, HANGUL

__all__ = ["item_language", "words"]

# Wider than scripts.KANA: ・ and ー also go through the Japanese romaniser here.
KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def words(text: str, language: str | None) -> list[str]:
    """`text` as lower-case ASCII words, romanised by `language` (None: by each script)."""
    result: list[str] = []
    for chunk in text.split():
        result.extend(_chunk_words(chunk, language))
    return [word for word in result if word]


def _chunk_words(chunk: str, language: str | None) -> list[str]:
    if HAN.search(chunk) and language == "zh":
        # A Chinese work named with the note writer's Japanese (国防部ウェブサイト): the
        # Han characters in pinyin, the kana left out.
        return _pinyin_words(chunk)
    if KANA.search(chunk) or (HAN.search(chunk) and language == "ja"):
        return [ascii_fold(item["hepburn"]) for item in _kakasi().convert(chunk)]
    if HAN.search(chunk):
        return _pinyin_words(chunk)
    if HANGUL.search(chunk):
        return [_korean(chunk)]
    if CYRILLIC.search(chunk):
        code = "ua" if language == "uk" or UKRAINIAN_LETTERS.search(chunk) else "ru"
        import cyrtranslit

        return [ascii_fold(cyrtranslit.to_latin(chunk, code))]
    return [ascii_fold(part) for part in re.split(r"[-‐–—/]", chunk)]


def _korean(chunk: str) -> str:
    """Revised romanisation; korean-romanizer fails on some rare syllables (잖), so those
    characters are romanised one by one and any that still fail are dropped."""
    from korean_romanizer.romanizer import Romanizer

    try:
        return ascii_fold(Romanizer(chunk).romanize())
    except (KeyError, IndexError, ValueError):
        return "".join(_korean_char(ch) for ch in chunk)


def _korean_char(ch: str) -> str:
    from korean_romanizer.romanizer import Romanizer

    try:
        return ascii_fold(Romanizer(ch).romanize())
    except (KeyError, IndexError, ValueError):
        return ""


def _pinyin_words(chunk: str) -> list[str]:
    """Pinyin, two syllables to a word within each run of Han characters (most Chinese
    words are two characters long); anything between runs is folded as it is."""
    from pypinyin import lazy_pinyin

    result: list[str] = []
    for run in re.split(f"({HAN.pattern}+)", chunk):
        if not run:
            continue
        if not HAN.match(run):
            result.append(ascii_fold(run))
            continue
        syllables = [ascii_fold(syllable) for syllable in lazy_pinyin(run)]
        result += ["".join(syllables[i : i + 2]) for i in range(0, len(syllables), 2)]
    return result


def ascii_fold(text: str) -> str:
    """Lower-case letters and digits only: "Ñandú" → "nandu", "Ukrajiny" → "ukrajiny"."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return NOT_ALNUM.sub("", stripped.lower().encode("ascii", "ignore").decode("ascii"))


@cache
def _kakasi() -> Any:
    import pykakasi

    return pykakasi.kakasi()
