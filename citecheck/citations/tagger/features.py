"""Tokens → CRF features: what a token looks like, where it sits, what surrounds it.

Per-token features that depend only on the token's text (word, shape, script, lexicon
classes, affixes) are computed once per distinct text and cached; the context features
(bracket kind and depth, emphasis, position, what came before, neighbours ±2) are added
per sequence. This module is their definition (the trainer's, and python-crfsuite's path);
the compiled scorer works out the same features in C (`compiled.py`, `_crf.c`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Set
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import TypeVar

from citecheck.citations.tagger.lexicons import classes_of
from citecheck.citations.tagger.tokens import Token

OPENERS = {
    "「": "」",
    "『": "』",
    "“": "”",
    "«": "»",
    "(": ")",
    "（": "）",
    "[": "]",
    "【": "】",
    "《": "》",
    "〈": "〉",
    "‘": "’",
    "„": "“",
}
CLOSERS = {closer: opener for opener, closer in OPENERS.items() if opener != "„"}
BRACKET_KIND = {
    "「": "kagi",
    "『": "dkagi",
    "“": "quote",
    "«": "guil",
    "(": "paren",
    "（": "paren",
    "[": "square",
    "【": "square",
    "《": "book",
    "〈": "book",
    "‘": "squote",
    "„": "quote",
    '"': "quote",
}
#: one feature: its name, or a model's id of it
Feature = bytes | int
T = TypeVar("T")

YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
ROMAN = re.compile(r"^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")


def _script(char: str) -> str:
    code = ord(char)
    if char.isdigit():
        return "digit"
    if 0x3040 <= code <= 0x30FF:
        return "kana"
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF:
        return "hangul"
    if 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF:
        return "han"
    if 0x0400 <= code <= 0x04FF:
        return "cyrillic"
    if char.isalpha():
        return "latin"
    return "punct"


#: An ASCII character's kind in `_shape` (itself, but for letters and digits).
_ASCII_KINDS = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "X" * 26 + "x" * 26 + "d" * 10,
)
#: The last character of each run of one character (in ASCII text each kind is one
#: character, so of each run of one kind): `findall` joined is the text, runs collapsed.
_RUN_END = re.compile(r"(.)(?!\1)", re.S)


def _shape(text: str) -> str:
    """`Smith` → `Xx`, `J` → `X`, `1996` → `dddd`, `R17292` → `Xd`, `「` → `「`."""
    if text.isdigit():
        return "d" * min(len(text), 5)
    if text.isascii():  # `_shape_by_character`, in two passes over the text at C speed
        return "".join(_RUN_END.findall(text.translate(_ASCII_KINDS)))[:8]
    return _shape_by_character(text)


def _shape_by_character(text: str) -> str:
    """`_shape` of a text that is not all digits, one character at a time."""
    out: list[str] = []
    for char in text:
        if char.isupper():
            kind = "X"
        elif char.islower():
            kind = "x"
        elif char.isdigit():
            kind = "d"
        elif char.isalpha():
            kind = _script(char)[0].upper() + "_"
        else:
            kind = char
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)[:8]


def _word_features(text: str) -> tuple[str, ...]:
    """The features of one token's text alone."""
    return _features_of(text, text.lower(), _shape(text))


def _features_of(text: str, lower: str, shape: str) -> tuple[str, ...]:
    """`_word_features(text)`, given the text lower-cased and its `_shape`."""
    first = text[0]
    script = _script(first)
    feats = [f"w={lower}", f"shape={shape}", f"script={script}", f"len={min(len(text), 8)}"]
    if script in ("latin", "cyrillic") and len(text) > 3:
        feats += [f"p3={lower[:3]}", f"s3={lower[-3:]}", f"s2={lower[-2:]}"]
    if text.isdecimal():
        number = int(text)
        if YEAR.match(text):
            feats.append("year")
        feats.append(f"num={'small' if number < 20 else 'mid' if number < 1000 else 'big'}")
    if text.istitle():
        feats.append("title_case")
    if text.isupper() and len(text) > 1 and text.isalpha():
        feats.append("all_caps")
    if len(text) == 1 and first.isupper():
        feats.append("initial")
    if ROMAN.match(text):
        feats.append("roman")
    if text.startswith(("http", "doi:")) or (text.startswith("10.") and "/" in text):
        feats.append(
            "doi" if "10." in text and ("doi" in lower or text.startswith("10.")) else "url"
        )
    if script == "punct":
        category = unicodedata.category(first)
        feats.append(f"punct={category}")
        if first in OPENERS:
            feats.append("open")
        if first in CLOSERS:
            feats.append("close")
        if first in "-‐–—":
            feats.append("dash")
    feats += [f"lex={name}" for name in classes_of(lower)]
    return tuple(feats)


#: `_word_features`, cached for the trainer and `training.examples`, which ask for the same
#: texts again and again; the tagger keeps its own cache (`Features`).
word_features = lru_cache(maxsize=65536)(_word_features)


#: What a token's text gives each sequence it is in, worked out once per distinct text:
#: its own features, and those it lends its neighbours (the word and its shape only, the
#: rest would bloat the model) at offsets -2, -1, +1 and +2. Features are UTF-8 bytes,
#: the form python-crfsuite hands to CRFsuite (a `str` would be encoded on every call),
#: or, kept for the compiled scorer, the model's ids of them (see `Features`).
@dataclass(frozen=True, slots=True)
class _TokenType:
    own: tuple[Feature, ...]
    as_left2: tuple[Feature, ...]
    as_left1: tuple[Feature, ...]
    as_right1: tuple[Feature, ...]
    as_right2: tuple[Feature, ...]
    #: the start of the pair feature `-1|0=LEFT|RIGHT` when this token is LEFT
    bigram_left: bytes
    #: the word, lower-cased: RIGHT in that pair feature
    lower: bytes
    is_year: bool
    is_initial: bool
    is_in_word: bool


def token_type(text: str) -> _TokenType:
    lower_text, shape_text = text.lower(), _shape(text)
    own = _features_of(text, lower_text, shape_text)
    lower, shape = lower_text.encode(), shape_text.encode()
    return _TokenType(
        tuple(feature.encode() for feature in own),
        (b"-2:w=" + lower, b"-2:shape=" + shape),
        (b"-1:w=" + lower, b"-1:shape=" + shape),
        (b"1:w=" + lower, b"1:shape=" + shape),
        (b"2:w=" + lower, b"2:shape=" + shape),
        b"-1|0=" + lower + b"|",
        lower,
        "year" in own,
        "initial" in own,
        "lex=in" in own and text[0].isupper(),
    )


#: Token types kept per `Features` (`TypeCache`): the distinct words of a long manuscript.
#: Tokens longer than `CACHED_LENGTH` (links, mostly) are not kept: nearly every one is
#: new, and each would hold its text three times.
CACHE_SIZE = 131072
CACHED_LENGTH = 24


class TypeCache(dict[str, T]):
    """Token texts → their types (`type_of(text)`), each worked out once: `types(tokens)`
    is one dictionary lookup a token, at C speed, and a call of `type_of` for a text not
    seen yet. Texts longer than `CACHED_LENGTH` are worked out anew each time; when
    `CACHE_SIZE` texts are kept, the cache starts again empty (a manuscript seldom has
    that many distinct words: a least-recently-used order costs more on every lookup)."""

    def __init__(self, type_of: Callable[[str], T]) -> None:
        super().__init__()
        self._type_of = type_of

    def __missing__(self, text: str) -> T:
        kind = self._type_of(text)
        if len(text) <= CACHED_LENGTH:
            if len(self) >= CACHE_SIZE:
                self.clear()
            self[text] = kind
        return kind

    def types(self, tokens: list[Token]) -> list[T]:
        """The type of each token's text."""
        return list(map(self.__getitem__, map(_TEXT, tokens)))


_TEXT = itemgetter(0)  # a `Token`'s text


_POSITIONS = tuple(f"pos={bucket}".encode() for bucket in range(10))
_PERIODS = tuple(f"periods={count}".encode() for count in range(5))
_COMMAS = tuple(f"commas={count}".encode() for count in range(5))
_DEPTHS = (b"depth=0", b"depth=1", b"depth=2", b"depth=3")
_INSIDE = {opener: f"in={kind}".encode() for opener, kind in BRACKET_KIND.items()}
QUOTE_KINDS = frozenset(("quote", "kagi", "guil", "squote"))
QUOTE_OPENERS = frozenset(opener for opener, kind in BRACKET_KIND.items() if kind in QUOTE_KINDS)
COMMA_MARKS = frozenset(",，、")


@dataclass(frozen=True, slots=True)
class _Context:
    """The context features `_sequence_features` adds, as one model knows them."""

    positions: tuple[Feature, ...]
    periods: tuple[Feature, ...]
    commas: tuple[Feature, ...]
    depths: tuple[Feature, ...]
    inside: dict[str, Feature]
    in_other: Feature
    in_quote: Feature
    emph: Feature
    after_year: Feature
    after_quote: Feature
    after_in: Feature
    bos: Feature
    eos: Feature
    emph_change_left: Feature
    emph_change_right: Feature

    @classmethod
    def of(cls, feature: Callable[[bytes], Feature]) -> _Context:
        def each(names: Iterable[bytes]) -> tuple[Feature, ...]:
            return tuple(map(feature, names))

        return cls(
            each(_POSITIONS),
            each(_PERIODS),
            each(_COMMAS),
            each(_DEPTHS),
            {opener: feature(name) for opener, name in _INSIDE.items()},
            *each((b"in=other", b"in=quote", b"emph", b"after_year", b"after_quote")),
            *each((b"after_in", b"BOS", b"EOS", b"-1:emph_change", b"1:emph_change")),
        )


#: what stands for a feature the compiled scorer is to skip (one its model lacks)
ABSENT = -1


class Features:
    """Tokens → one feature list per token, keeping only the features `known` to a model
    (CRFsuite gives the others no weight, but still looks each one up, which costs more
    than leaving it out here); every feature when `known` is None.

    `known` is the model's attribute names (features are handed out as `bytes`, for
    python-crfsuite) or its name → id mapping (features are ids, for the compiled scorer;
    a context feature the model lacks is `ABSENT`). Those kept are in the order of the full
    list, so the model scores all three alike.

    A token type kept for a model holds the model's own `bytes` or `int` objects (and one
    tuple per distinct neighbour feature pair), not copies: a cached word costs ~0.4 KB."""

    def __init__(self, known: Mapping[bytes, int] | Set[bytes] | None = None) -> None:
        self.known: Mapping[bytes, Feature] | None
        if known is None:
            self.known, self.context = None, _Context.of(lambda name: name)
        elif isinstance(known, Mapping):
            self.known = known
            self.context = _Context.of(lambda name: known.get(name, ABSENT))
        else:
            names = {name: name for name in known}
            self.known, self.context = names, _Context.of(lambda name: names.get(name, name))
        self._tuples: dict[tuple[Feature, ...], tuple[Feature, ...]] = {}
        self._cached = TypeCache(self._type)

    def _type(self, text: str) -> _TokenType:
        full = token_type(text)
        if self.known is None:
            return full
        own, *neighbours = self.kept(full)
        return _TokenType(
            own,
            *(self._tuples.setdefault(part, part) for part in neighbours),
            full.bigram_left,
            full.lower,
            full.is_year,
            full.is_initial,
            full.is_in_word,
        )

    def kept(self, full: _TokenType) -> list[tuple[Feature, ...]]:
        """The features of `full` the model knows, as the model's objects: own, then those
        lent at -2, -1, +1 and +2."""
        known = self.known
        assert known is not None
        get = known.get
        parts = (full.own, full.as_left2, full.as_left1, full.as_right1, full.as_right2)
        return [tuple([kept for kept in map(get, part) if kept is not None]) for part in parts]

    def __call__(self, tokens: list[Token]) -> list[list[Feature]]:
        types = self._cached.types(tokens)
        return _sequence_features(tokens, types, self.known, self.context)


_EVERY = Features()


def sequence_features(tokens: list[Token]) -> list[list[bytes]]:
    """Every feature of each token (what the trainer sees)."""
    return _EVERY(tokens)  # type: ignore[return-value]


def _sequence_features(
    tokens: list[Token],
    types: list[_TokenType],
    known: Mapping[bytes, Feature] | None,
    context: _Context,
) -> list[list[Feature]]:
    n = len(tokens)
    texts = [token.text for token in tokens]
    emphasis = [token.emphasis for token in tokens]
    feats: list[list[Feature]] = []
    stack: list[str] = []
    straight_quote = False
    periods = commas = 0
    year_seen = quote_closed = after_in = False
    last = n - 1
    positions, period_counts, comma_counts = context.positions, context.periods, context.commas
    inside, in_other, depths = context.inside, context.in_other, context.depths
    for index, text in enumerate(texts):
        kind = types[index]
        emphasised = emphasis[index]
        closes = bool(stack) and text in CLOSERS and stack[-1] == CLOSERS[text]
        if text == '"' and straight_quote:
            closes, straight_quote = True, False
        if stack:
            own = [*kind.own, inside.get(stack[-1], in_other), depths[min(len(stack), 3)]]
        else:
            own = list(kind.own)
        append = own.append
        if straight_quote:
            append(context.in_quote)
        if emphasised:
            append(context.emph)
        own += (
            positions[10 * index // n],
            period_counts[periods if periods < 4 else 4],
            comma_counts[commas if commas < 4 else 4],
        )
        if year_seen:
            append(context.after_year)
        if quote_closed:
            append(context.after_quote)
        if after_in:
            append(context.after_in)
        if index == 0:
            append(context.bos)
        else:
            left = types[index - 1]
            own += left.as_left1
            bigram = left.bigram_left + kind.lower
            if known is None:
                append(bigram)
            else:
                pair = known.get(bigram)
                if pair is not None:
                    append(pair)
            if emphasis[index - 1] != emphasised:
                append(context.emph_change_left)
            if index > 1:
                own += types[index - 2].as_left2
        if index == last:
            append(context.eos)
        else:
            own += types[index + 1].as_right1
            if emphasis[index + 1] != emphasised:
                append(context.emph_change_right)
            if index + 2 < n:
                own += types[index + 2].as_right2
        feats.append(own)
        # the state after this token
        if closes:
            opener = stack.pop() if text != '"' else '"'
            if opener in QUOTE_OPENERS:
                quote_closed = True
        elif text in OPENERS and not (text == "“" and stack and stack[-1] == "„"):
            stack.append(text)
        elif text == '"':
            straight_quote = True
        if text == "." and index > 0 and not types[index - 1].is_initial:
            periods += 1
        elif text in COMMA_MARKS:
            commas += 1
        if kind.is_year:
            year_seen = True
        if kind.is_in_word:
            after_in = True
    return feats
