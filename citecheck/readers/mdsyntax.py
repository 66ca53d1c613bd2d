"""Line patterns of the hand-made notes lists and reference lists in Markdown: headings,
list items, link definitions and where an item ends. (What is code, a link or a
footnote is markdown-it's call: see `citecheck.readers.mdparse`.)"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Block:
    """Lines [start, end) of the file that hold notes, not body text."""

    start: int
    end: int


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
