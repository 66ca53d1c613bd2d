"""Markers against notes: one small manuscript per kind of defect."""

from __future__ import annotations

from citecheck.verify.numbering import numbering_problems
from tests.verify.helpers import kinds, read

# Lines: 1 序章, 2 text with markers 1 and 2, 3 text with marker 3, 4 blank,
# 5 第1章, 6 text with markers 1 and 2.
BODY = "序章\n一¹。二²。\n三³。\n\n第1章\n甲¹。乙²。"
NOTES = "[序章]\n- 1 A\n- 2 B\n- 3 C\n\n[第1章]\n- 1 D\n- 2 E"
# Notes lines: 序章 notes 1-3 on lines 11-13, 第1章 notes 1-2 on lines 16-17.


def problems(body: str = BODY, notes: str = NOTES):
    return numbering_problems(read(body, notes))


def test_a_clean_manuscript_has_no_problem():
    assert problems() == []


def test_marker_without_note():
    found = problems(notes=NOTES.replace("- 2 B\n", ""))
    assert kinds(found) == [("marker-without-note", 2, 2)]
    assert "the notes go from 1 to 3 at line 12" in found[0].message


def test_note_without_marker_says_where_the_marker_belongs():
    found = problems(body=BODY.replace("二²", "二"))
    assert kinds(found) == [("note-without-marker", 2, 12)]
    assert found[0].see_also == (2, 3)
    assert "between marker 1 (line 2) and marker 3 (line 3)" in found[0].message


def test_unnumbered_note_without_marker():
    found = problems(notes=NOTES + "\n* 付記。")
    assert kinds(found) == [("note-without-marker", None, 18)]
    assert "unnumbered note *" in found[0].message


def test_duplicate_marker():
    found = problems(body=BODY.replace("三³", "三²"))
    assert ("duplicate-marker", 2, 3) in kinds(found)
    assert next(p for p in found if p.kind == "duplicate-marker").see_also == (2,)


def test_duplicate_note():
    found = problems(notes=NOTES.replace("- 2 B\n", "- 2 B\n- 2 B again\n"))
    assert kinds(found) == [("duplicate-note", 2, 13)]
    assert found[0].see_also == (12,)


def test_numbering_gap_in_both_markers_and_notes():
    body = BODY.replace("三³", "三⁴")
    notes = NOTES.replace("- 3 C", "- 4 C")
    assert kinds(problems(body, notes)) == [("numbering-gap", 3, 13)]


def test_numbering_may_start_anywhere():
    body = "序章\n一⁵。二⁶。\n三⁷。"
    notes = "[序章]\n- 5 A\n- 6 B\n- 7 C"
    assert problems(body, notes) == []


def test_markers_out_of_order():
    body = BODY.replace("一¹。二²。", "一²。二¹。")
    found = problems(body=body)
    assert [p.kind for p in found] == ["marker-order"]
    assert found[0].line == 2 and found[0].note in (1, 2)


def test_two_markers_swapped_far_apart_are_one_swap():
    body = "序章\n一¹\n二⁵\n三³\n四⁴\n五²\n六⁶"
    notes = "[序章]\n" + "\n".join(f"- {n} N{n}" for n in range(1, 7))
    found = problems(body, notes)
    assert [(p.kind, p.note, p.line, p.see_also) for p in found] == [("marker-order", 5, 3, (6,))]
    assert "markers 5 (line 3) and 2 (line 6) are swapped" in found[0].message


def test_a_marker_far_out_of_place_is_the_one_reported():
    body = "序章\n一¹\n二⁵\n三²\n四³\n五⁴\n六⁶"
    notes = "[序章]\n" + "\n".join(f"- {n} N{n}" for n in range(1, 7))
    found = problems(body, notes)
    assert [(p.kind, p.note, p.line) for p in found] == [("marker-order", 5, 3)]
    assert "it comes after marker 1 (line 2), before marker 2 (line 4)" in found[0].message


def test_notes_out_of_order():
    notes = NOTES.replace("- 2 B\n- 3 C", "- 3 C\n- 2 B")
    found = problems(notes=notes)
    assert [p.kind for p in found] == ["note-order"]
    assert found[0].line in (12, 13)


def test_markers_restart_per_chapter_and_chapters_match_across_spacing():
    body = BODY.replace("第1章", "第 1 章")
    notes = NOTES.replace("[第1章]", "【第１章】")
    assert problems(body, notes) == []


def test_no_body_means_no_marker_checks():
    from citecheck.readers.plaintext import read_text

    assert numbering_problems(read_text(NOTES)) == []


def test_notes_whose_chapter_is_missing_are_one_error():
    found = problems(notes=NOTES + "\n\n[第2章]\n- 1 F\n- 2 G")
    assert kinds(found) == [("notes-without-chapter", None, 20)]


def test_a_run_of_skipped_numbers_is_one_gap():
    body = "序章\n一¹。二²。\n三⁶。"
    notes = "[序章]\n- 1 A\n- 2 B\n- 6 C"
    found = problems(body, notes)
    assert kinds(found) == [("numbering-gap", 3, 10)]  # reported at note 6
    assert "numbers 3–5 are skipped" in found[0].message


def test_named_notes_and_markers_match_by_mark():
    from citecheck.model import Document, Marker, Note, Section

    notes = (Note("Notes", "a", None, "A", 10), Note("Notes", "b", None, "B", 11))
    markers = (
        Marker("Notes", "a", None, 1, 5),
        Marker("Notes", "a", None, 2, 5),  # a named note may be cited twice
        Marker("Notes", "c", None, 3, 5),
    )
    document = Document("x.md", "markdown", (Section("Notes", notes),), markers, True, ("Notes",))
    assert kinds(numbering_problems(document)) == [
        ("marker-without-note", None, 3),
        ("note-without-marker", None, 11),
    ]


def test_markers_in_a_section_without_notes_are_one_error():
    found = problems(notes=NOTES.split("\n\n")[0])
    assert kinds(found) == [("markers-without-notes", None, 6)]
    assert "2 note markers" in found[0].message


def test_a_body_whose_chapters_are_not_found_gives_two_errors_not_one_per_note():
    found = problems(body="本文¹。続き²。三³。", notes=NOTES)
    assert sorted(p.kind for p in found) == [
        "markers-without-notes",
        "notes-without-chapter",
        "notes-without-chapter",
    ]


def test_a_body_without_any_marker_is_one_error():
    found = problems(body=BODY.translate(str.maketrans("", "", "¹²³")))
    assert [(p.kind, p.section, p.line) for p in found] == [("no-markers", None, None)]
    assert "(5 in the notes)" in found[0].message


def test_notes_renumbered_from_one_on_is_one_problem_where_it_starts():
    notes = NOTES.replace("- 2 B\n- 3 C", "- 3 B\n- 4 C")
    found = problems(notes=notes)
    assert kinds(found) == [("notes-renumbered", 3, 12)]
    assert "from note 3 on, the notes are numbered +1 from their markers" in found[0].message


def test_a_single_misnumbered_marker():
    found = problems(body=BODY.replace("三³", "三⁴"))
    assert kinds(found) == [("markers-renumbered", 4, 3)]
    assert "marker 4 should be 3" in found[0].message


def test_a_marker_copied_before_its_place_is_the_one_reported():
    found = problems(body=BODY.replace("一¹。", "一¹。再³。"))
    assert [(p.kind, p.note, p.line, p.see_also) for p in found] == [
        ("duplicate-marker", 3, 2, (3,))
    ]


def test_a_note_copied_out_of_place_is_the_one_reported():
    found = problems(notes=NOTES.replace("- 3 C", "- 3 C\n- 1 A"))
    assert [(p.kind, p.note, p.line, p.see_also) for p in found] == [
        ("duplicate-note", 1, 14, (11,))
    ]
