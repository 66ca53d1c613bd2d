"""A labelled citation string and its tokens' labels.

Every corpus loader yields `Example`s: the string and the labelled character spans in it.
`token_labels` gives each token the label of the span it starts in (or that starts inside
it: a link whose resolver prefix is unlabelled), then moves span edges
that belong to no field to `other`: edge punctuation and the connective words the corpora
label inconsistently (AnyStyle puts `pp.` inside `pages`, GROBID leaves it outside).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from citecheck.citations.tagger.features import word_features
from citecheck.citations.tagger.tokens import Token, tokenize

#: Lexicon classes that are connectives at the edges of a span of each label.
EDGE_WORDS = {
    "page": {"lex=page"},
    "locator": {"lex=page"},
    "volume": {"lex=volume", "lex=issue"},
    "issue": {"lex=issue"},
    "editor": {"lex=in", "lex=editor", "lex=and"},
    "translator": {"lex=translator", "lex=and"},
    "container-title": {"lex=in"},
    "URL": {"lex=access", "lex=from_at"},
    "DOI": {"lex=from_at"},
    "accessed": {"lex=access", "lex=from_at"},
    "edition": set(),
}
HELD_BACK_PERCENT = 15


@dataclass(frozen=True)
class Example:
    corpus: str
    text: str
    spans: tuple[tuple[int, int, str], ...]
    style: str = ""
    language: str = ""

    @property
    def held_back(self) -> bool:
        """The deterministic held-back split: ~15 % of each corpus, by hash of the string."""
        digest = hashlib.sha1(" ".join(self.text.split()).encode("utf-8")).digest()
        return int.from_bytes(digest[:4], "big") % 100 < HELD_BACK_PERCENT

    @property
    def development(self) -> bool:
        """Half of the held-back split, by another hash: where choices between the rules
        and the tagger were tried; the other half was looked at only for the figures."""
        digest = hashlib.sha1(("dev:" + " ".join(self.text.split())).encode("utf-8")).digest()
        return self.held_back and digest[0] % 2 == 0


def from_segments(
    corpus: str,
    segments: Iterable[tuple[str | None, str]],
    separator: str = "",
    style: str = "",
    language: str = "",
) -> Example:
    """Join `(label or None, text)` segments into one labelled string."""
    text = ""
    spans: list[tuple[int, int, str]] = []
    for label, part in segments:
        if text and separator and part:
            text += separator
        if label is not None and part.strip():
            spans.append((len(text), len(text) + len(part), label))
        text += part
    return Example(corpus, text, tuple(spans), style, language)


def _is_edge(token: Token, label: str) -> bool:
    feats = word_features(token.text)
    if "script=punct" in feats and label not in ("URL", "DOI"):
        return True
    return bool(EDGE_WORDS.get(label, set()) & set(feats))


def token_labels(example: Example) -> tuple[list[Token], list[str]]:
    """The example's tokens and one label per token."""
    tokens = tokenize(example.text)
    labels = ["other"] * len(tokens)
    span_index = 0
    spans = sorted(example.spans)
    for index, token in enumerate(tokens):
        while span_index < len(spans) and spans[span_index][1] <= token.start:
            span_index += 1
        if span_index < len(spans) and spans[span_index][0] < token.end:
            # the span holds the token's start, or starts inside it: in a one-token link
            # `https://doi.org/10.…` the resolver is connective text, the token the DOI's
            labels[index] = spans[span_index][2]
    _trim_edges(tokens, labels)
    _split_volume_issue(tokens, labels)
    return tokens, labels


def _trim_edges(tokens: list[Token], labels: list[str]) -> None:
    """Edge punctuation and connectives of each run of one label become `other`; a run
    that is nothing but those (AnyStyle's `<note>Retrieved from</note>`) too."""
    index = 0
    while index < len(tokens):
        end = index
        while end < len(tokens) and labels[end] == labels[index]:
            end += 1
        label = labels[index]
        if label not in ("other", "note", "title", "container-title"):
            start, stop = index, end
            while start < stop and _is_edge(tokens[start], label):
                labels[start] = "other"
                start += 1
            while stop > start and _is_edge(tokens[stop - 1], label):
                stop -= 1
                labels[stop] = "other"
        elif label != "other":
            start, stop = index, end
            while start < stop and (
                "script=punct" in word_features(tokens[start].text)
                or (label == "container-title" and _is_edge(tokens[start], label))
            ):
                if tokens[start].text in "([":
                    break
                labels[start] = "other"
                start += 1
            while stop > start and "script=punct" in word_features(tokens[stop - 1].text):
                if _balanced_inside(tokens[start:stop]):
                    break
                stop -= 1
                labels[stop] = "other"
            if label == "note" and all(
                _is_edge(token, "URL") or "script=punct" in word_features(token.text)
                for token in tokens[start:stop]
            ):
                for position in range(start, stop):
                    labels[position] = "other"
        index = end


def _balanced_inside(tokens: list[Token]) -> bool:
    """A title ending in `)` or `?` keeps it when it is part of the title: `Title (2nd ed)`."""
    last = tokens[-1].text
    if last in "?!":
        return True
    opener = {")": "(", "]": "[", "）": "（"}.get(last)
    return bool(opener) and sum(t.text == opener for t in tokens) >= sum(
        t.text == last for t in tokens
    )


def _split_volume_issue(tokens: list[Token], labels: list[str]) -> None:
    """AnyStyle has no issue label: `35(8)` and `Vol. 81, No. 5` are one `volume` span.
    A number in brackets or after `No.` following the volume's number is the issue."""
    seen_number = False
    for index, token in enumerate(tokens):
        if labels[index] != "volume":
            if labels[index] != "other":
                seen_number = False
            continue
        if not token.text[0].isdigit():
            continue
        previous = tokens[index - 1].text.lower() if index else ""
        if seen_number and (
            previous in "(（"
            or previous in ("no", "nr", "issue")
            or (previous == "." and index > 1 and tokens[index - 2].text.lower() in ("no", "nr"))
        ):
            labels[index] = "issue"
        seen_number = True
    # the brackets of an issue that was split off are `other`
    for index, token in enumerate(tokens):
        if (
            labels[index] == "volume"
            and token.text in "()（）"
            and (
                (index + 1 < len(tokens) and labels[index + 1] == "issue")
                or (index > 0 and labels[index - 1] == "issue")
            )
        ):
            labels[index] = "other"
    _trim_edges(tokens, labels)
