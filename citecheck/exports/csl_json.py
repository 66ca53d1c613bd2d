"""CSL-JSON: one item per distinct work, valid against the CSL data schema.

The item id is the citation key, so the CSL-JSON and the .bib files name works alike.
Keys the schema does not define move into `custom`, the schema's place for extras.
CSL has no "others" name (a style adds "et al." itself), so none is written; the schema
allows no reading inside a name, so the romanised names a sort needs are in
`custom.readings` ({"author": [{"family": "Masuda", "given": "Masayuki"}]}).
"""

from __future__ import annotations

import json
from typing import Any

from citecheck.exports.keys import DEFAULT_FORMAT
from citecheck.exports.persons import is_others, needs_reading, reading
from citecheck.exports.romanize import item_language
from citecheck.exports.works import Work, distinct_works
from citecheck.model import ParsedDocument

# Every variable of the CSL data schema (csl-data.json); anything else goes into `custom`.
CSL_VARIABLES = frozenset(
    """
    type id categories language journalAbbreviation shortTitle
    author chair collection-editor compiler composer container-author contributor curator
    director editor editorial-director executive-producer interviewer illustrator organizer
    original-author performer producer recipient reviewed-author translator
    accessed available-date container event-date issued original-date submitted
    abstract annote archive archive_collection archive_location archive-place authority
    call-number chapter-number citation-number citation-label collection-number
    collection-title container-title container-title-short dimensions division DOI edition
    event event-place first-reference-note-number genre ISAN ISBN ISCI ISMN ISRC ISSN ISWC
    issue jurisdiction keyword locator medium note number number-of-pages number-of-volumes
    original-publisher original-publisher-place original-title page page-first part
    part-title PMCID PMID printing publisher publisher-place references reviewed-title scale
    section source status supplement title title-short translated-title
    translated-title-short URL version volume year-suffix custom
    """.split()  # noqa: SIM905 (one word list, easier to read than a literal)
)


NAME_ROLES = ("author", "editor", "translator")


def item(work: Work) -> dict[str, Any]:
    result: dict[str, Any] = {"id": work.key, "type": work.csl.get("type") or "document"}
    extras: dict[str, Any] = dict(work.csl.get("custom") or {})
    for key, value in work.csl.items():
        if key in ("id", "type", "custom"):
            continue
        if key in NAME_ROLES and isinstance(value, list):
            value = [name for name in value if not (isinstance(name, dict) and is_others(name))]
            if not value:
                continue
        if key in CSL_VARIABLES:
            result[key] = value
        else:
            extras[key] = value
    readings = _readings(result)
    if readings:
        extras["readings"] = readings
    if extras:
        result["custom"] = extras
    return result


def _readings(result: dict[str, Any]) -> dict[str, list[dict[str, str]]]:
    language = item_language(result)
    return {
        role: [reading(name, language) for name in result[role]]
        for role in NAME_ROLES
        if isinstance(result.get(role), list) and any(needs_reading(n) for n in result[role])
    }


def csl_json(parsed: ParsedDocument, key_format: str = DEFAULT_FORMAT) -> str:
    items = [item(work) for work in distinct_works(parsed, key_format)]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
