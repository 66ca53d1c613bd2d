"""Markdown syntax shared by the footnote and the notes-list readers: patterns, code
masking, block ends and the text of a note (links spelled out, markup dropped)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.readers.markup import BACKLINK_CHARS, shows_url, squash_spaces

SECTION = "Notes"

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)\s*$")

FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]?(.*)$")

#: A numbered note in a list: "1. ", "1) ", "1、", "[1] ", "[1](#ref1) ", "<sup>1</sup> ",
#: optionally after an empty anchor (`<a id="fn1"></a>`). "[1]: url" is not one: that
#: is a link reference definition, which Markdown does not show.
LIST_ITEM = re.compile(
    r"^ {0,3}(?:<(?:a|span)\b[^>]*>\s*</(?:a|span)>\s*)?"
    r"(?:(\d{1,4})[.)][ \t]+|(\d{1,4})[、．][ \t]*|\[(\d{1,4})\](?!:)(?:\(#[^)\s]*\))?\.?[ \t]*"
    r"|<sup>\s*\[?(\d{1,4})\]?\s*</sup>[.:]?[ \t]*)(.*)$",
    re.IGNORECASE,
)

LINK_DEFINITION = re.compile(
    r"^ {0,3}\[(?!\^)([^\]]+)\]:[ \t]*<?([^\s>]+)>?"
    r"(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?[ \t]*$"
)
REFERENCE_LINK = re.compile(r"\[([^\]]+)\]\[([^\]]*)\]")
MD_LINK = re.compile(r"!?\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+)>")
HTML_LINK = re.compile(r"<a\b[^>]*?href=[\"']([^\"']+)[\"'][^>]*>(.*?)</a>", re.I | re.S)
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
ATTRIBUTES = re.compile(r"\{#[^}]*\}")


@dataclass(frozen=True)
class Block:
    """Lines [start, end) of the file that hold notes, not body text."""

    start: int
    end: int


def mask_code(text: str) -> str:
    """Blank out fenced code, code spans and comments, keeping every offset in place."""
    lines = text.split("\n")
    fence: str | None = None
    for index, line in enumerate(lines):
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            lines[index] = " " * len(line)
        elif fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            lines[index] = " " * len(line)
        else:
            lines[index] = CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
    masked = "\n".join(lines)
    return COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), masked)


def note_text(raw: str) -> str:
    """Readable note text: links keep their URL, back-links and tags are dropped."""
    text = ATTRIBUTES.sub("", raw)
    text = HTML_LINK.sub(_html_link, text)
    text = MD_LINK.sub(_md_link, text)
    text = AUTOLINK.sub(r"\1", text)
    text = HTML_TAG.sub("", text)
    text = text.translate({ord(ch): " " for ch in BACKLINK_CHARS})
    return squash_spaces(text)


def resolve_reference_links(lines: list[str]) -> list[str]:
    """Lines with `[text][ref]` links written inline, so notes keep their URLs.

    Only text changes, never the number of lines: positions still come from the file.
    """
    definitions: dict[str, str] = {}
    for line in lines:
        match = LINK_DEFINITION.match(line)
        if match:
            definitions.setdefault(match.group(1).casefold(), match.group(2))
    if not definitions:
        return lines

    def inline(match: re.Match[str]) -> str:
        url = definitions.get((match.group(2) or match.group(1)).casefold())
        return f"[{match.group(1)}]({url})" if url else match.group(0)

    return [REFERENCE_LINK.sub(inline, line) for line in lines]


def _link_text(label: str, target: str) -> str:
    """A link as text: its label, then its address unless the label already shows it."""
    label = label.strip()
    if not label.strip(BACKLINK_CHARS + " "):
        return ""  # a back-link arrow
    if target.startswith("#") or shows_url(label, target):
        return label
    return f"{label} {target}"


def _md_link(match: re.Match[str]) -> str:
    return _link_text(match.group(1), match.group(2))


def _html_link(match: re.Match[str]) -> str:
    return _link_text(HTML_TAG.sub("", match.group(2)), match.group(1))


def indented(line: str) -> bool:
    return line.startswith(("    ", "\t"))


def block_end(lines: list[str], start: int) -> int:
    """End of a note or list item opened at `start`: indented lines and lazy lines follow.

    A blank line ends it unless the next text line is indented (a further paragraph);
    a new note, heading or list item ends it too.
    """
    index = start + 1
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            following = next((i for i in range(index, len(lines)) if lines[i].strip()), None)
            if following is None or not indented(lines[following]):
                return index
            index = following
            continue
        if indented(line):
            index += 1
            continue
        if FOOTNOTE_DEF.match(line) or HEADING.match(line) or LIST_ITEM.match(line):
            return index
        index += 1
    return index
