"""Property tests: the note reader, the marker extractor and the citation parser.

Never crash (only `InputError` may end a read), find every generated note and marker
exactly once, and produce CSL-JSON items that the CSL data schema accepts.
`benchmarks/fuzz_parse.py` runs the same properties with many more examples.
"""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck import citations
from citecheck.errors import InputError
from citecheck.readers.plaintext import read_text
from citecheck.readers.superscripts import superscript_markers
from tests.robustness.strategies import Manuscript, manuscripts, marker_lines, note_like_texts

EXAMPLES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DATA = Path(__file__).resolve().parent.parent / "data"


@EXAMPLES
@given(st.text(max_size=2000))
def test_read_text_never_crashes_on_any_text(text):
    try:
        document = read_text(text)
    except InputError:
        return
    assert document.notes


@EXAMPLES
@given(note_like_texts())
def test_read_text_never_crashes_on_manuscript_like_text(text):
    try:
        document = read_text(text)
    except InputError:
        return
    assert all(note.text for note in document.notes)
    assert len({(n.section, n.line) for n in document.notes}) == len(document.notes)


@EXAMPLES
@given(st.binary(max_size=2000))
def test_read_text_never_crashes_on_decoded_bytes(data):
    with contextlib.suppress(InputError):
        read_text(data.decode("utf-8", errors="replace"))


@EXAMPLES
@given(manuscripts(with_body=False))
def test_every_note_found_once_in_a_notes_section(manuscript: Manuscript):
    document = read_text(manuscript.text)
    found = Counter((note.section, note.number) for note in document.notes)
    assert found == Counter(manuscript.notes.keys())
    for note in document.notes:
        assert note.text == manuscript.notes[(note.section, note.number)]


@EXAMPLES
@given(manuscripts(with_body=True))
def test_every_note_and_marker_found_once_in_a_whole_manuscript(manuscript: Manuscript):
    document = read_text(manuscript.text)
    assert Counter((n.section, n.number) for n in document.notes) == Counter(
        manuscript.notes.keys()
    )
    assert document.has_body
    found = Counter((marker.section, marker.number) for marker in document.markers)
    assert found == Counter(manuscript.markers)


@EXAMPLES
@given(marker_lines())
def test_marker_extractor_finds_each_superscript_number(line_and_numbers):
    line, numbers = line_and_numbers
    assert [number for _, number, _ in superscript_markers(line)] == numbers


@EXAMPLES
@given(st.text(max_size=300))
def test_marker_extractor_never_crashes_and_points_at_superscripts(line):
    for mark, number, column in superscript_markers(line):
        assert str(number) == mark
        assert line[column - 1] in "⁰¹²³⁴⁵⁶⁷⁸⁹"


def _csl_validator():
    """A jsonschema validator for CSL-JSON items when the schema is vendored, else None."""
    jsonschema = pytest.importorskip("jsonschema")
    schema_files = sorted(DATA.glob("csl-data*.json")) if DATA.is_dir() else []
    if not schema_files:
        return None
    schema = json.loads(schema_files[0].read_text(encoding="utf-8"))
    # The schema describes an array of items; the items' $refs point into its definitions.
    item_schema = {**schema.get("items", schema), "definitions": schema.get("definitions", {})}
    return jsonschema.Draft7Validator(item_schema)


@EXAMPLES
@given(manuscripts(with_body=False))
def test_parse_document_never_crashes_and_yields_csl_json(manuscript: Manuscript):
    validator = _csl_validator()
    parsed = citations.parse_document(read_text(manuscript.text))
    assert Counter((p.note.section, p.note.number) for p in parsed.notes) == Counter(
        manuscript.notes.keys()
    )
    ids = [citation.id for citation in parsed.citations]
    assert len(ids) == len(set(ids))
    for citation in parsed.citations:
        assert isinstance(citation.csl.get("type"), str) and citation.csl.get("id"), citation
        json.dumps(citation.csl, ensure_ascii=False)
        if validator is not None:
            errors = [error.message for error in validator.iter_errors(citation.csl)]
            assert not errors, (citation.csl, errors)
