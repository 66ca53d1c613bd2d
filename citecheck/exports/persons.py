"""Names as a bibliography prints and sorts them, decided at export time.

The parser keeps a CJK name whole (`{"literal": "増田雅之"}`): its annotations and the
前掲 matching compare whole written names. An exported entry wants the parts, so that
an author-date style prints the family name ("(増田 2020)") and a key is made of it:

- a Chinese, Japanese or Korean personal name is split where its family name is listed
  (`citations.names.cjk_name`, the surname lists in `citecheck/data/`); an
  organisation, or a name whose family name nobody listed, stays literal;
- a western name written in katakana (スティーヴン・M・ウォルト) stays as written, the
  way Japanese prints it (a style would put the family name first, "ウォルトスティーヴン・M"),
  but its family name, after the last middle dot, names the key and sorts the entry;
- "others" / "et al." / ほか stand for no person: `others` in BibTeX, nothing in CSL.

`reading` gives a name's romanisation (Hepburn, pinyin, revised romanisation, by the
item's language) for BibLaTeX's `sortname`, so that 増田 sorts under M.
"""

from __future__ import annotations

import re
from typing import Any

from citecheck.citations import lexicon
from citecheck.citations.names import cjk_name
from citecheck.citations.scripts import EAST_ASIAN, KANA
from citecheck.exports.romanize import words

OTHERS = frozenset({"others", "et al.", "et al", "ほか", "他", "等", "外", "et alii"})
KATAKANA_NAME = re.compile(r"(?P<given>\S.*?)\s*[・･＝=]\s*(?P<family>[^・･＝=\s][^・･＝=]*)")


def is_others(name: dict[str, Any]) -> bool:
    return str(name.get("literal", "")).strip().casefold() in OTHERS


def exported_name(name: dict[str, Any]) -> dict[str, Any]:
    """`name` with a CJK personal name split into family and given (`cjk_name` leaves an
    organisation, a katakana name and an unlisted family name whole)."""
    literal = str(name.get("literal") or "").strip()
    if not EAST_ASIAN.search(literal):
        return name
    return cjk_name(literal) or name


def katakana_parts(name: dict[str, Any]) -> dict[str, str] | None:
    """Family and given of a katakana personal name (スティーヴン・M・ウォルト → ウォルト,
    スティーヴン・M), None for anything else."""
    literal = str(name.get("literal") or "").strip()
    if not KANA.search(literal) or lexicon.is_organisation(literal):
        return None
    split = KATAKANA_NAME.fullmatch(literal)
    return {"family": split["family"], "given": split["given"]} if split else None


def family_name(name: dict[str, Any]) -> str:
    """What a key is made of: the family name, a CJK or katakana name's included."""
    parts = katakana_parts(name) or exported_name(name)
    return str(parts.get("family") or "")


def exported_names(names: Any) -> list[dict[str, Any]]:
    """A CSL name list as exported: persons split, "others" kept as a marker."""
    if not isinstance(names, list):
        return []
    return [exported_name(name) for name in names if isinstance(name, dict)]


def reading(name: dict[str, Any], language: str | None) -> dict[str, str]:
    """The romanised name ("Masuda", "Masayuki"): the same keys, Latin letters; a
    katakana personal name in its parts ("Uoruto", "Suteiivun M")."""
    name = katakana_parts(name) or name
    return {
        key: _romanised(str(value), language)
        for key, value in name.items()
        if key in ("family", "given", "literal") and str(value).strip()
    }


def needs_reading(name: dict[str, Any]) -> bool:
    return any(EAST_ASIAN.search(str(value)) for value in name.values())


def _romanised(text: str, language: str | None) -> str:
    if not EAST_ASIAN.search(text):
        return text
    return " ".join(word.capitalize() for word in words(text, language))
