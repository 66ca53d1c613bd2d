"""The real manuscript, and copies of it with planted defects.

Every planted defect must be reported at the right line, and nothing else may change.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from citecheck.citations import parse_document
from citecheck.model import Document, Problem
from citecheck.readers import read_document
from citecheck.verify import Verification, verify

COUNTS = {"序章": 19, "第1章": 120, "第2章": 74, "第3章": 88}


def check(path: Path) -> tuple[Document, Verification]:
    document = read_document(str(path))
    return document, verify(parse_document(document))


def errors(result: Verification) -> list[Problem]:
    return [p for p in result.problems if p.severity == "error"]


def new_errors(found: Verification, baseline: Verification) -> list[Problem]:
    """Errors the mutation added; the seed's own error must still be there."""
    known = {(p.kind, p.section, p.note) for p in errors(baseline)}
    assert known <= {(p.kind, p.section, p.note) for p in errors(found)}
    return [p for p in errors(found) if (p.kind, p.section, p.note) not in known]


def warnings(result: Verification) -> set[tuple[str, str | None, int | None]]:
    """Warnings by kind, chapter and note: lines move when a mutation adds a line."""
    return {(p.kind, p.section, p.note) for p in result.problems if p.severity == "warning"}


@cache
def _baseline(path: Path) -> tuple[list[str], Document, Verification]:
    return (path.read_text(encoding="utf-8").splitlines(), *check(path))


@pytest.fixture
def seed(seed_path) -> tuple[list[str], Document, Verification]:
    """The seed's lines, document and verification, computed once for all tests."""
    lines, document, result = _baseline(seed_path)
    return list(lines), document, result


def mutate(tmp_path: Path, lines: list[str]) -> tuple[Document, Verification]:
    path = tmp_path / "mutated.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return check(path)


def note_line(document: Document, section: str, number: int) -> int:
    return next(n.line for n in document.notes if n.section == section and n.number == number)


def marker_at(document: Document, section: str, number: int):
    return next(
        m for m in document.markers if m.section.replace(" ", "") == section and m.number == number
    )


def test_every_chapter_has_all_its_markers_and_notes(seed):
    _, document, result = seed
    counted = {s.label: (s.markers, s.notes) for s in result.sections}
    assert counted == {**{k: (v, v) for k, v in COUNTS.items()}, "終章": (0, 0)}
    assert document.body_sections == ("序章", "第 1 章", "第 2 章", "第 3 章", "終章")
    for label, count in COUNTS.items():
        numbers = [m.number for m in document.markers if m.section.replace(" ", "") == label]
        assert numbers == list(range(1, count + 1))


def test_units_are_not_markers(seed):
    lines, document, _ = seed
    km_line = next(i for i, line in enumerate(lines, 1) if "740km²" in line)
    on_line = [m for m in document.markers if m.line == km_line]
    assert all(lines[km_line - 1][m.column - 3 : m.column - 1] != "km" for m in on_line)
    assert [m.number for m in on_line] == [68]


def test_the_seed_errors_are_exactly_its_real_anomalies(seed):
    _, document, result = seed
    # The * note has no marker; note 73 cites two works, so the 同上 of note 74 (and of
    # note 75 after it) cannot tell which one it means.
    assert [(p.kind, p.section, p.note, p.line) for p in errors(result)] == [
        ("backref-ambiguous", "第3章", 74, note_line(document, "第3章", 74)),
        ("backref-ambiguous", "第3章", 75, note_line(document, "第3章", 75)),
        ("note-without-marker", "第3章", None, 1220),
    ]


def test_identical_consecutive_notes_are_found(seed):
    _, _, result = seed
    repeated = {(p.section, p.note) for p in result.problems if p.kind == "repeated-note"}
    assert ("第3章", 9) in repeated
    assert repeated <= {("第3章", n) for n in (9, 22, 28, 48, 49)}


def test_a_deleted_marker(seed, tmp_path):
    lines, document, result = seed
    marker = marker_at(document, "第1章", 50)
    changed = list(lines)
    text = changed[marker.line - 1]
    changed[marker.line - 1] = text[: marker.column - 1] + text[marker.column + 1 :]
    assert text[marker.column - 1 : marker.column + 1] == "⁵⁰"
    _, found = mutate(tmp_path, changed)
    new = new_errors(found, result)
    assert [(p.kind, p.section, p.note, p.line) for p in new] == [
        ("note-without-marker", "第1章", 50, note_line(document, "第1章", 50))
    ]
    before, after = new[0].see_also
    assert before <= marker.line <= after
    assert warnings(found) == warnings(result)


def test_notes_renumbered_from_one_note_on(seed, tmp_path):
    lines, document, result = seed
    first = note_line(document, "第2章", 10)
    changed = list(lines)
    for number in range(10, 75):
        index = note_line(document, "第2章", number) - 1
        changed[index] = changed[index].replace(f"- {number} ", f"- {number + 1} ", 1)
    _, found = mutate(tmp_path, changed)
    new = new_errors(found, result)
    assert [(p.kind, p.section, p.note, p.line) for p in new] == [
        ("notes-renumbered", "第2章", 11, first)
    ]
    assert "note 11 answers marker 10" in new[0].message
    warned_lines = {(p.kind, p.line) for p in found.problems if p.severity == "warning"}
    assert warned_lines == {(p.kind, p.line) for p in result.problems if p.severity == "warning"}


def test_one_note_given_the_next_number(seed, tmp_path):
    lines, document, result = seed
    wrong = note_line(document, "第1章", 30)
    changed = list(lines)
    changed[wrong - 1] = changed[wrong - 1].replace("- 30 ", "- 31 ", 1)
    _, found = mutate(tmp_path, changed)
    new = sorted((p.kind, p.note, p.line, p.see_also) for p in new_errors(found, result))
    assert new == [
        ("duplicate-note", 31, wrong + 1, (wrong,)),
        (
            "marker-without-note",
            30,
            marker_at(document, "第1章", 30).line,
            (note_line(document, "第1章", 29), wrong),
        ),
    ]


def test_a_duplicated_note(seed, tmp_path):
    lines, document, result = seed
    original = note_line(document, "序章", 5)
    changed = [*lines[:original], lines[original - 1], *lines[original:]]
    _, found = mutate(tmp_path, changed)
    new = new_errors(found, result)
    assert [(p.kind, p.section, p.note, p.line, p.see_also) for p in new] == [
        ("duplicate-note", "序章", 5, original + 1, (original,))
    ]
    assert warnings(found) == warnings(result)


def test_two_notes_swapped(seed, tmp_path):
    lines, document, result = seed
    a, b = note_line(document, "第3章", 30), note_line(document, "第3章", 31)
    changed = list(lines)
    changed[a - 1], changed[b - 1] = changed[b - 1], changed[a - 1]
    _, found = mutate(tmp_path, changed)
    new = new_errors(found, result)
    assert [(p.kind, p.section) for p in new] == [("note-order", "第3章")]
    assert new[0].line in (a, b) and {new[0].line, *new[0].see_also} >= {a, b}
    assert warnings(found) == warnings(result)


def test_two_markers_swapped(seed, tmp_path):
    lines, document, result = seed
    first, second = marker_at(document, "第2章", 40), marker_at(document, "第2章", 41)
    changed = list(lines)
    for marker, replacement in ((second, "⁴⁰"), (first, "⁴¹")):  # right to left keeps columns
        text = changed[marker.line - 1]
        changed[marker.line - 1] = (
            text[: marker.column - 1] + replacement + text[marker.column + 1 :]
        )
    _, found = mutate(tmp_path, changed)
    new = new_errors(found, result)
    assert [(p.kind, p.section) for p in new] == [("marker-order", "第2章")]
    assert new[0].line in (first.line, second.line)
    assert warnings(found) == warnings(result)


def test_a_marker_pasted_again_elsewhere(seed, tmp_path):
    lines, document, result = seed
    original = marker_at(document, "第1章", 50)
    host = marker_at(document, "第1章", 10)
    changed = list(lines)
    text = changed[host.line - 1]
    changed[host.line - 1] = text[: host.column + 1] + "。⁵⁰" + text[host.column + 1 :]
    _, found = mutate(tmp_path, changed)
    assert [(p.kind, p.section, p.note, p.line, p.see_also) for p in new_errors(found, result)] == [
        ("duplicate-marker", "第1章", 50, host.line, (original.line,))
    ]
    assert warnings(found) == warnings(result)
