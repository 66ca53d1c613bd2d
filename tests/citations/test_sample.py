"""The whole sample: valid CSL-JSON, every note parsed, the hand-checked annotations met,
and random text never breaks the parser."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.citations import parse_document, parse_note_text
from citecheck.citations.works import distinct_works
from citecheck.readers import read_document

ROOT = Path(__file__).resolve().parents[2]

# The CSL 1.0.2 data model (csl-data.json): item types, and the variables by kind.
CSL_TYPES_TEXT = """article article-journal article-magazine article-newspaper bill book broadcast
chapter classic collection dataset document entry entry-dictionary entry-encyclopedia event
figure graphic hearing interview legal_case legislation manuscript map motion_picture
musical_score pamphlet paper-conference patent performance periodical personal_communication
post post-weblog regulation report review review-book software song speech standard thesis
treaty webpage"""
NAME_VARIABLES_TEXT = """author chair collection-editor compiler composer container-author
contributor curator director editor editorial-director executive-producer interviewer
illustrator organizer original-author performer producer recipient reviewed-author
translator"""
DATE_VARIABLES_TEXT = "accessed available-date event-date issued original-date submitted"
TEXT_VARIABLES_TEXT = """id language title container-title collection-title publisher
publisher-place page volume issue number URL DOI ISBN ISSN note genre medium event
event-place edition section source status title-short container-title-short locator
archive archive-place abstract"""
CSL_TYPES = str.split(CSL_TYPES_TEXT)
NAME_VARIABLES = str.split(NAME_VARIABLES_TEXT)
DATE_VARIABLES = str.split(DATE_VARIABLES_TEXT)
TEXT_VARIABLES = str.split(TEXT_VARIABLES_TEXT)
NAME = {
    "type": "object",
    "additionalProperties": False,
    "properties": {key: {"type": "string"} for key in ("family", "given", "literal", "suffix")},
}
DATE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["date-parts"],
    "properties": {
        "date-parts": {
            "type": "array",
            "minItems": 1,
            "maxItems": 2,
            "items": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": "integer"}},
        }
    },
}
CSL_ITEM = {
    "type": "object",
    "required": ["id", "type"],
    "additionalProperties": False,
    "properties": {
        "type": {"enum": CSL_TYPES},
        "custom": {"type": "object"},
        **{key: {"type": "array", "items": NAME} for key in NAME_VARIABLES},
        **dict.fromkeys(DATE_VARIABLES, DATE),
        **{key: {"type": ["string", "number"]} for key in TEXT_VARIABLES},
    },
}


def _benchmark():
    spec = importlib.util.spec_from_file_location(
        "parse_accuracy", ROOT / "benchmarks" / "parse_accuracy.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("parse_accuracy", module)
    spec.loader.exec_module(module)
    return module


def test_every_citation_is_a_valid_csl_item(sample_notes_path: Path) -> None:
    parsed = parse_document(read_document(str(sample_notes_path)))
    citations = parsed.citations
    assert len(citations) > 300
    validator = jsonschema.Draft7Validator({"type": "array", "items": CSL_ITEM})
    validator.validate([citation.csl for citation in citations])
    validator.validate(distinct_works(parsed))
    for citation in citations:
        assert citation.csl["id"] == citation.id and citation.id.isascii()
    assert len({c.id for c in citations}) == len(citations)


def test_every_back_reference_in_the_sample_resolves(sample_notes_path: Path) -> None:
    parsed = parse_document(read_document(str(sample_notes_path)))
    refs = [c for c in parsed.citations if c.backref is not None]
    assert len(refs) >= 30
    for citation in refs:
        assert citation.backref.target is not None, citation.id
    problems = {c.id: c.backref.problem for c in refs if c.backref.problem}
    assert problems == {"s4-n74-c1": "ambiguous", "s4-n75-c1": "ambiguous"}


def test_the_hand_checked_annotations_are_met(sample_notes_path: Path) -> None:
    benchmark = _benchmark()
    annotations = benchmark.load_annotations()
    assert len(annotations) >= 80
    assert {note["section"] for note in annotations} == {"序章", "第1章", "第2章", "第3章"}
    scores = benchmark.evaluate(parse_document(read_document(str(sample_notes_path))), annotations)
    detail = "\n".join(scores.mismatches)
    assert scores.split_rate >= benchmark.BAR, detail
    assert scores.f1 >= benchmark.BAR, detail
    assert scores.backref_rate >= benchmark.BAR, detail


def test_whole_seed_parses_under_a_second(seed_path: Path) -> None:
    start = time.perf_counter()
    parsed = parse_document(read_document(str(seed_path)))
    assert time.perf_counter() - start < 1.0
    assert sum(1 for note in parsed.notes if not note.note.unnumbered) == 301


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *"「」『』“”«»（）()；;。.、,:*<> ab12",
                *("同上", "前掲書", "頁", "2024年", "第6期", "ほか", "編", "は"),
                *("https://x.y/z", "March 7, 2024", " 2019 년 3 월"),
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_random_text_never_breaks_the_parser(text: str) -> None:
    parsed = parse_note_text(text)
    for citation in parsed.citations:
        assert isinstance(citation.fields.csl, dict)
