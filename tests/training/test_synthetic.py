"""The synthetic citation generator: deterministic, every example round-trips, known labels."""

from __future__ import annotations

import json
from collections import Counter

import pytest

pytest.importorskip("citeproc")

from training.render import (
    LABELS,
    POSITIONS,
    STYLES_DIR,
    RenderError,
    render,
    segments_of,
)

if not STYLES_DIR.is_dir():
    pytest.skip(f"CSL styles not present at {STYLES_DIR}", allow_module_level=True)

from training.synthetic import iter_examples, main

CHICAGO = "chicago-notes-bibliography-17th-edition"

ARTICLE = {
    "id": "article", "type": "article-journal", "language": "en",
    "title": "Tea and Empire", "container-title": "Journal of Imperial History",
    "volume": "12", "issue": "3", "page": "101-125", "issued": {"date-parts": [[2001, 5]]},
    "author": [{"family": "Hargreaves", "given": "Margaret A."}],
}


@pytest.fixture(scope="module")
def examples() -> list[dict]:
    return list(iter_examples(80, seed=7))


def test_same_seed_same_examples(examples):
    assert list(iter_examples(80, seed=7)) == examples


def test_other_seed_other_examples(examples):
    assert list(iter_examples(20, seed=8)) != examples[:20]


def test_every_example_is_labelled_from_the_label_set(examples):
    for example in examples:
        labels = {label for label, _text in example["segments"]}
        assert labels <= set(LABELS) | {None}
        assert labels - {None}, example


def test_examples_have_the_documented_shape(examples):
    for example in examples:
        assert set(example) == {"style", "language", "locale", "kind", "position", "segments"}
        assert example["kind"] in ("note", "reference")
        assert (example["position"] in POSITIONS) == (example["kind"] == "note")
        assert all(text for _label, text in example["segments"])
        assert not any(char in "\ue000\ue0ff" for _l, text in example["segments"] for char in text)


def test_generator_covers_kinds_languages_and_types(examples):
    kinds = Counter(example["kind"] for example in examples)
    languages = {example["language"] for example in examples}
    assert kinds["note"] > 20 and kinds["reference"] > 20
    assert languages == {"en", "de", "fr", "es", "ru", "uk", "ja", "ko", "zh-CN", "zh-TW"}


def test_segments_round_trip_to_the_clean_rendering():
    rendered = render(CHICAGO, "en-US", ARTICLE, "note", "110")
    assert "".join(text for _label, text in rendered.segments) == rendered.text
    # Full given names (initialize="false") and the comma inside the quotes (en-US).
    assert rendered.text == (
        "Margaret A. Hargreaves, “Tea and Empire,” *Journal of Imperial History* 12, no. 3 "
        "(May 2001): 110."
    )


def test_chicago_note_spans_hold_values_only():
    segments = dict((label, text) for label, text in
                    render(CHICAGO, "en-US", ARTICLE, "note", "110").segments if label)
    assert segments == {
        "author": "Margaret A. Hargreaves", "title": "Tea and Empire",
        "container-title": "Journal of Imperial History", "volume": "12", "issue": "3",
        "issued": "May 2001", "locator": "110",
    }


def test_italics_and_page_labels_stay_outside_spans():
    segments = render("ieee", "en-US", ARTICLE, "reference").segments
    index = [label for label, _text in segments].index("container-title")
    assert segments[index - 1][1].endswith("*") and segments[index + 1][1].startswith("*")
    page = [label for label, _text in segments].index("page")
    assert segments[page] == ("page", "101–125")
    assert segments[page - 1][1].endswith("pp. ")


def test_later_notes_use_the_short_form():
    later = render(CHICAGO, "en-US", ARTICLE, "note", "111", "subsequent")
    assert later.text == "Hargreaves, “Tea and Empire,” 111."
    ibid = render("oscola", "en-GB", ARTICLE, "note", "112", "ibid")
    assert ibid.segments == [(None, "ibid "), ("locator", "112"), (None, ".")]


def test_a_signal_before_a_note_is_connective_text():
    segments = render(CHICAGO, "en-US", ARTICLE, "note", "110", prefix="Cf. ").segments
    assert segments[:2] == [(None, "Cf. "), ("author", "Margaret A. Hargreaves")]


def test_a_variable_standing_in_for_the_author_is_printed_once():
    page = {"id": "page", "type": "webpage", "language": "en", "title": "A Page",
            "container-title": "Example Site", "URL": "https://example.org/a",
            "accessed": {"date-parts": [[2020, 1, 2]]}}
    rendered = render("chicago-author-date", "en-US", page, "reference")
    assert rendered.text == ("Example Site. n.d. “A Page.” Accessed January 2, 2020. "
                             "https://example.org/a.")


def test_a_name_ending_in_a_full_stop_keeps_the_seam_rule():
    # "Smith, J." followed by the style's "." must not print "J..", with or without labels.
    item = dict(ARTICLE, author=[{"family": "Smith", "given": "J."}])
    rendered = render("apa", "en-US", item, "reference")
    assert rendered.text.startswith("Smith, J. (2001).")
    assert rendered.segments[0] == ("author", "Smith, J.")


def test_unbalanced_sentinels_are_refused():
    with pytest.raises(RenderError):
        segments_of("\ue003Title")


def test_cli_writes_json_lines(tmp_path, capsys):
    out = tmp_path / "synthetic.jsonl"
    assert main(["--count", "5", "--seed", "3", "--out", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines == list(iter_examples(5, seed=3))
    assert "wrote 5 examples" in capsys.readouterr().err


def test_cli_does_not_overwrite_without_force(tmp_path, capsys):
    out = tmp_path / "synthetic.jsonl"
    out.write_text("keep me", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["--count", "1", "--out", str(out)])
    assert exit_info.value.code != 0
    assert out.read_text(encoding="utf-8") == "keep me"
    assert "exists" in capsys.readouterr().err
