"""Planted defects in generated chapters: each is found where it was planted, alone."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.model import Document, Marker, Note, Section
from citecheck.verify.numbering import numbering_problems

NOTES_FROM = 1000  # notes start on this line; marker n sits on line n


def chapter(marker_numbers: list[int], note_numbers: list[int]) -> Document:
    markers = tuple(Marker("序章", str(n), n, line, 1) for line, n in enumerate(marker_numbers, 1))
    notes = tuple(
        Note("序章", str(n), n, f"note {n}", NOTES_FROM + i) for i, n in enumerate(note_numbers)
    )
    return Document("x", "text", (Section("序章", notes),), markers, True, ("序章",))


sizes = st.integers(min_value=3, max_value=60)


@settings(max_examples=60, deadline=None)
@given(sizes, st.data())
def test_a_deleted_marker_is_one_unreferenced_note(size, data):
    deleted = data.draw(st.integers(1, size))
    numbers = list(range(1, size + 1))
    problems = numbering_problems(chapter([n for n in numbers if n != deleted], numbers))
    assert [(p.kind, p.note, p.line) for p in problems] == [
        ("note-without-marker", deleted, NOTES_FROM + deleted - 1)
    ]


@settings(max_examples=60, deadline=None)
@given(sizes, st.data())
def test_a_deleted_note_is_one_marker_without_note(size, data):
    deleted = data.draw(st.integers(1, size))
    numbers = list(range(1, size + 1))
    problems = numbering_problems(chapter(numbers, [n for n in numbers if n != deleted]))
    assert [(p.kind, p.note, p.line) for p in problems] == [
        ("marker-without-note", deleted, deleted)
    ]


@settings(max_examples=60, deadline=None)
@given(sizes, st.data())
def test_two_swapped_markers_are_reported_at_the_swap(size, data):
    first = data.draw(st.integers(1, size - 1))
    second = data.draw(st.integers(first + 1, size))
    markers = list(range(1, size + 1))
    markers[first - 1], markers[second - 1] = second, first
    problems = numbering_problems(chapter(markers, list(range(1, size + 1))))
    assert [(p.kind, p.line, p.see_also) for p in problems] == [("marker-order", first, (second,))]


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=6, max_value=60), st.data())
def test_a_marker_moved_far_is_the_one_reported(size, data):
    moved = data.draw(st.integers(1, size))
    to = data.draw(st.integers(1, size).filter(lambda n: abs(n - moved) > 1))
    markers = [n for n in range(1, size + 1) if n != moved]
    markers.insert(to - 1, moved)
    problems = numbering_problems(chapter(markers, list(range(1, size + 1))))
    assert [(p.kind, p.note, p.line) for p in problems] == [("marker-order", moved, to)]


@settings(max_examples=60, deadline=None)
@given(sizes, st.data())
def test_a_duplicated_note_is_one_duplicate(size, data):
    copied = data.draw(st.integers(1, size))
    notes = [n for number in range(1, size + 1) for n in [number] * (2 if number == copied else 1)]
    problems = numbering_problems(chapter(list(range(1, size + 1)), notes))
    assert [(p.kind, p.note, p.line, p.see_also) for p in problems] == [
        ("duplicate-note", copied, NOTES_FROM + copied, (NOTES_FROM + copied - 1,))
    ]


@settings(max_examples=60, deadline=None)
@given(sizes, st.data())
def test_notes_renumbered_from_one_on_are_one_problem_where_it_starts(size, data):
    start = data.draw(st.integers(1, size - 1))
    offset = data.draw(st.integers(1, 5))  # numbers moved up from `start` on
    notes = [n if n < start else n + offset for n in range(1, size + 1)]
    problems = numbering_problems(chapter(list(range(1, size + 1)), notes))
    assert [(p.kind, p.note, p.line) for p in problems] == [
        ("notes-renumbered", start + offset, NOTES_FROM + start - 1)
    ]
