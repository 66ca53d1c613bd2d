"""Markdown parsed by markdown-it-py (CommonMark) with the footnote plugin.

The parser decides what is a code span, an autolink, an emphasis or a footnote; this
module adds what the readers need besides: where an inline token stands in the file
(markdown-it gives block tokens their lines only) and the note text of inline tokens.

Positions: the inline rules for code spans, raw HTML, `[^id]` and `^[…]` are wrapped
so that the tokens they push remember their start and end in the inline content;
`SourceMap` turns such an offset back into a 1-based (line, column) of the file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from citecheck.readers.markup import BACKLINK_CHARS, shows_url, squash_spaces

#: Inline rules whose tokens must know where they are in the file.
POSITIONED_RULES = ("backticks", "html_inline", "footnote_inline", "footnote_ref")

#: Pandoc attributes (`{#id .class}`) and bracketed spans (`[Jake's]{.nocase}`).
ATTRIBUTES = re.compile(r"\{[#.][^}]*\}")
SPAN = re.compile(r"\[([^\[\]]*)\]\{[^}]*\}")
HTML_HREF = re.compile(r"""^<a\b[^>]*?\bhref\s*=\s*["']([^"']*)["']""", re.I)
HTML_CLOSE_A = re.compile(r"^</a\s*>$", re.I)
#: Raw HTML that marks a title the way `*…*` does.
HTML_ITALIC = re.compile(r"^<(/?)(?:i|em|cite)\b[^>]*>$", re.I)
HTML_BREAK = re.compile(r"^<br\b", re.I)

#: Back-link arrows in text (not in code) read as spaces.
BACKLINKS_AS_SPACES = {ord(char): " " for char in BACKLINK_CHARS}

InlineRule = Callable[[StateInline, bool], bool]


def _positioned(rule: InlineRule) -> InlineRule:
    def wrapped(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        found = rule(state, silent)
        if found and not silent and len(state.tokens) > count:
            token = state.tokens[-1]
            token.meta = {**(token.meta or {}), "start": start, "end": state.pos}
        return found

    return wrapped


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """CommonMark with raw HTML, pipe tables and pandoc footnotes kept where written."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.use(footnote_plugin, move_to_end=False, always_match_refs=True)
    for rule in md.inline.ruler.__rules__:
        if rule.name in POSITIONED_RULES:
            md.inline.ruler.at(rule.name, _positioned(rule.fn))
    return md


def parse(text: str) -> tuple[list[Token], dict[str, Any]]:
    env: dict[str, Any] = {}
    return parser().parse(text, env), env


def walk(tokens: Sequence[Token]) -> Iterator[Token]:
    """Every token, children after their parent."""
    for token in tokens:
        yield token
        if token.children:
            yield from walk(token.children)


class SourceMap:
    """Offsets in an inline token's content → 1-based (line, column) in the file.

    markdown-it builds an inline token's content from its lines with the container
    prefixes (indentation, `>`, `[^1]:`) cut off, so each content line is the end of
    its source line (trailing spaces aside, or the middle of it for a heading).
    """

    def __init__(self, source_lines: Sequence[str], token: Token) -> None:
        first = token.map[0] if token.map else 0
        self.first = first
        self.starts: list[int] = []
        self.columns: list[int] = []
        offset = 0
        for index, part in enumerate(token.content.split("\n")):
            source = source_lines[first + index] if first + index < len(source_lines) else ""
            self.starts.append(offset)
            self.columns.append(_column_of(source, part))
            offset += len(part) + 1

    def position(self, offset: int) -> tuple[int, int]:
        index = max(bisect_right(self.starts, offset) - 1, 0)
        return self.first + index + 1, self.columns[index] + offset - self.starts[index] + 1


def _column_of(source: str, part: str) -> int:
    """Where the content line `part` starts in its source line (0-based)."""
    tail = part.rstrip()
    column = len(source.rstrip()) - len(tail)
    if column >= 0 and source[column:].startswith(tail):
        return column
    found = source.find(tail)
    return max(found, 0)


# --- note text -----------------------------------------------------------------------


def inline_text(children: Sequence[Token]) -> str:
    """Readable note text of inline tokens (see `raw_inline_text`), spaces squashed."""
    return finish(raw_inline_text(children))


def raw_inline_text(children: Sequence[Token]) -> str:
    """Note text: italics as `*…*`, links spelled out, markup dropped.

    A link reads as its label, then its address unless the label already shows it
    (an autolink, an address written out) or it points inside the document; a
    back-link arrow is dropped. Nested emphasis (a title inside a title) keeps only
    the outer marks, so every `*` pairs up. An address is never glued to the word
    after it: `<https://…t=4m58>s` reads `https://…t=4m58 s`.
    """
    out: list[str] = []
    links: list[tuple[str, int]] = []
    italic = 0
    after_url = False
    for token in children:
        kind = token.type
        piece = ""
        if kind == "text":
            piece = token.content.translate(BACKLINKS_AS_SPACES)
            if after_url and piece[:1].isalnum():
                piece = " " + piece
        elif kind in ("softbreak", "hardbreak"):
            piece = "\n"
        elif kind == "code_inline":
            piece = token.content
        elif kind in ("em_open", "em_close"):
            italic, piece = _italic(italic, opening=kind == "em_open")
        elif kind in ("strong_open", "strong_close"):
            piece = token.markup
        elif kind == "link_open":
            links.append((str(token.attrGet("href") or ""), len(out)))
        elif kind == "link_close" and links:
            after_url = _close_link(out, links)
            continue
        elif kind == "image":
            label = raw_inline_text(token.children or [])
            piece = _link_text(label, str(token.attrGet("src") or ""))
        elif kind == "html_inline":
            piece, italic, after_url = _html_piece(token.content, out, links, italic)
            if after_url:
                continue
        out.append(piece)
        after_url = False
    return "".join(out)


def finish(text: str) -> str:
    """Pandoc spans and attributes dropped, spaces squashed."""
    text = SPAN.sub(r"\1", text)
    return squash_spaces(ATTRIBUTES.sub("", text))


def _italic(depth: int, opening: bool) -> tuple[int, str]:
    if opening:
        return depth + 1, "*" if depth == 0 else ""
    depth = max(depth - 1, 0)
    return depth, "*" if depth == 0 else ""


def _close_link(out: list[str], links: list[tuple[str, int]]) -> bool:
    """Replace the label of the link that closes with its text; whether it ends in a URL."""
    href, start = links.pop()
    label = "".join(out[start:])
    del out[start:]
    text = _link_text(label, href)
    out.append(text)
    return bool(text) and (not href.startswith("#")) and not text.endswith((" ", "\n"))


def _html_piece(
    html: str, out: list[str], links: list[tuple[str, int]], italic: int
) -> tuple[str, int, bool]:
    """(text, italic depth, whether a link just closed) for a raw HTML tag."""
    href = HTML_HREF.match(html)
    if href:
        links.append((href.group(1), len(out)))
        return "", italic, False
    if HTML_CLOSE_A.match(html) and links:
        return "", italic, _close_link(out, links)
    tag = HTML_ITALIC.match(html)
    if tag:
        depth, mark = _italic(italic, opening=not tag.group(1))
        return mark, depth, False
    return (" " if HTML_BREAK.match(html) else ""), italic, False


def _link_text(label: str, target: str) -> str:
    """A link as text: its label, then its address unless the label already shows it."""
    label = label.strip()
    if not label.strip(BACKLINK_CHARS + " "):
        return ""  # a back-link arrow
    if not target or target.startswith("#") or shows_url(label, target):
        return label
    return f"{label} {target}"


def note_text(raw: str) -> str:
    """The note text of a piece of Markdown source (one note or list item)."""
    tokens = parser().parseInline(raw, {})
    return inline_text(tokens[0].children or []) if tokens else ""
