"""CSL-JSON items as BibLaTeX and BibTeX entries: the type and the fields.

Each field is encoded with the format's encoder (`latex`) as it is made; a BibLaTeX entry
is then fitted to biblatex's data model (`datamodel`), and an entry read from a `.bib`
file keeps its own type and fields (`_keep_source`). `bibfile` writes the entries.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from citecheck.citations.scripts import EAST_ASIAN
from citecheck.exports import datamodel
from citecheck.exports.found import found_note
from citecheck.exports.persons import is_others, needs_reading, reading
from citecheck.exports.romanize import item_language, words
from citecheck.exports.titles import protect
from citecheck.exports.works import Work

# CSL type → (BibLaTeX type, entrysubtype); see DESIGN.md §5. biblatex names
# @legislation, @jurisdiction and @standard but its data model gives them no fields (not
# even a title): they are written as @misc, the type the standard styles print them as.
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
    "standard": ("misc", "standard"),
    "thesis": ("thesis", None),
    "webpage": ("online", None),
    "post": ("online", None),
    "post-weblog": ("online", None),
    "software": ("software", None),
    "dataset": ("dataset", None),
    "legislation": ("misc", "legislation"),
    "bill": ("misc", "legislation"),
    "regulation": ("misc", "legislation"),
    "treaty": ("misc", "legislation"),
    "legal_case": ("misc", "jurisdiction"),
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
    "report": "institution",
    "book": "series",
}

NAME_ROLES = (("author", "author"), ("editor", "editor"), ("translator", "translator"))
VERBATIM = frozenset({"url", "doi", "month"})
"""Fields written as they are: a LaTeX encoder would rewrite % and _ in addresses."""

MONTH_MACROS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
"""BibTeX's month macros: a style prints them in its own language ("June", "juin")."""

#: Fields already encoded when they are made: names part by part, titles before bracing.
PROTECTED = frozenset({"author", "editor", "translator", "sortname", "title"})

SEPARATOR = re.compile(r"(?:^|\s)and(?:\s|$)", re.IGNORECASE)

Encoder = Callable[[str], str]
Entry = tuple[str, dict[str, str]]
EntryMaker = Callable[[Work, Encoder], Entry]


def names(csl: dict[str, Any], role: str, encode: Encoder) -> str:
    """BibTeX name list: "Family, Given and {Organisation} and others"; braces keep a
    literal whole, and "others" is the keyword every style prints as "et al." """
    parts = []
    for name in csl.get(role) or []:
        if not isinstance(name, dict):
            continue
        if is_others(name):
            parts.append("others")
            continue
        literal, family, given = (_squash(name.get(k)) for k in ("literal", "family", "given"))
        if literal or not (family and given):
            whole = literal or family or given
            if whole:
                parts.append("{" + encode(whole) + "}")
        else:
            parts.append(f"{_name_part(family, encode)}, {_name_part(given, encode)}")
    if parts and all(part == "others" for part in parts):
        return ""
    return " and ".join(parts)


def sortname(csl: dict[str, Any], encode: Encoder) -> str:
    """The author (else editor) list romanised, when any name is written in CJK, so that
    biber sorts 増田 under M; empty when the names are already in Latin letters."""
    language = item_language(csl)
    for role in ("author", "editor"):
        listed = [n for n in csl.get(role) or [] if isinstance(n, dict)]
        if listed:
            if not any(needs_reading(n) for n in listed):
                return ""
            read = [n if is_others(n) else reading(n, language) for n in listed]
            return names({role: read}, role, encode)
    return ""


def _issuing_body(csl: dict[str, Any]) -> str:
    """The organisation that wrote a report, which is then also the one that issued it."""
    authors = [n for n in csl.get("author") or [] if isinstance(n, dict)]
    return _squash(authors[0].get("literal")) if len(authors) == 1 else ""


def supplied_title(csl: dict[str, Any], encode: Encoder) -> str:
    """A title in square brackets for a work that has none (a post cited by its link, a
    newspaper page), as cataloguers and the Chicago Manual supply one, and as biblatex
    requires. Empty when there is nothing to describe it by."""
    where = _text(csl, "container-title") or _text(csl, "publisher")
    if csl.get("type") in ("post", "post-weblog"):
        return "[Post on " + encode(where) + "]" if where else "[Post]"
    return "[" + encode(where) + "]" if where else ""


def sortkey(csl: dict[str, Any]) -> str:
    """With no names to sort by, the romanised title, when it is written in CJK."""
    if csl.get("author") or csl.get("editor"):
        return ""
    title = str(csl.get("title") or "")
    if not EAST_ASIAN.search(title):
        return ""
    return " ".join(words(title, item_language(csl)))


def _squash(value: Any) -> str:
    return " ".join(str(value or "").split())


def _name_part(text: str, encode: Encoder) -> str:
    """A family or given name, braced when a comma or a lone "and" would split it."""
    encoded = encode(text)
    return "{" + encoded + "}" if "," in text or SEPARATOR.search(text) else encoded


def _pages(csl: dict[str, Any]) -> str:
    return re.sub(r"\s*[-‐–—]+\s*", "--", _text(csl, "page"))


def _finish(fields: dict[str, str], encode: Encoder, name_fields: frozenset[str]) -> dict[str, str]:
    """Drop empty fields; encode the rest except those encoded already and URLs."""
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


def _title(csl: dict[str, Any], encode: Encoder) -> str:
    """The title encoded, then its proper nouns braced (the braces must stay braces)."""
    return protect(encode(_text(csl, "title")), item_language(csl))


def biblatex(work: Work, encode: Encoder) -> Entry:
    csl = work.csl
    entry_type, subtype = BIBLATEX_TYPES.get(str(csl.get("type")), ("misc", None))
    fields: dict[str, str] = {}
    for role, field in NAME_ROLES:
        fields[field] = names(csl, role, encode)
    fields["sortname"] = sortname(csl, encode)
    fields["title"] = _title(csl, encode) or supplied_title(csl, encode)
    fields["sortkey"] = sortkey(csl)
    container = _text(csl, "container-title")
    fields[CONTAINER_FIELD.get(entry_type, "howpublished")] = container
    if subtype:
        fields["entrysubtype"] = subtype
    publisher = _text(csl, "publisher")
    if entry_type in ("report", "thesis"):
        fields["institution"] = publisher or container or _issuing_body(csl)
        fields["type"] = _text(csl, "genre") or (
            "report" if entry_type == "report" else "phdthesis"
        )
    elif entry_type == "online":
        fields["organization"] = fields.get("organization") or publisher
    else:
        fields["publisher"] = publisher
    fields["series"] = fields.get("series") or _text(csl, "collection-title")
    fields["location"] = _text(csl, "publisher-place")
    fields["date"] = _date(csl, "issued")
    fields["edition"] = _text(csl, "edition")
    fields["volume"] = _text(csl, "volume")
    fields["number"] = _text(csl, "issue") or _text(csl, "number")
    fields["pages"] = _pages(csl)
    fields["isbn"] = _text(csl, "ISBN")
    fields["issn"] = _text(csl, "ISSN")
    fields["doi"] = _text(csl, "DOI")
    fields["url"] = _text(csl, "URL")
    fields["urldate"] = _date(csl, "accessed")
    fields["note"] = found_note(csl)
    fields["langid"] = LANGIDS.get(item_language(csl) or "", "")
    fields = _finish(fields, encode, PROTECTED)
    if work.source is not None:
        return _keep_source(work, fields, BIBLATEX_EQUIVALENTS)
    return datamodel.conform(entry_type, fields)


def bibtex(work: Work, encode: Encoder) -> Entry:
    csl = work.csl
    entry_type = BIBTEX_TYPES.get(str(csl.get("type")), "misc")
    fields: dict[str, str] = {}
    for role, field in NAME_ROLES[:2]:
        fields[field] = names(csl, role, encode)
    fields["title"] = _title(csl, encode)
    container = _text(csl, "container-title")
    if entry_type == "article":
        fields["journal"] = container
    elif entry_type in ("incollection", "inproceedings"):
        fields["booktitle"] = container
    elif entry_type == "misc":
        fields["howpublished"] = container or _text(csl, "publisher")
    elif entry_type != "techreport":
        fields["series"] = container
    publisher = _text(csl, "publisher")
    if entry_type == "techreport":
        fields["institution"] = publisher or container
    elif entry_type == "phdthesis":
        fields["school"] = publisher
    elif entry_type != "misc" or fields["howpublished"] != publisher:
        fields["publisher"] = publisher
    fields["series"] = fields.get("series") or _text(csl, "collection-title")
    fields["address"] = _text(csl, "publisher-place")
    fields["edition"] = _text(csl, "edition")
    issued = _date(csl, "issued").split("-")
    fields["year"] = issued[0]
    if len(issued) > 1:
        fields["month"] = MONTH_MACROS[int(issued[1]) - 1] if 1 <= int(issued[1]) <= 12 else ""
    fields["volume"] = _text(csl, "volume")
    fields["number"] = _text(csl, "issue") or _text(csl, "number")
    fields["pages"] = _pages(csl)
    fields["isbn"] = _text(csl, "ISBN")
    fields["doi"] = _text(csl, "DOI")
    fields["url"] = _text(csl, "URL")
    accessed = _date(csl, "accessed")
    notes = [f"Accessed {accessed}" if accessed else "", found_note(csl)]
    fields["note"] = "; ".join(note for note in notes if note)
    fields = _finish(fields, encode, PROTECTED)
    if work.source is not None:
        return _keep_source(work, fields, BIBTEX_EQUIVALENTS)
    return entry_type, fields


#: Fields that say the same thing, so a source entry's `journal` is not written beside
#: the export's `journaltitle`.
BIBLATEX_EQUIVALENTS = (
    frozenset({"journal", "journaltitle"}),
    frozenset({"address", "location"}),
    frozenset({"date", "year", "month", "day"}),
    frozenset({"school", "institution"}),
)
BIBTEX_EQUIVALENTS = (
    *BIBLATEX_EQUIVALENTS,
    frozenset({"urldate", "note"}),
)


def _keep_source(
    work: Work, fields: dict[str, str], equivalents: tuple[frozenset[str], ...]
) -> Entry:
    """A `.bib` entry exported again: its type, then its own fields as written, then the
    fields the export adds; a field the entry already had, or an equivalent of one, is
    the entry's own value. A field read from a `.bib` entry is the user's data: nothing
    in it is moved or dropped to suit a data model."""
    assert work.source is not None
    own = dict(work.source.fields)
    taken = set(own)
    for group in equivalents:
        if taken & group:
            taken |= group
    result = own | {name: value for name, value in fields.items() if name not in taken}
    return work.source.entry_type or "misc", result
