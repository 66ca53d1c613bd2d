"""One list of back-reference marks: what the parser resolves, the note checks recognise."""

from __future__ import annotations

import pytest

from citecheck.citations.backrefs import find_reference
from citecheck.verify.repeats import repeated_note_problems
from citecheck.verify.text import is_backref
from tests.verify.test_note_checks import notes

FORMS = [
    ("同上、22頁", "ibid"),
    ("同上書、397-417頁", "ibid"),
    ("同前、5頁", "ibid"),
    ("同右、5頁", "ibid"),
    ("Ibid., 4", "ibid"),
    ("ibidem, 4", "ibid"),
    ("Там же. С. 12", "ibid"),
    ("前掲書、151頁", "op-cit"),
    ("前掲記事、2024年9月27日", "op-cit"),
    ("上掲書、12頁", "op-cit"),
    ("上掲論文、3頁", "op-cit"),
    ("op. cit., 12", "op-cit"),
    ("Ebd., S. 12", "ibid"),
    ("ebenda, S. 12", "ibid"),
    ("Ibíd., 12", "ibid"),
    ("Там само. С. 12", "ibid"),
    ("위의 책, 5쪽", "ibid"),
    ("상게서, 5쪽", "ibid"),
    ("전게서, 5쪽", "op-cit"),
    ("上揭书，第5页", "op-cit"),
    ("前揭書，頁5", "op-cit"),
    ("前引书，第5页", "op-cit"),
    ("*Ibid.*, 4", "ibid"),
]


@pytest.mark.parametrize(("text", "kind"), FORMS)
def test_parser_and_note_checks_know_the_same_marks(text: str, kind: str) -> None:
    reference = find_reference(text)
    assert reference is not None and reference.kind == kind
    assert is_backref(text)
    assert is_backref(" ".join(text))  # spacing inside a mark does not hide it


#: Marks after the name of the work's author: the parser resolves them by that name.
NAMED_FORMS = [
    ("김철수, 앞의 책, 5쪽", "op-cit", "김철수"),
    ("García, ob. cit., p. 5", "op-cit", "García"),
    ("Dupont, art. cit., p. 5", "op-cit", "Dupont"),
    ("Meier, a. a. O., S. 12", "op-cit", "Meier"),
    ("Иванов, Указ. соч. С. 5", "op-cit", "Иванов"),
    ("Шевчук, Зазнач. праця, с. 5", "op-cit", "Шевчук"),
    ("Smith, *op. cit.*, 12", "op-cit", "Smith"),
]


@pytest.mark.parametrize(("text", "kind", "name"), NAMED_FORMS)
def test_a_mark_after_a_name_is_found_with_the_name(text: str, kind: str, name: str) -> None:
    reference = find_reference(text)
    assert reference is not None and (reference.kind, reference.name) == (kind, name)


@pytest.mark.parametrize(
    "text",
    ["『同上海合作组织』2024年", "上海合作组织", "Ibidi, 4", "同じ", "*Ibid and Other Stories*, 5"],
)
def test_other_notes_are_not_back_references(text: str) -> None:
    assert not is_backref(text)


@pytest.mark.parametrize("mark", ["同前", "同右", "上掲書", "Там же"])
def test_a_repeated_back_reference_is_not_a_repeated_note(mark: str) -> None:
    document = notes("『本』1頁。", f"{mark}、2頁。", f"{mark}、2頁。")
    assert repeated_note_problems(document) == []
