"""A Markdown file as the format-neutral blocks that `citecheck.readers.reflist` reads.

Headings (ATX and setext) keep their level, list items (bulleted or numbered) are one
block each, and a paragraph is one block: Markdown joins its lines, so a wrapped
reference is one entry. Only a paragraph whose every line reads as a reference of its
own (a list pasted one per line) is passed on line by line.
"""

from __future__ import annotations

import re
from collections.abc import Container

from citecheck.readers.mdparse import note_text
from citecheck.readers.mdsyntax import (
    FOOTNOTE_DEF,
    HEADING,
    LINK_DEFINITION,
    LIST_ITEM,
    SETEXT_UNDERLINE,
    block_end,
)
from citecheck.readers.reflist import Block, first_heading, looks_like_reference

BULLET_ITEM = re.compile(r"^ {0,3}[-*+][ \t]+\S")
#: Pandoc fenced divs (`::: {#refs}`) only group blocks.
FENCED_DIV = re.compile(r"^ {0,3}:{3,}")


def markdown_blocks(original: list[str], masked: list[str], skip: Container[int]) -> list[Block]:
    """Blocks of the lines not in `skip` (line indexes of notes already read), from the
    first line that may head a reference list on: the text before it cannot hold one,
    and rendering it would only cost time."""
    first = first_heading(masked)
    if first is None:
        return []
    blocks: list[Block] = []
    paragraph: list[int] = []

    def close_paragraph() -> None:
        if paragraph:
            blocks.extend(_paragraph_blocks(original, paragraph))
            paragraph.clear()

    index = first
    while index < len(masked):
        line = masked[index]
        if index in skip or not line.strip() or _hidden(line):
            close_paragraph()
            index += 1
            continue
        heading = HEADING.match(line)
        if heading:
            close_paragraph()
            blocks.append(Block(note_text(heading.group(2)), index + 1, len(heading.group(1))))
            index += 1
            continue
        if paragraph and SETEXT_UNDERLINE.match(line):
            level = 1 if line.strip().startswith("=") else 2
            title = note_text(original[paragraph.pop()])
            close_paragraph()
            blocks.append(Block(title, index, level))
            index += 1
            continue
        if LIST_ITEM.match(line) or BULLET_ITEM.match(line):
            close_paragraph()
            end = _item_end(masked, index)
            text = note_text("\n".join(original[index:end]))
            blocks.append(Block(text, index + 1, list_item=True))
            index = end
            continue
        paragraph.append(index)
        index += 1
    close_paragraph()
    return blocks


def _item_end(masked: list[str], start: int) -> int:
    """The end of the list item at `start`: the next bullet ends it as a number does."""
    end = block_end(masked, start)
    return next((i for i in range(start + 1, end) if BULLET_ITEM.match(masked[i])), end)


def _hidden(line: str) -> bool:
    """Lines Markdown does not show as text: link definitions, footnotes, div fences."""
    return bool(LINK_DEFINITION.match(line) or FOOTNOTE_DEF.match(line) or FENCED_DIV.match(line))


def _paragraph_blocks(original: list[str], indexes: list[int]) -> list[Block]:
    texts = [note_text(original[index]) for index in indexes]
    if len(texts) > 1 and all(looks_like_reference(text) for text in texts):
        pairs = zip(indexes, texts, strict=True)
        return [Block(text, index + 1, paragraph=True) for index, text in pairs]
    joined = note_text("\n".join(original[index] for index in indexes))
    return [Block(joined, indexes[0] + 1, paragraph=True)]
