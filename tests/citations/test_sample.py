"""The whole sample: valid CSL-JSON, every note parsed, the hand-checked annotations met,
and random text never breaks the parser."""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.citations import parse_document, parse_note_text
from citecheck.citations.works import distinct_works
from citecheck.readers import read_document

ROOT = Path(__file__).resolve().parents[2]

#: The CSL data schema (csl-data.json, vendored): an array of items.
CSL_SCHEMA = json.loads((ROOT / "tests" / "data" / "csl-data.json").read_text(encoding="utf-8"))


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
    validator = jsonschema.Draft7Validator(CSL_SCHEMA)
    assert not validator.is_valid([{"id": "x", "type": "book", "title-brackets": "「」"}])
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
    assert scores.f1 >= benchmark.SEED_F1_BAR, detail
    assert scores.backref_rate >= benchmark.BAR, detail


def test_whole_seed_parses_under_a_second(seed_path: Path) -> None:
    start = time.process_time()  # CPU time: what the parser costs, whatever else runs
    parsed = parse_document(read_document(str(seed_path)))
    assert time.process_time() - start < 1.0
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


@pytest.mark.parametrize(
    "text",
    [
        "「" * 3000,
        "(" * 3000 + "x",
        "「a「b」" * 1000,
        "a. " * 3000,
        "March 7, 2024, " * 500,
        "『a』「b」（北京：c、2020年）1頁；" * 200,
        "https://x.y/" + "a" * 5000,
    ],
    ids=["openers", "parens", "nested", "periods", "dates", "citations", "url"],
)
def test_pathological_notes_stay_fast(text: str) -> None:
    start = time.process_time()
    parse_note_text(text)
    assert time.process_time() - start < 1.0
