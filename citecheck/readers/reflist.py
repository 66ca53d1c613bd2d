"""Reference lists: the entries under a References / 参考文献 / Литература heading.

A manuscript in author-date style ends with a reference list instead of notes. Every
reader cuts its file into a format-neutral sequence of `Block`s (a line of plain text,
a Markdown list item, a DOCX or HTML paragraph, a heading) and this module finds the
lists in it:

- a list starts after a heading whose text names a reference list (see
  `citecheck.readers.markup.is_bibliography_heading`): a heading block, or a block
  holding that word alone (`References`, `**参考文献**`, `Литература:`);
- it runs to the next heading of the same or a higher level (sub-headings such as
  "Primary sources" inside it are skipped), or to the end for a heading without level;
- each list item or paragraph block is one entry; lines are joined into entries:
  a printed number (`1.`, `[1]`, `(1)`, `1)`) or a bullet starts an entry, a blank line
  ends one, a line indented deeper than the entry's first line (a hanging indent)
  continues it, and so does a line after one that cannot end a reference (no closing
  stop, or a trailing comma or hyphen) unless it reads as a reference of its own.

Each entry becomes a `Note` of a `Section(kind="references")`, marked with its printed
number, else numbered 1..n. `reference_list` reads a file that is nothing but entries,
without any heading, when most of them look like references (`looks_like_reference`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from citecheck.model import Note, Section
from citecheck.readers.lazyre import LazyPattern
from citecheck.readers.markup import is_bibliography_heading, squash_spaces

DEFAULT_LABEL = "References"
#: A heading is short: a longer line that happens to say "Sources" is text.
MAX_HEADING = 60

#: A printed entry number, or a bullet, at the start of an entry.
ENTRY_LABEL = LazyPattern(
    r"^\s*(?:\[(\d{1,4})\]|[(（](\d{1,4})[)）]|(\d{1,4})[.)．](?=\s|$)|(\d{1,4})[、．]"
    r"|[-–•·▪◦+*](?=\s))\s*"
)
#: An entry number may not jump further than this past the previous one: a wrapped
#: line that starts with "2019." is a year, not entry 2019.
MAX_NUMBER_JUMP = 20

YEAR = LazyPattern(r"(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)")
CJK = r"\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff"
NAME_WORD = r"[^\W\d_][\w'’\-]*"
#: "Smith, J.", "Smith, John.", "Smith J," (Vancouver), "van der Berg, A.", "Иванов И. И.".
INVERTED_NAME = LazyPattern(
    rf"^(?:{NAME_WORD}\s){{0,3}}{NAME_WORD},?\s(?:[^\W\d_]{{1,2}}\.\s?-?){{1,3}}"
    rf"|^(?:{NAME_WORD}\s){{0,3}}{NAME_WORD},\s{NAME_WORD}(?:\s{NAME_WORD})?[.,(]"
    rf"|^{NAME_WORD}\s[A-Z]{{1,3}}[,.]"
)
#: An author or an organisation at the start: a capital letter or a CJK name.
AUTHORISH_START = LazyPattern(rf"^(?:[^\W\d_a-zа-яё]|[{CJK}])")
TITLE_MARKS = LazyPattern(
    r"[“”\"«»「」『』《》〈〉]|\*[^*\s][^*]*\*|\bIn:\s|[.,]\s[Ii]n\s|\b(?:pp?|vol|Vol|no)\.\s?\d"
)
#: Characters a complete reference may end with.
ENDS_ENTRY = LazyPattern(r"(?:[.。!?)\]）」』>]|\d|https?://\S+|\bdoi:\S+)\s*$", re.I)
#: A line that ends this way leaves its reference open.
OPEN_END = LazyPattern(r"(?:[,;:\-–&]|\band)\s*$")


@dataclass(frozen=True)
class Block:
    """One piece of a document as its reader sees it.

    `heading_level` is 1-6 for a heading, None otherwise; `list_item` marks a whole
    list item and `paragraph` a whole paragraph of a format that has paragraphs
    (DOCX, ODT, HTML): each is one entry. Other blocks are lines of text, kept with
    their indentation, that the rules above join into entries. `text` may still carry
    the item's printed number or bullet; the entry's mark is read from it.
    """

    text: str
    line: int
    heading_level: int | None = None
    list_item: bool = False
    paragraph: bool = False


@dataclass
class _Entry:
    line: int
    number: int | None
    indent: int
    parts: list[str] = field(default_factory=list)

    @property
    def last(self) -> str:
        return self.parts[-1]


def may_head_references(text: str) -> bool:
    """Whether a line or paragraph could be the heading of a reference list: a quick
    test that lets a reader skip the text before the first one."""
    words = text.strip().strip("*_#: ：")
    return 0 < len(words) < MAX_HEADING and is_bibliography_heading(words)


def first_heading(texts: Sequence[str]) -> int | None:
    """The index of the first of `texts` that may head a reference list, or None."""
    return next((i for i, text in enumerate(texts) if may_head_references(text)), None)


def heading_title(block: Block) -> str | None:
    """The text of a heading block, or of a line that holds a heading word alone."""
    words = block.text.strip().strip("*_#").strip()  # a heading may be set in italics
    if block.heading_level is not None:
        return words
    if block.list_item or "\n" in words:
        return None
    return words if len(words) < MAX_HEADING else None


def reference_sections(blocks: Sequence[Block]) -> tuple[Section, ...]:
    """Every reference list under a references heading in `blocks`, in order."""
    sections: list[Section] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        title = heading_title(block)
        if title is None or not is_bibliography_heading(title):
            index += 1
            continue
        end = _region_end(blocks, index)
        entries = _entries(blocks[index + 1 : end])
        if entries:
            label = squash_spaces(title.strip("*_#: ：")) or DEFAULT_LABEL
            sections.append(_section(label, block.line, entries))
        index = end
    return tuple(sections)


def region_lines(blocks: Sequence[Block]) -> list[tuple[int, int]]:
    """(first line, last line) of every reference list, its heading included: the
    lines a reader must not read as body text or notes."""
    spans = []
    index = 0
    while index < len(blocks):
        title = heading_title(blocks[index])
        if title is None or not is_bibliography_heading(title):
            index += 1
            continue
        end = _region_end(blocks, index)
        last = blocks[end - 1]
        spans.append((blocks[index].line, last.line + last.text.count("\n")))
        index = end
    return spans


def reference_list(
    blocks: Sequence[Block], label: str = DEFAULT_LABEL, *, surname_first: bool = False
) -> Section | None:
    """`blocks` read as a reference list without a heading, or None unless most of
    its entries (60 %) look like references (`looks_like_reference`).

    With `surname_first`, 80 % of them must also start with a name written surname
    first ("Smith, J."): numbered notes look like references in every other way.
    """
    entries = _entries(blocks)
    if not entries:
        return None
    texts = [_text(entry) for entry in entries]
    looking = sum(looks_like_reference(text, surname_first=surname_first) for text in texts)
    share = 4 if surname_first else 3
    if looking * 5 < len(texts) * share:
        return None
    return _section(label, entries[0].line, entries)


def looks_like_reference(text: str, *, surname_first: bool = False) -> bool:
    """An author-ish start and a year, with a name written surname first or a title
    marked by quotes, italics or the words of a container (In:, pp., vol.)."""
    text = ENTRY_LABEL.sub("", text, count=1)
    if not YEAR.search(text) or not AUTHORISH_START.match(text):
        return False
    if surname_first or INVERTED_NAME.match(text):
        return INVERTED_NAME.match(text) is not None
    return bool(TITLE_MARKS.search(text) or text.count(". ") >= 2)


def _region_end(blocks: Sequence[Block], heading: int) -> int:
    level = blocks[heading].heading_level
    for index in range(heading + 1, len(blocks)):
        block = blocks[index]
        if block.heading_level is None:
            continue
        if level is None or block.heading_level <= level:
            return index
    return len(blocks)


def _entries(blocks: Sequence[Block]) -> list[_Entry]:
    entries: list[_Entry] = []
    current: _Entry | None = None
    previous_number = 0

    def close() -> None:
        nonlocal current
        if current is not None and any(part for part in current.parts):
            entries.append(current)
        current = None

    paragraphs = _blank_separated(blocks)
    for block in blocks:
        raw = block.text.rstrip()
        if block.heading_level is not None or not raw.strip():
            close()
            continue
        number, text, labelled = _label(raw, previous_number)
        indent = len(raw) - len(raw.lstrip())
        whole = block.list_item or block.paragraph
        starts = whole or labelled
        if current is not None and not starts and _continues(current, indent, text, paragraphs):
            current.parts.append(text)
            continue
        close()
        current = _Entry(block.line, number, indent, [text])
        if number is not None:
            previous_number = number
        if whole:
            close()
    close()
    return entries


def _label(raw: str, previous: int) -> tuple[int | None, str, bool]:
    """(printed number or None, text without its number or bullet, whether a number
    or a bullet was found)."""
    match = ENTRY_LABEL.match(raw)
    if match is None:
        return None, raw.strip(), False
    written = next((group for group in match.groups() if group), None)
    if written is not None and not 0 < int(written) <= previous + MAX_NUMBER_JUMP:
        return None, raw.strip(), False
    return (int(written) if written else None), raw[match.end() :].strip(), True


def _blank_separated(blocks: Sequence[Block]) -> bool:
    """Whether blank lines separate the entries: a blank line between two text lines."""
    texts = [bool(block.text.strip()) for block in blocks]
    first = texts.index(True) if True in texts else 0
    last = len(texts) - texts[::-1].index(True) if True in texts else 0
    return not all(texts[first:last])


def _continues(entry: _Entry, indent: int, text: str, paragraphs: bool) -> bool:
    """Whether a line without a number of its own continues `entry`.

    Where blank lines separate the entries, a line continues unless it reads as a
    reference of its own after a line that can end one; where they do not, it also
    needs the line before to leave the reference open.
    """
    if indent > entry.indent:
        return True  # a hanging indent
    if entry.number is not None:
        return True  # numbered entries: only a new number starts one
    open_end = OPEN_END.search(entry.last) is not None or not ENDS_ENTRY.search(entry.last)
    if paragraphs:
        return open_end or not looks_like_reference(text)
    return open_end and not looks_like_reference(text)


def _text(entry: _Entry) -> str:
    return squash_spaces("\n".join(entry.parts))


def _section(label: str, line: int, entries: list[_Entry]) -> Section:
    numbers = [entry.number for entry in entries]
    printed = all(number is not None for number in numbers) and len(set(numbers)) == len(numbers)
    notes = []
    for position, entry in enumerate(entries, start=1):
        number = entry.number if printed and entry.number is not None else position
        notes.append(Note(label, str(number), number, _text(entry), entry.line))
    return Section(label, tuple(notes), line, kind="references")
