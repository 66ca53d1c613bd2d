"""Reading an export back with bibtexparser and pybtex and checking that they agree."""

from __future__ import annotations

from typing import Any

import bibtexparser
from bibtexparser.middlewares import LatexDecodingMiddleware
from pybtex.database import BibliographyData
from pybtex.database import parse_string as pybtex_parse

NAME_ROLES = ("author", "editor")
#: pybtex expands BibTeX's month macros as plain.bst does.
MONTHS = dict(
    zip(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        strict=True,
    )
)


def unbraced(text: str) -> str:
    """A title without the braces that protect its proper nouns."""
    return text.replace("{", "").replace("}", "")


def read_back(text: str) -> tuple[bibtexparser.Library, bibtexparser.Library]:
    """The export as written (raw) and LaTeX-decoded; both without a single failed block."""
    raw = bibtexparser.parse_string(text)
    decoded = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not raw.failed_blocks and not decoded.failed_blocks
    return raw, decoded


def assert_parsers_agree(text: str, works: dict[str, dict[str, Any]]) -> BibliographyData:
    """Both parsers see the same entries, types and fields; names count as the CSL item's."""
    raw, decoded = read_back(text)
    database = pybtex_parse(text, "bibtex")  # strict: raises on any error
    assert list(database.entries) == [entry.key for entry in raw.entries] == list(works)
    for entry in raw.entries:
        theirs = database.entries[entry.key]
        csl = works[entry.key]
        assert theirs.type == entry.entry_type
        ours = {name: field.value for name, field in entry.fields_dict.items()}
        for role in NAME_ROLES:
            expected = [n for n in csl.get(role) or [] if any(str(v).strip() for v in n.values())]
            assert len(theirs.persons.get(role, [])) == len(expected)
        plain = {
            name: MONTHS.get(value, value) if name == "month" else value
            for name, value in ours.items()
            if name not in NAME_ROLES
        }
        assert {name.lower(): str(value) for name, value in theirs.fields.items()} == plain
        assert ours.get("url") == csl.get("URL")  # verbatim
    for entry in decoded.entries:
        title = entry.fields_dict.get("title")
        expected = works[entry.key].get("title")
        if expected is None and title is not None:  # a title supplied for an untitled work
            assert title.value.startswith("[") and title.value.endswith("]")
        else:
            assert (unbraced(title.value) if title else None) == expected
    return database
