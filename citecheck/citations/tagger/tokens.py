"""Citation text → tokens for the field tagger.

A token is a run of Latin/Cyrillic letters, a run of digits, one Han character, a run
of kana or of hangul, a URL or DOI (one token each), or one punctuation mark. Brackets
(「」『』“”«»()（）[]) are tokens of their own. The readers' `*…*` italic marks are
not tokens: the tokens between them carry `emphasis=True`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from citecheck.citations.tagger.native import _crf, compiled_available

#: Each kind of token and its pattern, in the order they are tried.
TOKEN_KINDS = {
    "link": r"https?://[^\s<>]+|(?:doi:\s*)?10\.\d{4,9}/\S+",
    "word": r"[^\W\d_\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]+(?:['’][^\W\d_]+)*",
    "number": r"\d+",
    "kana": r"[\u3041-\u309F\u30A0-\u30FF\u31F0-\u31FF]+",
    "hangul": r"[\uAC00-\uD7AF\u1100-\u11FF\u3130-\u318F]+",
    "emphasis": r"\*+",
    "other": r"\S",
}


def _alternation(kinds: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{kind}>{TOKEN_KINDS[kind]})" for kind in kinds))


TOKEN = _alternation(list(TOKEN_KINDS))
#: The same without links and emphasis, for text that holds neither (a fifth faster).
PLAIN_TOKEN = _alternation([kind for kind in TOKEN_KINDS if kind not in ("link", "emphasis")])
#: `plain_tokens` compiled (`_crf.c`, which says why its tokens are the pattern's; the tests
#: check they are), where the extension is built and used (`native`).
_compiled_plain_tokens = _crf.plain_tokens if compiled_available() else None
#: A URL or DOI does not end in sentence punctuation or a closing bracket it did not open.
_LINK_TRAILING = ".,;:!?'\"”’)]}>。、，；：）」』"


class Token(NamedTuple):
    """A token and its character offsets (a tuple: a sequence makes thousands of them)."""

    text: str
    start: int
    end: int
    emphasis: bool = False


def plain_tokens(text: str) -> list[Token]:
    """The tokens of text without emphasis marks or links: each match of `PLAIN_TOKEN`."""
    new = tuple.__new__  # `Token(…)` but without the Python-level `__new__` a call costs
    return [
        new(Token, (match.group(), match.start(), match.end(), False))
        for match in PLAIN_TOKEN.finditer(text)
    ]


def tokenize(text: str) -> list[Token]:
    """Tokens of `text` with their character offsets; `*` marks toggle emphasis."""
    if "*" not in text and "http" not in text and "10." not in text:
        # No emphasis mark and no link (each needs one of these): every match is a token.
        if _compiled_plain_tokens is not None:
            return _compiled_plain_tokens(text, Token)
        return plain_tokens(text)
    new = tuple.__new__
    tokens: list[Token] = []
    append = tokens.append
    emphasis = False
    for match in TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "emphasis":
            emphasis = not emphasis
            continue
        start, end = match.span()
        if kind != "link":
            append(new(Token, (match.group(), start, end, emphasis)))
            continue
        end = start + len(_trim_link(match.group()))
        append(Token(text[start:end], start, end, emphasis))
        for index in range(end, match.end()):
            if text[index] == "*":
                emphasis = not emphasis
            elif not text[index].isspace():
                append(Token(text[index], index, index + 1, emphasis))
    return tokens


def _trim_link(link: str) -> str:
    while link and link[-1] in _LINK_TRAILING + "*":
        last = link[-1]
        opener = {")": "(", "]": "[", ">": "<"}.get(last)
        if opener and link.count(opener) >= link.count(last):
            break
        link = link[:-1]
    return link
