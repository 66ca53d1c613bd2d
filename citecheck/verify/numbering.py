"""Markers against notes, chapter by chapter: every marker has its note and every note
its marker, each number once, in order, without gaps.

Each missing number is reported once, where the editor can act on it: a marker whose
note is missing at the marker, a note whose marker is missing at the note (with the
body lines where the marker belongs), a number missing from both as a gap.
Symbol notes kept apart from the chapter that refers to them are matched first (see
`citecheck.verify.floating`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import NamedTuple

from citecheck.model import Document, Problem, section_key
from citecheck.verify.floating import fold_mark, without_floating
from citecheck.verify.sections import SectionView, notes_only, section_views

#: Where a line is, in words ("line 12", "OEBPS/ch2.xhtml:12 (Chapter 2)").
Place = Callable[[int], str]


class Item(NamedTuple):
    """A numbered marker or note: what the checks below need of either."""

    number: int
    line: int
    column: int = 0

    @property
    def position(self) -> tuple[int, int]:
        return self.line, self.column


def numbering_problems(document: Document) -> list[Problem]:
    """Marker and note numbering problems; none when the document has no body text.

    Reference lists are left out: their entries are cited by author and year, not
    by a marker.
    """
    document = notes_only(document)
    if not document.has_body or not (document.notes or document.markers):
        return []
    no_markers = _no_markers(document)
    if no_markers is not None:
        return [no_markers]
    chapters = {section_key(label) for label in document.body_sections}
    problems: list[Problem] = []
    for view in without_floating(section_views(document)):
        if view.notes and not view.markers and view.key not in chapters:
            problems.append(_missing_chapter(view))
        elif view.markers and not view.notes:
            problems.append(_missing_notes(view))
        else:
            problems.extend(_section_problems(view, document))
    return problems


def _no_markers(document: Document) -> Problem | None:
    """One error when the text references none of the (numbered) notes, not one per note.

    A text whose only markers are symbols (`Maxar*`) while its notes are numbered has
    markers in a style that was not read, or none: either way, one error says so.
    """
    if not document.markers:
        text = "the text has no note markers at all: no note is referenced"
        return Problem(
            "no-markers", "error", None, None, None, f"{text} ({len(document.notes)} in the notes)"
        )
    numbered = sum(note.number is not None for note in document.notes)
    if numbered and all(marker.number is None for marker in document.markers):
        text = "the text has no numbered note markers: no numbered note is referenced"
        return Problem("no-markers", "error", None, None, None, f"{text} ({numbered} in the notes)")
    return None


def _missing_notes(view: SectionView) -> Problem:
    """One error for markers in a section that has no notes at all, not one per marker."""
    return Problem(
        "markers-without-notes",
        "error",
        view.label,
        view.markers[0].line,
        None,
        f"{view.label}: {len(view.markers)} note markers, but there are no notes for {view.label}",
    )


def _missing_chapter(view: SectionView) -> Problem:
    """One error for a block of notes whose chapter the body does not have, not one per note."""
    return Problem(
        "notes-without-chapter",
        "error",
        view.label,
        view.notes[0].line,
        None,
        f"{view.label}: {len(view.notes)} notes, but the text has no chapter {view.label}"
        " and no marker for them",
    )


class _Scope:
    """The numbered markers and notes of one section, and how to word its problems."""

    def __init__(self, view: SectionView, document: Document) -> None:
        self.view = view
        self.place: Place = document.place
        self.in_parts = bool(document.parts)
        self.label = view.label
        self.markers = [
            Item(m.number, m.line, m.column) for m in view.markers if m.number is not None
        ]
        self.notes = [Item(n.number, n.line) for n in view.notes if n.number is not None]
        self.first_marker, self.extra_markers = _split_repeats(self.markers)
        self.first_note, self.extra_notes = _split_repeats(self.notes)
        self.marker_index = Numbered(self.first_marker)
        self.note_index = Numbered(self.first_note)

    def problem(
        self, kind: str, line: int | None, number: int | None, text: str, also: Sequence[int] = ()
    ) -> Problem:
        where = f"{self.place(line)}: " if self.in_parts and line is not None else ""
        return Problem(
            kind, "error", self.label, line, number, f"{where}{self.label}: {text}", tuple(also)
        )


def _section_problems(view: SectionView, document: Document) -> list[Problem]:
    scope = _Scope(view, document)
    return [
        *_duplicates(scope),
        *_unmatched(scope),
        *_unmatched_named(scope),
        *_gaps(scope),
        *_order_problems(scope, "marker", scope.first_marker),
        *_order_problems(scope, "note", scope.first_note),
    ]


def _duplicates(scope: _Scope) -> list[Problem]:
    found = []
    for noun, extras, genuine in (
        ("marker", scope.extra_markers, scope.first_marker),
        ("note", scope.extra_notes, scope.first_note),
    ):
        for item in extras:
            original = genuine[item.number].line
            found.append(
                scope.problem(
                    f"duplicate-{noun}",
                    item.line,
                    item.number,
                    f"{noun} {item.number} appears twice; the one in sequence is at"
                    f" {scope.place(original)}",
                    [original],
                )
            )
    return found


class Shift(NamedTuple):
    """Items numbered `offset` off from their counterparts, from `start` on."""

    start: Item
    offset: int
    count: int
    skips: bool  # whether this side skips a number where the shift starts


def _renumbering(scope: _Scope) -> Problem | None:
    """One problem when the notes (or the markers) are all there but numbered off by some
    amount from one of them on, reported where the renumbering starts."""
    shifts = [
        (noun, other, shift)
        for noun, items, other, reference in (
            ("note", scope.notes, "marker", scope.first_marker),
            ("marker", scope.markers, "note", scope.first_note),
        )
        if (shift := _shift(items, sorted(reference))) is not None
    ]
    if not shifts:
        return None
    # Either side may look shifted against the other: the one that skips a number is.
    noun, other, shift = max(shifts, key=lambda found: found[2].skips)
    number, expected = shift.start.number, shift.start.number - shift.offset
    if shift.count == 1:
        text = (
            f"{noun} {number} should be {expected}: there is no {other} {number},"
            f" and {other} {expected} has no {noun}"
        )
    else:
        text = (
            f"from {noun} {number} on, the {noun}s are numbered {shift.offset:+d} from"
            f" their {other}s: {noun} {number} answers {other} {expected}"
        )
    return scope.problem(f"{noun}s-renumbered", shift.start.line, number, text)


def _unmatched(scope: _Scope) -> list[Problem]:
    """Markers without a note and notes without a marker, one problem per number
    (or one for a renumbering)."""
    renumbering = _renumbering(scope)
    if renumbering is not None:
        return [renumbering]
    found = []
    for number, marker in sorted(scope.first_marker.items()):
        if number not in scope.first_note:
            jump = scope.note_index.neighbours(number)
            found.append(
                scope.problem(
                    "marker-without-note",
                    marker.line,
                    number,
                    f"marker {number} has no note{_notes_jump(jump, scope.place)}",
                    [item.line for item in jump if item],
                )
            )
    for number, note in sorted(scope.first_note.items()):
        if number not in scope.first_marker:
            before, after = scope.marker_index.neighbours(number)
            found.append(
                scope.problem(
                    "note-without-marker",
                    note.line,
                    number,
                    f"note {number} is not referenced in the text"
                    + _marker_place(before, after, scope.place),
                    [item.line for item in (before, after) if item],
                )
            )
    return found


def _unmatched_named(scope: _Scope) -> list[Problem]:
    """Symbol or named notes (*, ※, [^fn-a]) and markers that do not find each other.

    A named note may be referred to more than once, so only absence is an error.
    Marks match in their NFKC form: a full-width ＊ in the text refers to a * note.
    """
    marks = {fold_mark(marker.mark) for marker in scope.view.markers if marker.number is None}
    note_marks = {fold_mark(note.mark) for note in scope.view.notes if note.number is None}
    found = [
        scope.problem(
            "note-without-marker",
            note.line,
            None,
            f"unnumbered note {note.mark} is not referenced in the text",
        )
        for note in scope.view.notes
        if note.number is None and fold_mark(note.mark) not in marks
    ]
    reported: set[str] = set()
    for marker in scope.view.markers:
        mark = fold_mark(marker.mark)
        if marker.number is None and mark not in note_marks and mark not in reported:
            reported.add(mark)
            found.append(
                scope.problem(
                    "marker-without-note",
                    marker.line,
                    None,
                    f"marker {marker.mark} has no note",
                )
            )
    return found


def _gaps(scope: _Scope) -> list[Problem]:
    """Runs of numbers that neither a marker nor a note uses, one problem per run."""
    used = set(scope.first_marker) | set(scope.first_note)
    # Past the end of either side, a missing number is already told by the other checks.
    highest = min(max(scope.first_marker, default=0), max(scope.first_note, default=0))
    # Numbering may start anywhere (a chapter excerpt, a Markdown file starting at 5):
    # only a hole after the first number used is a gap.
    found = []
    for first, last in _holes(sorted(used), highest):
        after = scope.note_index.neighbours(first)[1] or scope.marker_index.neighbours(first)[1]
        numbers = f"number {first} is" if first == last else f"numbers {first}–{last} are"
        found.append(
            scope.problem(
                "numbering-gap",
                after.line if after else None,
                first,
                f"{numbers} skipped by both the markers and the notes",
            )
        )
    return found


def _holes(used: list[int], highest: int) -> list[tuple[int, int]]:
    """The runs (first, last) of numbers missing between consecutive used numbers, up to
    `highest`: one step per number used, however wide a hole."""
    holes = []
    for lower, upper in pairwise(used):
        if lower >= highest:
            break
        if upper > lower + 1:
            holes.append((lower + 1, min(upper - 1, highest)))
    return holes


def _shift(items: Sequence[Item], reference: list[int]) -> Shift | None:
    """How `items`, in order, are off from `reference`: equal up to one point and all
    off by the same non-zero offset after it; None for anything else."""
    numbers = [item.number for item in items]
    if len(numbers) != len(reference) or len(set(numbers)) != len(numbers):
        return None
    offsets = [number - expected for number, expected in zip(numbers, reference, strict=True)]
    start = next((i for i, offset in enumerate(offsets) if offset), None)
    if start is None or len(set(offsets[start:])) != 1:
        return None
    skips = numbers[start] != (numbers[start - 1] + 1 if start else 1)
    return Shift(items[start], offsets[start], len(items) - start, skips)


def _split_repeats(items: Sequence[Item]) -> tuple[dict[int, Item], list[Item]]:
    """Each number's genuine item, and the repeats.

    Of several items with one number, the genuine one is the only one that sits
    between its neighbours (the numbers just below and above that occur once); when
    that does not tell, the first. So a copy pasted far from the original is the
    one reported, wherever it is.
    """
    by_number: dict[int, list[Item]] = {}
    for item in items:
        by_number.setdefault(item.number, []).append(item)
    single = sorted(n for n, found in by_number.items() if len(found) == 1)
    genuine: dict[int, Item] = {}
    extras: list[Item] = []
    for number, found in by_number.items():
        chosen = found[0]
        if len(found) > 1:
            index = bisect_left(single, number)
            low = by_number[single[index - 1]][0].position if index else (0, 0)
            high = by_number[single[index]][0].position if index < len(single) else (1 << 62, 0)
            fitting = [item for item in found if low < item.position < high]
            chosen = fitting[0] if len(fitting) == 1 else found[0]
        genuine[number] = chosen
        extras += [item for item in found if item is not chosen]
    extras.sort(key=lambda item: item.position)
    return genuine, extras


class Numbered:
    """Items by number, with their numbers sorted so that neighbours are a bisection away."""

    def __init__(self, by_number: dict[int, Item]) -> None:
        self.by_number = by_number
        self.numbers = sorted(by_number)

    def neighbours(self, number: int) -> tuple[Item | None, Item | None]:
        """The items with the nearest lower and higher numbers."""
        low = bisect_left(self.numbers, number)
        high = bisect_right(self.numbers, number)
        return (
            self.by_number[self.numbers[low - 1]] if low else None,
            self.by_number[self.numbers[high]] if high < len(self.numbers) else None,
        )


def _notes_jump(jump: tuple[Item | None, Item | None], place: Place) -> str:
    before, after = jump
    if before and after:
        return f" (the notes go from {before.number} to {after.number} at {place(after.line)})"
    return ""


def _marker_place(before: Item | None, after: Item | None, place: Place) -> str:
    if before and after:
        if before.line == after.line:
            return (
                f"; its marker belongs on {place(before.line)},"
                f" between {before.number} and {after.number}"
            )
        return (
            f"; its marker belongs between marker {before.number} ({place(before.line)})"
            f" and marker {after.number} ({place(after.line)})"
        )
    if before:
        return f"; its marker belongs after marker {before.number} ({place(before.line)})"
    if after:
        return f"; its marker belongs before marker {after.number} ({place(after.line)})"
    return ""


def _order_problems(scope: _Scope, noun: str, genuine: dict[int, Item]) -> list[Problem]:
    """Items that break the ascending order.

    Two items in each other's place are one swap. Otherwise the items outside a
    longest ascending run are reported: the one displaced item, not everything after it.
    """
    firsts = sorted(genuine.values(), key=lambda item: item.position)
    swap = _single_swap(firsts)
    if swap is not None:
        one, other = swap
        return [
            scope.problem(
                f"{noun}-order",
                one.line,
                one.number,
                f"{noun}s {one.number} ({scope.place(one.line)}) and {other.number}"
                f" ({scope.place(other.line)}) are swapped",
                [other.line],
            )
        ]
    keep = set(_longest_increasing(firsts))
    found = []
    for index, item in enumerate(firsts):
        if index in keep:
            continue
        previous = firsts[index - 1] if index else None
        following = firsts[index + 1] if index + 1 < len(firsts) else None
        context = ", ".join(
            f"{word} {noun} {other.number} ({scope.place(other.line)})"
            for word, other in (("after", previous), ("before", following))
            if other
        )
        found.append(
            scope.problem(
                f"{noun}-order",
                item.line,
                item.number,
                f"{noun} {item.number} is out of order: it comes {context}",
                [other.line for other in (previous, following) if other],
            )
        )
    return found


def _single_swap(items: Sequence[Item]) -> tuple[Item, Item] | None:
    """The two items whose exchange would put all in order, if that is all that is wrong."""
    numbers = [item.number for item in items]
    misplaced = [i for i, (a, b) in enumerate(zip(numbers, sorted(numbers), strict=True)) if a != b]
    if len(misplaced) != 2:
        return None
    return items[misplaced[0]], items[misplaced[1]]


def _longest_increasing(items: Sequence[Item]) -> list[int]:
    """Indexes of one longest strictly increasing subsequence of the items' numbers."""
    tails: list[int] = []  # number ending the best run of each length
    tail_index: list[int] = []
    parent: list[int | None] = []
    for index, item in enumerate(items):
        position = bisect_left(tails, item.number)
        if position == len(tails):
            tails.append(item.number)
            tail_index.append(index)
        else:
            tails[position] = item.number
            tail_index[position] = index
        parent.append(tail_index[position - 1] if position else None)
    run: list[int] = []
    cursor = tail_index[-1] if tail_index else None
    while cursor is not None:
        run.append(cursor)
        cursor = parent[cursor]
    return run[::-1]
