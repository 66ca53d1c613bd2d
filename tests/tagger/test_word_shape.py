"""The shortcuts of a token's own features give what their plain definitions give."""

from __future__ import annotations

import random
import string

from citecheck.citations.tagger.features import _shape, _shape_by_character
from citecheck.citations.tagger.lexicons import LEXICONS, classes_of
from citecheck.citations.tagger.tokens import tokenize
from training import sources


def _real_tokens() -> set[str]:
    texts = [example.text for example in sources.load("anystyle-core")]
    texts += [example.text for example in sources.load("seed")]
    return {token.text for text in texts for token in tokenize(text)}


def test_an_ascii_shape_is_the_shape_character_by_character() -> None:
    chooser = random.Random(20261204)
    alphabet = string.ascii_letters + string.digits + string.punctuation
    made = {"".join(chooser.choices(alphabet, k=chooser.randint(1, 30))) for _ in range(5000)}
    texts = [text for text in _real_tokens() | made if text.isascii() and not text.isdigit()]
    assert len(texts) > 8000
    for text in texts:
        assert _shape(text) == _shape_by_character(text), text
    assert _shape("R17292") == "Xd" and _shape("--..") == "-." and _shape("O'Brien") == "X'Xx"


def test_a_words_classes_are_the_lists_it_is_in_in_their_order() -> None:
    words = {word for words in LEXICONS.values() for word in words} | _real_tokens()
    for word in words:
        lower = word.lower()
        assert classes_of(lower) == tuple(n for n, ws in LEXICONS.items() if lower in ws), word
    assert classes_of("ed") == ("editor", "edition")
