"""One citation's text → CSL fields by the tagger (the counterpart of the rule parser)."""

from __future__ import annotations

from citecheck.citations.fields_model import Fields
from citecheck.citations.tagger import segments, tag_tokens
from citecheck.citations.tagger.csl import to_fields
from citecheck.citations.tagger.tokens import tokenize


def tagged_fields(text: str) -> Fields:
    tokens = tokenize(text)
    return to_fields(text, segments(text, tokens, tag_tokens(tokens)))
