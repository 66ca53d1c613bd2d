"""The compiled path of the tagger: features and scores worked out in `_crf` (C).

Each distinct token text becomes a `_crf.TokenType` once (the model's ids of what the text
gives, as `Features` keeps them, and small codes for what its context needs: which bracket
it opens or closes, whether it is a year, an initial, a full stop …); `_crf.Context` holds
the context features as ids; `_crf.Scorer` the weights. `Scorer.tag` then works out each
token's features as `features._sequence_features` does and scores them in one call.
Importing this module fails where the extension is not built.
"""

from __future__ import annotations

from operator import itemgetter

from citecheck.citations.tagger import _crf
from citecheck.citations.tagger.features import (
    CLOSERS,
    COMMA_MARKS,
    OPENERS,
    QUOTE_OPENERS,
    Features,
    TypeCache,
    token_type,
)
from citecheck.citations.tagger.model_file import Model
from citecheck.citations.tagger.tokens import Token

#: the code `_crf` knows each opening bracket by (0 is none)
OPENER_CODES = {opener: code for code, opener in enumerate(OPENERS, 1)}
#: the flags of `_crf.TokenType` (as in _crf.c)
IS_YEAR, IS_INITIAL, IS_IN_WORD, IS_STRAIGHT, IS_PERIOD, IS_COMMA = (1 << bit for bit in range(6))


def _context(features: Features) -> _crf.Context:
    context, known = features.context, features.known
    assert known is not None
    return _crf.Context(
        positions=context.positions,
        periods=context.periods,
        commas=context.commas,
        depths=context.depths,
        inside=(context.in_other, *(context.inside.get(o, context.in_other) for o in OPENERS)),
        quote=(False, *(opener in QUOTE_OPENERS for opener in OPENERS)),
        in_other=context.in_other,
        in_quote=context.in_quote,
        emph=context.emph,
        after_year=context.after_year,
        after_quote=context.after_quote,
        after_in=context.after_in,
        bos=context.bos,
        eos=context.eos,
        emph_change_left=context.emph_change_left,
        emph_change_right=context.emph_change_right,
        straight_is_quote='"' in QUOTE_OPENERS,
        left_double=OPENER_CODES["“"],
        low_double=OPENER_CODES["„"],
        known=dict(known),
    )


class CompiledTagger:
    """One model's weights and features in C; thread-safe (each call holds the GIL)."""

    def __init__(self, model: Model) -> None:
        self._features = Features(model.attributes)
        self._context = _context(self._features)
        self._scorer = _crf.Scorer(
            model.labels,
            model.state_offsets,
            model.state_labels,
            model.state_weights,
            model.transitions,
        )
        self._cached = TypeCache(self._type)

    def _type(self, text: str) -> _crf.TokenType:
        full = token_type(text)
        flags = (
            IS_YEAR * full.is_year
            | IS_INITIAL * full.is_initial
            | IS_IN_WORD * full.is_in_word
            | IS_STRAIGHT * (text == '"')
            | IS_PERIOD * (text == ".")
            | IS_COMMA * (text in COMMA_MARKS)
        )
        opener = CLOSERS.get(text)
        return _crf.TokenType(
            *self._features.kept(full),
            full.bigram_left,
            full.lower,
            OPENER_CODES.get(text, 0),
            OPENER_CODES[opener] if opener else 0,
            flags,
        )

    def features(self, tokens: list[Token]) -> list[list[int]]:
        """Each token's feature ids, as `Features(model.attributes)(tokens)` gives them."""
        types = self._cached.types(tokens)
        return self._context.features(types, list(map(_EMPHASIS, tokens)))

    def labels(self, tokens: list[Token]) -> list[str]:
        types = self._cached.types(tokens)
        return self._scorer.tag(self._context, types, list(map(_EMPHASIS, tokens)))


_EMPHASIS = itemgetter(3)  # whether a `Token` is emphasised
