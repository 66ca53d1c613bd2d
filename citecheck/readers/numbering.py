"""Note numbers as word processors show them: 1, i, I, a, A, or *, †, ‡, §."""

from __future__ import annotations


def format_number(number: int, style: str) -> str:
    """A note number in style `style`: Word's `w:numFmt` names (decimal, lowerRoman,
    upperRoman, lowerLetter, upperLetter, chicago)."""
    if style in ("lowerRoman", "upperRoman"):
        roman = _roman(number)
        return roman if style == "upperRoman" else roman.lower()
    if style in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letter.upper() if style == "upperLetter" else letter
    if style == "chicago":
        return CHICAGO[(number - 1) % 4] * ((number - 1) // 4 + 1)
    return str(number)


CHICAGO = ("*", "†", "‡", "§")
ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def _roman(number: int) -> str:
    digits = ""
    for value, letters in ROMAN:
        count, number = divmod(number, value)
        digits += letters * count
    return digits


#: (style, first number) per note kind when the document does not say: Word and
#: LibreOffice number footnotes 1, 2, 3 and endnotes i, ii, iii.
DEFAULT_FORMATS: dict[str, tuple[str, int]] = {
    "footnote": ("decimal", 1),
    "endnote": ("lowerRoman", 1),
}

#: OpenDocument `style:num-format` values → the Word style names above.
ODF_STYLES = {
    "1": "decimal",
    "i": "lowerRoman",
    "I": "upperRoman",
    "a": "lowerLetter",
    "A": "upperLetter",
}
