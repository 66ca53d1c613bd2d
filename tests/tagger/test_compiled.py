"""The compiled scorer: the model's weights as read from its file, and the same labels as
python-crfsuite's on real citations."""

from __future__ import annotations

import functools
import importlib.util
import os
import random
import subprocess
import sys
from pathlib import Path

import pycrfsuite
import pytest

from citecheck.citations.tagger import MODEL_PATH, Tagger
from citecheck.citations.tagger.features import ABSENT, CLOSERS, OPENERS, Features
from citecheck.citations.tagger.model_file import attribute_ids, read_model
from citecheck.citations.tagger.tokens import tokenize
from training import sources

#: the tests below pick the compiled path themselves: only an unbuilt one skips them
NOT_BUILT = importlib.util.find_spec("citecheck.citations.tagger._crf") is None
built = pytest.mark.skipif(NOT_BUILT, reason="the compiled tagger is not built")


@pytest.fixture(scope="module")
def model():
    return read_model(MODEL_PATH)


@pytest.fixture(scope="module")
def info():
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))
    return tagger.info()


def test_the_reader_finds_the_models_labels_and_attributes(model, info) -> None:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))
    assert list(model.labels) == tagger.labels()
    assert model.attributes == attribute_ids(MODEL_PATH)
    assert {name.decode() for name in model.attributes} == {a for a, _ in info.state_features}
    assert sorted(model.attributes.values()) == list(range(len(model.attributes)))


def test_the_reader_gives_every_weight_the_dump_shows(model, info) -> None:
    names = {ident: name.decode() for name, ident in model.attributes.items()}
    read: dict[tuple[str, str], float] = {}
    for ident, name in names.items():
        for at in range(model.state_offsets[ident], model.state_offsets[ident + 1]):
            read[name, model.labels[model.state_labels[at]]] = model.state_weights[at]
    assert read.keys() == info.state_features.keys()
    # the dump prints six decimals
    assert all(abs(read[key] - weight) < 5e-7 for key, weight in info.state_features.items())
    count = len(model.labels)
    transitions = {
        (model.labels[source], model.labels[target]): model.transitions[source * count + target]
        for source in range(count)
        for target in range(count)
        if model.transitions[source * count + target]
    }
    assert transitions.keys() == info.transitions.keys()
    assert all(abs(transitions[key] - weight) < 5e-7 for key, weight in info.transitions.items())


@functools.cache
def _real_texts() -> list[str]:
    texts = [example.text for example in sources.load("anystyle-core")]
    texts += [example.text for example in sources.load("grobid", 1500)]
    texts += [example.text for example in sources.load("seed")]
    texts += [example.text for example in sources.load("synthetic", 250)]
    return texts


@built
def test_the_compiled_labels_are_pycrfsuites_on_real_citations() -> None:
    compiled, pure = Tagger(compiled=True), Tagger(compiled=False)
    texts = _real_texts()
    differing = [
        text for text in texts if compiled.labels(tokenize(text)) != pure.labels(tokenize(text))
    ]
    assert len(texts) > 3000
    assert differing == []


@built
def test_features_as_ids_are_the_names_the_model_knows() -> None:
    ids = attribute_ids(MODEL_PATH)
    by_id, by_name = Features(ids), Features(frozenset(ids))
    for text in ["Smith, J. (2019). “A Title,” *Journal* 4 (2): 1–9.", "増田「題」『誌』第6号。"]:
        tokens = tokenize(text)
        named = by_name(tokens)
        assert [[ident for ident in one if ident != ABSENT] for one in by_id(tokens)] == [
            [ids[name] for name in one if name in ids] for one in named
        ]


#: Tokens that move the context: every bracket, straight and low quotes, full stops after
#: initials or not, commas of three scripts, years, `In`, and words the model lacks.
TRICKY = [*OPENERS, *CLOSERS, '"', ".", ",", "，", "、", "J", "In", "in", "1999", "2019", "12"]
TRICKY += ["Smith", "Journal", "東", "題", "Zyxwvut", "http://example.org/a", ":", "–", "*"]


def _tricky_sequences(count: int) -> list[str]:
    chooser = random.Random(20261204)
    return [" ".join(chooser.choices(TRICKY, k=chooser.randint(1, 40))) for _ in range(count)]


@built
def test_the_compiled_context_features_are_the_definitions() -> None:
    """`_crf` works out each token's features as `_sequence_features` does: the same ids
    in the same order, on real citations and on random runs of brackets and quotes."""
    from citecheck.citations.tagger.compiled import CompiledTagger

    model = read_model(MODEL_PATH)
    compiled, definition = CompiledTagger(model), Features(model.attributes)
    texts = _tricky_sequences(3000) + _real_texts()[::3]
    for text in texts:
        tokens = tokenize(text)
        assert compiled.features(tokens) == definition(tokens), text
    assert len(texts) > 4000


@built
def test_the_compiled_labels_on_random_bracket_runs_are_pycrfsuites() -> None:
    compiled, pure = Tagger(compiled=True), Tagger(compiled=False)
    for text in _tricky_sequences(500):
        tokens = tokenize(text)
        assert compiled.labels(tokens) == pure.labels(tokens), text


@built
def test_the_compiled_pieces_refuse_what_does_not_fit(model) -> None:
    from citecheck.citations.tagger import _crf
    from citecheck.citations.tagger.compiled import CompiledTagger

    tagger = CompiledTagger(model)
    with pytest.raises(TypeError, match="TokenType"):
        tagger._scorer.tag(tagger._context, ["w=smith"], [False])
    with pytest.raises(ValueError, match="one emphasis flag per token"):
        tagger._scorer.tag(tagger._context, tagger._cached.types(tokenize("Smith 2019")), [False])
    beyond = _crf.TokenType((len(model.attributes),), (), (), (), (), b"-1|0=x|", b"x", 0, 0, 0)
    with pytest.raises(ValueError, match="not in the model"):
        tagger._scorer.tag(tagger._context, [beyond], [False])
    with pytest.raises(ValueError, match="do not fit"):
        _crf.Scorer(model.labels[:3], model.state_offsets, model.state_labels,
                    model.state_weights, model.transitions)  # fmt: skip


@pytest.mark.parametrize("compiled", [True, False])
def test_a_missing_or_bad_model_is_a_clear_error(tmp_path: Path, compiled: bool) -> None:
    if compiled and NOT_BUILT:
        pytest.skip("the compiled tagger is not built")
    tokens = tokenize("Smith 2019")
    with pytest.raises(FileNotFoundError, match="model missing"):
        Tagger(tmp_path / "absent.crfsuite", compiled=compiled).labels(tokens)
    bad = tmp_path / "bad.crfsuite"
    bad.write_bytes(b"not a model at all, just some bytes" * 4)
    with pytest.raises(ValueError, match="unreadable"):
        Tagger(bad, compiled=compiled).labels(tokens)
    cut = tmp_path / "cut.crfsuite"
    cut.write_bytes(MODEL_PATH.read_bytes()[:200_000])
    with pytest.raises(ValueError, match="unreadable"):
        read_model(cut)


def test_the_environment_turns_the_compiled_scorer_and_tokenizer_off() -> None:
    code = (
        "from citecheck.citations.tagger import Tagger, tag, tokens\n"
        "tagger = Tagger()\n"
        "assert tokens._compiled_plain_tokens is None\n"
        "print(tagger.compiled, [s.label for s in tagger.tag('Smith, J. (2019). Title.')])\n"
    )
    env = {**os.environ, "CITECHECK_PURE_TAGGER": "1"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.startswith("False ['author'")
