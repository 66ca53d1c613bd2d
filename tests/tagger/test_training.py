"""The training script end to end on a few strings (seconds), so it cannot rot."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.citations.tagger import LABELS, Tagger
from training.corpora import SHARED
from training.examples import Example, from_segments, token_labels
from training.train_fields import main, train

APA = [
    ("author", "Smith, J."),
    (None, "("),
    ("issued", "2019"),
    (None, ")."),
    ("title", "Title of work"),
    (None, "."),
    ("publisher", "Publisher"),
    (None, "."),
]
ARTICLE = [
    ("author", "Doe, A."),
    (None, "("),
    ("issued", "2007"),
    (None, ")."),
    ("title", "A study of things"),
    (None, "."),
    ("container-title", "Journal of Things"),
    (None, ","),
    ("volume", "41"),
    (None, ","),
    ("page", "41–54"),
    (None, "."),
]


def _examples() -> list[Example]:
    """Strings whose hash keeps them out of the held-back split (it is never trained on)."""
    found = []
    for index in range(200):
        for segments in (APA, ARTICLE):
            renamed = [
                (label, f"{text}{index}" if label == "title" else text) for label, text in segments
            ]
            example = from_segments("test", renamed, separator=" ")
            if not example.held_back:
                found.append(example)
    return found[:40]


def test_a_tiny_model_learns_its_training_strings(tmp_path: Path) -> None:
    model = tmp_path / "tiny.crfsuite"
    examples = _examples()
    assert train(examples, model, iterations=30) == len(examples)
    tagger = Tagger(model)
    right = total = 0
    for example in examples:
        tokens, gold = token_labels(example)
        predicted = tagger.labels(tokens)
        assert set(predicted) <= set(LABELS)
        right += sum(a == b for a, b in zip(predicted, gold, strict=True))
        total += len(gold)
    assert right / total > 0.95
    segments = tagger.tag("Roe, B. (2001). Another title. Press.")
    assert [s.label for s in segments if s.label != "other"][:2] == ["author", "issued"]


def test_held_back_strings_are_never_trained_on(tmp_path: Path) -> None:
    strings = [from_segments("t", [*APA[:5], (None, f" {i}")]) for i in range(60)]
    held = [e for e in strings if e.held_back]
    assert 0 < len(held) < 30, "about 15 % of the strings are held back"
    assert train(strings, tmp_path / "m.crfsuite", iterations=2) == len(strings) - len(held)
    # the split is a function of the string alone: the same every run
    assert [e.held_back for e in strings] == [
        from_segments("other corpus", [(None, e.text)]).held_back for e in strings
    ]


@pytest.mark.skipif(not (SHARED / "anystyle" / "core.xml").is_file(), reason="no corpora")
def test_the_training_command_writes_a_model(tmp_path: Path, capsys) -> None:
    out = tmp_path / "model.crfsuite"
    argv = [
        "--out",
        str(out),
        "--limit",
        "30",
        "--iterations",
        "5",
        "--corpora",
        "anystyle-core",
        "grobid",
    ]
    assert main(argv) == 0
    assert out.stat().st_size > 0
    assert "trained on" in capsys.readouterr().out
