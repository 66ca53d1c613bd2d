"""Character classes (kana, hangul, CJK, Cyrillic) and the folding used to compare names.

Short forms and 前掲 references spell the same name with variant characters
(国/國, 文献/文獻, 欧亚/歐亞) and spacing; `fold` maps them to one form.
"""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import opencc

HIRAGANA = re.compile(r"[\u3041-\u309f]")
KANA = re.compile(r"[\u3041-\u309f\u30a1-\u30fa\u31f0-\u31ff\uff66-\uff9d]")  # not ・ ー
HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
#: Kana, Han and hangul: the characters of Japanese, Chinese and Korean text (a class body).
EAST_ASIAN_CHARACTERS = r"\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
EAST_ASIAN = re.compile(f"[{EAST_ASIAN_CHARACTERS}]")

_FOLD_DROP = re.compile(r"[\s\u30fb·・「」『』“”\"«»,，、.。:：;；!?！？\-‐–—~〜…]+")


@lru_cache(maxsize=1)
def to_simplified() -> opencc.OpenCC:
    import opencc  # its dictionaries load on first use, not at start-up

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def simplified_to_traditional() -> opencc.OpenCC:
    """Character-level simplified → traditional.

    Only single characters are converted here, so OpenCC's character table is
    enough; the full s2t configuration also loads phrase dictionaries of about 27 MB.
    Falls back to s2t where the package keeps its tables elsewhere.
    """
    import opencc

    table = Path(opencc.__file__).parent / "clib" / "share" / "opencc" / "STCharacters.ocd2"
    if not table.is_file():
        return opencc.OpenCC("s2t")
    chain = {"dict": {"type": "ocd2", "file": str(table)}}
    config = {"name": "s2t characters", "segmentation": {"type": "mmseg", **chain}}
    config["conversion_chain"] = [chain]
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "s2t-characters.json"
        path.write_text(json.dumps(config), encoding="utf-8")
        return opencc.OpenCC(str(path))


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """A comparison key: NFKC, simplified Chinese forms, no spaces or punctuation, casefolded."""
    if text.isascii():  # NFKC and the Chinese forms leave ASCII as it is
        return _FOLD_DROP.sub("", text).casefold()
    folded = unicodedata.normalize("NFKC", text)
    folded = to_simplified().convert(folded)
    return _FOLD_DROP.sub("", folded).casefold()


def traditional_minus_simplified(text: str) -> int:
    """How many more traditional-only than simplified-only Chinese characters `text` has."""
    return sum(map(_character_form, text))


@lru_cache(maxsize=16384)
def _character_form(char: str) -> int:
    """1 for a traditional-only character, -1 for a simplified-only one, else 0 (both
    conversions, one character at a time, are asked once per character)."""
    traditional = to_simplified().convert(char) != char
    simplified = simplified_to_traditional().convert(char) != char
    return traditional - simplified
