"""The compiled tokenizer (`_crf.plain_tokens`) gives the tokens `PLAIN_TOKEN` matches."""

from __future__ import annotations

import importlib.util
import random
import sys

import pytest

from citecheck.citations.tagger.tokens import Token, plain_tokens, tokenize
from training import sources

NOT_BUILT = importlib.util.find_spec("citecheck.citations.tagger._crf") is None
pytestmark = pytest.mark.skipif(NOT_BUILT, reason="the compiled tagger is not built")

#: Characters at the edges of the pattern's classes: apostrophes, `_`, digits that are
#: no decimals (`²`, `½`), other scripts' decimals (`٣`), the CJK, kana, hangul and
#: full-width ranges and their neighbours, spaces of every kind, marks and astral letters.
EDGES = (
    "aZé'’_-.,;:()[]「」*²½٣४१ⅫΩжЖ"
    "\u2e7f\u2e80\u3040\u3041\u309f\u30a0\u30ff\u3100\u3130\u318f\u3190\u31ef\u31f0\u31ff"
    "\u3400\u9fff\ua000\uabff\uac00\ud7af\ud7b0\uf8ff\uf900\ufaff\ufb00\ufeff\uff00\uff21"
    "\uffef\ufff0\u10ff\u1100\u11ff\u1200\u0301\u200b\u00a0\u2003\u3000\t\n\x1c "
    "\U0001d400\U00020000\U0001f600"
)


def _compiled(text: str) -> list[Token]:
    from citecheck.citations.tagger._crf import plain_tokens as compiled

    return compiled(text, Token)


def _random_texts(count: int) -> list[str]:
    chooser = random.Random(20261204)
    texts = []
    for _ in range(count):
        pool = EDGES + "".join(chr(chooser.randrange(0x110000)) for _ in range(8))
        pool = "".join(char for char in pool if not 0xD800 <= ord(char) <= 0xDFFF)
        texts.append("".join(chooser.choices(pool, k=chooser.randint(0, 40))))
    return texts


def test_the_compiled_tokens_are_the_patterns_on_real_and_random_texts() -> None:
    texts = [example.text for example in sources.load("anystyle-core")]
    texts += [example.text for example in sources.load("seed")]
    texts += [example.text for example in sources.load("synthetic", 250)]
    texts += _random_texts(20000)
    for text in texts:
        tokens = _compiled(text)
        assert tokens == plain_tokens(text), text
        assert all(type(token) is Token for token in tokens)
    assert sum(len(_compiled(text)) for text in texts) > 100000


def test_every_character_alone_and_beside_a_letter_is_tokenized_as_the_pattern_does() -> None:
    for code in range(0, sys.maxunicode + 1, 7):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        for text in (char, f"a{char}b", f"1{char}", f"x'{char}", f"{char}{char}"):
            assert _compiled(text) == plain_tokens(text), hex(code)


def test_plain_text_is_tokenized_by_the_compiled_tokenizer_where_built() -> None:
    from citecheck.citations.tagger import tokens

    assert tokens._compiled_plain_tokens is not None
    text = "Smith J, l’État, 東京 かな 한국 1996."
    assert tokenize(text) == plain_tokens(text)
    with pytest.raises(TypeError, match="tuple type"):
        tokens._compiled_plain_tokens(text, list)
