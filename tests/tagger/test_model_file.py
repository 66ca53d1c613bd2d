"""The model's attribute names read from its file, and the features kept for it."""

from __future__ import annotations

from pathlib import Path

import pycrfsuite
import pytest

from citecheck.citations.tagger import MODEL_PATH
from citecheck.citations.tagger.features import Features, sequence_features
from citecheck.citations.tagger.model_file import attribute_names
from citecheck.citations.tagger.tokens import tokenize

TEXTS = [
    "Smith, J. (2019). Title of work. Publisher.",
    "Doe, A., & Roe, B. (2007). A study of things. *Journal of Things*, 41(2), 41–54. "
    "https://doi.org/10.1000/xyz123",
    "増田雅之「中国の安全保障」『東亜』第696号（2025年6月）、12-19頁。",
    "J. Smith and A. Doe, “Chapter,” in *Book*, ed. C. Roe (New York: Norton, 1999), 3–9.",
]


def test_the_names_are_those_the_model_weighs() -> None:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))
    weighed = {attribute.encode() for attribute, _label in tagger.info().state_features}
    assert attribute_names(MODEL_PATH) == weighed


def test_features_the_model_lacks_are_left_out_and_the_labels_kept() -> None:
    known = attribute_names(MODEL_PATH)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))
    left_out = 0
    for text in TEXTS:
        tokens = tokenize(text)
        every, kept = sequence_features(tokens), Features(known)(tokens)
        for all_of_one, kept_of_one in zip(every, kept, strict=True):
            assert kept_of_one == [feature for feature in all_of_one if feature in known]
            left_out += len(all_of_one) - len(kept_of_one)
        assert tagger.tag(kept) == tagger.tag(every)
    assert left_out > 0


def test_a_file_that_is_no_model_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.crfsuite"
    path.write_bytes(b"not a model at all, just some bytes" * 4)
    with pytest.raises(ValueError, match="unreadable"):
        attribute_names(path)
