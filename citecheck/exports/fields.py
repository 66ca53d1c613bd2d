"""CSL-JSON items as BibLaTeX and BibTeX entries: the type and the fields, as plain text.

Encoding for LaTeX happens later (`bibfile`); here only the mapping lives.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from citecheck.exports.found import found_note
from citecheck.exports.romanize import item_language
from citecheck.exports.works import Work

# CSL type → (BibLaTeX type, entrysubtype); see DESIGN.md §5.
BIBLATEX_TYPES: dict[str, tuple[str, str | None]] = {
    "article-newspaper": ("article", "newspaper"),
    "article-magazine": ("article", "magazine"),
    "article-journal": ("article", None),
    "article": ("article", None),
    "review": ("article", None),
    "review-book": ("article", None),
    "chapter": ("incollection", None),
    "entry-encyclopedia": ("inreference", None),
    "entry-dictionary": ("inreference", None),
    "paper-conference": ("inproceedings", None),
    "book": ("book", None),
    "classic": ("book", None),
    "collection": ("collection", None),
    "periodical": ("periodical", None),
    "report": ("report", None),
    "standard": ("standard", None),
    "thesis": ("thesis", None),
    "webpage": ("online", None),
    "post": ("online", None),
    "post-weblog": ("online", None),
    "software": ("software", None),
    "dataset": ("dataset", None),
    "legislation": ("legislation", None),
    "bill": ("legislation", None),
    "regulation": ("legislation", None),
    "treaty": ("legislation", None),
    "legal_case": ("jurisdiction", None),
    "patent": ("patent", None),
    "manuscript": ("unpublished", None),
    "speech": ("misc", None),
    "interview": ("misc", None),
}

# CSL type → BibTeX type: the classic styles know only these.
BIBTEX_TYPES: dict[str, str] = {
    "article-newspaper": "article",
    "article-magazine": "article",
    "article-journal": "article",
    "article": "article",
    "review": "article",
    "chapter": "incollection",
    "paper-conference": "inproceedings",
    "book": "book",
    "classic": "book",
    "report": "techreport",
    "thesis": "phdthesis",
    "manuscript": "unpublished",
}

LANGIDS = {
    "ja": "japanese",
    "zh": "chinese",
    "ko": "korean",
    "ru": "russian",
    "uk": "ukrainian",
    "es": "spanish",
    "en": "english",
    "fr": "french",
    "de": "german",
}

# Which BibLaTeX field holds the CSL container-title, by entry type.
CONTAINER_FIELD = {
    "article": "journaltitle",
    "incollection": "booktitle",
    "inreference": "booktitle",
    "inproceedings": "booktitle",
    "online": "organization",
    "report": "series",
    "book": "series",
}

NAME_ROLES = (("author", "author"), ("editor", "editor"), ("translator", "translator"))
VERBATIM = frozenset({"url", "doi"})
"""Fields written as they are: a LaTeX encoder would rewrite % and _ in addresses."""

SEPARATOR = re.compile(r"(?:^|\s)and(?:\s|$)", re.IGNORECASE)

Encoder = Callable[[str], str]
Entry = tuple[str, dict[str, str]]
EntryMaker = Callable[[Work, Encoder], Entry]


def names(csl: dict[str, Any], role: str, encode: Encoder) -> str:
    """BibTeX name list: "Family, Given and {Organisation}"; braces keep a literal whole."""
    parts = []
    for name in csl.get(role) or []:
        if not isinstance(name, dict):
            continue
        literal, family, given = (_squash(name.get(k)) for k in ("literal", "family", "given"))
        if literal or not (family and given):
            whole = literal or family or given
            if whole:
                parts.append("{" + encode(whole) + "}")
        else:
            parts.append(f"{_name_part(family, encode)}, {_name_part(given, encode)}")
    return " and ".join(parts)


def _squash(value: Any) -> str:
    return " ".join(str(value or "").split())


def _name_part(text: str, encode: Encoder) -> str:
    """A family or given name, braced when a comma or a lone "and" would split it."""
    encoded = encode(text)
    return "{" + encoded + "}" if "," in text or SEPARATOR.search(text) else encoded


def _pages(csl: dict[str, Any]) -> str:
    return re.sub(r"\s*[-‐–—]+\s*", "--", _text(csl, "page"))


def _finish(fields: dict[str, str], encode: Encoder, name_fields: set[str]) -> dict[str, str]:
    """Drop empty fields; encode the rest except names (encoded part by part) and URLs."""
    return {
        key: value if key in VERBATIM or key in name_fields else encode(value)
        for key, value in fields.items()
        if value
    }


def _date(csl: dict[str, Any], key: str) -> str:
    """ISO 8601 for BibLaTeX date fields: "2023-12-29", "2020-03", "2019"."""
    value = csl.get(key)
    if not isinstance(value, dict):
        return ""
    parts = (value.get("date-parts") or [[]])[0] or []
    numbers = [str(p) for p in parts if str(p).isdigit()]
    if not numbers:
        return ""
    return "-".join([numbers[0].zfill(4)] + [n.zfill(2) for n in numbers[1:3]])


def _text(csl: dict[str, Any], key: str) -> str:
    value = csl.get(key)
    return "" if value is None else str(value).strip()


def biblatex(work: Work, encode: Encoder) -> Entry:
    csl = work.csl
    entry_type, subtype = BIBLATEX_TYPES.get(str(csl.get("type")), ("misc", None))
    fields: dict[str, str] = {}
    for role, field in NAME_ROLES:
        fields[field] = names(csl, role, encode)
    fields["title"] = _text(csl, "title")
    container = _text(csl, "container-title")
    fields[CONTAINER_FIELD.get(entry_type, "howpublished")] = container
    if subtype:
        fields["entrysubtype"] = subtype
    publisher = _text(csl, "publisher")
    if entry_type == "report":
        fields["institution"] = publisher
        fields["type"] = _text(csl, "genre") or "report"
    elif entry_type == "thesis":
        fields["institution"] = publisher
        fields["type"] = _text(csl, "genre") or "phdthesis"
    elif entry_type == "online":
        fields["organization"] = fields.get("organization") or publisher
    else:
        fields["publisher"] = publisher
    fields["location"] = _text(csl, "publisher-place")
    fields["date"] = _date(csl, "issued")
    fields["volume"] = _text(csl, "volume")
    fields["number"] = _text(csl, "issue") or _text(csl, "number")
    fields["pages"] = _pages(csl)
    fields["doi"] = _text(csl, "DOI")
    fields["url"] = _text(csl, "URL")
    fields["urldate"] = _date(csl, "accessed")
    fields["note"] = found_note(csl)
    fields["langid"] = LANGIDS.get(item_language(csl) or "", "")
    return entry_type, _finish(fields, encode, {role for _, role in NAME_ROLES})


def bibtex(work: Work, encode: Encoder) -> Entry:
    csl = work.csl
    entry_type = BIBTEX_TYPES.get(str(csl.get("type")), "misc")
    fields: dict[str, str] = {}
    for role, field in NAME_ROLES[:2]:
        fields[field] = names(csl, role, encode)
    fields["title"] = _text(csl, "title")
    container = _text(csl, "container-title")
    if entry_type == "article":
        fields["journal"] = container
    elif entry_type in ("incollection", "inproceedings"):
        fields["booktitle"] = container
    elif entry_type == "misc":
        fields["howpublished"] = container or _text(csl, "publisher")
    else:
        fields["series"] = container
    publisher = _text(csl, "publisher")
    if entry_type in ("techreport", "phdthesis"):
        fields["institution" if entry_type == "techreport" else "school"] = publisher
    elif entry_type != "misc" or fields["howpublished"] != publisher:
        fields["publisher"] = publisher
    fields["address"] = _text(csl, "publisher-place")
    issued = _date(csl, "issued").split("-")
    fields["year"] = issued[0]
    if len(issued) > 1:
        fields["month"] = str(int(issued[1]))
    fields["volume"] = _text(csl, "volume")
    fields["number"] = _text(csl, "issue") or _text(csl, "number")
    fields["pages"] = _pages(csl)
    fields["doi"] = _text(csl, "DOI")
    fields["url"] = _text(csl, "URL")
    accessed = _date(csl, "accessed")
    notes = [f"Accessed {accessed}" if accessed else "", found_note(csl)]
    fields["note"] = "; ".join(note for note in notes if note)
    return entry_type, _finish(fields, encode, {role for _, role in NAME_ROLES})
