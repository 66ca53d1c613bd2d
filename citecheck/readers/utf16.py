"""UTF-16 text saved without a byte-order mark, as some Windows tools write it.

The evidence, all of which must hold for exactly one byte order:

- the file holds NUL bytes. No legacy encoding a manuscript comes in (Shift_JIS,
  EUC-JP, GB18030, Big5, EUC-KR, the Cyrillic and Western code pages) ever writes a
  NUL byte for a character, while UTF-16 writes one for every ASCII character,
  newlines included. CJK-heavy UTF-16 text has few NULs, but its line breaks and note
  numbers still supply them, so a legacy CJK file is never read as UTF-16;
- the bytes decode strictly in that byte order: an even length, no unpaired
  surrogate;
- the result reads as text: no control character besides tab, newline, carriage
  return and form feed, and hardly any unassigned or private-use character;
- it has line breaks, or is mostly ASCII. Read in the wrong byte order, a newline
  becomes U+0A00 (unassigned) and ASCII letters become CJK ideographs, so the wrong
  order fails here even when it decodes.

When both byte orders pass, or neither does, the file is not called UTF-16: a wrong
guess would garble every note, a refusal at least says what is wrong.
"""

from __future__ import annotations

import codecs
import unicodedata

#: How much of a file is examined; the whole file is still decoded strictly later.
SAMPLE_BYTES = 1 << 20
#: Share of unassigned or private-use characters tolerated (a vendor glyph, a
#: character newer than this Python's Unicode tables).
MAX_ODD_SHARE = 0.001
#: Share of ASCII characters that makes a text without line breaks plausible.
MIN_ASCII_SHARE = 0.25
WHITESPACE_CONTROLS = frozenset("\t\n\r\f")
ODD_CATEGORIES = frozenset({"Cn", "Co"})


def bomless_utf16(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when `data` is UTF-16 text without a BOM, else None."""
    if len(data) % 2 or b"\x00" not in data:
        return None
    plausible = [order for order in ("utf-16-le", "utf-16-be") if _reads_as_text(data, order)]
    return plausible[0] if len(plausible) == 1 else None


def _reads_as_text(data: bytes, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        # final=False: a surrogate pair cut by the end of the sample is not an error.
        text = decoder.decode(data[:SAMPLE_BYTES], final=len(data) <= SAMPLE_BYTES)
    except UnicodeDecodeError:
        return False
    if not text:
        return False
    categories = {char: unicodedata.category(char) for char in set(text)}
    if any(cat == "Cc" and ch not in WHITESPACE_CONTROLS for ch, cat in categories.items()):
        return False
    odd = sum(1 for char in text if categories[char] in ODD_CATEGORIES)
    if odd > MAX_ODD_SHARE * len(text):
        return False
    has_line_breaks = "\n" in categories or "\r" in categories
    ascii_share = sum(1 for char in text if char < "\x80") / len(text)
    return has_line_breaks or ascii_share >= MIN_ASCII_SHARE
