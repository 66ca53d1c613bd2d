"""BibTeX files: a moved link's `url` (and `urldate`) updated, a dead one's archived copy
added to its `note`; every other character of the file, keys included, stays as it was.

The file is edited where its fields are written, not parsed and written out again, so
fields, comments, spacing and `@string`s nobody asked about cannot change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from citecheck.fix.edits import ArchivedMode, Edit, applied
from citecheck.fix.plan import Fixes, Rewrite
from citecheck.fix.textfile import decoded, rewritten
from citecheck.readers.source import Source

_ENTRY = re.compile(r"@\s*(\w+)\s*[{(]")
_NAME = re.compile(r"\s*([^\s=,{}()\"#]+)\s*=\s*")
_BARE = re.compile(r"[^\s,#{}()\"]+")
_NOT_ENTRIES = {"comment", "string", "preamble"}
#: Characters `\url{…}` needs escaped inside another field's argument (url.sty).
_URL_SPECIALS = {"%": r"\%", "#": r"\#"}


@dataclass(frozen=True)
class Field:
    name: str
    start: int  #: where the field's name starts
    value_start: int
    value_end: int

    def inner(self, text: str) -> tuple[int, int]:
        """The span of the value without its outer braces or quotes."""
        raw = text[self.value_start : self.value_end]
        if len(raw) >= 2 and raw[0] + raw[-1] in ("{}", '""'):
            return self.value_start + 1, self.value_end - 1
        return self.value_start, self.value_end


@dataclass(frozen=True)
class Entry:
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name.lower() == name), None)


def entries(text: str) -> Iterator[Entry]:
    """Every well-formed entry of `text` with where its fields are; an entry the scan
    cannot follow is left out (and so left alone)."""
    at = 0
    while (match := _ENTRY.search(text, at)) is not None:
        at = match.end()
        if match.group(1).lower() in _NOT_ENTRIES:
            continue
        comma = text.find(",", at)
        if comma == -1:
            return
        scanned = _fields(text, comma + 1)
        if scanned is not None:
            fields, at = scanned
            yield Entry(fields)


def _fields(text: str, at: int) -> tuple[tuple[Field, ...], int] | None:
    """(the fields from `at` to the entry's closing bracket, the position after it)."""
    fields = []
    while True:
        while at < len(text) and (text[at].isspace() or text[at] == ","):
            at += 1
        if at >= len(text):
            return None
        if text[at] in "})":
            return tuple(fields), at + 1
        name = _NAME.match(text, at)
        if name is None:
            return None
        end = _value_end(text, name.end())
        if end is None:
            return None
        fields.append(Field(name.group(1), at, name.end(), end))
        at = end


def _value_end(text: str, at: int) -> int | None:
    """The end of a value (`{…}`, `"…"`, a number or macro, joined by `#`)."""
    while True:
        if text.startswith("{", at):
            end = _balanced(text, at + 1, "}")
        elif text.startswith('"', at):
            end = _balanced(text, at + 1, '"')
        else:
            bare = _BARE.match(text, at)
            end = bare.end() if bare else None
        if end is None:
            return None
        following = re.compile(r"\s*#\s*").match(text, end)
        if following is None:
            return end
        at = following.end()


def _balanced(text: str, at: int, closer: str) -> int | None:
    depth, index = 0, at
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == closer and depth == 0:
            return index + 1
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        index += 1
    return None


def latex_url(url: str) -> str:
    return "\\url{" + "".join(_URL_SPECIALS.get(char, char) for char in url) + "}"


def fixed_bibtex(source: Source, fixes: Fixes, mode: ArchivedMode) -> Rewrite:
    """Each entry whose `url` is moved gets the new one and a `urldate` of the day the
    check saw it (today if unknown); each whose `url` is dead gets "Archived at
    \\url{…}" in its `note` (or, with `mode` "replace", the archived copy as its `url`)."""
    text, encoding = decoded(source)
    today = datetime.now(UTC).date().isoformat()
    edits: list[Edit] = []
    for entry in entries(text):
        url = entry.field("url")
        if url is None:
            continue
        start, end = url.inner(text)
        fix = fixes.get(text[start:end])
        if fix is None:
            continue
        if fix.kind == "moved" or mode == "replace":
            edits.append(Edit(start, end, fix.target))
            seen = _day(fix.timestamp) or fix.observed or today
            edits += _set_field(text, entry, "urldate", seen)
        else:
            edits += _add_to_note(text, entry, f"Archived at {latex_url(fix.target)}")
    return rewritten(source, text, applied(text, edits), encoding)


def _day(timestamp: str | None) -> str | None:
    """A Wayback timestamp's day as an ISO date (the day the archived copy shows)."""
    if timestamp is None or len(timestamp) < 8:
        return None
    return f"{timestamp[:4]}-{timestamp[4:6]}-{timestamp[6:8]}"


def _set_field(text: str, entry: Entry, name: str, value: str) -> list[Edit]:
    existing = entry.field(name)
    if existing is not None:
        start, end = existing.inner(text)
        return [] if text[start:end] == value else [Edit(start, end, value)]
    return [_new_field(text, entry, name, value)]


def _add_to_note(text: str, entry: Entry, addition: str) -> list[Edit]:
    note = entry.field("note")
    if note is None:
        return [_new_field(text, entry, "note", addition)]
    start, end = note.inner(text)
    if addition in text[start:end]:
        return []
    if text[note.value_start] not in '{"':  # a macro: keep it, joined to the addition
        return [Edit(note.value_end, note.value_end, f" # {{. {addition}}}")]
    current = text[start:end].rstrip()
    joiner = " " if not current or current.endswith((".", "!", "?")) else ". "
    return [Edit(start + len(current), end, joiner + addition)]


def _new_field(text: str, entry: Entry, name: str, value: str) -> Edit:
    """A field written after the entry's last one, indented like it."""
    last = entry.fields[-1]
    line_start = text.rfind("\n", 0, last.start) + 1
    indent = text[line_start : last.start]
    indent = indent if indent.isspace() else " "
    separator = f",\n{indent}" if indent != " " else ", "
    return Edit(last.value_end, last.value_end, f"{separator}{name} = {{{value}}}")
