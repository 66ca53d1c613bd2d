"""The part of biblatex's data model (blx-dm.def) that an exported entry must obey, so
that `biber --validate-datamodel` has nothing to say about it.

Each entry type has mandatory fields and a set of fields it may hold. An entry that
lacks a mandatory field is written as the nearest type whose mandatory fields it has
(an unsigned newspaper article is an `@online` with its URL, else a `@misc`; a book
with an editor and no author is a `@collection`); a field the final type does not hold
moves to the field that type has for it (a newspaper's name: `journaltitle` →
`howpublished` in `@misc`, `organization` in `@online`), or is left out.

Every type but `@dataset` and `@software` needs a date. A work the notes give no date
is dated `XXXX`, EDTF's "year unspecified", which biber accepts and pandoc reads as no
date ("n.d."): the entry says the date is unknown rather than leave out a field.
"""

from __future__ import annotations

#: Fields every entry type may hold (of those an export writes).
COMMON = frozenset(
    [
        "date",
        "urldate",
        "doi",
        "url",
        "langid",
        "sortname",
        "sortkey",
        "entrysubtype",
        "eprint",
        "eprinttype",
        "keywords",
        "abstract",
    ]
)
_PART = "author editor translator title subtitle edition series volume number publisher"
_PART += " location pages isbn note chapter"
ALLOWED: dict[str, frozenset[str]] = {
    name: frozenset(fields.split())
    for name, fields in {
        "article": "author editor translator title subtitle journaltitle series volume"
        " number issue pages issn note",
        "book": _PART,
        "collection": _PART,
        "incollection": _PART + " booktitle",
        "inbook": _PART + " booktitle",
        "inreference": _PART + " booktitle",
        "inproceedings": "author editor title subtitle booktitle series volume number"
        " organization publisher location pages isbn note",
        "periodical": "editor title subtitle issue number series volume issn note",
        "report": "author title subtitle institution location number pages type note",
        "thesis": "author title subtitle institution location pages type note",
        "online": "author editor title subtitle organization note",
        "misc": "author editor title subtitle howpublished location note organization type",
        "software": "author editor title subtitle howpublished location note organization"
        " type version",
        "dataset": "author editor title subtitle edition location note number organization"
        " publisher series type version",
        "patent": "author title subtitle location note number type",
        "unpublished": "author title subtitle howpublished location note type",
    }.items()
}

#: Mandatory fields by type; a tuple is "one of these".
MANDATORY: dict[str, tuple[str | tuple[str, ...], ...]] = {
    "article": ("author", "title", "journaltitle"),
    "book": ("author", "title"),
    "collection": ("editor", "title"),
    "incollection": ("author", "editor", "title", "booktitle"),
    "inbook": ("author", "title", "booktitle"),
    "inreference": ("author", "editor", "title", "booktitle"),
    "inproceedings": ("author", "title", "booktitle"),
    "periodical": ("editor", "title"),
    "report": ("author", "title", "type", "institution"),
    "thesis": ("author", "title", "type", "institution"),
    "online": ("title", ("url", "doi", "eprint")),
    "misc": ("title",),
    "software": ("title",),
    "dataset": ("title",),
    "patent": ("author", "title", "number"),
    "unpublished": ("author", "title"),
}
#: Every type but these also needs `date` (or `year`).
UNDATED = frozenset({"dataset", "software"})
UNSPECIFIED_DATE = "XXXX"

#: Where to go when a mandatory field is missing, nearest first; `misc` ends every chain.
FALLBACKS: dict[str, tuple[str, ...]] = {
    "incollection": ("inbook", "online"),
    "inreference": ("inbook", "online"),
    "book": ("collection", "online"),
}
DEFAULT_FALLBACK = ("online",)

#: Where a field goes in a type that does not hold it.
MOVES: dict[str, tuple[str, ...]] = {
    "journaltitle": ("howpublished", "organization", "booktitle"),
    "booktitle": ("howpublished", "organization"),
    "publisher": ("organization", "institution", "howpublished"),
    "institution": ("organization", "publisher", "howpublished"),
    "organization": ("howpublished", "institution", "publisher"),
    "series": ("howpublished",),
}


def has_mandatory(entry_type: str, fields: dict[str, str]) -> bool:
    required = MANDATORY.get(entry_type, ("title",))
    present = all(
        any(fields.get(name) for name in need) if isinstance(need, tuple) else fields.get(need)
        for need in required
    )
    return bool(present)


def conform(entry_type: str, fields: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The type the entry can be written as, and its fields as that type holds them."""
    chosen = entry_type
    if not has_mandatory(entry_type, fields):
        chain = (*FALLBACKS.get(entry_type, DEFAULT_FALLBACK), "misc")
        chosen = next((t for t in chain if has_mandatory(t, fields)), "misc")
    allowed = ALLOWED.get(chosen, ALLOWED["misc"]) | COMMON
    result: dict[str, str] = {}
    for name, value in fields.items():
        if not value:
            continue
        if name in allowed:
            result.setdefault(name, value)
            continue
        target = next((t for t in MOVES.get(name, ()) if t in allowed and not fields.get(t)), None)
        if target and target not in result:
            result[target] = value
    if chosen not in UNDATED and not result.get("date"):
        result["date"] = UNSPECIFIED_DATE
    return chosen, result
