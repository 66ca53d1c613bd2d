"""Any text in any field: every export still parses back, entry for entry, in both parsers."""

from __future__ import annotations

import json

import bibtexparser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pybtex.database import parse_string as pybtex_parse

from citecheck.exports import export
from citecheck.model import Citation, Document, Note, ParsedDocument, ParsedNote, Section

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("{}\\%&$#_~^@,="),
    max_size=40,
)
PART = st.one_of(st.integers(-50, 3000), st.sampled_from(["spring", "03", "", "2020年"]))
ITEM = st.fixed_dictionaries(
    {
        "type": st.sampled_from(["book", "webpage", "article-newspaper", "report", "speech"]),
        "title": TEXT,
        "author": st.lists(
            st.one_of(
                st.fixed_dictionaries({"literal": TEXT}),
                st.fixed_dictionaries({"family": TEXT, "given": TEXT}),
            ),
            max_size=3,
        ),
        "container-title": TEXT,
        "issued": st.fixed_dictionaries(
            {"date-parts": st.lists(st.lists(PART, min_size=1, max_size=3), min_size=1, max_size=1)}
        ),
        "URL": st.from_regex(r"https://example\.org/[A-Za-z0-9_%?&=#~-]{0,30}", fullmatch=True),
    }
)


def _parsed(items: list[dict]) -> ParsedDocument:
    notes, parsed_notes = [], []
    for number, item in enumerate(items, 1):
        note = Note("1", str(number), number, "…", number)
        cid = f"n{number}"
        citation = Citation(cid, "1", str(number), number, "…", {"id": cid, **item})
        notes.append(note)
        parsed_notes.append(ParsedNote(note, (citation,), None))
    document = Document("gen.txt", "text", (Section("1", tuple(notes)),))
    return ParsedDocument(document, tuple(parsed_notes))


def _named(item: dict) -> int:
    """How many authors the item names (a name of blanks only is no name)."""
    return sum(1 for name in item["author"] if any(value.strip() for value in name.values()))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ITEM, min_size=1, max_size=4))
def test_exports_parse_back_whatever_the_text(items: list[dict]) -> None:
    items = [dict(item, number=str(index)) for index, item in enumerate(items)]  # all distinct
    parsed = _parsed(items)
    for fmt in ("biblatex", "bibtex"):
        text = export(parsed, fmt)
        library = bibtexparser.parse_string(text)
        assert not library.failed_blocks
        keys = [entry.key for entry in library.entries]
        assert len(set(keys)) == len(keys) == len(items)
        assert all(key.isascii() for key in keys)
        database = pybtex_parse(text, "bibtex")
        assert list(database.entries) == keys
        for item, entry in zip(items, library.entries, strict=True):
            assert entry.fields_dict["url"].value == item["URL"]
            persons = database.entries[entry.key].persons.get("author", [])
            assert len(persons) == _named(item)
    assert len(json.loads(export(parsed, "csl-json"))) == len(items)
