"""What the tagger's token cache keeps, and how little a kept word costs."""

from __future__ import annotations

from citecheck.citations.tagger import MODEL_PATH
from citecheck.citations.tagger.features import CACHED_LENGTH, Features
from citecheck.citations.tagger.model_file import attribute_names
from citecheck.citations.tagger.tokens import tokenize


def test_a_long_token_is_read_but_not_kept() -> None:
    features = Features(attribute_names(MODEL_PATH))
    link = "https://example.org/a/long/path/that/nobody/cites/twice?page=12"
    assert len(link) > CACHED_LENGTH
    tokens = tokenize(f"Smith, J. Title. {link}")
    assert [token.text for token in tokens][-1] == link
    assert len(features(tokens)) == len(tokens)
    kept = len(features._cached)
    assert kept == len({token.text for token in tokens}) - 1


def test_kept_words_share_the_models_features_not_copies() -> None:
    known = attribute_names(MODEL_PATH)
    features = Features(known)
    first, second = features._cached["Smithson"], features._cached["Jonesbury"]
    # unknown words of one shape lend their neighbours one and the same tuple
    assert first.as_left1 == second.as_left1 == (b"-1:shape=Xx",)
    assert first.as_left1 is second.as_left1
    shape = next(feature for feature in first.own if feature.startswith(b"shape="))
    assert shape is next(feature for feature in second.own if feature.startswith(b"shape="))
