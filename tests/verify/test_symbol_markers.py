"""Symbol markers in a plain-text body matched to the symbol notes of their section."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from citecheck.cli import main
from citecheck.model import section_key
from citecheck.readers import read_document as read_file
from citecheck.verify.numbering import numbering_problems
from tests.verify.helpers import kinds, manuscript, read

# Lines: 1 序章, 2 text, 3 blank, 4 第1章, 5 text with a dagger and a 米印.
BODY = "序章\n衛星画像はMaxar*による¹。二²。\n\n第1章\n記事†と発表した※。本文¹。"
NOTES = "[序章]\n- 1 A\n- 2 B\n* 序章の記号注。\n\n[第1章]\n- 1 C\n† 剣標の注\n※ 米印の注"
# Notes lines: 序章 on 9-12 (the * note on 12), 第1章 on 14-17 († on 16, ※ on 17).


def test_symbol_markers_match_the_symbol_notes_of_their_chapter():
    document = read(BODY, NOTES)
    symbols = [(m.section, m.mark, m.line, m.column) for m in document.markers if m.number is None]
    assert symbols == [("序章", "*", 2, 11), ("第1章", "†", 5, 3), ("第1章", "※", 5, 9)]
    assert numbering_problems(document) == []


def test_a_symbol_note_without_its_marker_is_reported():
    found = numbering_problems(read(BODY.replace("Maxar*", "Maxar"), NOTES))
    assert kinds(found) == [("note-without-marker", None, 12)]
    assert "unnumbered note *" in found[0].message


def test_a_symbol_marker_without_its_note_is_reported():
    found = numbering_problems(read(BODY, NOTES.replace("\n† 剣標の注", "")))
    assert kinds(found) == [("marker-without-note", None, 5)]
    assert "marker † has no note" in found[0].message


def test_a_symbol_note_no_marker_of_its_chapter_claims_is_matched_from_another():
    # Like the seed's "* 衛星画像を扱う Maxar 社は…" after the last chapter's notes.
    body = BODY.replace("Maxar*", "Maxar").replace("記事†", "記事†、Maxar*")
    assert numbering_problems(read(body, NOTES)) == []


def test_a_symbol_used_chapter_by_chapter_is_matched_within_the_chapter():
    body = BODY.replace("記事†", "記事†、Vantor*")
    found = numbering_problems(read(body, NOTES))
    assert kinds(found) == [("marker-without-note", None, 5)]
    assert "marker * has no note" in found[0].message


def test_a_mark_two_chapters_have_notes_for_is_not_matched_across_them():
    body = BODY.replace("Maxar*", "Maxar").replace("記事†", "記事†、Maxar*")
    notes = NOTES + "\n* 第1章の記号注"
    found = numbering_problems(read(body, notes))
    assert kinds(found) == [("note-without-marker", None, 12)]  # 序章's * note


def test_a_full_width_star_refers_to_a_half_width_note():
    assert numbering_problems(read(BODY.replace("Maxar*", "Maxar＊"), NOTES)) == []


def test_look_alikes_in_the_body_are_not_markers_of_the_star_note():
    body = BODY.replace("Maxar*", "Maxar") + (
        "\nここは**強調**で、*emphasis* も同じ。\n有意水準0.05*、3 * 4、5*3。\n"
    )
    found = numbering_problems(read(body, NOTES))
    assert kinds(found) == [("note-without-marker", None, 14)]  # the body is 2 lines longer


def test_a_bullet_list_leaves_the_star_unread():
    body = BODY + "\n* 箇条書きの項目\n* もう一つ"
    document = read(body, NOTES)
    assert [m.mark for m in document.markers if m.number is None] == ["†", "※"]


def test_numbered_forms_of_symbol_notes_match():
    body = "序章\n画像はMaxar*1、地図はESA*2による¹。"
    notes = "[序章]\n- 1 A\n*1 Maxar の注\n*2 ESA の注"
    assert numbering_problems(read(body, notes)) == []


def test_document_wide_notes_take_markers_from_every_chapter():
    body = "Chapter 1\nImagery from Maxar*, as reported¹.\n\nChapter 2\nMore text².\n"
    notes = "1. First.\n2. Second.\n* Maxar is now Vantor."
    document = read(body, notes)
    assert {m.section for m in document.markers} == {"Notes"}
    assert numbering_problems(document) == []


def test_the_seed_star_note_has_no_marker_and_the_figures_stay(seed_path):
    document = read_file(str(seed_path))
    assert [m for m in document.markers if m.number is None] == []
    star = [p for p in numbering_problems(document) if p.note is None]
    assert [(p.kind, p.section) for p in star] == [("note-without-marker", "第3章")]
    counts = Counter(section_key(marker.section) for marker in document.markers)
    assert counts == {"序章": 19, "第1章": 120, "第2章": 74, "第3章": 88}


def test_symbol_markers_alone_do_not_reference_the_numbered_notes():
    body = BODY.translate(str.maketrans("", "", "¹²"))
    found = numbering_problems(read(body, NOTES))
    assert [(p.kind, p.section) for p in found] == [("no-markers", None)]
    assert "no numbered note markers" in found[0].message and "(3 in the notes)" in found[0].message


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16-be"])
def test_verify_command_on_a_manuscript_with_symbol_markers(tmp_path, capsys, encoding):
    path = tmp_path / "manuscript.txt"
    path.write_bytes(manuscript(BODY, NOTES).encode(encoding))
    assert main(["verify", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    keys = ("label", "markers", "notes", "unnumbered_notes")
    counts = [tuple(section[key] for key in keys) for section in data["sections"]]
    assert counts == [("序章", 3, 2, 1), ("第1章", 3, 1, 2)]
    assert data["summary"]["errors"] == 0
