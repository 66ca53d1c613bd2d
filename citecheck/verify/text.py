"""Text folding shared by the checks that compare notes."""

from __future__ import annotations

import re
import unicodedata

BACKREF_START = re.compile(r"^(?:同上|同前|同右|前掲|上掲|ibid|op\.\s*cit|там же)", re.IGNORECASE)


def fold_spacing(text: str) -> str:
    """NFKC with all whitespace removed: "2019 年 3 月" and "2019年3月" compare equal."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def is_backref(text: str) -> bool:
    """True for a note that is itself a back-reference (同上、22頁。 / Ibid., 4.)."""
    return BACKREF_START.match(fold_spacing(text)) is not None
