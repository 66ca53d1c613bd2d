"""The document benchmark: its soft-match scorer on fixed examples, its data, its pipeline."""

from __future__ import annotations

import json
import shutil

import pytest

from benchmarks.softmatch import Tally, field_matches, soft

pytest.importorskip("citeproc")

from benchmarks import document_accuracy
from training.items import LANGUAGES, vocabulary
from training.render import STYLES_DIR

needs_styles = pytest.mark.skipif(not STYLES_DIR.is_dir(), reason="CSL styles not present")
needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc not installed")


def test_soft_ignores_case_punctuation_space_and_emphasis():
    assert soft("*Journal of Asian Studies*,") == soft("journal of  asian studies")
    assert soft("「故郷」という物語") == soft("故郷という物語")
    assert soft("Tea") != soft("Coffee")


def test_names_match_by_family_name_and_whole_cjk_names():
    gold = [{"family": "Dower", "given": "John W."}]
    assert field_matches("author", gold, [{"family": "Dower", "given": "J."}])
    assert not field_matches("author", gold, [{"family": "John", "given": "Dower W."}])
    assert field_matches("author", [{"family": "丸山眞男"}], [{"family": "丸山", "given": "眞男"}])
    assert field_matches("author", [{"family": "de la Cuadra", "given": "Bonifacio"}],
                         [{"family": "Cuadra", "given": "Bonifacio", "non-dropping-particle":
                           "de la"}])
    assert not field_matches("author", gold, [{"family": "Dower"}, {"family": "Smith"}])


def test_dates_pages_and_dois_match_softly():
    assert field_matches("issued", {"date-parts": [[1994, 5]]}, {"date-parts": [[1994, 5, 1]]})
    assert not field_matches("issued", {"date-parts": [[1994, 5]]}, {"date-parts": [[1994]]})
    assert field_matches("issued", {"date-parts": [[1994]]}, {"raw": "May 1994"})
    assert field_matches("page", "123-145", "123–45")
    assert field_matches("locator", "112-14", "112–114")
    assert not field_matches("page", "123-145", "123")
    assert field_matches("DOI", "10.2307/2059838", "https://doi.org/10.2307/2059838")


def test_tally_on_a_fixed_example():
    gold = {"author": [{"family": "Garon", "given": "Sheldon"}], "title": "Rethinking Modernity",
            "container-title": "Journal of Asian Studies", "volume": "53",
            "DOI": "10.2307/2059838"}
    parsed = {"author": [{"family": "Garon", "given": "S."}], "title": "Rethinking modernity.",
              "container-title": "Journal of Asian Studies 53", "publisher": "Invented",
              "URL": "https://doi.org/10.2307/2059838"}
    tally = Tally()
    wrong = tally.add(gold, parsed)
    # author, title and the DOI (given as its resolver link) right; container-title wrong;
    # volume missed; publisher not in the gold.
    assert sum(tally.true_positive.values()) == 3
    assert sum(tally.false_positive.values()) == 2
    assert sum(tally.false_negative.values()) == 2
    assert wrong == ["container-title", "publisher", "volume"]
    assert tally.precision() == pytest.approx(3 / 5)
    assert tally.recall() == pytest.approx(3 / 5)
    assert tally.f1() == pytest.approx(0.6)
    assert tally.f1("title") == 1.0 and tally.f1("volume") == 0.0


def test_nothing_found_counts_every_gold_field_missed():
    tally = Tally()
    tally.add({"title": "A", "issued": {"date-parts": [[2001]]}}, None)
    assert sum(tally.false_negative.values()) == 2 and tally.f1() == 0.0


def test_benchmark_items_are_not_from_the_generator_vocabulary():
    vocab_values: set[str] = set()
    for language in LANGUAGES:
        for values in vocabulary(language).values():
            if isinstance(values, list):
                for value in values:
                    vocab_values.update([value] if isinstance(value, str) else value)
    for entry in document_accuracy.load_entries():
        item = entry["item"]
        for name in ("title", "container-title", "publisher"):
            assert item.get(name) not in vocab_values, (item["id"], name)
        for person in item.get("author", []) + item.get("editor", []):
            assert person["family"] not in vocab_values, (item["id"], person)


@needs_styles
def test_every_entry_renders_as_a_chicago_note_with_printed_gold_fields():
    entries = document_accuracy.load_entries()
    notes = document_accuracy.render_notes(entries)
    assert len(notes) == len(entries) >= 36
    for note, entry in zip(notes, entries, strict=True):
        allowed = set(entry["item"]) | {"locator", "page"}
        assert set(note.fields) <= allowed
        assert "title" in note.fields, entry["item"]["id"]
        assert "[^" not in note.text


@needs_styles
def test_markdown_document_is_scored_note_by_note(tmp_path):
    notes = document_accuracy.render_notes(document_accuracy.load_entries()[:3])
    markdown = tmp_path / "manuscript.md"
    markdown.write_text(document_accuracy.manuscript(notes), encoding="utf-8")
    score = document_accuracy.score_document(markdown, notes, "markdown")
    assert score.error is None and score.notes_read == 3
    gold_fields = sum(len(note.fields) for note in notes)
    tally = score.tally
    assert sum(tally.true_positive.values()) + sum(tally.false_negative.values()) == gold_fields
    assert 0.0 <= tally.f1() <= 1.0


@needs_styles
@needs_pandoc
def test_every_format_is_converted_read_and_scored(tmp_path):
    notes = document_accuracy.render_notes(document_accuracy.load_entries()[:4])
    scores = document_accuracy.run(notes, tmp_path)
    assert [score.name for score in scores] == list(document_accuracy.FORMATS)
    for score in scores:
        assert score.error is None, score.error
        assert score.notes_read == 4, score.name
    lines = document_accuracy.table(scores, len(notes))
    assert len(lines) == 2 + len(scores)


@needs_styles
def test_cli_reports_without_touching_results(tmp_path, capsys, monkeypatch):
    if shutil.which("pandoc") is None:
        monkeypatch.setattr(document_accuracy, "FORMATS", ("markdown",))
    assert document_accuracy.main(["--no-write", "--keep", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "| markdown |" in out
    assert json.loads(json.dumps(out))  # printable text
