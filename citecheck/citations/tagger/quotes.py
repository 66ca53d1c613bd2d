"""A quoted title is one field: the tagger's labels made to agree with the quotation marks.

The tagger labels token by token, so a title in quotes can lose a number to `volume`
(`“50,000 Troops…”`) or a place to `publisher-place` (`“…, New York, September 26”`),
or run on past its closing mark into the outlet (`“Remarks…,” Ministry of Foreign
Affairs`). When most of the words inside a closed pair of quotation marks or
guillemets are labelled `title`, every word inside is, and a `title` run that goes on
past the closing mark is the outlet (`container-title`) when the tagger found none.
A short title the tagger left unlabelled in its marks (`《中国》`, `*Harbours*`) is the
title when it found none elsewhere, the next such one the container (`unlabelled_title`).
"""

from __future__ import annotations

from citecheck.citations.brackets import top_level_spans
from citecheck.citations.tagger.tokens import Token

QUOTE_OPENERS = frozenset("“«\"„‘")
TITLE = "title"


def quoted_titles(text: str, tokens: list[Token], labels: list[str]) -> list[str]:
    """`labels` with every quoted span that is mostly title made title throughout."""
    labels = list(labels)
    for span in top_level_spans(text):
        if span.opener not in QUOTE_OPENERS or not span.closed:
            continue
        inside = [i for i, token in enumerate(tokens) if span.start < token.start < span.end - 1]
        words = [i for i in inside if tokens[i].text[0].isalnum()]
        if not words or sum(labels[i] == TITLE for i in words) * 2 <= len(words):
            continue
        for i in inside:
            labels[i] = TITLE
        after = [i for i, token in enumerate(tokens) if token.start >= span.end - 1]
        _run_on_is_outlet(tokens, labels, after)
    return labels


def _run_on_is_outlet(tokens: list[Token], labels: list[str], after: list[int]) -> None:
    """The `title` tokens right after a closing mark (its `,` and `”` aside): the outlet."""
    run = []
    for i in after:
        if labels[i] == TITLE:
            run.append(i)
        elif run or tokens[i].text[0].isalnum():
            break
    if not any(tokens[i].text[0].isalnum() for i in run):
        return
    replacement = "container-title" if "container-title" not in labels else "other"
    for i in run:
        labels[i] = replacement


def unlabelled_title(text: str, tokens: list[Token], labels: list[str]) -> list[str]:
    """`labels` with the closed title marks read in order: marks whose words are all
    unlabelled hold the title when no token is labelled `title`, else the container when
    none is; a second marked title when there is no container is the container
    (`李明：《论战略》，《国际问题研究》2020年第3期`)."""
    labels = list(labels)
    titled = False  # a marked title is taken
    for span in top_level_spans(text):
        if not span.is_title or not span.closed:
            continue
        inside = [i for i, t in enumerate(tokens) if span.start < t.start and t.end < span.end]
        kinds = {labels[i] for i in inside if tokens[i].text[0].isalnum()}
        if kinds == {TITLE} and not titled:
            titled = True
        elif kinds in ({TITLE}, {"other"}) and "container-title" not in labels:
            role = TITLE if TITLE not in labels else "container-title"
            titled = titled or role == TITLE
            for i in inside:
                labels[i] = role
    return labels
