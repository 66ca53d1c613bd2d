"""The learned citation-field tagger: a linear-chain CRF over tokens.

`tag(text)` labels each token of one citation (see `labels.LABELS`) and returns the runs
of one label as `Segment`s. The model ships in `citecheck/data/fields.crfsuite` (trained
by `training/train_fields.py`; licences in `citecheck/data/NOTICE-fields.txt`) and is
loaded the first time a citation needs it, once per process, under a lock.

The labels are scored by `_crf`, a small C extension built at install (`setup.py`;
`compiled.py` drives it) that holds the model's weights in arrays and works out each
token's features as the model's attribute ids: python-crfsuite's string interface (one
lookup in the model's dictionary per attribute, ~570 a note) and building the feature lists
cost more than the rest of the tagging. Its labels are python-crfsuite's, bit for bit (the
same features, the same sums in the same order). Where the extension is not built (no C
compiler), or with `CITECHECK_PURE_TAGGER=1` in the environment (`native`), python-crfsuite
scores the features of `features.py` as before.
"""

from __future__ import annotations

import threading
from itertools import compress
from operator import ne
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from citecheck.citations.tagger.features import Features
from citecheck.citations.tagger.labels import LABELS
from citecheck.citations.tagger.model_file import attribute_names, read_model
from citecheck.citations.tagger.native import _crf, compiled_available
from citecheck.citations.tagger.tokens import Token, tokenize

if TYPE_CHECKING:
    from citecheck.citations.tagger.compiled import CompiledTagger


__all__ = [
    "LABELS",
    "MODEL_PATH",
    "Segment",
    "Tagger",
    "compiled_available",
    "tag",
    "tag_tokens",
]

MODEL_PATH = Path(__file__).resolve().parent.parent.parent / "data" / "fields.crfsuite"


class Segment(NamedTuple):
    """A run of tokens with one label: `text` is `source[start:end]`."""

    label: str
    text: str
    start: int
    end: int


class Tagger:
    """One loaded model, scored by the compiled scorer (`compiled`, by default when it is
    available) or by python-crfsuite, whose tagger is not thread-safe: one per thread."""

    def __init__(self, path: Path = MODEL_PATH, compiled: bool | None = None) -> None:
        self.path = path
        self.compiled = compiled_available() if compiled is None else compiled
        if self.compiled and _crf is None:
            raise ImportError("the compiled citation tagger is not built (see setup.py)")
        self._local = threading.local()
        self._lock = threading.Lock()
        self._compiled_tagger: CompiledTagger | None = None
        #: every feature until the model is opened, then only those it has weights for
        self._features = Features()

    def _check_model(self) -> None:
        if not self.path.is_file():
            raise FileNotFoundError(f"citation tagger model missing: {self.path}")

    def _compiled(self) -> CompiledTagger:
        compiled = self._compiled_tagger
        if compiled is None:
            with self._lock:
                if self._compiled_tagger is None:
                    self._check_model()
                    from citecheck.citations.tagger.compiled import CompiledTagger

                    self._compiled_tagger = CompiledTagger(read_model(self.path))
                compiled = self._compiled_tagger
        return compiled

    def _pycrfsuite(self):  # -> pycrfsuite.Tagger
        crf = getattr(self._local, "crf", None)
        if crf is None:
            import pycrfsuite

            with self._lock:
                self._check_model()
                if self._features.known is None:
                    self._features = Features(attribute_names(self.path))
                crf = pycrfsuite.Tagger()
                crf.open(str(self.path))
            self._local.crf = crf
        return crf

    def labels(self, tokens: list[Token]) -> list[str]:
        if not tokens:
            return []
        if self.compiled:
            return self._compiled().labels(tokens)
        return self._pycrfsuite().tag(self._features(tokens))

    def tag(self, text: str) -> list[Segment]:
        tokens = tokenize(text)
        return segments(text, tokens, self.labels(tokens))


def segments(text: str, tokens: list[Token], labels: list[str]) -> list[Segment]:
    """Runs of one label (an `other` token between two tokens of a label splits them)."""
    count = len(tokens)
    if not count:
        return []
    # where each run starts: the tokens whose label is not the one before's (found at C speed)
    firsts = [0, *compress(range(1, count), map(ne, labels[1:], labels[:-1]))]
    found: list[Segment] = []
    for first, after in zip(firsts, [*firsts[1:], count], strict=True):
        start, end = tokens[first].start, tokens[after - 1].end
        found.append(Segment(labels[first], text[start:end], start, end))
    return found


_default: Tagger | None = None
_default_lock = threading.Lock()


def default_tagger() -> Tagger:
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Tagger()
    return _default


def tag(text: str) -> list[Segment]:
    """Label one citation's text with the shipped model."""
    return default_tagger().tag(text)


def tag_tokens(tokens: list[Token]) -> list[str]:
    """One label per token, with the shipped model."""
    return default_tagger().labels(tokens)
