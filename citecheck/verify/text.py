"""Text folding shared by the checks that compare notes."""

from __future__ import annotations

import unicodedata

from citecheck.citations.backref_marks import starts_with_backref


def fold_spacing(text: str) -> str:
    """NFKC with all whitespace removed: "2019 年 3 月" and "2019年3月" compare equal."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def is_backref(text: str) -> bool:
    """True for a note that is itself a back-reference (同上、22頁。 / Ibid., 4.)."""
    return starts_with_backref(fold_spacing(text))
