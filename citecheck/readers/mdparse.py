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
from typing import TYPE_CHECKING, Any

from citecheck.readers.markup import BACKLINK_CHARS, emphasized, shows_url, squash_spaces

if TYPE_CHECKING:  # markdown-it is imported when a parser is first built (`parser`)
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

#: Inline rules whose tokens must know where they are in the file, each with the one
#: character it can start at (the rule's own first test).
POSITIONED_RULES = {
    "backticks": "`",
    "html_inline": "<",
    "footnote_inline": "^",
    "footnote_ref": "[",
}

#: Pandoc attributes (`{#id .class}`) and bracketed spans (`[Jake's]{.nocase}`).
ATTRIBUTES = re.compile(r"\{[#.][^}]*\}")
SPAN = re.compile(r"\[([^\[\]]*)\]\{[^}]*\}")
HTML_HREF = re.compile(r"""^<a\b[^>]*?\bhref\s*=\s*["']([^"']*)["']""", re.I)
HTML_CLOSE_A = re.compile(r"^</a\s*>$", re.I)
#: Raw HTML that marks a title the way `*…*` does.
HTML_ITALIC = re.compile(r"^<(/?)(?:i|em|cite)\b[^>]*>$", re.I)
HTML_BREAK = re.compile(r"^<br\b", re.I)

#: A link destination markdown-it's normalizeLink and normalizeLinkText give back as it
#: is: http(s), a lower-case ASCII host (no punycode label; at most 255 characters, as
#: mdurl keeps no longer host), an optional port, and only
#: characters mdurl neither percent-encodes nor decodes (no `%` at all).
#: `tests/readers/test_mdparse_plain.py` holds the two paths to the same answer.
_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
PLAIN_LINK = re.compile(
    rf"https?://(?!.*xn--)(?![^/?#:]{{256}}){_LABEL}(?:\.{_LABEL})*"
    r"(?::[0-9]{1,5})?(?:[/?#][A-Za-z0-9;/?:@&=+$,\-_.!~*'()#]*)?"
)

#: Back-link arrows in text (not in code) read as spaces.
BACKLINKS_AS_SPACES = {ord(char): " " for char in BACKLINK_CHARS}
#: Any back-link arrow: looking for one is far cheaper than translating every text.
BACKLINK = re.compile(f"[{re.escape(BACKLINK_CHARS)}]")

InlineRule = Callable[["StateInline", bool], bool]

#: Options the rules look up with a default, given that default: markdown-it's option
#: mapping finds a missing key by raising and catching KeyError, and strikethrough asks
#: for its option once per paragraph.
OPTION_DEFAULTS = {
    "strikethrough_single_tilde": False,
    "store_labels": False,
    "tasklists": False,
    "alerts": False,
    "inline_definitions": False,
}


def _positioned(rule: InlineRule, first: str) -> InlineRule:
    """`rule`, its tokens told where they start and end; asked only where it can start
    (the inline parser tries every rule at every markup character)."""

    def wrapped(state: StateInline, silent: bool) -> bool:
        if state.src[state.pos] != first:
            return False
        start, count = state.pos, len(state.tokens)
        found = rule(state, silent)
        if found and not silent and len(state.tokens) > count:
            token = state.tokens[-1]
            token.meta = {**(token.meta or {}), "start": start, "end": state.pos}
        return found

    return wrapped


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The parser (`build_parser`), built once."""
    return build_parser()


def build_parser() -> MarkdownIt:
    """CommonMark with raw HTML, pipe tables and pandoc footnotes kept where written."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark", {"html": True, **OPTION_DEFAULTS})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin, move_to_end=False, always_match_refs=True)
    _footnote_definitions_early(md)
    md.normalizeLink = _unless_plain(md.normalizeLink)  # type: ignore[method-assign]
    md.normalizeLinkText = _unless_plain(md.normalizeLinkText)  # type: ignore[method-assign]
    for rule in md.inline.ruler.__rules__:
        if rule.name in POSITIONED_RULES:
            md.inline.ruler.at(rule.name, _positioned(rule.fn, POSITIONED_RULES[rule.name]))
    return md


#: The block rules the footnote plugin places its definitions after that can never
#: take a line a definition takes: indented code (a definition is not indented code),
#: fences, block quotes, rules and list items (each starts with a character of its own).
#: Tables can: a table's header row may start with `[^x]:`, so tables stay first.
NEVER_A_DEFINITION = ("code", "fence", "blockquote", "hr", "list")


def _footnote_definitions_early(md: MarkdownIt) -> None:
    """Footnote definitions asked for before the block rules that can never take their
    line: every line of a list of notes was tried against each of those first, both as a
    block and as the end of the note before it. The order of rules that never take the
    same line decides nothing, so the tokens stay the same."""
    ruler = md.block.ruler
    names = [rule.name for rule in ruler.__rules__ if rule.enabled]
    definitions = names.index("footnote_def")
    if set(names[names.index("table") + 1 : definitions]) - set(NEVER_A_DEFINITION):
        return  # another rule stands between them: leave the order as it is
    rule = ruler.__rules__[ruler.__find__("footnote_def")]
    ruler.disable("footnote_def")
    ruler.after("table", "footnote_def_early", rule.fn, {"alt": rule.alt})


def _unless_plain(normalize: Callable[[str], str]) -> Callable[[str], str]:
    """`normalize`, skipped for a plain link: mdurl's parse, punycode and percent-coding
    of every autolink were two fifths of the inline parse of a note list."""

    def normalized(url: str) -> str:
        return url if PLAIN_LINK.fullmatch(url) else normalize(url)

    return normalized


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

    Italic runs are marked as the other readers mark them (see
    `citecheck.readers.markup.emphasized`: literal asterisks escaped `\\*`, spaces
    and trailing commas outside the marks), so a note reads the same from Markdown
    as from DOCX. Nested emphasis (a title inside a title) is one italic run. A link
    reads as its label, then its address unless the label already shows it (an
    autolink, an address written out) or it points inside the document; a back-link
    arrow is dropped. An address is never glued to the word after it:
    `<https://…t=4m58>s` reads `https://…t=4m58 s`.
    """
    pieces = _Pieces()
    for token in children:
        pieces.add(token)
    return emphasized(pieces.parts)


class _Pieces:
    """(text, italic) pieces of a note, built token by token."""

    def __init__(self) -> None:
        self.parts: list[tuple[str, bool]] = []
        self.italic = 0
        self.links: list[tuple[str, int]] = []
        self.after_url = False

    def add(self, token: Token) -> None:
        kind, after_url = token.type, self.after_url
        self.after_url = False
        if kind == "text":
            text = token.content
            if BACKLINK.search(text):
                text = text.translate(BACKLINKS_AS_SPACES)
            self.text(" " + text if after_url and text[:1].isalnum() else text)
        elif kind in ("softbreak", "hardbreak"):
            self.text("\n")
        elif kind == "code_inline":
            self.text(token.content)
        elif kind in ("em_open", "em_close"):
            self.italic = max(self.italic + (1 if kind == "em_open" else -1), 0)
        elif kind == "link_open":
            self.links.append((str(token.attrGet("href") or ""), len(self.parts)))
        elif kind == "link_close" and self.links:
            self.close_link()
        elif kind == "image":
            self.links.append((str(token.attrGet("src") or ""), len(self.parts)))
            for child in token.children or []:
                self.add(child)
            self.close_link()
        elif kind == "html_inline":
            self.html(token.content)

    def text(self, text: str) -> None:
        self.parts.append((text, self.italic > 0))

    def close_link(self) -> None:
        """The label of the closing link, then its address unless the label shows it."""
        href, start = self.links.pop()
        label = "".join([text for text, _ in self.parts[start:]]).strip()
        if not label.strip(BACKLINK_CHARS + " "):
            del self.parts[start:]  # a back-link arrow
            return
        shown = shows_url(label, href)
        if href and not href.startswith("#") and not shown:
            self.parts.append((" " + href, False))
            self.after_url = True
        else:
            self.after_url = shown

    def html(self, tag: str) -> None:
        href = HTML_HREF.match(tag)
        if href:
            self.links.append((href.group(1), len(self.parts)))
        elif HTML_CLOSE_A.match(tag) and self.links:
            self.close_link()
        elif italic := HTML_ITALIC.match(tag):
            self.italic = max(self.italic + (-1 if italic.group(1) else 1), 0)
        elif HTML_BREAK.match(tag):
            self.text(" ")


def finish(text: str) -> str:
    """Pandoc spans and attributes dropped, spaces squashed."""
    if "{" in text:  # what spans and attributes both hold
        text = ATTRIBUTES.sub("", SPAN.sub(r"\1", text))
    return squash_spaces(text)


def note_text(raw: str) -> str:
    """The note text of a piece of Markdown source (one note or list item)."""
    tokens = parser().parseInline(raw, {})
    return inline_text(tokens[0].children or []) if tokens else ""
