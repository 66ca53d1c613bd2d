"""Text for .bib fields: LaTeX specials escaped (BibLaTeX keeps Unicode), or fully
LaTeX-encoded for classic BibTeX, where accented Latin letters and typographic
punctuation become macros and scripts without a LaTeX macro (CJK, Cyrillic, Hangul)
stay as UTF-8.
"""

from __future__ import annotations

from functools import cache

from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexencode import UnicodeToLatexEncoder

# Braces are replaced by macros, not by \{ \}: BibTeX counts braces even after a backslash,
# so one stray brace in a title would end the field early.
SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}

# Dashes as TeX's ligatures, which every BibTeX reader turns back into dashes; the
# macro {\textemdash} is dropped by pandoc's reader ("中国——以" would print "中国以").
DASHES = {"—": "---", "–": "--"}

# Latin-1 Supplement to Latin Extended-B, Latin Extended Additional, general punctuation.
ENCODED_RANGES = ((0x80, 0x24F), (0x1E00, 0x1EFF), (0x2000, 0x206F))


def escape_specials(text: str) -> str:
    return "".join(SPECIALS.get(ch, ch) for ch in text)


def encode(text: str) -> str:
    return "".join(_encode_char(ch) for ch in text)


@cache
def _encode_char(ch: str) -> str:
    if ch in SPECIALS:
        return SPECIALS[ch]
    if ch in DASHES:
        return DASHES[ch]
    code = ord(ch)
    if not any(low <= code <= high for low, high in ENCODED_RANGES):
        return ch
    encoded = _encoder().unicode_to_latex(ch)
    # Only a macro that reads back as the same character (· must not come back as ˙).
    return encoded if _decoder().latex_to_text(encoded) == ch else ch


@cache
def _encoder() -> UnicodeToLatexEncoder:
    return UnicodeToLatexEncoder(
        non_ascii_only=True,
        replacement_latex_protection="braces-all",
        unknown_char_policy="keep",
        unknown_char_warning=False,
    )


@cache
def _decoder() -> LatexNodes2Text:
    return LatexNodes2Text()
